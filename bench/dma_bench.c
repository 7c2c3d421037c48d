// SPDX-License-Identifier: GPL-2.0
/*
 * Speed of dma-direct's coherent allocations, for 'make bench': time
 * dma_alloc_coherent()/dma_free_coherent() and dma_alloc_pages()/
 * dma_free_pages() pairs at a few sizes on three devices (coherent,
 * non-coherent, coherent with the restricted DMA pool of the
 * "/dma-direct-kunit" device tree node) and print one line per
 * combination and round:
 *
 *   dma-bench: <device> <api> <bytes> <ns per alloc+free pair>
 *
 * or "dma-bench: <device> <api> <bytes> n/a <why>" where the allocation
 * cannot be made.  It is built out of tree against the kernel measured, so
 * the same code times the base and the series.  Loading ends with -EAGAIN
 * on purpose: there is nothing to keep.
 */
#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/sizes.h>
#include <linux/swiotlb.h>

#define BENCH_POOL_NODE	"/dma-direct-kunit"

static unsigned int rounds = 5;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "times each combination is measured");

static unsigned int iterations = 64;
module_param(iterations, uint, 0444);
MODULE_PARM_DESC(iterations, "alloc+free pairs per measurement");

enum bench_api { BENCH_COHERENT, BENCH_PAGES };

static const char * const api_names[] = {
	[BENCH_COHERENT] = "coherent",
	[BENCH_PAGES] = "pages",
};

static const size_t sizes[] = { SZ_4K, SZ_64K, SZ_2M };

struct bench_dev {
	const char *name;
	bool coherent;
	bool pool;
	struct device *dev;
};

static struct bench_dev devs[] = {
	{ .name = "plain", .coherent = true },
	{ .name = "noncoherent", .coherent = false },
	{ .name = "pool", .coherent = true, .pool = true },
};

/* BENCH_DEV_FLAGS: Kbuild found the flags that 7.2 keeps coherency in. */
static void bench_set_coherent(struct device *dev, bool coherent)
{
#ifdef BENCH_DEV_FLAGS
	dev_assign_dma_coherent(dev, coherent);
#else
	dev->dma_coherent = coherent;
#endif
}

static int bench_dev_init(struct bench_dev *b)
{
	struct device_node *np;
	int ret;

	b->dev = root_device_register(b->name);
	if (IS_ERR(b->dev))
		return PTR_ERR(b->dev);
	b->dev->dma_mask = &b->dev->coherent_dma_mask;
	ret = dma_set_mask_and_coherent(b->dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;
	bench_set_coherent(b->dev, b->coherent);
	if (!b->pool)
		return 0;

	np = of_find_node_by_path(BENCH_POOL_NODE);
	if (!np)
		return -ENODEV;
	ret = of_reserved_mem_device_init_by_idx(b->dev, np, 0);
	of_node_put(np);
	return ret;
}

static void bench_dev_exit(struct bench_dev *b)
{
	if (IS_ERR_OR_NULL(b->dev))
		return;
	if (b->pool)
		of_reserved_mem_device_release(b->dev);
	root_device_unregister(b->dev);
}

/* One alloc+free pair; false if the allocation failed. */
static bool bench_one(struct device *dev, enum bench_api api, size_t size)
{
	dma_addr_t handle;
	struct page *page;
	void *cpu_addr;

	if (api == BENCH_PAGES) {
		page = dma_alloc_pages(dev, size, &handle, DMA_BIDIRECTIONAL,
				       GFP_KERNEL);
		if (!page)
			return false;
		dma_free_pages(dev, size, page, handle, DMA_BIDIRECTIONAL);
		return true;
	}
	cpu_addr = dma_alloc_coherent(dev, size, &handle, GFP_KERNEL);
	if (!cpu_addr)
		return false;
	dma_free_coherent(dev, size, cpu_addr, handle);
	return true;
}

static void bench_measure(struct bench_dev *b, enum bench_api api, size_t size)
{
	unsigned int i;
	ktime_t start;
	u64 ns;

	/* the first pair warms the caches and the allocator */
	if (!bench_one(b->dev, api, size)) {
		if (b->pool && size > IO_TLB_SEGSIZE * IO_TLB_SIZE)
			pr_info("dma-bench: %s %s %zu n/a larger than one restricted pool allocation can be (%d KiB)\n",
				b->name, api_names[api], size,
				IO_TLB_SEGSIZE * IO_TLB_SIZE / SZ_1K);
		else
			pr_info("dma-bench: %s %s %zu n/a allocation fails\n",
				b->name, api_names[api], size);
		return;
	}
	start = ktime_get();
	for (i = 0; i < iterations; i++)
		bench_one(b->dev, api, size);
	ns = ktime_to_ns(ktime_sub(ktime_get(), start));
	pr_info("dma-bench: %s %s %zu %llu\n", b->name, api_names[api], size,
		div_u64(ns, iterations));
}

static int __init dma_bench_init(void)
{
	unsigned int r, d, s;
	enum bench_api api;
	int ret = 0;

	for (d = 0; d < ARRAY_SIZE(devs); d++) {
		ret = bench_dev_init(&devs[d]);
		if (ret) {
			pr_err("dma-bench: no %s device: %d\n", devs[d].name, ret);
			goto out;
		}
	}
	for (r = 0; r < rounds; r++)
		for (d = 0; d < ARRAY_SIZE(devs); d++)
			for (api = BENCH_COHERENT; api <= BENCH_PAGES; api++)
				for (s = 0; s < ARRAY_SIZE(sizes); s++)
					bench_measure(&devs[d], api, sizes[s]);
	pr_info("dma-bench: done\n");
	ret = -EAGAIN;
out:
	for (d = 0; d < ARRAY_SIZE(devs); d++)
		bench_dev_exit(&devs[d]);
	return ret;
}
module_init(dma_bench_init);

MODULE_DESCRIPTION("dma-direct coherent allocation benchmark");
MODULE_LICENSE("GPL");
