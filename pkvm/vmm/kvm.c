// SPDX-License-Identifier: GPL-2.0
/*
 * The protected VM: what KVM in a 7.2 host accepts for one.  Its memory slot
 * takes no flags, its interrupt controller must come from KVM_CREATE_DEVICE,
 * its vCPU asks for PSCI 0.2 and nothing else, and there is no firmware: the
 * VMM sets PC and X0 itself, as a boot loader would.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "vmm.h"

/* Newer than the cross toolchain's kernel headers. */
#ifndef KVM_VM_TYPE_ARM_PROTECTED
#define KVM_VM_TYPE_ARM_PROTECTED	(1UL << 31)
#endif

static int kvm_ioctl(int fd, unsigned long req, void *arg, const char *name)
{
	int ret = ioctl(fd, req, arg);

	if (ret < 0)
		fprintf(stderr, "vmm: %s: %s\n", name, strerror(errno));
	return ret;
}

static int vgic_attr(struct vm *vm, unsigned int group, uint64_t attr,
		     void *addr, const char *name)
{
	struct kvm_device_attr a = {
		.group	= group,
		.attr	= attr,
		.addr	= (uint64_t)addr,
	};

	return kvm_ioctl(vm->gic, KVM_SET_DEVICE_ATTR, &a, name);
}

static int set_core_reg(struct vm *vm, size_t offset, uint64_t value,
			const char *name)
{
	struct kvm_one_reg reg = {
		.id	= KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |
			  (offset / sizeof(uint32_t)),
		.addr	= (uint64_t)&value,
	};

	return kvm_ioctl(vm->vcpu, KVM_SET_ONE_REG, &reg, name);
}

static int create_vgic(struct vm *vm)
{
	struct kvm_create_device dev = { .type = KVM_DEV_TYPE_ARM_VGIC_V3 };
	uint64_t dist = GIC_DIST_BASE, redist = GIC_REDIST_BASE;

	if (kvm_ioctl(vm->fd, KVM_CREATE_DEVICE, &dev,
		      "KVM_CREATE_DEVICE(VGIC_V3)") < 0)
		return -1;
	vm->gic = dev.fd;
	if (vgic_attr(vm, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_DIST,
		      &dist, "vGIC distributor address") < 0 ||
	    vgic_attr(vm, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_REDIST,
		      &redist, "vGIC redistributor address") < 0)
		return -1;
	return 0;
}

/*
 * Create the VM, its memory and its vCPU.  The memory is only reserved here:
 * KVM donates each page to the guest when the guest first touches it, and
 * from then on the host can reach it only if the guest shares it.
 */
int vm_create(struct vm *vm)
{
	struct kvm_userspace_memory_region slot = {
		.guest_phys_addr	= GUEST_RAM_BASE,
		.memory_size		= GUEST_RAM_SIZE,
	};
	int size;

	vm->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm < 0) {
		perror("vmm: /dev/kvm");
		return -1;
	}
	vm->fd = ioctl(vm->kvm, KVM_CREATE_VM, KVM_VM_TYPE_ARM_PROTECTED);
	if (vm->fd < 0) {
		fprintf(stderr, "vmm: KVM_CREATE_VM(KVM_VM_TYPE_ARM_PROTECTED): %s%s\n",
			strerror(errno),
			errno == EINVAL ? " (is the host booted with kvm-arm.mode=protected?)" : "");
		return -1;
	}

	vm->ram = mmap(NULL, GUEST_RAM_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (vm->ram == MAP_FAILED) {
		perror("vmm: guest memory");
		return -1;
	}
	slot.userspace_addr = (uint64_t)vm->ram;
	if (kvm_ioctl(vm->fd, KVM_SET_USER_MEMORY_REGION, &slot,
		      "KVM_SET_USER_MEMORY_REGION") < 0)
		return -1;

	vm->vcpu = ioctl(vm->fd, KVM_CREATE_VCPU, 0);
	if (vm->vcpu < 0) {
		perror("vmm: KVM_CREATE_VCPU");
		return -1;
	}
	size = ioctl(vm->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < 0) {
		perror("vmm: KVM_GET_VCPU_MMAP_SIZE");
		return -1;
	}
	vm->run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
		       vm->vcpu, 0);
	if (vm->run == MAP_FAILED) {
		perror("vmm: kvm_run");
		return -1;
	}
	return create_vgic(vm);
}

/* Initialise the vCPU and the vGIC, then point the vCPU at the kernel. */
int vm_start(struct vm *vm, uint64_t pc, uint64_t x0)
{
	struct kvm_vcpu_init init;

	memset(&init, 0, sizeof(init));
	if (kvm_ioctl(vm->fd, KVM_ARM_PREFERRED_TARGET, &init,
		      "KVM_ARM_PREFERRED_TARGET") < 0)
		return -1;
	/* The hypervisor masks PMU, SVE and nested virt for protected VMs. */
	memset(init.features, 0, sizeof(init.features));
	init.features[0] = 1U << KVM_ARM_VCPU_PSCI_0_2;
	if (kvm_ioctl(vm->vcpu, KVM_ARM_VCPU_INIT, &init,
		      "KVM_ARM_VCPU_INIT(PSCI_0_2)") < 0)
		return -1;
	if (vgic_attr(vm, KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT,
		      NULL, "vGIC CTRL_INIT") < 0)
		return -1;
	if (set_core_reg(vm, offsetof(struct kvm_regs, regs.pc), pc, "set PC") < 0 ||
	    set_core_reg(vm, offsetof(struct kvm_regs, regs.regs[0]), x0, "set X0") < 0)
		return -1;
	return 0;
}

int vm_set_irq(struct vm *vm, unsigned int spi, bool level)
{
	struct kvm_irq_level irq = {
		.irq	= (KVM_ARM_IRQ_TYPE_SPI << KVM_ARM_IRQ_TYPE_SHIFT) |
			  (spi + 32),
		.level	= level,
	};

	return kvm_ioctl(vm->fd, KVM_IRQ_LINE, &irq, "KVM_IRQ_LINE");
}
