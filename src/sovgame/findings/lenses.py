"""What the two other lenses add to the bottom line: ordinal stability (GMCR) and the logit
quantal response, each in one sentence, only where it changes the picture the equilibria
give (:func:`lens_sentences`); and both at today's costs for a report (:func:`lenses`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.budget import WorkLimitError, require
from ..core.case import Case
from ..core.lens_work import qre_work, stability_work
from ..costs.verdicts import TODAY
from ..play.gmcr import StabilityAnalysis, stability
from ..play.quantal import QreAnalysis, compromise_probabilities, quantal
from ..solvers.qre import trace


def _names(case: Case, profile) -> str:
    return ", ".join(case.game.outcome_names(profile))


def stability_sentence(result: StabilityAnalysis) -> str | None:
    """A sentence when compromise is stable under a far-sighted concept without being a Nash
    equilibrium at κ (GMCR then sees a compromise that the equilibria miss); else None."""
    target = result.game.compromise_profile
    if target is None or target not in result.graph.states:
        return None
    state = result.state(target)
    if state.stable("nash"):
        return None
    held = [name for concept, name in (("seq", "SEQ"), ("smr", "SMR"), ("gmr", "GMR")) if state.stable(concept)]
    if not held:
        return None
    credible = "credible sanctions (SEQ)" if "SEQ" in held else "sanctions that cost the sanctioner"
    concepts = " and ".join([", ".join(f"{h}-" for h in held[:-1]), f"{held[-1]}-"] if len(held) > 1 else held)
    concepts = concepts if len(held) > 1 else f"{held[0]}-"
    return (
        f"Ordinal stability (GMCR) at today's costs: compromise ({_names(result.case, target)}) is no Nash "
        f"equilibrium, yet it is {concepts}stable: each side's temptation is answered by {credible} "
        "from the other, so sides that look one move ahead would hold it."
    )


def qre_sentence(case: Case) -> str | None:
    """The compromise outcome's probability along the logit principal branch at today's costs
    (floats), when the game has a compromise profile and costs."""
    game = case.game
    target = game.compromise_profile
    if target is None or not game.costs:
        return None
    branch = trace(game, TODAY)
    values = [compromise_probabilities(p, target)[1] for p in branch.points]
    limit = values[-1]
    ending = "compromise" if limit > 1 - 1e-4 else ("no compromise" if limit < 1e-4 else f"compromise with {limit:.3f}")
    if max(values) <= values[0]:
        along = f"{values[0]:.3f} under uniform play and no more anywhere along the principal branch"
    else:
        along = f"at most {max(values):.3f} along the principal branch ({values[0]:.3f} under uniform play)"
    return (
        f"Boundedly rational play (logit QRE, floats) at today's costs: compromise has probability {along}; "
        f"the branch ends at {ending} as players grow precise."
    )


def lens_sentences(case: Case, qre: bool = True) -> list[str]:
    """The bottom line's sentences from the two lenses at today's costs (none for a lens past
    the work limit); ``qre`` False leaves out the quantal response's."""
    lines = []
    try:
        require(stability_work(case.game.shape))
        sentence = stability_sentence(stability(case, TODAY))
        if sentence:
            lines.append(sentence)
        if not qre:
            return lines
        require(qre_work(case.game.shape, 1))
        sentence = qre_sentence(case)
        if sentence:
            lines.append(sentence)
    except WorkLimitError:
        pass
    return lines


@dataclass(frozen=True)
class Lenses:
    """Both lenses at today's costs (None: past the work limit, with the reason)."""

    stability: StabilityAnalysis | None
    qre: QreAnalysis | None
    left_out: tuple[str, ...] = ()


def lenses(case: Case) -> Lenses:
    """Stability and the logit QRE (with the κ from which its limit is compromise) at today's
    costs, each refused when past the work limit."""
    left_out = []
    stab = qre = None
    try:
        require(stability_work(case.game.shape))
        stab = stability(case, TODAY)
    except WorkLimitError as exc:
        left_out.append(f"ordinal stability is left out: {exc}")
    try:
        require(qre_work(case.game.shape, 30))
        qre = quantal(case, TODAY)
    except WorkLimitError as exc:
        left_out.append(f"the logit QRE is left out: {exc}")
    return Lenses(stab, qre, tuple(left_out))
