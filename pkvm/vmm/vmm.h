/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal VMM for one pKVM protected VM: one vCPU, an 8250 console and a
 * virtio-mmio block device.  The guest's memory map below is also the one
 * scripts/pkvm.sh writes into the guest's device tree.
 */
#ifndef VMM_H
#define VMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GUEST_RAM_BASE		0x80000000UL
#define GUEST_RAM_SIZE		(128UL << 20)
#define GUEST_KERNEL		(GUEST_RAM_BASE + (2UL << 20))
#define GUEST_INITRD		(GUEST_RAM_BASE + (64UL << 20))
#define GUEST_DTB		(GUEST_RAM_BASE + (124UL << 20))

#define GIC_DIST_BASE		0x08000000UL
#define GIC_REDIST_BASE		0x080a0000UL
#define SERIAL_BASE		0x09000000UL
#define SERIAL_SIZE		0x1000UL
#define VIRTIO_BASE		0x0a000000UL
#define VIRTIO_SIZE		0x200UL
#define VIRTIO_SPI		16

struct kvm_run;

struct vm {
	int kvm;
	int fd;
	int vcpu;
	int gic;
	struct kvm_run *run;
	uint8_t *ram;
};

/* kvm.c: the protected VM and its vCPU */
int vm_create(struct vm *vm);
int vm_start(struct vm *vm, uint64_t pc, uint64_t x0);
int vm_set_irq(struct vm *vm, unsigned int spi, bool level);

/* fault.c: guest memory the VMM may touch, and what happens if it may not */
void *guest_ptr(struct vm *vm, uint64_t gpa, uint64_t len);
void fault_init(struct vm *vm);
void fault_context(const char *what, uint64_t gpa);
bool guest_page_private(struct vm *vm, uint64_t gpa);

/* serial.c: an 8250 without interrupts, transmit only */
void serial_mmio(uint64_t offset, bool is_write, uint8_t *data);

/* virtio_blk.c: a virtio-mmio (version 2) block device */
struct blk_options {
	int disk_fd;
	bool access_platform;
	uint64_t pool_base;
	uint64_t pool_size;
};
void blk_init(struct vm *vm, const struct blk_options *opts);
void blk_mmio(uint64_t offset, bool is_write, uint8_t *data, unsigned int len);
void blk_report(void);

#endif /* VMM_H */
