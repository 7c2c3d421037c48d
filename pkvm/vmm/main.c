// SPDX-License-Identifier: GPL-2.0
/*
 * vmm: boot a Linux kernel as a pKVM protected VM with a console and a
 * virtio block device, and report whether the host was ever refused a page
 * the device had to reach.
 *
 * Exit codes: 0 the guest powered off or reset; 1 set-up or run error;
 * 2 bad arguments; 3 the VMM touched a guest page the guest had not shared
 * (see fault.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "vmm.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: vmm --kernel IMAGE --initrd CPIO --dtb DTB --disk FILE\n"
		"           [--pool BASE,SIZE] [--no-access-platform]\n"
		"  guest memory: 0x%lx+%lu MiB; kernel at 0x%lx, initrd at 0x%lx, dtb at 0x%lx\n",
		GUEST_RAM_BASE, GUEST_RAM_SIZE >> 20, GUEST_KERNEL, GUEST_INITRD,
		GUEST_DTB);
	exit(2);
}

/* Copy FILE into guest memory at GPA, at most MAX bytes. */
static int load(struct vm *vm, const char *file, uint64_t gpa, uint64_t max)
{
	uint8_t *dst = guest_ptr(vm, gpa, max);
	int fd = open(file, O_RDONLY);
	struct stat st;
	ssize_t n = 0, r;

	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "vmm: %s: %s\n", file, strerror(errno));
		return -1;
	}
	if (!dst || st.st_size > (off_t)max) {
		fprintf(stderr, "vmm: %s: %lld bytes do not fit at 0x%llx (at most %llu)\n",
			file, (long long)st.st_size, (unsigned long long)gpa,
			(unsigned long long)max);
		return -1;
	}
	while (n < st.st_size && (r = read(fd, dst + n, st.st_size - n)) > 0)
		n += r;
	close(fd);
	if (n != st.st_size) {
		fprintf(stderr, "vmm: %s: short read\n", file);
		return -1;
	}
	return 0;
}

static bool mmio_in(uint64_t pa, uint64_t base, uint64_t size)
{
	return pa >= base && pa < base + size;
}

/* Run the vCPU until the guest powers off or resets. */
static int run(struct vm *vm)
{
	struct kvm_run *r = vm->run;
	unsigned long exits = 0;

	for (;;) {
		if (ioctl(vm->vcpu, KVM_RUN, 0) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "\nvmm: KVM_RUN: %s\n", strerror(errno));
			return 1;
		}
		exits++;
		switch (r->exit_reason) {
		case KVM_EXIT_MMIO: {
			uint64_t pa = r->mmio.phys_addr;

			if (mmio_in(pa, SERIAL_BASE, SERIAL_SIZE))
				serial_mmio(pa - SERIAL_BASE, r->mmio.is_write,
					    r->mmio.data);
			else if (mmio_in(pa, VIRTIO_BASE, VIRTIO_SIZE))
				blk_mmio(pa - VIRTIO_BASE, r->mmio.is_write,
					 r->mmio.data, r->mmio.len);
			else if (!r->mmio.is_write)
				memset(r->mmio.data, 0, sizeof(r->mmio.data));
			break;
		}
		case KVM_EXIT_SYSTEM_EVENT:
			printf("\nvmm: guest %s after %lu exits\n",
			       r->system_event.type == KVM_SYSTEM_EVENT_SHUTDOWN ?
			       "powered off" : "reset", exits);
			return 0;
		default:
			fprintf(stderr, "\nvmm: unexpected exit reason %u after %lu exits\n",
				r->exit_reason, exits);
			return 1;
		}
	}
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "dtb", required_argument, NULL, 'd' },
		{ "disk", required_argument, NULL, 'b' },
		{ "pool", required_argument, NULL, 'p' },
		{ "no-access-platform", no_argument, NULL, 'n' },
		{ }
	};
	const char *kernel = NULL, *initrd = NULL, *dtb = NULL, *disk = NULL;
	struct blk_options blk = { .access_platform = true };
	struct vm vm = { 0 };
	long pool_base, pool_size;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'k':
			kernel = optarg;
			break;
		case 'i':
			initrd = optarg;
			break;
		case 'd':
			dtb = optarg;
			break;
		case 'b':
			disk = optarg;
			break;
		case 'n':
			blk.access_platform = false;
			break;
		case 'p':
			if (sscanf(optarg, "%li,%li", &pool_base, &pool_size) != 2)
				usage();
			blk.pool_base = pool_base;
			blk.pool_size = pool_size;
			break;
		default:
			usage();
		}
	}
	if (!kernel || !initrd || !dtb || !disk || optind != argc)
		usage();

	setvbuf(stdout, NULL, _IOLBF, 0);
	blk.disk_fd = open(disk, O_RDWR);
	if (blk.disk_fd < 0) {
		fprintf(stderr, "vmm: %s: %s\n", disk, strerror(errno));
		return 1;
	}
	if (vm_create(&vm) ||
	    load(&vm, kernel, GUEST_KERNEL, GUEST_INITRD - GUEST_KERNEL) ||
	    load(&vm, initrd, GUEST_INITRD, GUEST_DTB - GUEST_INITRD) ||
	    load(&vm, dtb, GUEST_DTB, GUEST_RAM_BASE + GUEST_RAM_SIZE - GUEST_DTB) ||
	    vm_start(&vm, GUEST_KERNEL, GUEST_DTB))
		return 1;
	fault_init(&vm);
	blk_init(&vm, &blk);
	printf("vmm: protected VM created; %s virtio-blk%s\n", kernel,
	       blk.access_platform ? "" : " without VIRTIO_F_ACCESS_PLATFORM");
	fflush(stdout);

	ret = run(&vm);
	blk_report();
	/* Enforcement is on: the page the guest kernel starts with is private. */
	printf("vmm: guest kernel page 0x%lx is %s\n", GUEST_KERNEL,
	       guest_page_private(&vm, GUEST_KERNEL) ?
	       "private (the host is refused it)" : "READABLE BY THE HOST");
	fflush(stdout);
	return ret;
}
