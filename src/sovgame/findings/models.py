"""What a file's spoiler and bargaining sections say, in plain words: the sentences ``analyze``
(and the report) adds to its conclusion for a file that states ``[spoiler]`` or
``[bargaining]``, and none otherwise. Each rests on an exact result of
:mod:`sovgame.play.spoiler` or :mod:`sovgame.play.bargaining`."""

from __future__ import annotations

from ..core.case import Case
from ..core.numbers import fmt
from ..costs.verdicts import TODAY
from ..errors import SovgameError
from ..play.bargaining import analyze_bargaining
from ..play.ranges import Followed
from ..play.spoiler import analyze_spoiler
from ..sections.bargaining import BargainingSection
from ..sections.spoiler import Spoiler
from .moves import level


def model_sentences(case: Case) -> list[str]:
    """One sentence per model section the file states: the spoiler, then bargaining."""
    lines = []
    for section, build in ((Spoiler, _spoiler_sentence), (BargainingSection, _bargaining_sentence)):
        if case.section(section) is None:
            continue
        try:
            lines.append(build(case))
        except SovgameError as exc:
            lines.append(
                f"The file's [{'spoiler' if section is Spoiler else 'bargaining'}] is not analysed here: {exc}"
            )
    return lines


def _spoiler_sentence(case: Case) -> str:
    result = analyze_spoiler(case, TODAY)
    s, game = result.spoiler, case.game
    watcher, player = game.players[result.watcher].name, game.players[s.player].name
    moved = (
        f"One {s.name} attack moves {watcher}'s belief that {player} is {s.watched} from {fmt(result.prior)} to "
        f"{fmt(result.after_attack) if result.after_attack is not None else 'nowhere (impossible)'}"
    )
    holding = [lv for lv in result.levels if lv.holds_at_prior]
    if not holding:
        return (
            f"{moved}, but compromise does not hold even before an attack, today or at the top of the plausible range."
        )
    lv = holding[0]
    if lv.ends:
        restore = (
            "no number of quiet periods"
            if lv.restore is None
            else f"{lv.restore} quiet period{'s' if lv.restore != 1 else ''}"
        )
        what = f"so a single attack ends compromise, and {restore} {'restores' if lv.restore == 1 else 'restore'} it"
    else:
        what = "which does not end compromise"
    return (
        f"{moved}; at κ = {fmt(lv.kappa)} compromise holds for beliefs in {lv.beliefs}, {what}; compromise "
        f"survives one attack {level(result.survives_attack)}."
    )


def _bargaining_sentence(case: Case) -> str:
    result = analyze_bargaining(case, TODAY)
    r, game = result.section, case.game
    assert r is not None
    side = game.players[r.section.player].name
    lines = []
    if r.no_middle_ground:
        lines.append(
            f"No division of the issue is better than fighting for both sides (the range of {side}'s share is "
            + ("empty" if r.empty else f"[{fmt(r.lo)}, {fmt(r.hi)}] and holds no feasible division")
            + ")"
        )
    else:
        lines.append(f"Any division giving {side} a share in [{fmt(r.lo)}, {fmt(r.hi)}] beats fighting for both")
    c = r.commitment
    if c is not None:
        name = game.players[c.declining].name
        verdict = "a commitment problem" if c.problem else "no commitment problem"
        lines.append(
            f"{name}'s power declines from {fmt(c.power_now)} to {fmt(c.power_next)}, and fighting now is worth "
            f"{fmt(c.war_value)} against the most it can be promised, {fmt(c.most_promised)}: {verdict} (Powell 2006)"
        )
    if result.deal is not None and result.deal.enforcement:
        d = result.deal
        lines.append(
            f"at today's costs the deal gains {fmt(d.total)} in total, while a side gains up to {fmt(max(d.temptations))} "
            "by reneging: the failure is one of enforcement"
        )
    return "; ".join(lines) + "."


def followed_of(case: Case) -> list[Followed]:
    """Every declared range of the file's [spoiler] and [bargaining] followed one number at a
    time (none without them): what ``sensitivity`` adds for these sections."""
    out: list[Followed] = []
    if case.section(Spoiler) is not None:
        out += analyze_spoiler(case).followed
    section = case.section(BargainingSection)
    if section is not None:
        found = analyze_bargaining(case).section
        out += found.followed if found is not None else ()
    return out
