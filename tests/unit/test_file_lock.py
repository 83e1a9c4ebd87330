"""The lock file of a SQLite database: who holds it, stale locks, and network drives."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from prospector.file_lock import FileLock, Holder, is_network, lock_path, mount_type, read_holder


def _foreign(database: Path, **fields: object) -> None:
    data = {"host": socket.gethostname(), "user": "anna", "pid": 0, "since": "2026-12-06T08:00:00"}
    data.update(fields)
    lock_path(database).write_text(json.dumps(data), encoding="utf-8")


def test_the_lock_names_this_computer_user_and_process_and_goes_on_release(
    tmp_path: Path,
) -> None:
    database = tmp_path / "firma.sqlite"
    lock = FileLock(database)
    assert lock.acquire() is None
    holder = read_holder(database)
    assert holder is not None
    assert (holder.host, holder.pid) == (socket.gethostname(), os.getpid())
    assert holder.since_time is not None
    assert lock.acquire() is None  # the same process again: still ours
    lock.release()
    assert not lock_path(database).exists()


def test_a_running_holder_is_named_and_nothing_is_changed(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _foreign(database, pid=other.pid)
        before = lock_path(database).read_bytes()
        holder = FileLock(database).acquire()
        assert holder == Holder(socket.gethostname(), "anna", other.pid, "2026-12-06T08:00:00")
        assert not holder.stale
        assert lock_path(database).read_bytes() == before
    finally:
        other.kill()
        other.wait()


def test_a_lock_of_an_ended_process_is_stale_and_can_be_taken_over(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    _foreign(database, pid=int(ended.stdout))
    lock = FileLock(database)
    holder = lock.acquire()
    assert holder is not None
    assert holder.stale
    assert lock.acquire(force=True) is None
    taken = read_holder(database)
    assert taken is not None
    assert taken.pid == os.getpid()


def test_another_computers_lock_is_never_called_stale(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    _foreign(database, host="laptop-vertrieb", pid=1)
    holder = FileLock(database).acquire()
    assert holder is not None
    assert not holder.here
    assert not holder.stale


def test_a_lock_cut_short_by_a_crash_counts_as_stale(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    lock_path(database).write_text('{"host": "x", "us', encoding="utf-8")
    holder = FileLock(database).acquire()
    assert holder is not None
    assert holder.stale


def test_releasing_leaves_a_lock_someone_took_over(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    lock = FileLock(database)
    lock.acquire()
    _foreign(database, host="laptop-vertrieb", pid=42)  # taken over from another computer
    lock.release()
    assert lock_path(database).exists()


MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
server:/export/vertrieb /mnt/vertrieb nfs4 rw,relatime 0 0
//nas/daten /home/anna/NAS\\040Daten cifs rw 0 0
/dev/sdb1 /mnt/vertrieb/lokal ext4 rw 0 0
"""


def test_the_file_system_of_a_path_is_the_longest_mount_that_holds_it() -> None:
    assert mount_type(Path("/home/anna/firma.sqlite"), MOUNTS) == "ext4"
    assert mount_type(Path("/mnt/vertrieb/firma.sqlite"), MOUNTS) == "nfs4"
    assert mount_type(Path("/home/anna/NAS Daten/firma.sqlite"), MOUNTS) == "cifs"
    assert mount_type(Path("/mnt/vertrieb/lokal/firma.sqlite"), MOUNTS) == "ext4"
    assert mount_type(Path("/mnt/vertriebsdaten/x.sqlite"), MOUNTS) == "ext4"


def test_network_file_systems_are_told_from_local_ones() -> None:
    for kind in ("nfs", "nfs4", "cifs", "smb3", "fuse.sshfs", "9p"):
        assert is_network(kind), kind
    for kind in ("ext4", "btrfs", "xfs", "tmpfs", "apfs", "ntfs", "fuse.ntfs-3g"):
        assert not is_network(kind), kind
