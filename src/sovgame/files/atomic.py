"""Writing a user's files so that nothing of theirs is lost: the one writer of sovgame.

Every file sovgame writes — edits, new game files, conversions, reports and their charts,
plots, exported tables — goes through :func:`check_output` (before any work) and
:func:`write_atomically`:

- an existing file is replaced only with ``--force`` (``force=True``), and never when it is
  one of the files the command reads (the game, a game it extends), whatever its name;
- a folder, a device or a FIFO is never written over, and a missing folder, a full disk, a
  read-only place are clean errors that leave the old file as it was;
- the new text goes to a temporary file in the same folder (``.NAME.sovgame-PID-XXXX.tmp``),
  is flushed to disk and replaces the old file with one rename (atomic on POSIX file
  systems), so an interrupted write leaves the old file or the new one, never a mix. A
  temporary file stranded by a killed process (``kill -9``) is removed by the next write
  to the same name, once its process is gone;
- a symbolic link is written through to its target; the file keeps its permissions and
  owner, and a new file gets the permissions the umask allows (``0666 & ~umask``). A file
  with several hard links, or one whose owner the rename could not keep, is rewritten in
  place so that every link sees the change (:func:`_write_in_place`): the file first grows
  at its end, where a full disk fails before any old byte is touched, and the old bytes are
  put back if writing the new ones fails. Unlike the rename, an in-place rewrite killed
  half-way (``kill -9``, a power cut) can leave a mix of old and new.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import SovgameError
from .reading import describe_kind, is_input

#: What marks a temporary file as sovgame's: ``.NAME`` + this + ``PID-XXXX.tmp``.
TEMP_MARK = ".sovgame-"
#: How long :func:`locked` waits for another sovgame process to finish with a file.
LOCK_TIMEOUT = 30.0
#: Temporary files of the form older versions wrote (``.NAME.XXXXXXXX.tmp``) are removed
#: once they are this old (seconds); no write takes that long.
OLD_TEMP_AGE = 3600.0


def check_output(path: str | os.PathLike, force: bool = False, parameter: str = "force") -> Path:
    """The file to write for ``path`` (through a symbolic link, its target), checked before
    any work is done; raises :class:`SovgameError` saying why it cannot be written.

    Refused: a folder; a device, FIFO or socket; a file this command reads (even with
    ``force``); an existing file without ``force``; a missing folder. The message names the
    caller's ``parameter`` that allows overwriting (the command line shows ``--force``).
    """
    path = Path(path)
    if path.is_dir():
        raise SovgameError(f"{path}: is a folder; name the file to write")
    real = Path(os.path.realpath(path))
    try:
        info = os.stat(real)
    except OSError:
        info = None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise SovgameError(f"{path}: is {describe_kind(info.st_mode)}; sovgame writes regular files only")
        if is_input(real):
            raise SovgameError(
                f"{path}: is a file this command reads; choose another name ({{{{{parameter}}}}} does not overwrite an input)"
            )
        if not force:
            raise SovgameError(f"{path} exists; choose another name or pass {{{{{parameter}=True}}}} to overwrite it")
    if not real.parent.is_dir():
        raise SovgameError(f"{real.parent}: no such folder")
    return real


def write_atomically(path: str | os.PathLike, data: str | bytes, expected: os.stat_result | None = None) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` so that a crash leaves either the old or the
    new file (module docstring).

    ``expected`` is the ``stat`` of the file when it was read: if the file has changed since
    (another program wrote it), nothing is written and :class:`SovgameError` says so.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(os.path.realpath(path))
    remove_stale_temps(target)
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _write_error(target, exc) from None
    if existing is not None and existing.st_nlink > 1:
        # A copy beside the file would hold the disk space the file itself needs to grow.
        _rewrite_in_place(target, payload, expected)
        return
    temp = _write_temp(target, payload, existing)
    try:
        if expected is not None:
            _check_unchanged(target, expected)
        if existing is not None and not _same_owner(temp, existing):
            os.unlink(temp)  # its space is the file's to grow into
            _write_in_place(target, payload)
        else:
            os.replace(temp, target)
    except BaseException as exc:
        _unlink_quietly(temp)
        if isinstance(exc, OSError):
            raise _write_error(target, exc) from None
        raise


def _rewrite_in_place(target: Path, payload: bytes, expected: os.stat_result | None) -> None:
    """:func:`_write_in_place` with the checks and messages of :func:`write_atomically`."""
    try:
        if expected is not None:
            _check_unchanged(target, expected)
        _write_in_place(target, payload)
    except OSError as exc:
        raise _write_error(target, exc) from None


def _write_temp(target: Path, payload: bytes, existing: os.stat_result | None) -> str:
    """A complete copy of the new file beside ``target``, on disk, with the final mode."""
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}{TEMP_MARK}{os.getpid()}-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _write_error(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), existing.st_mode & 0o7777 if existing is not None else 0o666 & ~_umask())
            if existing is not None and (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(handle.fileno(), existing.st_uid, existing.st_gid)
                except PermissionError:
                    pass  # the file is then rewritten in place, which keeps its owner
    except BaseException as exc:
        _unlink_quietly(temp)
        if isinstance(exc, OSError):
            raise _write_error(target, exc) from None
        raise
    return temp


def _same_owner(temp: str, existing: os.stat_result) -> bool:
    info = os.stat(temp)
    return (info.st_uid, info.st_gid) == (existing.st_uid, existing.st_gid)


def _write_in_place(target: Path, payload: bytes) -> None:
    """Overwrite ``target``'s own inode (hard links and owner stay) so that a failure leaves
    the old bytes: the new tail is written past the old end first (a full disk fails there,
    before any old byte is touched; the file is cut back to its old length), then the head
    is overwritten, which needs no new space on a file system that writes in place; if that
    fails all the same, the old head is written back."""
    fd = os.open(target, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    try:
        old = _read_all(fd)
        head = min(len(old), len(payload))
        try:
            _write_at(fd, payload[head:], len(old))
            _write_at(fd, payload[:head], 0)
            os.ftruncate(fd, len(payload))
            os.fsync(fd)
        except BaseException:
            _write_at(fd, old, 0)  # into blocks the file already holds
            os.ftruncate(fd, len(old))
            os.fsync(fd)
            raise
    finally:
        os.close(fd)


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    offset = 0
    while chunk := os.pread(fd, 1 << 20, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _write_at(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        written = os.pwrite(fd, view, offset)
        view, offset = view[written:], offset + written


def _check_unchanged(target: Path, expected: os.stat_result) -> None:
    try:
        now = os.stat(target)
    except OSError:
        now = None
    if now is None or (now.st_ino, now.st_size, now.st_mtime_ns) != (
        expected.st_ino,
        expected.st_size,
        expected.st_mtime_ns,
    ):
        raise SovgameError(
            f"{target}: changed since sovgame read it (another program wrote it); nothing was written. "
            "Run the command again on the new version."
        )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "the folder no longer exists",
    errno.EISDIR: "it is a folder",
}


def _write_error(target: Path, exc: OSError) -> SovgameError:
    """A failed write as a message: what happened, and that the old file is untouched."""
    reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return SovgameError(f"{target}: cannot be written ({reason}); nothing was changed")


# --- stale temporary files ---------------------------------------------------------------------

_OURS = re.compile(r"\.(?P<name>.+)" + re.escape(TEMP_MARK) + r"(?P<pid>\d+)-[A-Za-z0-9_]+\.tmp")
_OLD = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove temporary files that a killed sovgame process left beside ``target``: those of
    processes that no longer run, and those in the form older versions wrote once they are
    an hour old. Returns the files removed."""
    removed: list[Path] = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        if not (name.startswith(f".{target.name}.") and name.endswith(".tmp")):
            continue
        ours, old = _OURS.fullmatch(name), _OLD.fullmatch(name)
        path = target.parent / name
        try:
            if ours and ours["name"] == target.name:
                stale = not _running(int(ours["pid"]))
            elif old and old["name"] == target.name:
                stale = time.time() - os.lstat(path).st_mtime > OLD_TEMP_AGE
            else:
                continue
            if stale and stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
                removed.append(path)
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


# --- one editor at a time ---------------------------------------------------------------------


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[int]:
    """An exclusive lock (``flock``) on the file at ``path`` for the block; yields a file
    descriptor open for reading on the locked file.

    Another sovgame process editing the file holds the lock until it has replaced the file;
    the file then found at ``path`` is a new one, so it is locked again (and read afresh).
    """
    import fcntl  # POSIX only, like the rest of this module's guarantees

    deadline = time.monotonic() + timeout
    while True:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise SovgameError(f"{path}: is {describe_kind(os.fstat(fd).st_mode)}, not a game file")
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise SovgameError(
                            f"{path}: another sovgame process is editing it; try again when it is done"
                        ) from None
                    time.sleep(0.02)
            now, held = os.stat(path), os.fstat(fd)
            if (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # replaced while we waited: lock the new file
    try:
        yield fd
    finally:
        os.close(fd)
