"""Whether a process of this machine still runs: stale lock and temporary files are told by it."""

from __future__ import annotations

import os
import sys


def is_running(pid: int) -> bool:
    """True while the process `pid` exists (also when it belongs to another user)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_is_running(pid)
    try:
        os.kill(pid, 0)  # signal 0 only asks
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_is_running(pid: int) -> bool:
    import ctypes

    # os.kill() would end the process on Windows; ask the kernel for its exit code instead.
    limited_query, still_active = 0x1000, 259
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(limited_query, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return False
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
