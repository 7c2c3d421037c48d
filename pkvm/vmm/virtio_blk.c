// SPDX-License-Identifier: GPL-2.0
/*
 * A virtio-mmio (version 2) block device with one split virtqueue, backed by
 * a file.  Requests are served synchronously when the guest notifies the
 * queue.  Every access to guest memory goes through the VMM's own mapping
 * with plain loads and stores, so touching a page the guest has not shared
 * faults (fault.c) instead of failing quietly in a system call.
 *
 * It offers VIRTIO_F_VERSION_1 and, unless told not to, VIRTIO_F_ACCESS_PLATFORM,
 * which makes the guest's virtio core use the DMA API for the rings and the
 * buffers: that is how they end up in memory the guest shared.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vmm.h"

#define VIRTIO_MAGIC		0x74726976	/* "virt" */
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_VENDOR		0x554d4551	/* "QEMU", as QEMU's devices say */
#define QUEUE_SIZE_MAX		128

/* Register offsets, virtio 1.x section 4.2.2. */
#define REG_MAGIC		0x000
#define REG_VERSION		0x004
#define REG_DEVICE_ID		0x008
#define REG_VENDOR_ID		0x00c
#define REG_DEVICE_FEATURES	0x010
#define REG_DEVICE_FEATURES_SEL	0x014
#define REG_DRIVER_FEATURES	0x020
#define REG_DRIVER_FEATURES_SEL	0x024
#define REG_QUEUE_SEL		0x030
#define REG_QUEUE_NUM_MAX	0x034
#define REG_QUEUE_NUM		0x038
#define REG_QUEUE_READY		0x044
#define REG_QUEUE_NOTIFY	0x050
#define REG_INTERRUPT_STATUS	0x060
#define REG_INTERRUPT_ACK	0x064
#define REG_STATUS		0x070
#define REG_QUEUE_DESC		0x080
#define REG_QUEUE_DRIVER	0x090
#define REG_QUEUE_DEVICE	0x0a0
#define REG_CONFIG_GENERATION	0x0fc
#define REG_CONFIG		0x100

#define STATUS_DRIVER_OK	0x04
#define STATUS_FAILED		0x80

/* Feature bits 32 and up: word 1 of the device features. */
#define F_VERSION_1		(1U << 0)
#define F_ACCESS_PLATFORM	(1U << 1)

#define DESC_F_NEXT		1
#define DESC_F_WRITE		2

#define BLK_T_IN		0
#define BLK_T_OUT		1
#define BLK_T_FLUSH		4
#define BLK_S_OK		0
#define BLK_S_IOERR		1
#define BLK_S_UNSUPP		2
#define SECTOR_SIZE		512

struct vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct blk_req_header {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

static struct {
	struct vm *vm;
	struct blk_options opts;
	uint64_t capacity;		/* in sectors */
	uint32_t status;
	uint32_t features_sel;
	uint32_t driver_features[2];
	uint32_t queue_sel;
	uint32_t queue_num;
	uint32_t queue_ready;
	uint64_t desc, avail, used;
	uint16_t last_avail;
	uint32_t interrupt_status;

	unsigned long requests, reads, writes, others, errors;
	unsigned long long bytes;
	unsigned long buffers_in_pool, buffers_outside;
	uint64_t first_outside;
} blk;

static bool in_pool(uint64_t gpa, uint64_t len)
{
	return blk.opts.pool_size && gpa >= blk.opts.pool_base &&
	       gpa + len <= blk.opts.pool_base + blk.opts.pool_size;
}

/* A pointer to LEN bytes of guest memory at GPA, for the access WHAT. */
static void *guest(const char *what, uint64_t gpa, uint64_t len)
{
	void *p = guest_ptr(blk.vm, gpa, len);

	if (!p)
		fprintf(stderr, "vmm: virtio-blk: %s at 0x%llx+0x%llx is outside guest memory\n",
			what, (unsigned long long)gpa, (unsigned long long)len);
	fault_context(what, gpa);
	return p;
}

/* Copy LEN bytes between the disk at OFFSET and the guest buffer at GPA. */
static int transfer(bool to_guest, uint64_t gpa, uint32_t len, uint64_t offset)
{
	static uint8_t bounce[1 << 20];
	uint8_t *buf = guest("data buffer", gpa, len);
	uint32_t done = 0;

	if (!buf)
		return -1;
	if (in_pool(gpa, len)) {
		blk.buffers_in_pool++;
	} else {
		if (!blk.buffers_outside++)
			blk.first_outside = gpa;
	}

	while (done < len) {
		uint32_t n = len - done < sizeof(bounce) ? len - done : sizeof(bounce);

		if (to_guest) {
			if (pread(blk.opts.disk_fd, bounce, n, offset + done) != n)
				return -1;
			memcpy(buf + done, bounce, n);
		} else {
			memcpy(bounce, buf + done, n);
			if (pwrite(blk.opts.disk_fd, bounce, n, offset + done) != n)
				return -1;
		}
		done += n;
	}
	blk.bytes += len;
	return 0;
}

/* Serve the request whose chain starts at HEAD; returns the bytes written. */
static uint32_t serve(uint16_t head)
{
	struct vring_desc *table = guest("reading the descriptor table", blk.desc,
					 blk.queue_num * sizeof(*table));
	struct blk_req_header hdr, *hp;
	struct vring_desc d;
	uint32_t written = 0;
	uint8_t status = BLK_S_OK, *sp;
	uint64_t offset;
	uint16_t i = head;

	if (!table || head >= blk.queue_num)
		return 0;
	d = table[i];
	hp = guest("reading a request header", d.addr, sizeof(hdr));
	if (!hp || d.len < sizeof(hdr) || !(d.flags & DESC_F_NEXT))
		return 0;
	hdr = *hp;
	offset = hdr.sector * SECTOR_SIZE;
	blk.requests++;

	for (;;) {
		fault_context("reading the descriptor table", blk.desc);
		i = table[i].next;
		if (i >= blk.queue_num)
			return 0;
		d = table[i];
		if (!(d.flags & DESC_F_NEXT))
			break;			/* the last one is the status byte */
		if (hdr.type != BLK_T_IN && hdr.type != BLK_T_OUT)
			continue;
		if (offset + d.len > blk.capacity * SECTOR_SIZE ||
		    transfer(hdr.type == BLK_T_IN, d.addr, d.len, offset)) {
			status = BLK_S_IOERR;
		} else {
			offset += d.len;
			if (hdr.type == BLK_T_IN)
				written += d.len;
		}
	}

	switch (hdr.type) {
	case BLK_T_IN:
		blk.reads++;
		break;
	case BLK_T_OUT:
		blk.writes++;
		break;
	case BLK_T_FLUSH:		/* every write is already in the file */
		blk.others++;
		break;
	default:
		blk.others++;
		status = BLK_S_UNSUPP;
	}
	if (status == BLK_S_IOERR)
		blk.errors++;

	sp = guest("writing a request's status", d.addr, 1);
	if (sp)
		*sp = status;
	return written + 1;
}

static void notify(void)
{
	uint16_t *avail = guest("reading the available ring", blk.avail,
				4 + 2 * blk.queue_num);
	uint32_t *used = guest("writing the used ring", blk.used,
			       4 + 8 * blk.queue_num);
	uint16_t avail_idx, used_idx;

	if (!blk.queue_ready || !blk.queue_num || !avail || !used)
		return;

	fault_context("reading the available ring", blk.avail);
	avail_idx = avail[1];
	while (blk.last_avail != avail_idx) {
		uint16_t head = avail[2 + blk.last_avail % blk.queue_num];
		uint32_t len = serve(head);

		fault_context("writing the used ring", blk.used);
		used_idx = ((uint16_t *)used)[1];
		used[1 + 2 * (used_idx % blk.queue_num)] = head;
		used[2 + 2 * (used_idx % blk.queue_num)] = len;
		__atomic_thread_fence(__ATOMIC_RELEASE);
		((uint16_t *)used)[1] = used_idx + 1;
		blk.last_avail++;
		fault_context("reading the available ring", blk.avail);
	}

	blk.interrupt_status |= 1;
	vm_set_irq(blk.vm, VIRTIO_SPI, true);
}

static void reset(void)
{
	blk.status = 0;
	blk.queue_ready = 0;
	blk.queue_num = 0;
	blk.desc = blk.avail = blk.used = 0;
	blk.last_avail = 0;
	blk.interrupt_status = 0;
	vm_set_irq(blk.vm, VIRTIO_SPI, false);
}

static uint32_t device_features(void)
{
	if (blk.features_sel != 1)
		return 0;
	return F_VERSION_1 | (blk.opts.access_platform ? F_ACCESS_PLATFORM : 0);
}

static uint32_t read_reg(uint64_t offset)
{
	switch (offset) {
	case REG_MAGIC:
		return VIRTIO_MAGIC;
	case REG_VERSION:
		return 2;
	case REG_DEVICE_ID:
		return VIRTIO_ID_BLOCK;
	case REG_VENDOR_ID:
		return VIRTIO_VENDOR;
	case REG_DEVICE_FEATURES:
		return device_features();
	case REG_QUEUE_NUM_MAX:
		return blk.queue_sel ? 0 : QUEUE_SIZE_MAX;
	case REG_QUEUE_READY:
		return blk.queue_ready;
	case REG_INTERRUPT_STATUS:
		return blk.interrupt_status;
	case REG_STATUS:
		return blk.status;
	case REG_CONFIG_GENERATION:
		return 0;
	case REG_CONFIG:
		return (uint32_t)blk.capacity;
	case REG_CONFIG + 4:
		return blk.capacity >> 32;
	}
	return 0;
}

static void set_low(uint64_t *reg, uint32_t v)
{
	*reg = (*reg & ~0xffffffffULL) | v;
}

static void set_high(uint64_t *reg, uint32_t v)
{
	*reg = (*reg & 0xffffffffULL) | ((uint64_t)v << 32);
}

static void write_status(uint32_t v)
{
	if (!v) {
		reset();
		return;
	}
	if ((v & STATUS_DRIVER_OK) && !(blk.status & STATUS_DRIVER_OK))
		printf("\nvmm: virtio-blk: driver ok, rings at desc=0x%llx avail=0x%llx used=0x%llx (%s the pool)\n",
		       (unsigned long long)blk.desc, (unsigned long long)blk.avail,
		       (unsigned long long)blk.used,
		       in_pool(blk.desc, 16) && in_pool(blk.avail, 4) &&
		       in_pool(blk.used, 4) ? "inside" : "outside");
	if ((v & STATUS_FAILED) && !(blk.status & STATUS_FAILED))
		printf("\nvmm: virtio-blk: the driver set FAILED\n");
	blk.status = v;
}

static void write_reg(uint64_t offset, uint32_t v)
{
	switch (offset) {
	case REG_DEVICE_FEATURES_SEL:
		blk.features_sel = v;
		break;
	case REG_DRIVER_FEATURES_SEL:
		blk.features_sel = v;
		break;
	case REG_DRIVER_FEATURES:
		if (blk.features_sel < 2)
			blk.driver_features[blk.features_sel] = v;
		break;
	case REG_QUEUE_SEL:
		blk.queue_sel = v;
		break;
	case REG_QUEUE_NUM:
		if (!blk.queue_sel && v <= QUEUE_SIZE_MAX)
			blk.queue_num = v;
		break;
	case REG_QUEUE_READY:
		if (!blk.queue_sel)
			blk.queue_ready = v & 1;
		break;
	case REG_QUEUE_NOTIFY:
		notify();
		break;
	case REG_INTERRUPT_ACK:
		blk.interrupt_status &= ~v;
		if (!blk.interrupt_status)
			vm_set_irq(blk.vm, VIRTIO_SPI, false);
		break;
	case REG_STATUS:
		write_status(v);
		break;
	case REG_QUEUE_DESC:
		set_low(&blk.desc, v);
		break;
	case REG_QUEUE_DESC + 4:
		set_high(&blk.desc, v);
		break;
	case REG_QUEUE_DRIVER:
		set_low(&blk.avail, v);
		break;
	case REG_QUEUE_DRIVER + 4:
		set_high(&blk.avail, v);
		break;
	case REG_QUEUE_DEVICE:
		set_low(&blk.used, v);
		break;
	case REG_QUEUE_DEVICE + 4:
		set_high(&blk.used, v);
		break;
	}
}

void blk_mmio(uint64_t offset, bool is_write, uint8_t *data, unsigned int len)
{
	uint32_t v = 0;

	if (is_write) {
		memcpy(&v, data, len < 4 ? len : 4);
		write_reg(offset, v);
		return;
	}
	v = read_reg(offset);
	memset(data, 0, 8);
	memcpy(data, &v, len < 4 ? len : 4);
}

void blk_init(struct vm *vm, const struct blk_options *opts)
{
	off_t size = lseek(opts->disk_fd, 0, SEEK_END);

	blk.vm = vm;
	blk.opts = *opts;
	blk.capacity = size > 0 ? size / SECTOR_SIZE : 0;
}

void blk_report(void)
{
	printf("vmm: virtio-blk: %lu requests (%lu reads, %lu writes, %lu other, %lu failed), %llu data bytes\n",
	       blk.requests, blk.reads, blk.writes, blk.others, blk.errors,
	       blk.bytes);
	if (!blk.opts.pool_size)
		return;
	printf("vmm: virtio-blk: data buffers: %lu inside the pool at 0x%llx+0x%llx, %lu outside",
	       blk.buffers_in_pool, (unsigned long long)blk.opts.pool_base,
	       (unsigned long long)blk.opts.pool_size, blk.buffers_outside);
	if (blk.buffers_outside)
		printf(" (the first at 0x%llx)", (unsigned long long)blk.first_outside);
	printf("\n");
}
