"""The glossary that ends an output: one line for each term the output uses.

The render layer looks for the terms in the text of the sections it prints (titles,
columns, cells, captions, sentences) and adds a "Glossary" section with the lines of those
found, in the order below. So every command gets a glossary of exactly its jargon with no
code of its own, and the verdict words are explained once per output, here. Markdown and
reports always end with it; tables printed to a terminal only with ``--glossary``, so that
the result comes last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ..costs.verdicts import MEANINGS, Verdict
from .sections import Section

#: (pattern that shows the term is used, the glossary line), in the order they are printed.
TERMS: tuple[tuple[str, str], ...] = (
    (
        r"κ",
        "κ (kappa): the cost level. Each player's payoff is u(s) − κ·W(s): the outcome's payoff less κ "
        "times the costs the file lays on it; κ = 1 is today's costs as the file states them, κ = 0 "
        "leaves costs out, κ = 2 doubles them",
    ),
    (
        r"\bplausible\b",
        "plausible range: what the record's estimates of today's costs span ([analysis] plausible_kappa "
        "in the game file; [0, 1] when the file gives none): uncertainty about today's κ, not how far costs "
        "could mount; verdicts compare thresholds with today (κ = 1) and its top, so beyond means above "
        "every estimate of today's costs, not out of reach for ever",
    ),
    (
        r"\bthreshold",
        "threshold: the least cost level κ at which a criterion holds (≥: at that κ itself; >: only "
        "above it); where it holds may end again, and is given as intervals of κ; never: at no cost level",
    ),
    (
        r"\bbinding\b|\bbinds\b",
        "binding: the player whose own condition is the last to hold as κ rises, so it sets the "
        "threshold; the others would accept compromise at a lower κ",
    ),
    (
        r"\bstrict\b",
        "strict equilibrium: every player loses by any deviation, not merely gains nothing; it survives "
        "small changes of the payoffs",
    ),
    (
        r"(?<!risk-)\bdominant\b|\bdominates\b",
        "dominant: a strategy that does strictly better than any other whatever the others do; "
        "compromise dominant means no player needs to trust the other",
    ),
    (
        r"\bonly equilibrium\b|\bonly one\b|\bunique\b",
        "only equilibrium: compromise is the unique Nash equilibrium, mixed ones included, so nothing else is stable",
    ),
    (
        r"\brisk-dominant\b|\brisk dominance\b",
        "risk-dominant (Harsanyi & Selten 1988; 2x2 games): of two strict equilibria, the one whose "
        "players lose more by deviating from it, measured by the product of their deviation losses; "
        "the safer choice when neither side is sure what the other will do",
    ),
    (
        r"δ\*",
        "δ* = (T − R)/(T − P): grim trigger (compromise while the other does, confront for ever after "
        "a breach) sustains compromise when the discount factor δ (how much the next round weighs "
        "against this one, 0 < δ < 1) is at least δ*; δ* ≥ 1 or never: no δ does",
    ),
    (
        r"δ\*|p\*|\bR, S, T, P\b|\(T − R\)",
        "T, R, P, S: a player's payoffs in a 2x2 game with compromise C and confrontation D: R both "
        "compromise (reward), T it confronts while the other compromises (temptation), P both confront "
        "(punishment), S it compromises while the other confronts (sucker's payoff)",
    ),
    (
        r"p\*",
        "p* = (P − S)/((R − T) + (P − S)) (Kydd 2005): the least belief that the other compromises at "
        "which compromising is a best response",
    ),
    (
        r"\bmixed\b",
        "mixed: a player randomises over several strategies with the probabilities shown; pure: it plays one strategy",
    ),
    (
        r"\bdegenerate\b",
        "degenerate: some strategy has more best responses than its support has strategies; "
        "equilibria may then form continua, listed by their extreme points",
    ),
    (
        r"\bcomponent\b|\bcontinuum\b",
        "component: the continuum of equilibria an extreme equilibrium lies on (equilibria with the "
        "same number lie on one continuum); empty when the equilibrium is isolated",
    ),
    (
        r"\bsubgame-perfect\b",
        "subgame-perfect equilibrium: play in sequence in which every mover answers every earlier "
        "move with a best response, so no threat is empty",
    ),
    (
        r"\bGMR\b|\bSMR\b|\bSEQ\b|\bGMCR\b",
        "Nash, GMR, SMR, SEQ (graph model, Fang, Hipel & Kilgour 1993): a state is stable for a player if "
        "it has no unilateral improvement (Nash), if every improvement can be answered by the others' moves "
        "leaving it no better off (GMR), answered so that it cannot escape (SMR), or answered by moves each "
        "of which is itself an improvement for its mover (SEQ, a credible sanction); only orderings count",
    ),
    (
        r"\bQRE\b|λ",
        "logit QRE (McKelvey & Palfrey 1995): each side plays each strategy with probability proportional "
        "to exp(λ × its expected payoff); λ = 0 is uniform play, large λ approaches a Nash equilibrium; "
        "the branch is computed in floats, and the residual is the largest error of these equations",
    ),
    (
        r"\bcorrelated\b",
        "correlated equilibrium: a mediator draws an outcome and tells each side only its own part; "
        "no side gains by disobeying its recommendation",
    ),
    (
        r"\bcannot fail with this model\b",
        "cannot fail with this model (grade): no number of the model, moved within its declared range "
        "(anywhere, without one), could make the test come out otherwise, so it is no evidence either way",
    ),
    (
        r"\bholds by construction\b",
        "holds by construction (grade): the file's payoffs, as typed in, encode the claim (a game type "
        "read where no cost enters), so it is an assumption, not a finding",
    ),
    (
        r"\bsame in draws\b",
        "same in draws: the share of the bottom line's quick robust run (its draws and seed) in which a "
        "claim comes out as in the file; only for claims whose every test that run computes",
    ),
    (
        r"\bstatus-quo exit\b",
        "status-quo exit: the cost level from which the status quo (each side's other strategy) is no "
        "longer an equilibrium, so the pattern of confrontation can end; compromise can become an "
        "equilibrium earlier without ending it",
    ),
    (
        r"\bbargaining range\b",
        "bargaining range: the divisions of the issue both sides prefer to fighting, [p − c_A, p + c_B] "
        "for A's share (Fearon 1995); war then needs private information, a commitment problem or an "
        "indivisible issue",
    ),
    (
        r"\bcommitment problem\b",
        "commitment problem: a deal both prefer exists but cannot be made to stick; here the declining "
        "side fights now because the rising side cannot promise it enough later (Powell 2006)",
    ),
    (
        r"\bseparating\b",
        "separating signal: a costly signal only the trustworthy type would pay for, so the other side "
        "learns the type from it (Kydd 2000, 2005)",
    ),
)


def _verdict_terms() -> list[tuple[str, str]]:
    """One line per verdict word (the verdict scale), matched in any case."""
    return [(rf"(?i)\b{re.escape(v.words)}\b", f"{v.words} (verdict): {MEANINGS[v]}") for v in Verdict]


def section_text(section: Section) -> str:
    """All the text of a section, for finding terms."""
    parts = [section.title, section.caption or "", *section.columns, *section.lines]
    parts += [cell for row in section.rows for cell in row]
    return "\n".join(parts)


def glossary_lines(sections: Iterable[Section]) -> list[str]:
    """The glossary lines of the terms used in ``sections`` (none of the user's own text counts)."""
    text = "\n".join(section_text(s) for s in sections if not s.plain)
    found = [line for pattern, line in TERMS if re.search(pattern, text)]
    verdicts = [line for pattern, line in _verdict_terms() if re.search(pattern, text)]
    return found + verdicts


def glossary_section(sections: Iterable[Section]) -> Section | None:
    """The "Glossary" section for ``sections``, or None when they use none of its terms."""
    lines = glossary_lines(sections)
    return Section("Glossary", [], [], lines=lines, name="glossary", plain=True) if lines else None


#: Whether tables printed to a terminal end with the glossary (``--glossary``); Markdown and
#: reports always do. Off by default, so that a terminal's output ends with its result.
_IN_TABLES: ContextVar[bool] = ContextVar("glossary_in_tables", default=False)


def glossary_in_tables() -> bool:
    """Whether printed tables end with the glossary (``--glossary``)."""
    return _IN_TABLES.get()


@contextmanager
def with_glossary(on: bool = True) -> Iterator[None]:
    """Within the block, tables printed to a terminal end with the glossary."""
    token = _IN_TABLES.set(on)
    try:
        yield
    finally:
        _IN_TABLES.reset(token)
