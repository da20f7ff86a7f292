"""Start-up imports only what a command needs: ``sovgame --version`` (the console script,
:func:`sovgame.__main__.main`) builds no command line
(no typer, no rich, no numpy) and still reads the version from the package's metadata;
``--help`` needs no numpy."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

import sovgame


def _run(argv: list[str]) -> tuple[str, list[str]]:
    """What ``sovgame ARGV`` prints, and the top-level packages it imported."""
    script = (
        "import json, sys\n"
        f"sys.argv = ['sovgame', *{argv!r}]\n"
        "from sovgame.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


def test_version_reads_the_metadata_and_imports_no_command_line():
    out, modules = _run(["--version"])
    assert out == f"sovgame {version('sovgame')}\n"
    assert not {"typer", "click", "rich", "numpy"} & set(modules)


def test_version_attribute_is_the_metadata_version():
    assert sovgame.__version__ == version("sovgame")


def test_help_needs_no_numpy():
    out, modules = _run(["--help"])
    assert "solve" in out and "numpy" not in modules
