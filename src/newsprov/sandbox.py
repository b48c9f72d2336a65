"""Limits a query worker puts on itself before it reads a query: no network, bounded memory.

**No network.** Oxigraph answers SPARQL's SERVICE by calling the named endpoint over HTTP
itself. ``newsprov serve`` refuses the keyword before a query reaches a worker, and a worker
on a local store also makes the call impossible: :func:`no_network` installs a seccomp filter
(Linux, x86-64 and arm64) under which creating an IPv4 or IPv6 socket fails with "permission
denied", so a SERVICE that got past the check fails in the engine and no connection leaves the
machine. Unix sockets (how the worker talks to the server) and files are untouched. A filter
cannot be removed, which is why only worker processes install it. Where the kernel or the
machine has no seccomp, it returns False and the keyword check alone stands.

**Bounded memory.** :func:`cap_memory` sets the worker's address-space limit, so a query that
would grow without end (a large ORDER BY, a cross product) fails to allocate and the worker
ends; the server answers 503 and starts another.
"""
from __future__ import annotations

import ctypes
import errno
import platform
import resource
import socket
import struct
import sys

# the kernel's name for the architecture (AUDIT_ARCH_*) and its number for socket(2)
_ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198), "arm64": (0xC00000B7, 198)}
_LD_W_ABS, _JEQ_K, _RET_K = 0x20, 0x15, 0x06
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def no_network() -> bool:
    """Forbid this process (and its threads) to open IPv4 and IPv6 sockets. True if done."""
    if not sys.platform.startswith("linux") or platform.machine() not in _ARCHES:
        return False
    arch, socket_call = _ARCHES[platform.machine()]
    program = [
        (_LD_W_ABS, 0, 0, 4),                   # 0: the calling architecture
        (_JEQ_K, 0, 5, arch),                   # 1: another one: allow (7)
        (_LD_W_ABS, 0, 0, 0),                   # 2: the system call
        (_JEQ_K, 0, 3, socket_call),            # 3: not socket(2): allow (7)
        (_LD_W_ABS, 0, 0, 16),                  # 4: its first argument, the address family
        (_JEQ_K, 2, 0, socket.AF_INET),         # 5: IPv4: refuse (8)
        (_JEQ_K, 1, 0, socket.AF_INET6),        # 6: IPv6: refuse (8)
        (_RET_K, 0, 0, _ALLOW),                 # 7
        (_RET_K, 0, 0, _ERRNO | errno.EACCES),  # 8
    ]
    code = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *op) for op in program))
    fprog = _Program(len(program), ctypes.addressof(code))
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return False
        return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0
    except (OSError, AttributeError):
        return False


def cap_memory(megabytes: int) -> bool:
    """Limit this process's address space to ``megabytes`` MiB (never above a limit already
    set). True if done."""
    wanted = megabytes * 1024 * 1024
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        return True
    except (ValueError, OSError):
        return False


def address_space() -> int | None:
    """This process's address space in bytes, as the kernel counts it against the cap."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None
