"""Claims as data: what a source asserts about a game, and the test that would confirm or
refute it (a game file's ``[[claims]]``; graded by :mod:`sovgame.claims.scorecard`).

A claim has an ``id``, its ``text`` as the source states it, the ``source``, and one or more
tests. Each test names a quantity sovgame computes (its ``kind`` and the keys that select it)
and what the claim expects of it. The words a test may use are listed here, where the file
validation (:mod:`sovgame.files.validate_claims`) can see them; tests keep them equal to the
enums of the packages that compute them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class TestKind(StrEnum):
    """What a claim's test computes (README, "Claims")."""

    __test__ = False  # not a pytest class, despite its name

    THRESHOLD = "threshold"  # the verdict of a cost threshold
    EQUILIBRIUM = "equilibrium"  # a profile is (the only) equilibrium at κ, or is not
    GAME_TYPE = "game_type"  # each player's 2x2 type at κ
    MEDIATION = "mediation"  # correlated equilibria, or transfers against the budget
    REPEATED = "repeated"  # grim trigger at a discount factor, or the long-run share of conflict
    THIRD_PARTY = "third_party"  # an outside player held at a strategy moves the others' threshold
    SCENARIO = "scenario"  # another game file moves a threshold or the equilibrium set
    BINDING = "binding"  # whose condition sets a threshold
    SEQUENCE = "sequence"  # a move order: where compromise is the (unique) subgame-perfect outcome
    CAPACITY = "capacity"  # a threshold's verdict at a limited strategy's success probability
    TRUST = "trust"  # a type's prior against the priors at which compromise is an equilibrium outcome


#: The kinds that go beyond one simultaneous move (:mod:`sovgame.claims.claim_moves`).
MOVE_KINDS = (TestKind.SEQUENCE, TestKind.CAPACITY, TestKind.TRUST)


#: Criteria of a threshold (:class:`sovgame.costs.thresholds.Criterion`).
CRITERIA = ("nash", "strict", "dominant", "unique", "risk_dominant")
#: Criteria that have a binding player.
BINDING_CRITERIA = ("nash", "strict", "dominant")
#: Verdict words (:class:`sovgame.costs.verdicts.Verdict`).
VERDICT_WORDS = ("holds_today", "reachable", "beyond", "never", "lapsed")
#: 2x2 game types of one player's payoffs (:mod:`sovgame.claims.claim_tests`).
GAME_TYPES = ("prisoners_dilemma", "stag_hunt", "chicken", "deadlock", "harmony", "other")
#: Noisy strategies of repeated play (:func:`sovgame.play.repeated.strategies`).
REPEATED_STRATEGIES = ("tft", "gtft", "wsls", "grim", "alld")

#: What each kind may expect, and the quantities of kinds that have several.
EQUILIBRIUM_EXPECT = ("equilibrium", "not_equilibrium", "only_equilibrium")
MEDIATION_QUANTITIES = ("compromise_probability", "transfers")
TRANSFERS_EXPECT = ("exceed_budget", "within_budget")
REPEATED_QUANTITIES = ("grim_trigger", "conflict_share")
GRIM_EXPECT = ("sustained", "not_sustained")
DIRECTIONS = ("up", "down", "unchanged")
BINDING_EXPECT = ("binding", "not_binding")
#: Criteria of a move order (:mod:`sovgame.play.sequential`): compromise an SPE outcome, the only one.
SEQUENCE_CRITERIA = ("spe", "unique_spe")
#: Criteria followed in a success probability (:data:`sovgame.costs.capacity.CRITERIA`).
CAPACITY_CRITERIA = ("nash", "strict", "dominant", "unique")
#: Where a type's prior lies against the priors at which compromise is an equilibrium outcome.
TRUST_EXPECT = ("above_critical", "below_critical")


@dataclass(frozen=True)
class ClaimTest:
    """One test of a claim: the quantity to compute and what the claim expects of it.

    Which fields a test uses depends on its kind (README, "Claims"); the others stay None.
    ``kappa`` is the cost level of tests taken at one κ (default 1: today's costs); ``game``
    names another game file (a bundled name or a path relative to the claim's file) whose
    data the test needs, e.g. a ``[mediator]`` budget or a third player.
    """

    __test__ = False  # not a pytest class, despite its name

    kind: TestKind
    key: str  # where the test stands in the file, for messages: claims[0].test[1]
    kappa: Fraction = Fraction(1)
    game: str | None = None
    criterion: str | None = None
    expect: tuple[str, ...] = ()
    profile: str | None = None  # an outcome "s1|s2": equilibrium; scenario gains / loses
    target: str | None = None  # the profile thresholds are for (default: the compromise profile)
    player: str | None = None
    strategy: str | None = None
    quantity: str | None = None  # mediation and repeated
    at_most: Fraction | None = None
    at_least: Fraction | None = None
    discount: Fraction | None = None
    noise: Fraction | None = None
    pair: tuple[str, str] | None = None
    scenario: str | None = None
    direction: str | None = None  # scenario: how a threshold moves
    gains: bool | None = None  # scenario: True if ``profile`` is gained, False if lost
    order: tuple[str, ...] | None = None  # sequence: player names, the first mover first
    success: Fraction | None = None  # capacity: the success probability tested (default: the file's)
    type_name: str | None = None  # trust: the type whose prior is tested (the file's key ``type``)


@dataclass(frozen=True)
class Claim:
    """What a source asserts, and the tests that would confirm or refute it."""

    id: str
    text: str
    source: str
    tests: tuple[ClaimTest, ...]
