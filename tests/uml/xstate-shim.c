/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LD_PRELOAD shim for Debian's User-Mode Linux 6.1 on hosts whose CPUs have
 * large dynamic XSAVE state (AMX).  The host kernel accepts
 * PTRACE_SETREGSET(NT_X86_XSTATE) only with a buffer of the full XSAVE size,
 * while UML 6.1 passes its own smaller struct, gets EFAULT, and panics at
 * the first user process.  We read the full state, lay UML's part over it
 * (keeping the host's bits for the features UML does not know), and write
 * the full buffer back.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <cpuid.h>

static long (*real_ptrace)(int, pid_t, void *, void *);
static unsigned char full[65536];

long ptrace(enum __ptrace_request req, ...)
{
	va_list ap; va_start(ap, req);
	pid_t pid = va_arg(ap, pid_t); void *addr = va_arg(ap, void *); void *data = va_arg(ap, void *);
	va_end(ap);
	if (!real_ptrace) real_ptrace = (long (*)(int, pid_t, void *, void *))dlsym(RTLD_NEXT, "ptrace");
	if (req == PTRACE_SETREGSET && (uintptr_t)addr == NT_X86_XSTATE) {
		struct iovec *iov = data, f = { full, sizeof(full) };
		if (real_ptrace(PTRACE_GETREGSET, pid, addr, &f) == 0 && f.iov_len > iov->iov_len && iov->iov_len >= 576) {
			uint64_t covered = 3, ubv, fbv;
			for (unsigned i = 2; i < 63; i++) {
				unsigned a, b, c, d;
				__cpuid_count(0xd, i, a, b, c, d);
				if (a && b + a <= iov->iov_len) covered |= 1ull << i;
			}
			memcpy(&fbv, full + 512, 8); memcpy(&ubv, (char *)iov->iov_base + 512, 8);
			memcpy(full, iov->iov_base, iov->iov_len);
			fbv = (ubv & covered) | (fbv & ~covered);
			memcpy(full + 512, &fbv, 8);
			return real_ptrace(PTRACE_SETREGSET, pid, addr, &f);
		}
	}
	return real_ptrace(req, pid, addr, data);
}
