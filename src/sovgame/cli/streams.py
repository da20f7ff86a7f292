"""What the command line does so that writing its output never ends in a traceback.

- **Encodings that cannot show sovgame's symbols** (``PYTHONIOENCODING=ascii``, ``LC_ALL=C``
  with ``PYTHONUTF8=0``, Latin-1 terminals): standard output and error keep their encoding
  and write each symbol they lack in plain letters (``κ`` as ``kappa``, ``≥`` as ``>=``, box
  lines as ``-``, ``|`` and ``+``; anything else as a ``\\u`` escape), and JSON is written
  with ``\\u`` escapes, which every JSON reader turns back into the same text.
- **Output that cannot be written** (a full disk, ``/dev/full``, a closed pipe): a message on
  standard error and exit code 1 (a closed pipe, as with ``| head``, exits quietly).
- **A working folder that no longer exists** (deleted or moved from under the shell): a
  message saying so, exit code 1.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys

from ..present.plain import spell
from ..present.render import shows_symbols

#: The name of the codec error handler that writes symbols in plain letters.
PLAIN = "sovgame-plain"


def _plain(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the characters a stream cannot encode, in plain ASCII."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(spell(c) for c in text), error.end


codecs.register_error(PLAIN, _plain)


def spell_out_symbols() -> None:
    """Standard output and error write symbols they cannot encode in plain letters."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not shows_symbols(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=PLAIN)


def output_failure(exc: OSError) -> str | None:
    """What to tell the user about an error writing the output or finding the working
    folder, or None if ``exc`` is neither."""
    try:
        os.getcwd()
    except FileNotFoundError:
        return "the current folder no longer exists (deleted or moved); change to a folder that exists and run it again"
    reasons = {
        errno.ENOSPC: "no space left on the device",
        errno.EDQUOT: "the disk quota is exhausted",
        errno.EFBIG: "the file is too large",
        errno.EIO: "an input/output error",
    }
    if exc.errno in reasons:
        return f"the output cannot be written ({reasons[exc.errno]})"
    return None
