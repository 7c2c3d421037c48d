// SPDX-License-Identifier: GPL-2.0
/*
 * The VMM's view of guest memory.  In a protected VM every page the guest has
 * touched is the guest's: a load or store by the VMM to one the guest has not
 * shared faults (SIGSEGV, SEGV_ACCERR).  That fault is what the pKVM runs
 * observe, so the handler reports the guest physical address and what the
 * device was doing, then ends the VMM with exit code 3.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vmm.h"

#define EXIT_FAULT	3

static struct vm *fault_vm;
static const char *context = "outside any device access";
static uint64_t context_gpa;
/* Volatile: set and cleared around one load, which must see it set. */
static sigjmp_buf *volatile probe_jmp;

void *guest_ptr(struct vm *vm, uint64_t gpa, uint64_t len)
{
	if (gpa < GUEST_RAM_BASE || len > GUEST_RAM_SIZE ||
	    gpa - GUEST_RAM_BASE > GUEST_RAM_SIZE - len)
		return NULL;
	return vm->ram + (gpa - GUEST_RAM_BASE);
}

/* Say what the next guest memory access is for, for the fault report. */
void fault_context(const char *what, uint64_t gpa)
{
	context = what;
	context_gpa = gpa;
}

static void segv(int sig, siginfo_t *info, void *uctx)
{
	uint8_t *addr = info->si_addr;
	char msg[256];
	int len;

	if (probe_jmp)
		siglongjmp(*probe_jmp, 1);

	/* The fault is synchronous, in the VMM's own code: stdio is idle. */
	fflush(stdout);
	if (addr >= fault_vm->ram && addr < fault_vm->ram + GUEST_RAM_SIZE)
		len = snprintf(msg, sizeof(msg),
			       "\nvmm: FAULT gpa=0x%llx code=%s while %s at 0x%llx: the guest had not shared this page\n",
			       (unsigned long long)(GUEST_RAM_BASE + (addr - fault_vm->ram)),
			       info->si_code == SEGV_ACCERR ? "SEGV_ACCERR" : "SEGV_MAPERR",
			       context, (unsigned long long)context_gpa);
	else
		len = snprintf(msg, sizeof(msg),
			       "\nvmm: SIGSEGV at host address %p, outside guest memory, while %s\n",
			       addr, context);
	write(STDOUT_FILENO, msg, len);
	_exit(EXIT_FAULT);
}

void fault_init(struct vm *vm)
{
	struct sigaction sa = {
		.sa_sigaction	= segv,
		.sa_flags	= SA_SIGINFO | SA_NODEFER,
	};

	fault_vm = vm;
	sigaction(SIGSEGV, &sa, NULL);
}

/*
 * Whether the VMM is refused a guest page: used after the guest has stopped,
 * to show that enforcement is on (a page of the guest kernel must be).
 */
bool guest_page_private(struct vm *vm, uint64_t gpa)
{
	volatile uint8_t *p = guest_ptr(vm, gpa, 1);
	sigjmp_buf jmp;

	if (!p)
		return false;
	if (sigsetjmp(jmp, 1)) {
		probe_jmp = NULL;
		return true;
	}
	probe_jmp = &jmp;
	(void)*p;
	probe_jmp = NULL;
	return false;
}
