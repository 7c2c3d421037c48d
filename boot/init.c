// SPDX-License-Identifier: GPL-2.0
/*
 * init for the boot tests: write a known pattern across the virtio disk
 * with O_DIRECT (so every byte goes through DMA), read it back and verify
 * it, first in one stream and then from several threads at once with large
 * requests; report the swiotlb/restricted pool counters from debugfs before
 * and after; print one machine-readable result line; reboot (QEMU runs with
 * -no-reboot, so that ends the run).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#define DISK		"/dev/vda"
#define CHUNK		(1024 * 1024)
#define THREADS		8
#define STRESS_PASSES	4

static uint64_t disk_size;
static int errors;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void fail(const char *what, long long where)
{
	pthread_mutex_lock(&lock);
	if (errors++ < 10)
		printf("boot-test: %s at %lld: %s\n", what, where, strerror(errno));
	pthread_mutex_unlock(&lock);
}

/* The pattern for one 8-byte word: its offset, mixed with the pass. */
static uint64_t pattern(uint64_t offset, unsigned int pass)
{
	return (offset * 0x9e3779b97f4a7c15ULL) ^ ((uint64_t)pass << 56) ^ offset;
}

static void fill(uint64_t *buf, size_t len, uint64_t offset, unsigned int pass)
{
	for (size_t i = 0; i < len / 8; i++)
		buf[i] = pattern(offset + i * 8, pass);
}

static int check(const uint64_t *buf, size_t len, uint64_t offset, unsigned int pass)
{
	for (size_t i = 0; i < len / 8; i++)
		if (buf[i] != pattern(offset + i * 8, pass))
			return -1;
	return 0;
}

/* Write then verify chunks first..last-1 (every step-th one) of the disk. */
static void write_verify(int fd, uint64_t *buf, size_t len, unsigned int first,
			 unsigned int step, unsigned int pass)
{
	for (uint64_t off = (uint64_t)first * len; off + len <= disk_size;
	     off += (uint64_t)step * len) {
		fill(buf, len, off, pass);
		if (pwrite(fd, buf, len, off) != (ssize_t)len)
			fail("write", off);
	}
	for (uint64_t off = (uint64_t)first * len; off + len <= disk_size;
	     off += (uint64_t)step * len) {
		memset(buf, 0, len);
		if (pread(fd, buf, len, off) != (ssize_t)len)
			fail("read", off);
		else if (check(buf, len, off, pass))
			fail("data mismatch", off);
	}
}

static int open_disk(void)
{
	int fd = open(DISK, O_RDWR | O_DIRECT);

	if (fd < 0)
		fail("open " DISK, 0);
	return fd;
}

static void *stress_thread(void *arg)
{
	unsigned int id = (unsigned long)arg;
	uint64_t *buf;
	int fd = open_disk();

	if (fd < 0 || posix_memalign((void **)&buf, 4096, CHUNK))
		return NULL;
	for (unsigned int pass = 1; pass <= STRESS_PASSES; pass++)
		write_verify(fd, buf, CHUNK, id, THREADS, pass);
	free(buf);
	close(fd);
	return NULL;
}

/* Print every swiotlb pool's counters: "name used hiwater" each. */
static void pool_counters(const char *when)
{
	const char *roots[] = { "/sys/kernel/debug", "/sys/kernel/debug/swiotlb" };
	char path[512], value[64];

	for (unsigned int r = 0; r < 2; r++) {
		DIR *dir = opendir(roots[r]);
		struct dirent *d;

		while (dir && (d = readdir(dir))) {
			const char *files[] = { "io_tlb_used", "io_tlb_used_hiwater" };
			long counts[2] = { -1, -1 };

			if (d->d_name[0] == '.')
				continue;

			for (unsigned int f = 0; f < 2; f++) {
				FILE *fp;

				snprintf(path, sizeof(path), "%s/%s/%s", roots[r], d->d_name, files[f]);
				fp = fopen(path, "r");
				if (fp && fgets(value, sizeof(value), fp))
					counts[f] = atol(value);
				if (fp)
					fclose(fp);
			}
			if (counts[0] >= 0)
				printf("boot-test: pool %s %s used=%ld hiwater=%ld\n", when,
				       d->d_name, counts[0], counts[1]);
		}
		if (dir)
			closedir(dir);
	}
}

int main(void)
{
	pthread_t threads[THREADS];
	uint64_t *buf;
	int fd;

	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	pool_counters("before");
	fd = open_disk();
	if (fd >= 0 && ioctl(fd, BLKGETSIZE64, &disk_size))
		fail("BLKGETSIZE64", 0);
	if (fd >= 0 && disk_size && !posix_memalign((void **)&buf, 4096, CHUNK)) {
		/* one stream of 4 KiB requests, then one of 1 MiB requests */
		write_verify(fd, buf, 4096, 0, 1, 0);
		write_verify(fd, buf, CHUNK, 0, 1, 0);
		free(buf);
		close(fd);
		for (unsigned long i = 0; i < THREADS; i++)
			pthread_create(&threads[i], NULL, stress_thread, (void *)i);
		for (unsigned int i = 0; i < THREADS; i++)
			pthread_join(threads[i], NULL);
	}
	pool_counters("after");
	printf("BOOT-TEST-RESULT disk_bytes=%llu errors=%d %s\n",
	       (unsigned long long)disk_size, errors,
	       errors || !disk_size ? "FAIL" : "PASS");
	sync();
	/* A console without a transmit interrupt sends a tty write later. */
	tcdrain(STDOUT_FILENO);
	reboot(RB_AUTOBOOT);
	return 0;
}
