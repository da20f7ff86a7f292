"""Converting between sovgame game files and Gambit ``.nfg`` files: the writers of both.

:func:`convert` picks the direction from the file names; :func:`game_to_nfg` writes a game
as a ``.nfg`` file (payoff or outcome version), :func:`game_to_toml` as a commented game file
with exact numbers; :func:`left_out_of_nfg` lists what a ``.nfg`` file has no place for
(compromise strategies, costs, notes, ...). Reading ``.nfg`` files is :mod:`sovgame.files.nfg`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from ..core.case import Case, as_case, as_game
from ..core.model import Game
from ..core.numbers import fmt
from ..errors import ParameterError, SovgameError
from ..sections.capacity import LimitedCapacity
from ..sections.mediator import Mediator
from ..sections.repeated import RepeatedSettings
from ..sections.sequence import MoveOrder
from ..sections.types import HiddenTypes
from .atomic import check_output, write_atomically
from .nfg import NFG_VERSIONS, gambit_profiles, quote_label, read_nfg
from .reading import track_inputs


def left_out_of_nfg(case: Case, described_players: Sequence[str] = ()) -> list[str]:
    """What the case holds that a ``.nfg`` file has no place for, one phrase per part.

    A ``.nfg`` file keeps the title, the description (as its comment), the players, their
    strategies and the payoffs; everything else of a game file is listed here.
    ``described_players`` names the players the file describes (the model does not keep
    player descriptions, so only the file can tell).
    """
    game = case.game
    parts = []
    if case.source:
        parts.append("game.source")
    if game.payoff_scale != "cardinal":
        parts.append(f"game.payoff_scale = {quote_label(game.payoff_scale)} (Gambit reads payoffs as cardinal)")
    if described_players:
        parts.append(f"player descriptions ({', '.join(described_players)})")
    compromise = [f"{p.name}: {p.compromise}" for p in game.players if p.compromise is not None]
    if compromise:
        parts.append(f"compromise strategies ({'; '.join(compromise)})")
    if case.notes:
        parts.append(f"notes on {len(case.notes)} outcome{'s' if len(case.notes) != 1 else ''}")
    if game.costs:
        parts.append(
            f"costs ({', '.join(c.name for c in game.costs)}); the payoffs are written before costs, at kappa = 0"
        )
    if case.plausible_declared:
        parts.append("analysis.plausible_kappa")
    if case.untouched_by_costs:
        parts.append("analysis.untouched_by_costs")
    before_claims: tuple[tuple[type, str], ...] = ((Mediator, "[mediator]"), (RepeatedSettings, "[repeated]"))
    parts += [name for kind, name in before_claims if case.section(kind) is not None]
    if case.claims:
        parts.append(f"claims ({', '.join(c.id for c in case.claims)})")
    after_claims: tuple[tuple[type, str], ...] = ((MoveOrder, "[sequence]"), (HiddenTypes, "[[types]]"))
    parts += [name for kind, name in after_claims if case.section(kind) is not None]
    if case.section(LimitedCapacity) is not None:
        parts.append("[[capacity]]; the payoffs written are the expected ones")
    return parts


_INT64 = 2**63


def toml_number(value: Fraction):
    """A payoff for the game file, exact: an integer, a short decimal, or a quoted fraction.

    Game files read decimals exactly (``0.1`` is one tenth), so a payoff whose decimal
    expansion ends is written as one; other fractions as ``"2/3"``.
    """
    import tomlkit

    value = Fraction(value)
    if value.denominator == 1:
        # TOML integers are 64-bit; a larger one goes in quotes, which game files accept.
        return value.numerator if -_INT64 <= value.numerator < _INT64 else tomlkit.string(str(value.numerator))
    decimal = _decimal_text(value)
    if decimal is not None and len(decimal) <= 20:
        return tomlkit.value(decimal)
    return tomlkit.string(fmt(value))


def _decimal_text(value: Fraction) -> str | None:
    """The exact decimal of ``value`` (``"-0.125"``), or None when it does not end."""
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return None
    places = max(twos, fives)
    scaled = abs(value.numerator) * 10**places // value.denominator
    digits = str(scaled).rjust(places + 1, "0")
    sign = "-" if value < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def game_to_toml(x: Game | Case, header: Sequence[str] = ()) -> str:
    """A sovgame game file holding the game's title, description, players and payoffs.

    ``header`` lines become comments at the top. Outcome keys are ``"s1|s2|..."`` in
    sovgame's order (the last player's strategy changes fastest), payoffs exact numbers.
    Compromise strategies, costs and notes, which a ``.nfg`` file never has, are not written.
    """
    import tomlkit

    document = tomlkit.document()
    for line in header:
        document.add(tomlkit.comment(line))
    if header:
        document.add(tomlkit.nl())
    game, description = as_game(x), as_case(x).description
    table = tomlkit.table()
    table.add("title", game.title)
    if description:
        table.add("description", tomlkit.string(description, multiline="\n" in description))
    document.add("game", table)
    players = tomlkit.aot()
    for player in game.players:
        entry = tomlkit.table()
        entry.add("name", player.name)
        strategies = tomlkit.array()
        strategies.extend(player.strategies)
        entry.add("strategies", strategies)
        players.append(entry)
    document.add("players", players)
    payoffs = tomlkit.table()
    for profile in game.profiles():
        values = tomlkit.array()
        values.extend(toml_number(v) for v in game.payoffs[profile])
        payoffs.add(game.outcome_key(profile), values)
    document.add("payoffs", payoffs)
    return tomlkit.dumps(document)


# --- converting files --------------------------------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    """What :func:`convert` wrote and what did not carry over.

    ``left_out`` names the parts of the source that the target format has no place for;
    ``renamed`` the labels changed to make a valid game file (``.nfg`` to ``.toml`` only).
    """

    source: str
    target: Path
    target_format: str
    left_out: tuple[str, ...] = ()
    renamed: tuple[str, ...] = ()


def convert(
    source: str | os.PathLike,
    target: str | os.PathLike,
    version: str | None = None,
    overwrite: bool = False,
    load: Callable[[str], Case] | None = None,
) -> Conversion:
    """Convert a game file to ``.nfg`` or a ``.nfg`` file to a game file, by the extensions.

    Parameters
    ----------
    source : a ``.nfg`` file, or a game: a ``.toml`` file, a bundled game's name or ``-``
    target : the file to write, ending in ``.nfg`` (from a game) or ``.toml`` (from a
        ``.nfg`` file); written atomically (a temporary file in the same folder, then renamed)
    version : the ``.nfg`` version to write, ``"payoff"`` (default) or ``"outcome"``
    overwrite : replace ``target`` if it exists (otherwise that is an error)
    load : how a game is read (default: :func:`sovgame.files.gamefile.read_case`, which leaves
        the claims unread; :func:`sovgame.load_case` reads them too, so ``left_out`` lists them)

    Returns
    -------
    Conversion
        The file written and the lists of what was left out or renamed.

    Raises
    ------
    SovgameError
        For a missing or unreadable source, a source that is not a valid game or ``.nfg``
        file, wrong extensions, or an existing target without ``overwrite``.
    ParameterError
        For an unknown ``version``, or a ``version`` with a ``.toml`` target.
    """
    source, target = os.fspath(source), Path(target)
    from_nfg = _check_conversion(source, target, version, overwrite)
    with track_inputs():
        if from_nfg:
            imported = read_nfg(_read_text(source), source)
            names = ", ".join(imported.game.player_names)
            header = [
                f"Converted by `sovgame convert` from {source}, a Gambit strategic-form game "
                f"(.nfg, {imported.version} version).",
                f'Outcome keys are "strategy|strategy|..." and payoff lists [u1, u2, ...] in player order: {names}.',
            ]
            write_atomically(check_output(target, overwrite, "overwrite"), game_to_toml(imported.case, header))
            return Conversion(source, target, "sovgame game file", imported.left_out, imported.renamed)

        version = version or "payoff"
        from .gamefile import read_case

        case = (load or read_case)(source)
        left_out = left_out_of_nfg(case, [p.name for p in case.game.players if p.description])
        # Checked again now that the inputs are known: never write over the file just read.
        write_atomically(check_output(target, overwrite, "overwrite"), game_to_nfg(case, version))
        return Conversion(source, target, f"Gambit .nfg, {version} version", tuple(left_out))


def _check_conversion(source: str, target: Path, version: str | None, overwrite: bool) -> bool:
    """Check the names and the target before anything is read; True when reading a .nfg file."""
    from_nfg = _suffix(source) == ".nfg"
    if not from_nfg and _suffix(source) not in ("", ".toml"):
        raise SovgameError(
            f"{source}: convert reads a sovgame game (.toml) or a Gambit strategic-form "
            f"game (.nfg), not a {_suffix(source)} file"
        )
    wanted = ".toml" if from_nfg else ".nfg"
    if _suffix(str(target)) != wanted:
        what = "a .nfg file converts to a sovgame game file" if from_nfg else "a game converts to a Gambit .nfg file"
        raise SovgameError(f"{target}: {what}; give the output a name ending in {wanted}")
    if from_nfg and version is not None:
        raise ParameterError("version", "sets the .nfg version to write; it does not apply to .toml output")
    if version is not None and version not in NFG_VERSIONS:
        raise ParameterError("version", f"choose payoff or outcome, not {version!r}")
    check_output(target, overwrite, "overwrite")
    return from_nfg


def _suffix(spec: str) -> str:
    return "" if spec == "-" else Path(spec).suffix.lower()


def _read_text(path: str) -> str:
    from .gamefile import read_file_bytes

    data = read_file_bytes(path, ".nfg file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SovgameError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    if not text.strip():
        raise SovgameError(f'{path}: empty; a Gambit strategic-form file starts with NFG 1 R "title"')
    return text


def _nfg_number(value: Fraction) -> str:
    """An exact payoff as Gambit writes one: ``3``, ``-2``, ``3/2``."""
    return fmt(Fraction(value))


def game_to_nfg(x: Game | Case, version: str = "payoff") -> str:
    """The game as a Gambit strategic-form ``.nfg`` file.

    Parameters
    ----------
    game : the game; its payoffs are written as they stand, before any costs (κ = 0)
    version : ``"payoff"`` (one payoff per player per profile) or ``"outcome"`` (one
        outcome per profile, labelled with sovgame's outcome key ``"s1|s2"``)

    Returns
    -------
    str
        The file's text, laid out as Gambit writes it (``GameRep::WriteNfgFile``): title,
        players, strategy labels, the description as the comment, then the body, profiles in
        Gambit's order (first player fastest). Payoffs are exact: integers or ``n/d``.

    See Also
    --------
    left_out_of_nfg : what the game holds that a ``.nfg`` file cannot.
    """
    if version not in NFG_VERSIONS:
        raise ParameterError("version", f"choose payoff or outcome, not {version!r}")
    game = as_game(x)
    lines = [f"NFG 1 R {quote_label(game.title)} {{ {' '.join(quote_label(p.name) for p in game.players)} }}", ""]
    strategy_lists = [f"{{ {' '.join(quote_label(s) for s in p.strategies)} }}" for p in game.players]
    lines.append("{ " + "\n".join(strategy_lists))
    lines.append("}")
    lines.append(quote_label(as_case(x).description or ""))
    lines.append("")
    profiles = list(gambit_profiles(game.shape))
    if version == "payoff":
        for profile in profiles:
            lines.append(" ".join(_nfg_number(v) for v in game.payoffs[profile]))
    else:
        lines.append("{")
        for profile in profiles:
            values = ", ".join(_nfg_number(v) for v in game.payoffs[profile])
            lines.append(f"{{ {quote_label(game.outcome_key(profile))} {values} }}")
        lines.append("}")
        lines.append(" ".join(str(k) for k in range(1, len(profiles) + 1)))
    return "\n".join(lines) + "\n"
