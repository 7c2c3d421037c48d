// SPDX-License-Identifier: GPL-2.0
/*
 * init for 'make bench': load /dma_bench.ko, which measures while it
 * loads and prints its figures to the kernel log (the console), report how
 * loading ended and reboot (QEMU runs with -no-reboot, so that ends the
 * run).  The module refuses to stay loaded with EAGAIN once it is done.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	int fd, ret;

	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dma_bench.ko", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		printf("BENCH-RESULT FAIL open /dma_bench.ko: %s\n", strerror(errno));
	} else {
		ret = syscall(SYS_finit_module, fd, "", 0);
		if (ret && errno == EAGAIN)
			printf("BENCH-RESULT PASS\n");
		else
			printf("BENCH-RESULT FAIL finit_module: %s\n",
			       ret ? strerror(errno) : "module stayed loaded");
		close(fd);
	}
	fflush(stdout);
	reboot(RB_AUTOBOOT);
	return 0;
}
