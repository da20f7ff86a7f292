"""Robustness: the tables of ``sovgame robust`` (its JSON is ``RobustResult.to_dict()``)."""

from __future__ import annotations

import math

from ..core.intervals import exact_text
from ..core.numbers import fmt
from ..costs.verdicts import verdict_legend
from ..robustness.result import RobustResult
from .sections import Section
from .thresholds import CRITERION_NAMES


def _percent(share: float) -> str:
    """ "93.8%"; "<0.1%" for a share that rounds to zero but is not; "0%" and "100%" exactly."""
    if share == 0 or share == 1:
        return f"{share:.0%}"
    if share < 0.0005:
        return "<0.1%"
    if share > 0.9995:
        return ">99.9%"
    return f"{100 * share:.1f}%"


def _kappa_text(value: float | None) -> str:
    """A sampled threshold: 3 significant digits, "never" for None."""
    return "never" if value is None else f"{value:.3g}"


def robust_sections(result: RobustResult) -> list[Section]:
    """Tables of :func:`sovgame.robust`: the thresholds over the samples against the file's
    own, the binding player, the game types (2x2) and the equilibria at the top."""
    sections = [_thresholds_section(result), _binding_section(result)]
    if result.game_types is not None:
        sections.append(_game_types_section(result.game_types, fmt(result.plausible[1])))
    sections.append(_at_top_section(result))
    return sections


def _thresholds_section(result: RobustResult) -> Section:
    lo, hi = result.plausible
    top = fmt(hi)
    rows = []
    for name, c in result.criteria.items():
        own = "" if c.file_value is None else f"{'≥' if c.file_attained else '>'} {exact_text(c.file_value)} "
        quantiles = [_kappa_text(c.quantiles[q]) for q in ("5", "50", "95")]
        interval = f"[{_percent(c.ci95[0])}, {_percent(c.ci95[1])}]"
        rows.append(
            [
                CRITERION_NAMES[name],
                f"{own}{c.file_verdict.replace('_', ' ').upper()}",
                *quantiles,
                _percent(c.never_share),
            ]
            + [_percent(c.p_within_plausible), interval, _percent(c.agreement)]
        )
    caption = (
        f"{result.samples:,} samples, seed {result.seed}; {result.model}; plausible κ: [{fmt(lo)}, {top}]"
        f"{'' if result.plausible_given else ' (assumed)'}; κ = 1 means costs as stated in the file; "
        + verdict_legend(hi)
    )
    columns = ["criterion", "in the file", "κ 5%", "κ median", "κ 95%", "never", f"P(κ ≤ {top})", "95% CI"]
    return Section(
        "Robustness of the cost thresholds",
        columns + ["same verdict"],
        rows,
        caption=caption,
        lines=[result.verdict, *attribution_lines(result), *result.notes],
        name="robustness",
        numeric=set(range(2, 9)),
    )


def _binding_section(result: RobustResult) -> Section:
    shares = result.binding
    binding = [[name, _percent(share)] for name, share in shares.items() if share and name not in ("none", "never")]
    if shares.get("none"):
        binding.append(["none (an equilibrium already at κ = 0)", _percent(shares["none"])])
    if shares.get("never"):
        binding.append(["— (never an equilibrium)", _percent(shares["never"])])
    return Section(
        "Binding player of the equilibrium threshold",
        ["player", "share of samples"],
        binding,
        caption="the player whose own condition sets κ_NE",
        name="binding",
        numeric={1},
    )


def _game_types_section(game_types: dict[str, dict[str, float]], top: str) -> Section:
    zero, at_top = game_types["at_zero"], game_types["at_top"]
    types = [[kind, _percent(zero[kind]), _percent(at_top[kind])] for kind in zero if zero[kind] or at_top[kind]]
    return Section(
        "Game type",
        ["type", "at κ = 0", f"at κ = {top}"],
        types,
        name="game_types",
        numeric={1, 2},
        caption="both players' orderings of R, S, T, P with compromise as C; other: no textbook type, or the "
        "players' types differ",
    )


def _at_top_section(result: RobustResult) -> Section:
    at = result.at_top
    shown = list(at.sets[:8])
    sets = [[item.summary, _percent(item.share)] for item in shown]
    rest = at.sets[len(shown) :]
    if rest:
        sets.append([f"{len(rest)} other sets", _percent(sum(item.share for item in rest))])
    if at.unresolved_share:
        sets.append(["degenerate, not resolved", _percent(at.unresolved_share)])
    kind = "pure and mixed" if at.mixed_searched else "pure only"
    return Section(
        f"Equilibria at κ = {fmt(at.kappa)} (top of the plausible range)",
        ["equilibria", "share of samples"],
        sets,
        caption=f"{kind}; the target is an equilibrium in {_percent(at.target_equilibrium_share)} of samples and the "
        f"only one in {_percent(at.target_unique_share)}",
        name="equilibria_at_top",
        numeric={1},
    )


def attribution_lines(result: RobustResult) -> list[str]:
    """One line per criterion: the share of samples that disagree with the file's verdict and
    the drawn numbers that carry it (:mod:`sovgame.robustness.attribution`)."""
    lines = []
    for a in result.attribution:
        name = CRITERION_NAMES[a.criterion]
        if not a.drivers:
            agree = "every sample gives" if a.disagreement == 0 else "no sample gives"
            lines.append(f"{name}: {agree} the file's verdict ({a.file_verdict.replace('_', ' ')})")
            continue
        parts = [
            f"{d.number} (ρ = {d.rho:+.2f}: {_side(d.below)} disagree below its median, {_side(d.above)} above)"
            for d in a.drivers
        ]
        lines.append(
            f"{name}: {_percent(a.disagreement)} of samples differ from the file's verdict "
            f"({a.file_verdict.replace('_', ' ')}); most with " + "; then ".join(parts)
        )
    return lines


def _side(share: float) -> str:
    return "—" if math.isnan(share) else _percent(share)
