"""A conclusion followed along each declared range (:mod:`sovgame.play.ranges`): one table
and its JSON, shared by the spoiler and bargaining views."""

from __future__ import annotations

from typing import Any

from ..core.numbers import fmt
from ..findings.section_draws import SectionDraws
from ..play.ranges import Followed
from ..robustness.model_draws import ModelDraws
from .sections import Section


def followed_text(f: Followed) -> str:
    """ "throughout", "nowhere", or "for x in [a, b); changes at b"."""
    if f.throughout is True:
        return "throughout the range"
    if f.throughout is False:
        return "nowhere in the range"
    where = " ∪ ".join(str(i) for i in f.holds)
    return f"for values in {where}; changes at {', '.join(fmt(c) for c in f.changes)}"


def followed_section(followed: tuple[Followed, ...], title: str, caption: str, name: str) -> Section:
    """One row per number followed: its range, its value, whether the conclusion holds there
    and where in the range it holds."""
    rows = [[f.name, f"[{fmt(f.range[0])}, {fmt(f.range[1])}]", fmt(f.value), followed_text(f)] for f in followed]
    return Section(
        title,
        ["number: conclusion", "declared range", "file's value", "where the conclusion holds"],
        rows,
        caption=caption,
        name=name,
        whole={0},
    )


def draws_section(draws: ModelDraws) -> Section:
    """The spoiler's and bargaining's conclusions over draws of their declared ranges."""
    rows = [
        [
            s.model,
            s.conclusion,
            "yes" if s.at_file else "no",
            f"{s.share:.3f}",
            f"[{s.interval[0]:.3f}, {s.interval[1]:.3f}]",
        ]
        for s in draws.shares
    ]
    at = "" if draws.kappa is None else f"; the spoiler's at κ = {fmt(draws.kappa)}"
    return Section(
        f"The spoiler and bargaining over {draws.samples} draws of their declared ranges",
        ["model", "conclusion", "with the file's numbers", "share of draws", "95% interval"],
        rows,
        caption=f"drawn uniformly and independently: {', '.join(draws.drawn)}{at}; each draw decided exactly",
        name="model_draws",
        numeric={3},
    )


def draws_to_json(draws: ModelDraws) -> dict[str, Any]:
    """The conclusions over the draws."""
    return {
        "samples": draws.samples,
        "seed": draws.seed,
        "drawn": list(draws.drawn),
        "kappa": None if draws.kappa is None else fmt(draws.kappa),
        "conclusions": [
            {
                "model": s.model,
                "conclusion": s.conclusion,
                "at_file": s.at_file,
                "share": s.share,
                "hits": s.hits,
                "interval": list(s.interval),
            }
            for s in draws.shares
        ],
    }


def section_draws_section(draws: SectionDraws) -> Section:
    """How often each claim's grade (and verdict) survives draws of the ranged section numbers."""
    rows = [
        [
            s.subject.replace("claim:", "claim "),
            s.at_file.replace("_", " "),
            f"{s.share:.1%}",
            f"[{s.interval[0]:.1%}, {s.interval[1]:.1%}]",
            ", ".join(f"{state.replace('_', ' ')} {n}" for state, n in s.counts.items()),
        ]
        for s in draws.subjects
    ]
    ranges = "; ".join(f"{d.key} in [{fmt(d.range[0])}, {fmt(d.range[1])}] (file: {fmt(d.value)})" for d in draws.drawn)
    return Section(
        f"Grades and verdicts over {draws.samples} draws of the sections' declared ranges (seed {draws.seed})",
        ["subject", "with the file's numbers", "kept in", "95% interval", "draws by outcome"],
        rows,
        caption=(
            f"drawn together, each uniformly within its range, the payoffs and weights as stated: {ranges}; "
            "each draw decided exactly by the claims' graders (the thresholds for the file's own effects)"
        ),
        name="section_draws",
        numeric={2},
    )
