"""What a file's move order, limited capacity and hidden types change, in plain words: the
sentences ``analyze`` adds to its conclusion for a game that states ``[sequence]``,
``[[capacity]]`` or ``[[types]]``. Each sentence rests on an exact threshold and its verdict
(:mod:`sovgame.play.sequential`, :mod:`sovgame.costs.capacity`, :mod:`sovgame.play.trust`)."""

from __future__ import annotations

from fractions import Fraction

from ..core.case import Case
from ..core.intervals import exact_text
from ..costs.capacity import vary_capacity
from ..costs.thresholds import Threshold, compute_thresholds
from ..costs.verdicts import Verdict
from ..errors import SovgameError
from ..play.sequential import analyze_sequential
from ..play.trust import analyze_trust
from ..sections.capacity import LimitedCapacity, at_success
from ..sections.capacity import describe as describe_capacity
from ..sections.sequence import MoveOrder
from ..sections.types import HiddenTypes


def move_sentences(case: Case) -> list[str]:
    """One sentence per feature the file states (none for a plain simultaneous game)."""
    if case.game.compromise_profile is None:
        return []
    lines = []
    for section, build in (
        (MoveOrder, _sequence_sentence),
        (LimitedCapacity, _capacity_sentences),
        (HiddenTypes, _types_sentences),
    ):
        if case.section(section) is None:
            continue
        try:
            found = build(case)
        except SovgameError as exc:
            found = [f"The file's moves beyond one simultaneous shot are not analysed here: {exc}"]
        lines += [found] if isinstance(found, str) else found
    return lines


def level(t: Threshold, what: str = "") -> str:
    """ "above 4/3 of today's costs (reachable)", "never", "from today's costs on (holds today)"."""
    if t.value is None:
        return "at no cost level"
    word = "" if t.verdict is None else f" ({t.verdict.words})"
    if t.value == 0 and t.attained:
        return f"at every cost level{word}"
    return f"{'from' if t.attained else 'above'} {exact_text(t.value)} of today's costs{what}{word}"


def _sequence_sentence(case: Case) -> str:
    sequence, game = case.section(MoveOrder), case.game
    if sequence is not None and not sequence.observed:
        return "The file's first move is not observed, so the order of moves changes nothing: the game is simultaneous."
    result = analyze_sequential(case)
    order = result.chosen
    assert order is not None
    first, second = (game.players[i].name for i in order)
    row, other = result.row(order), result.row((order[1], order[0]))
    simultaneous = result.row(None)
    assert row.unique is not None and simultaneous.unique is not None and other.unique is not None
    only = (
        "would never be the only outcome"
        if row.unique.value is None
        else f"would be the only outcome {level(row.unique)}"
    )
    return (
        f"If {first} could commit first (its move seen before {second} answers), compromise {only}; with "
        f"simultaneous moves, only {level(simultaneous.unique)}; with {second} first, {level(other.unique)}."
    )


def _capacity_sentences(case: Case) -> list[str]:
    lines = []
    section, game = case.section(LimitedCapacity), case.game
    for entry in section.entries if section else ():
        player = game.players[entry.player]
        named = f"{player.name}@{player.strategies[entry.strategy]}"
        full = compute_thresholds(at_success(case, {(entry.player, entry.strategy): Fraction(1)})).thresholds["nash"]
        now = compute_thresholds(case).thresholds["nash"]
        curve = vary_capacity(case, named).curves["nash"]
        spans = "; ".join(f"{_words(s.verdict)} for q in {s.interval}" for s in curve.verdicts)
        at_full = "never" if full.value is None else exact_text(full.value)
        lines.append(
            f"If {describe_capacity(game, entry)}, compromise becomes an equilibrium {level(now)}, against "
            f"{at_full} at full capacity; by the success probability q: {spans}."
        )
    return lines


def _words(verdict: Verdict | None) -> str:
    return "not settled" if verdict is None else verdict.words


def _types_sentences(case: Case) -> list[str]:
    result = analyze_trust(case)
    top, game, types = result.plausible[1], case.game, case.section(HiddenTypes)
    lines = []
    for player in range(2):
        named = list(types.of(player)) if types else []
        if len(named) < 2:
            continue
        priors = ", ".join(f"{t.name} {exact_text(t.prior)}" for t in named)
        sentence = (
            f"With {game.players[player].name}'s types ({priors}), compromise (every type that some belief moves "
            f"to compromise doing so) is an equilibrium outcome {level(result.compromise)}"
        )
        at_top = [r for r in result.priors if r.kappa == top and r.player == player]
        bounded = [r for r in at_top if r.interval is not None and r.interval.lo == 0 and r.interval.hi != 1]
        if bounded:
            parts = [f"a {r.type_name} prior up to {exact_text(r.interval.hi)}" for r in bounded if r.interval]
            sentence += f"; at the top of the plausible range (κ = {exact_text(top)}) it survives {', '.join(parts)}"
        elif at_top and all(r.interval is None for r in at_top):
            sentence += f"; at the top of the plausible range no prior helps: {at_top[0].reason}"
        lines.append(sentence + ".")
    return lines
