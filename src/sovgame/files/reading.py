"""Reading a user's files safely: regular files only, a size cap checked before reading,
standard input read once, and a record of what was read so no writer overwrites it.

Whatever a path names — a FIFO that would block forever, ``/dev/zero`` that never ends, a
folder, a socket — it is opened without blocking and looked at (``fstat``) before a byte is
read, and only a regular file of at most :data:`MAX_FILE_BYTES` is read. Standard input is
read once per process (``whatif -`` loads the game twice) and capped the same way.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..errors import SovgameError

#: The largest file sovgame reads (a game file, a ``.nfg`` file, standard input): 8 MiB.
#: A game file of that size holds a few hundred thousand outcomes, far more than any
#: computation of sovgame can take.
MAX_FILE_BYTES = 8 * 1024 * 1024

#: The files read by the current command, as (device, inode): writers refuse to overwrite them.
_INPUTS: ContextVar[set[tuple[int, int]] | None] = ContextVar("sovgame_inputs", default=None)
#: Standard input as read once: (the stream object it came from, its bytes).
_STDIN: list[tuple[object, bytes]] = []


def describe_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words ("a FIFO (named pipe)")."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size_text(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MiB" if count >= 1024 * 1024 else f"{count:,} bytes"


def _too_large(shown: str) -> SovgameError:
    return SovgameError(
        f"{shown}: larger than {_size_text(MAX_FILE_BYTES)}, the largest file sovgame reads; "
        "a game of that size is beyond every computation sovgame offers"
    )


def _open_error(path: str | os.PathLike, shown: str, kind: str, exc: OSError) -> SovgameError:
    if isinstance(exc, FileNotFoundError):
        return SovgameError(f"{shown}: no such file")
    if exc.errno == errno.ELOOP:
        return SovgameError(f"{shown}: a loop of symbolic links; point the link at a real {kind}")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = 0
    if mode and not stat.S_ISREG(mode):
        return SovgameError(f"{shown}: is {describe_kind(mode)}, not a {kind}")
    return SovgameError(f"{shown}: cannot be read ({exc.strerror or exc})")


def read_file_bytes(path: str | os.PathLike, kind: str, shown: str | None = None) -> bytes:
    """The bytes of a user's regular file, or a :class:`SovgameError` that says why not.

    The file is opened without blocking (a FIFO with no writer does not hang) and checked
    to be a regular file of at most :data:`MAX_FILE_BYTES` before it is read.
    """
    shown = str(path) if shown is None else shown
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _open_error(path, shown, kind, exc) from None
    try:
        return read_open_file(fd, shown, kind)
    finally:
        os.close(fd)


def read_open_file(fd: int, shown: str, kind: str) -> bytes:
    """The bytes of the open file ``fd`` from its start, if it is a regular file of at most
    :data:`MAX_FILE_BYTES`; recorded as an input of the current command."""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = describe_kind(info.st_mode)
            if stat.S_ISDIR(info.st_mode):
                raise SovgameError(f"{shown}: is a folder, not a {kind}")
            raise SovgameError(f"{shown}: is {what}, not a regular file; sovgame reads a {kind} from a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(shown)
        os.lseek(fd, 0, os.SEEK_SET)
        data = _read_at_most(fd, MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SovgameError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise _too_large(shown)
    record_input(info)
    return data


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, total = [], 0
    while total < limit:
        chunk = os.read(fd, min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_stdin() -> bytes:
    """Standard input, read once per process (later calls return the same bytes) and capped
    at :data:`MAX_FILE_BYTES` (``/dev/zero`` as standard input is refused, not read forever)."""
    stream = sys.stdin
    if _STDIN and _STDIN[0][0] is stream:
        return _STDIN[0][1]
    if stream is None:
        raise SovgameError("<stdin>: there is no standard input to read a game from")
    buffer = getattr(stream, "buffer", None)
    try:
        data = buffer.read(MAX_FILE_BYTES + 1) if buffer is not None else stream.read(MAX_FILE_BYTES + 1).encode()
    except OSError as exc:
        raise SovgameError(f"<stdin>: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_large("<stdin>")
    _STDIN[:] = [(stream, data)]
    return data


# --- what the current command has read -------------------------------------------------------


@contextmanager
def track_inputs() -> Iterator[set[tuple[int, int]]]:
    """Record every file read inside the block (joining an enclosing record, if any), so
    that writers can refuse to overwrite an input (:func:`is_input`)."""
    current = _INPUTS.get()
    if current is not None:
        yield current
        return
    token = _INPUTS.set(set())
    try:
        yield _INPUTS.get() or set()
    finally:
        _INPUTS.reset(token)


def record_input(info: os.stat_result) -> None:
    """Note a file just read (by its ``stat``) as an input of the current command."""
    inputs = _INPUTS.get()
    if inputs is not None:
        inputs.add((info.st_dev, info.st_ino))


def is_input(path: Path) -> bool:
    """Whether ``path`` (through any symlink or hard link) is a file the current command read."""
    inputs = _INPUTS.get()
    if not inputs:
        return False
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) in inputs
