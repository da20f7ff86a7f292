"""Game files shared by the tests, as text."""

#: The bundled Pakistan–Afghanistan case, written out (docs/models.md, "Case material").
CASE_TOML = """\
[game]
title = "Pakistan-Afghanistan: the TTP sanctuary dilemma"
payoff_scale = "ordinal"

[[players]]
name = "Pakistan"
strategies = ["Restrain strikes", "Strike"]
compromise = "Restrain strikes"

[[players]]
name = "Afghanistan"
strategies = ["Constrain TTP", "Tolerate TTP"]
compromise = "Constrain TTP"

[payoffs]
"Restrain strikes|Constrain TTP" = [3, 3]
"Restrain strikes|Tolerate TTP"  = [1, 4]
"Strike|Constrain TTP"           = [4, 1]
"Strike|Tolerate TTP"            = [2, 2]

[notes]
"Strike|Tolerate TTP" = "status quo: strikes go on, sanctuaries stay"

[[costs]]
name = "trade_disruption"
incidence = "any_conflict"
weights = [0.5, 1.0]
between = ["Pakistan", "Afghanistan"]

[[costs]]
name = "refugee_returns"
incidence = "any_conflict"
weights = [0, 0.5]

[[costs]]
name = "military_operations"
incidence = "own_confront"
weights = [0.25, 0]

[analysis]
plausible_kappa = [0, 2]
"""


SELTEN_PAYOFF = """\
NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""


#: A cardinal 2x2 with every incidence, so that sampled deviations meet costs that rise, fall
#: or stay flat (b > 0, b < 0, b = 0) for every target profile.
MIXED_COSTS_2X2 = """
[game]
title = "mixed costs"
payoff_scale = "cardinal"

[[players]]
name = "A"
strategies = ["a0", "a1"]
compromise = "a0"

[[players]]
name = "B"
strategies = ["b0", "b1"]
compromise = "b0"

[payoffs]
"a0|b0" = [3, 3]
"a0|b1" = [1, 4]
"a1|b0" = [4, 1]
"a1|b1" = [2, 2]

[[costs]]
name = "war"
incidence = "mutual_confront"
weights = [1, 1]
weights_range = [[0, 2], [0.5, 1.5]]

[[costs]]
name = "strikes"
incidence = "own_confront"
weights = [0.25, 0.5]

[[costs]]
name = "trade"
incidence = "any_conflict"
weights = [0.5, 0.25]
weights_range = [[0, 1], [0, 0.5]]

[analysis]
plausible_kappa = [0.5, 2]
"""


BAD_OPTIONS = [
    ({"samples": 0}, "samples", "--samples"),
    ({"samples": -5}, "samples", "--samples"),
    ({"seed": -1}, "seed", "--seed"),
    ({"workers": 0}, "workers", "--workers"),
    ({"noise": -0.5}, "noise", "--noise"),
    ({"noise": float("nan")}, "noise", "--noise"),
    ({"unique_subsample": -1}, "unique_subsample", "--unique-subsample"),
]


# Three players: a Prisoner's Dilemma between Row and Column (R, S, T, P = 3, 0, 5, 1) and
# an outside player who can hold back or engage; engaging lowers Row's payoff at mutual
# compromise by 1 (3 → 2) and changes nothing else for the two. Costs: own_confront, weight
# 1 for Row and Column, 0 for the outsider. With the outsider held at 'Hold', each of the two
# gains 5 − 3 − κ by defecting: κ ≥ 2 (within [0, 2.5]). At 'Engage', Row gains 5 − 2 − κ:
# κ ≥ 3, Row binding (Column needs 2): beyond the top 2.5.
TRIANGLE = """
[game]
title = "triangle"
[[players]]
name = "Row"
strategies = ["C", "D"]
compromise = "C"
[[players]]
name = "Column"
strategies = ["C", "D"]
compromise = "C"
[[players]]
name = "Outside"
strategies = ["Hold", "Engage"]
compromise = "Hold"
[payoffs]
"C|C|Hold" = [3, 3, 0]
"C|D|Hold" = [0, 5, 0]
"D|C|Hold" = [5, 0, 0]
"D|D|Hold" = [1, 1, 0]
"C|C|Engage" = [2, 3, 1]
"C|D|Engage" = [0, 5, 1]
"D|C|Engage" = [5, 0, 1]
"D|D|Engage" = [1, 1, 1]
[[costs]]
name = "strikes"
incidence = "own_confront"
weights = [1, 1, 0]
[analysis]
plausible_kappa = [0, 2.5]
"""


#: The case with Kabul's `Constrain TTP` succeeding with probability 3/5 (else the outcome
#: of `Tolerate TTP`), Kabul moving first and observed, and two types of Kabul: the file's
#: payoffs (prior 3/5) and a TTP ally for whom constraining is worse by 3 (prior 2/5).
MOVES_TOML = (
    CASE_TOML
    + """
[sequence]
order = ["Afghanistan", "Pakistan"]
observed = true

[[capacity]]
player = "Afghanistan"
strategy = "Constrain TTP"
success = 0.6
success_range = [0.3, 0.9]

[[types]]
player = "Afghanistan"
name = "security_seeker"
prior = 0.6

[[types]]
player = "Afghanistan"
name = "ttp_ally"
prior = 0.4
payoffs = { "Restrain strikes|Constrain TTP" = 0, "Strike|Constrain TTP" = -2 }
"""
)
