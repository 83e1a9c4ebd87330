"""One user per SQLite file: a lock file naming who has it open, and network drives detected."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import logging
import os
import socket
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from prospector import processes

log = logging.getLogger(__name__)

SUFFIX = ".lock"
# File systems on which SQLite's locking cannot be trusted (its own advice: a database file
# is for one computer; a team shares a server).
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smbfs",
        "smb3",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "fuse.sshfs",
        "fuse.glusterfs",
        "davfs",
        "fuse.davfs2",
        "webdav",
        "afpfs",
        "ncpfs",
    }
)


@dataclass(frozen=True)
class Holder:
    """Who holds a database file open: their computer, user, process and since when."""

    host: str
    user: str
    pid: int
    since: str  # ISO 8601, local time

    @property
    def here(self) -> bool:
        return self.host == socket.gethostname()

    @property
    def stale(self) -> bool:
        """Certainly stale: on this computer, and its process has ended (a crash, a kill).
        A lock of another computer can't be told from here."""
        return self.here and not processes.is_running(self.pid)

    @property
    def since_time(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.since)
        except ValueError:
            return None


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


def me() -> Holder:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = "?"
    return Holder(
        host=socket.gethostname(),
        user=user,
        pid=os.getpid(),
        since=dt.datetime.now().replace(microsecond=0).isoformat(),
    )


def read_holder(database: Path) -> Holder | None:
    """Who the lock file names; None without a lock file. A lock file that cannot be read
    (cut short by a crash) names nobody on this computer: it counts as stale."""
    path = lock_path(database)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(
            host=str(data["host"]),
            user=str(data["user"]),
            pid=int(data["pid"]),
            since=str(data["since"]),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return Holder(host=socket.gethostname(), user="?", pid=0, since="")


class FileLock:
    """The lock file of one database, held while the application has it open."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path(database)
        self.holder = me()
        self.held = False

    def acquire(self, *, force: bool = False) -> Holder | None:
        """Take the lock; None when taken, else whoever holds it (nothing is changed then).
        `force` takes it from them: after the user was told and agreed."""
        text = json.dumps(asdict(self.holder), indent=2)
        flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
        try:
            fd = os.open(self.path, flags, 0o644)
        except FileExistsError:
            other = read_holder(self.database)
            if other is None:  # released meanwhile
                return self.acquire(force=force)
            if other.here and other.pid == self.holder.pid:
                self.held = True
                return None
            return other
        except OSError:
            # A folder where no lock file can be written (read-only media): SQLite's own
            # locks still keep two writers apart; only the name of the holder is missing.
            log.info("no lock file can be written beside %s", self.database.name)
            return None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        self.held = True
        if force:
            log.info("took over the lock of %s", self.database.name)
        return None

    def release(self) -> None:
        """Remove the lock file, if it is still ours (a user may have taken it over)."""
        if not self.held:
            return
        self.held = False
        current = read_holder(self.database)
        if current is not None and current.here and current.pid == self.holder.pid:
            with contextlib.suppress(OSError):
                self.path.unlink()


def mount_type(path: Path, mounts: str | None = None) -> str | None:
    """The file system type of the mount that holds `path` (Linux: from /proc/mounts)."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = str(path)
    best: tuple[int, str] | None = None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), parts[2])
    return best[1] if best else None


def network_drive(path: Path) -> str | None:
    """The kind of network drive the file lies on, None for a local disk (or unknown)."""
    if sys.platform == "win32":
        return _windows_network_drive(path)
    kind = mount_type(path.resolve())
    return kind if kind is not None and is_network(kind) else None


def is_network(kind: str) -> bool:
    return kind in NETWORK_FILESYSTEMS or kind.startswith(("fuse.sshfs", "nfs"))


def _windows_network_drive(path: Path) -> str | None:
    import ctypes

    text = str(path.resolve())
    if text.startswith("\\\\"):
        return "UNC"
    drive_remote = 4
    root = text[:3]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == drive_remote:
        return "SMB"
    return None
