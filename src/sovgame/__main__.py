"""``python -m sovgame`` and the ``sovgame`` console script: ``sovgame --version`` is answered
from the package's metadata at once; everything else goes to the command line
(:func:`sovgame.cli.main`), which imports typer and registers every command first."""


def main() -> None:
    """Run the command line; the version alone needs none of it."""
    import sys

    if sys.argv[1:] == ["--version"]:
        from . import __version__

        print(f"sovgame {__version__}")
        return
    from .cli import main as run

    run()


if __name__ == "__main__":
    main()
