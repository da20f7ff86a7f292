"""The criteria a cost threshold can be asked for, in a module of their own: a file's claims
name them when they are read, long before (and often without) any threshold being computed."""

from __future__ import annotations

from enum import StrEnum


class Criterion(StrEnum):
    """What the target profile must be for a cost level κ to count (:mod:`sovgame.costs.thresholds`)."""

    NASH = "nash"
    STRICT = "strict"
    DOMINANT = "dominant"
    UNIQUE = "unique"
    RISK_DOMINANT = "risk_dominant"


#: The criteria in the order every table and JSON lists them.
CRITERIA = tuple(Criterion)

#: The name the status quo's exit carries in claims, tables and JSON; no criterion of the target
#: (:mod:`sovgame.costs.status_quo_exit`).
STATUS_QUO_EXIT = "status_quo_exit"
