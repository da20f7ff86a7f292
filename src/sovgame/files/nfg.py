"""Gambit interop: sovgame game files to and from Gambit's strategic-form ``.nfg`` format.

The format is documented in Gambit's manual, "Game representation formats" (the strategic
game ``.nfg`` file format, payoff version and outcome version; McKelvey, McLennan & Turocy,
*Gambit: Software Tools for Game Theory*, https://gambitproject.readthedocs.io), and this
module follows the reader of Gambit's own source (``src/games/file.cc``) where the manual is
silent. A file is a stream of whitespace-separated tokens: numbers, text in double quotes
(``\\"`` is a quote inside text), and braces::

    NFG 1 R "title" { "P1" "P2" }
    { { "s1" "s2" } { "t1" "t2" } }     # or { 2 2 }: strategy counts, labelled "1", "2", ...
    "optional comment"
    1 2  3 4  5 6  7 8                  # payoff version: one payoff per player per profile

    ... or, in the outcome version, an outcome list and one outcome number per profile:
    { { "label" 1, 2 } { "" 3, 4 } }
    1 2 2 0                             # 0 is the null outcome: every payoff 0

Profiles are listed with the FIRST player's strategy changing fastest (sovgame's own order
has the last player's changing fastest). Numbers are exact: integers, decimals (``0.1`` is one
tenth) and fractions (``3/2``) are all read into :class:`fractions.Fraction`, and written
back as integers or ``n/d``.

Only the players, strategies, payoffs, title and comment fit in a ``.nfg`` file;
:mod:`sovgame.files.convert` says what a conversion leaves out, and :class:`NfgImport` which
labels had to change to make a valid game file.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..core.case import Case
from ..core.model import Game, Player, Profile
from ..core.numbers import to_fraction
from ..errors import GameTooLargeError, SovgameError

NFG_VERSIONS = ("payoff", "outcome")
#: The largest game read from a .nfg file, in profiles (as for game files).
MAX_PROFILES = 2_000_000

# Gambit's lexer reads an integer, a decimal with an optional exponent, or a fraction n/d.
_NUMBER = re.compile(r"[+-]?(?:\d+/\d+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)", re.ASCII)
_PUNCTUATION = {"{": "'{'", "}": "'}'", ",": "','"}


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "text", "symbol", "{", "}", "," or "end"
    text: str  # as written; for "text" tokens the label with escapes undone
    line: int
    column: int

    def describe(self) -> str:
        """The token as an error message names it: "the end of the file", "the number 3"."""
        if self.kind == "end":
            return "the end of the file"
        if self.kind in _PUNCTUATION:
            return _PUNCTUATION[self.kind]
        if self.kind == "text":
            shown = self.text if len(self.text) <= 40 else self.text[:37] + "..."
            return f"the text {quote_label(shown)}"
        if self.kind == "number":
            return f"the number {self.text}"
        return repr(self.text)


def _tokens(text: str, origin: str) -> Iterator[_Token]:
    """Split ``.nfg`` text into tokens as Gambit's ``GameFileLexer`` does."""
    line, column, i = 1, 1, 0
    n = len(text)

    def advance(upto: int) -> None:
        """Move to index ``upto``, keeping the line and column up to date."""
        nonlocal line, column, i
        chunk = text[i:upto]
        newlines = chunk.count("\n")
        if newlines:
            line += newlines
            column = len(chunk) - chunk.rfind("\n")
        else:
            column += len(chunk)
        i = upto

    while True:
        while i < n and text[i].isspace():
            advance(i + 1)
        if i >= n:
            yield _Token("end", "", line, column)
            return
        char = text[i]
        start_line, start_column = line, column
        if char in _PUNCTUATION:
            advance(i + 1)
            yield _Token(char, char, start_line, start_column)
        elif char == '"':
            label, end = _read_label(text, i)
            if end is None:
                raise SovgameError(
                    f"{origin}: line {start_line}, column {start_column}: this text is never closed; "
                    'end it with a double quote (write \\" for a quote inside text)'
                )
            advance(end)
            yield _Token("text", label, start_line, start_column)
        else:
            end = i
            while end < n and not text[end].isspace() and text[end] not in '{}",':
                end += 1
            word = text[i:end]
            advance(end)
            yield _Token("number" if _NUMBER.fullmatch(word) else "symbol", word, start_line, start_column)


def _read_label(text: str, start: int) -> tuple[str, int | None]:
    """The label of the quoted text opening at ``start`` and the index just after it.

    Gambit writes a quote inside a label as ``\\"`` and a backslash as ``\\\\`` (it quotes
    with ``std::quoted``); any other backslash is kept as written.
    """
    out = []
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in '"\\':
            out.append(text[i + 1])
            i += 2
        elif char == '"':
            return "".join(out), i + 1
        else:
            out.append(char)
            i += 1
    return "".join(out), None


class _Parser:
    """A one-token-lookahead reader over :func:`_tokens` that names the token it rejects."""

    def __init__(self, text: str, origin: str):
        self.origin = origin
        self.stream = _tokens(text, origin)
        self.token = next(self.stream)

    def fail(self, expected: str, token: _Token | None = None) -> SovgameError:
        """The error for a token (default: the current one) where ``expected`` should be."""
        token = token or self.token
        return SovgameError(
            f"{self.origin}: line {token.line}, column {token.column}: expected {expected}, found {token.describe()}"
        )

    def take(self, kind: str, expected: str) -> _Token:
        """The current token if it is of ``kind`` (then move on); otherwise fail naming ``expected``."""
        if self.token.kind != kind:
            raise self.fail(expected)
        token = self.token
        if token.kind != "end":
            self.token = next(self.stream)
        return token

    def at(self, kind: str) -> bool:
        """Whether the current token is of ``kind``."""
        return self.token.kind == kind

    def number(self, expected: str) -> Fraction:
        """The next token as an exact number (integer, decimal or fraction)."""
        token = self.take("number", expected)
        try:
            return to_fraction(token.text)
        except ValueError as exc:
            raise SovgameError(f"{self.origin}: line {token.line}, column {token.column}: {exc}") from None

    def count(self, expected: str, lowest: int, highest: int | None = None) -> int:
        """The next token as a whole number in [lowest, highest]."""
        token = self.token
        value = self.number(expected)
        if value.denominator != 1 or value < lowest or (highest is not None and value > highest):
            raise self.fail(expected, token)
        return int(value)


@dataclass(frozen=True)
class NfgImport:
    """A ``.nfg`` file read as a sovgame game, with what did not carry over unchanged.

    ``version`` is ``"payoff"`` or ``"outcome"``; ``renamed`` lists labels changed to make a
    valid game file (empty or repeated labels, ``|`` in a label, surrounding spaces);
    ``left_out`` lists what the file holds that a game file does not (outcome labels).
    """

    case: Case
    version: str
    renamed: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()

    @property
    def game(self) -> Game:
        """The game read: players, strategies and exact payoffs."""
        return self.case.game


def read_nfg(text: str, origin: str = "<nfg>") -> NfgImport:
    """Parse a Gambit strategic-form ``.nfg`` file (payoff or outcome version).

    Parameters
    ----------
    text : the file's text
    origin : the file's name, used in error messages and as a fallback title

    Returns
    -------
    NfgImport
        The case (its game: players, strategies and exact payoffs, and the title; the file's
        comment as its description), the format version, and the labels that had to change.

    Raises
    ------
    SovgameError
        When the text is not a ``.nfg`` file; the message names the line, the column, what
        was expected there and the token found instead.

    Notes
    -----
    Labels are made valid the way Gambit 17 itself reads them (``NormalizeLabels`` in
    ``src/games/file.cc``): an empty or repeated label gets a suffix ``_1``, ``_2``, ...
    Before that, sovgame's own rules apply: surrounding spaces are dropped and ``|``, which
    joins the strategies of an outcome key, becomes ``/``.
    """
    parser = _Parser(text, origin)
    title, player_names = _header(parser, origin)
    strategies = _strategy_lists(parser, player_names)
    comment = parser.take("text", "").text if parser.at("text") else ""
    shape = tuple(len(s) for s in strategies)

    renamed: list[str] = []
    players = _valid_labels(player_names, "player", renamed)
    strategy_labels = [
        _valid_labels(labels, f"strategy of {name}", renamed) for name, labels in zip(players, strategies)
    ]
    game_players = tuple(Player(name, tuple(labels)) for name, labels in zip(players, strategy_labels))
    shell = Game(title="", players=game_players, payoffs=np.empty(0))

    left_out: list[str] = []
    if parser.at("{"):
        version = "outcome"
        flat = _outcome_body(parser, shell, left_out)
    elif parser.at("number"):
        version = "payoff"
        flat = _payoff_body(parser, shell)
    else:
        raise parser.fail("the payoffs (numbers) or the outcome list ('{')")
    parser.take("end", "the end of the file (every profile has its payoffs already)")

    payoffs = np.empty(shape + (len(players),), dtype=object)
    for profile, values in zip(gambit_profiles(shape), flat):
        payoffs[profile] = values
    if _without_controls(title) != title:
        renamed.append("control characters in the title are now U+FFFD")
        title = _without_controls(title)
    comment = _without_controls(comment, keep="\t\n\r")
    if not title.strip():
        # Gambit's own default title, unless the file's name says more.
        fallback = Path(origin).stem if origin.lower().endswith(".nfg") else "Untitled strategic game"
        renamed.append(f"the title is empty; the game is titled {quote_label(fallback)}")
        title = fallback
    case = Case(
        Game(title=title, players=game_players, payoffs=payoffs),
        description=comment if comment.strip() else None,
        origin=origin,
    )
    return NfgImport(case=case, version=version, renamed=tuple(renamed), left_out=tuple(left_out))


def _header(parser: _Parser, origin: str) -> tuple[str, list[str]]:
    """``NFG 1 R "title" { "P1" "P2" ... }``: the title and the players' names."""
    header = parser.token
    if header.kind == "symbol" and header.text == "EFG":
        raise SovgameError(
            f"{origin}: an extensive-form Gambit game (EFG); only strategic-form .nfg files (NFG 1 R ...) convert"
        )
    if header.kind != "symbol" or header.text != "NFG":
        raise parser.fail("'NFG' (a Gambit strategic-form file starts with NFG 1 R \"title\")")
    parser.take("symbol", "'NFG'")
    version_token = parser.token
    if parser.number("the format version 1 after NFG") != 1:
        raise parser.fail("the format version 1 after NFG (the only .nfg version)", version_token)
    if not (parser.at("symbol") and parser.token.text in ("R", "D")):
        raise parser.fail("R (or D) after NFG 1")
    parser.take("symbol", "R")
    title = parser.take("text", "the game's title in double quotes").text

    parser.take("{", "'{' opening the list of players")
    player_names = []
    while parser.at("text"):
        player_names.append(parser.take("text", "a player's name").text)
    closing = parser.take("}", "a player's name in double quotes, or '}' closing the list of players")
    if len(player_names) < 2:
        raise SovgameError(
            f"{origin}: line {closing.line}, column {closing.column}: the file has "
            f"{len(player_names)} player(s); a sovgame game needs two or more"
        )
    return title, player_names


def nfg_to_game(text: str, origin: str = "<nfg>") -> Game:
    """The sovgame :class:`~sovgame.core.model.Game` of a ``.nfg`` file's text (see :func:`read_nfg`)."""
    return read_nfg(text, origin).game


def _strategy_lists(parser: _Parser, players: list[str]) -> list[list[str]]:
    """``{ { "s1" "s2" } { "t1" } }`` (labels) or ``{ 2 1 }`` (counts), one entry per player."""
    parser.take("{", "'{' opening the strategies")
    lists: list[list[str]] = []
    if parser.at("{"):
        for name in players:
            parser.take("{", f"'{{' opening the strategies of {quote_label(name)}")
            labels = []
            while parser.at("text"):
                labels.append(parser.take("text", "a strategy").text)
            closing = parser.take("}", f"a strategy of {quote_label(name)} in double quotes, or '}}'")
            if not labels:
                raise SovgameError(
                    f"{parser.origin}: line {closing.line}, column {closing.column}: "
                    f"{quote_label(name)} has no strategies; a player needs at least one"
                )
            lists.append(labels)
        closing = parser.take(
            "}",
            f"'}}' closing the strategies: the file names {len(players)} players, "
            "so it needs one strategy list per player",
        )
        _check_size([len(labels) for labels in lists], parser.origin, closing)
    else:
        first = parser.token
        counts = [
            parser.count(f"the number of strategies of {quote_label(name)} (a positive integer)", 1) for name in players
        ]
        parser.take("}", f"'}}' closing the strategy counts: the file names {len(players)} players")
        # Checked before labels are made up for them: a typo here must not exhaust memory.
        _check_size(counts, parser.origin, first)
        # Gambit labels counted strategies "1", "2", ...
        lists = [[str(k) for k in range(1, count + 1)] for count in counts]
    return lists


def _check_size(counts: list[int], origin: str, token: _Token) -> None:
    """Refuse a game of more than :data:`MAX_PROFILES` profiles before reading its payoffs."""
    if math.prod(counts) > MAX_PROFILES:
        raise GameTooLargeError(
            f"{origin}: line {token.line}, column {token.column}: the strategy counts make "
            f"{math.prod(counts):,} profiles; sovgame reads games of up to {MAX_PROFILES:,}"
        )


def _payoff_body(parser: _Parser, shell: Game) -> list[tuple[Fraction, ...]]:
    """The payoff version's flat list: every player's payoff, profile after profile."""
    flat: list[tuple[Fraction, ...]] = []
    total = math.prod(shell.shape)
    for profile in gambit_profiles(shell.shape):
        flat.append(
            tuple(
                parser.number(
                    f"the payoff of {quote_label(player.name)} at {quote_label(shell.outcome_key(profile))} "
                    f"(profile {len(flat) + 1} of {total})"
                )
                for player in shell.players
            )
        )
    return flat


def _outcome_body(parser: _Parser, shell: Game, left_out: list[str]) -> list[tuple[Fraction, ...]]:
    """The outcome version: ``{ { "label" u1, u2 } ... }`` then one outcome number per profile."""
    parser.take("{", "'{' opening the list of outcomes")
    outcomes: list[tuple[str, tuple[Fraction, ...]]] = []
    while parser.at("{"):
        parser.take("{", "'{'")
        number = len(outcomes) + 1
        label = parser.take("text", f'the label of outcome {number} in double quotes ("" for none)').text
        values = []
        for player in shell.players:
            values.append(parser.number(f"the payoff of {quote_label(player.name)} in outcome {number}"))
            if parser.at(","):  # commas between payoffs are optional
                parser.take(",", "','")
        parser.take("}", f"'}}' closing outcome {number}: it needs {shell.n_players} payoffs, one per player")
        outcomes.append((label, tuple(values)))
    parser.take("}", "'{' opening an outcome, or '}' closing the list of outcomes")

    null = tuple(Fraction(0) for _ in shell.players)
    flat: list[tuple[Fraction, ...]] = []
    uses: dict[int, list[Profile]] = {}
    total = math.prod(shell.shape)
    for profile in gambit_profiles(shell.shape):
        index = parser.count(
            f"the outcome of {quote_label(shell.outcome_key(profile))} (profile {len(flat) + 1} of {total}): "
            f"an integer from 0 (no outcome: all payoffs 0) to {len(outcomes)}",
            0,
            len(outcomes),
        )
        flat.append(null if index == 0 else outcomes[index - 1][1])
        uses.setdefault(index, []).append(profile)
    # Gambit names outcomes "1", "2", ... by default; only other labels carry information.
    labelled = [
        label
        for number, (label, _) in enumerate(outcomes, start=1)
        if label.strip()
        and label.strip() != str(number)
        and [shell.outcome_key(p) for p in uses.get(number, [])] != [label]
    ]
    if labelled:
        shown = ", ".join(quote_label(label) for label in labelled[:5]) + (" ..." if len(labelled) > 5 else "")
        left_out.append(f"outcome labels ({shown}): a game file names an outcome by its strategies")
    return flat


def _valid_labels(labels: Sequence[str], what: str, renamed: list[str]) -> list[str]:
    """Labels that a game file accepts, each change described in ``renamed``.

    First sovgame's rules (no surrounding spaces, no ``|``), then Gambit's ``NormalizeLabels``:
    every empty or repeated label becomes ``label_n`` with the next n not yet in use.
    """
    # Control characters (an escape sequence could rewrite the terminal) become U+FFFD.
    cleaned = [_without_controls(label).strip().replace("|", "/") for label in labels]
    counts: dict[str, int] = {}
    for label in cleaned:
        counts[label] = counts.get(label, 0) + 1
    used = set(cleaned)
    visited: dict[str, int] = {}
    out = []
    for original, label in zip(labels, cleaned):
        if counts[label] > 1 or not label:
            while True:
                visited[label] = visited.get(label, 0) + 1
                candidate = f"{label}_{visited[label]}"
                if candidate not in used:
                    break
            used.add(candidate)
            label = candidate
        if label != original:
            renamed.append(f"{what}: {quote_label(original)} is now {quote_label(label)}")
        out.append(label)
    return out


def _without_controls(text: str, keep: str = "") -> str:
    """``text`` with control characters other than ``keep`` replaced by U+FFFD: labels are
    printed on the terminal, where an escape sequence could rewrite the screen."""
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" and c not in keep else c for c in text)


# --- shared with the writer (sovgame.files.convert) -------------------------------------------


def gambit_profiles(shape: tuple[int, ...]) -> Iterator[Profile]:
    """Every profile in Gambit's order: the FIRST player's strategy changes fastest."""
    for reversed_profile in itertools.product(*(range(k) for k in reversed(shape))):
        yield tuple(reversed(reversed_profile))


def quote_label(label: str) -> str:
    """A label as ``.nfg`` text: in double quotes, a quote inside written ``\\"``.

    A backslash is written as it is unless a quote or another backslash follows (or it ends
    the label); only then is it escaped as ``\\\\``. Gambit writes every backslash escaped,
    but its reader keeps both characters of an escaped backslash, so a lone backslash is
    the only spelling that Gambit and sovgame both read back unchanged.
    """
    out = []
    for index, char in enumerate(label):
        following = label[index + 1] if index + 1 < len(label) else '"'
        if char == '"':
            out.append('\\"')
        elif char == "\\" and following in '"\\':
            out.append("\\\\")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
