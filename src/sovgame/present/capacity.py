"""Thresholds as functions of a success probability: the tables of ``thresholds --vary
capacity`` (their JSON is ``CapacitySensitivity.to_dict()``)."""

from __future__ import annotations

from ..core.intervals import Interval, exact_text
from ..core.numbers import fmt
from ..costs.capacity import CapacitySensitivity, Curve, Piece
from ..costs.verdicts import verdict_legend
from .sections import Section
from .thresholds import CRITERION_NAMES, threshold_cell, verdict_cell


def _q(interval: Interval) -> str:
    """ "q in [0, 1/2)" or "q = 0"."""
    if interval.hi is not None and interval.lo == interval.hi:
        return f"q = {exact_text(interval.lo)}"
    return f"q in {interval}"


def pieces_text(pieces: tuple[Piece, ...]) -> str:
    """ "4/(1 + 2q) for q in [0, 1]; never for q = 0"."""
    return "; ".join(f"{'never' if p.formula is None else p.formula.text('q')} for {_q(p.interval)}" for p in pieces)


def _changes(curve: Curve) -> str:
    if not curve.verdicts:
        return "—"
    first = curve.verdicts[0]
    words = [_words(first.verdict) + f" for {_q(first.interval)}"]
    words += [f"{_words(span.verdict)} for {_q(span.interval)}" for span in curve.verdicts[1:]]
    return "; ".join(words)


def _words(verdict) -> str:
    return "not settled" if verdict is None else verdict.words


def capacity_sections(result: CapacitySensitivity) -> list[Section]:
    """The tables of ``thresholds --vary capacity``: each criterion's threshold as a function of
    q and its verdicts over q, then each player's own threshold."""
    game, entry = result.game, result.entry
    player = game.players[entry.player]
    q = fmt(entry.success)
    rows = []
    for name, curve in result.curves.items():
        t = result.at_file.thresholds[name]
        rows.append(
            [
                CRITERION_NAMES[name],
                pieces_text(curve.pieces),
                f"{threshold_cell(t)} ({verdict_cell(t)})",
                _changes(curve),
            ]
        )
    varied = f"{player.name}'s '{player.strategies[entry.strategy]}' succeeds with probability q, else '{player.strategies[entry.fallback]}'"
    main = Section(
        "Cost thresholds for compromise as functions of capacity",
        ["criterion", "threshold κ as a function of q", f"at the file's q = {q}", "verdict by q"],
        rows,
        caption=f"{varied}; " + verdict_legend(result.plausible[1]),
        lines=[
            f"{CRITERION_NAMES[name]}: the verdict changes at q = {', '.join(exact_text(c) for c in curve.changes)}"
            for name, curve in result.curves.items()
            if curve.changes
        ]
        + list(result.notes),
        name="capacity",
    )
    own = [
        [who] + [pieces_text(result.curves[name].per_player[who]) for name in ("nash", "strict", "dominant")]
        for who in game.player_names
    ]
    players = Section(
        "Each player's own threshold as a function of q",
        ["player", "equilibrium from κ", "strict from κ", "dominant from κ"],
        own,
        caption="never: no cost level does it for that player at those q",
        name="capacity_per_player",
    )
    return [main, players]
