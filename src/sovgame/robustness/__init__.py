"""Robustness of a verdict: how likely is a cost threshold to be within reach over every set of
numbers consistent with what is known?

Articles give orderings, not numbers, so a verdict that holds for one cardinalisation and flips
for another is not a finding. :func:`robust` draws many games consistent with the file and
computes, for each, the thresholds of :mod:`sovgame.costs.thresholds` and the equilibria at the top
of the plausible range.

Sampling models (docs/models.md, "Robustness under ordinal uncertainty"):

- ``payoff_scale = "ordinal"``: each player's payoffs are redrawn as sorted independent
  Uniform(lo_i, hi_i) values assigned by rank, equal ranks kept equal, lo_i and hi_i being the
  player's lowest and highest payoffs in the file. Cost weights stay in file units. The
  ordering of each player's payoffs is kept, so the game type at κ = 0 never changes.
- cardinal games: ``noise = SD`` adds independent Normal(0, SD) to every payoff. Without noise
  the payoffs are the file's own.
- a cost with ``weights_range = [[lo, hi], ...]`` has each weight drawn from Uniform(lo, hi),
  independently per player and per sample; other weights are as stated.

A cardinal game with neither noise nor a weight range has nothing uncertain: every sample is
the file's own game, and the result says so (``uncertain`` is False).

How each quantity is computed, per sample (payoffs u(s; κ) = U(s) − κ·W(s)):

- ``nash`` and ``dominant``: a deviation gains a − κ·b (a = ΔU, b = ΔW), so each criterion
  holds on an interval of κ cut out by the bounds a/b (lower bounds where b > 0, upper bounds
  where b < 0; b = 0 holds always or never). Computed for all samples at once in numpy with
  the semantics of :func:`sovgame.costs.thresholds.compute_thresholds` (tests compare both).
  Floats only propose the verdict: a sample whose float ends lie within their rounding bound
  of κ = 1, of the top or of each other is decided again in fractions
  (:mod:`~sovgame.robustness.near_ties`).
- ``unique`` (two players): the set of κ where the target is the only equilibrium, as
  :func:`sovgame.costs.thresholds.compute_thresholds` finds it, read for its least κ and its
  verdict. Every pairwise comparison of a player's payoffs against one opponent strategy
  changes sign only at its breakpoint Δu/Δw, so between consecutive breakpoints both iterated
  strict dominance and the set of pure equilibria stay fixed. Element by element (each
  breakpoint and each gap, from κ = 0 up; only where the target is an equilibrium at all), the
  target is *proved* the only equilibrium (mixed ones included) where iterated strict dominance
  leaves only it, and *proved* not the only one where it is no equilibrium, another pure
  profile is one, or one player ties at the target while the other's reply is strict (a
  continuum). The proved elements make a set inside the true one, the elements not disproved a
  set around it; a verdict only grows with its set, so where both give the same verdict and the
  first element not disproved is proved, threshold and verdict are exact. In 2x2 games one of
  the proofs always applies, so every sample is settled exactly (the tests check all 81 sign
  patterns against the exact solver). In larger games a sample left undecided by an element
  where neither proof applies (mixed equilibria decide) stays *open*: an evenly spaced
  subsample of the open samples gets the exact per-sample path (:func:`compute_thresholds` on
  the sampled game in fractions), each member standing for open/subsample samples (a
  stratified estimate; Cochran 1977, ch. 5). The subsample is sized so that it adds about
  ±0.005 at most to P(threshold ≤ top) (:data:`UNIQUE_PRECISION`), unless ``unique_subsample``
  says otherwise.
- ``unique`` (three or more players): the exact per-sample path on an evenly spaced subsample
  (every sample is open).
- equilibria at the top of the plausible range: for 2x2 games from the signs of the four
  comparisons (each sign pattern solved once, exactly); for larger two-player games by batched
  support enumeration with tolerance checks, where samples that are degenerate within the
  tolerance are solved exactly (:func:`sovgame.solve`); games of three or more players: pure
  equilibria only.

Reproducibility: samples are drawn in chunks of :data:`CHUNK_SIZE`; chunk ``k`` uses the
generator seeded by ``SeedSequence(seed).spawn(...)[k]``, which depends on ``seed`` and ``k``
only. So the same seed gives the same result whatever the number of workers or the executor,
and a run of N samples starts with the samples of any shorter run.

The package, in the order a run flows through it: :mod:`~sovgame.robustness.plan` (the
sampling model and its arrays), :mod:`~sovgame.robustness.kappa_sets` (thresholds of many
samples at once), :mod:`~sovgame.robustness.near_ties` (their verdicts near a tie, decided
exactly), :mod:`~sovgame.robustness.patterns` (what each pattern of comparison signs
proves about uniqueness, worked out once per pattern), :mod:`~sovgame.robustness.batch`
(equilibria of many samples at one κ), :mod:`~sovgame.robustness.runner` (chunks, workers, the
exact subsample), :mod:`~sovgame.robustness.chunks` (what a chunk gives back, the per-sample
arrays of a run) and :mod:`~sovgame.robustness.summary` (shares, quantiles, intervals, the
one-line grade).

Memory: chunks are evaluated and dropped one by one; a run keeps, per sample, its three
thresholds, three verdict codes and binding player (28 bytes; 8 more for the weights of
``unique`` when samples are open), for exact quantiles and :attr:`RobustResult.values`.
"""
