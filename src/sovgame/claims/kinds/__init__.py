"""One module per kind of claim test: its dataclass, its reader, its grader and its words
(:mod:`sovgame.claims.registry` lists them)."""
