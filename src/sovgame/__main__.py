"""``python -m sovgame`` runs the command line."""

from .cli import main

main()
