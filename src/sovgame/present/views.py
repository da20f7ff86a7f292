"""``to_dict()``, ``to_json()`` and ``to_frame()`` on every result, from the JSON builders of
this package (the same dicts the command line prints with ``--format json``).

Results are facts computed in the lower layers, which know nothing of their views; the
methods are attached here, to each result class, when :func:`install` runs. Importing
:mod:`sovgame` and using anything from it installs them, so a notebook user simply calls
``sovgame.solve(game).to_json()``. The functions :func:`to_dict`, :func:`to_json` and
:func:`to_frame` do the same for any result passed to them.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..errors import ParameterError, SovgameError

#: (module of the result class, class, module of its JSON builder, builder).
VIEWS = (
    ("core.model", "Game", "game", "game_to_json"),
    ("core.case", "Case", "game", "game_to_json"),
    ("solvers.equilibria", "Solution", "equilibria", "solution_to_json"),
    ("costs.thresholds", "ThresholdReport", "thresholds", "report_to_json"),
    ("costs.regimes", "Sweep", "thresholds", "sweep_to_json"),
    ("costs.capacity", "CapacitySensitivity", "capacity", "capacity_to_json"),
    ("costs.scenarios", "WhatIf", "analysis", "whatif_to_json"),
    ("play.mediation", "Mediation", "play", "mediation_to_json"),
    ("play.repeated", "RepeatedAnalysis", "play", "repeated_to_json"),
    ("play.dynamics", "Dynamics", "play", "dynamics_to_json"),
    ("play.sequential", "SequentialAnalysis", "moves", "sequential_to_json"),
    ("play.trust", "TrustAnalysis", "trust", "trust_to_json"),
    ("play.gmcr", "StabilityAnalysis", "stability", "stability_to_json"),
    ("play.quantal", "QreAnalysis", "qre", "qre_to_json"),
    ("robustness.summary", "RobustResult", "robust", "robust_to_json"),
    ("findings.analysis", "Analysis", "analysis", "analysis_to_json"),
    ("claims.scorecard", "Scorecard", "claims", "scorecard_to_json"),
)

_BUILDERS: dict[type, Any] = {}


def _load(module: str, name: str) -> Any:
    return getattr(importlib.import_module(f"sovgame.{module}"), name)


def install() -> None:
    """Attach ``to_dict``, ``to_json`` and ``to_frame`` to every result class (once)."""
    if _BUILDERS:
        return
    for module, cls_name, view_module, builder in VIEWS:
        cls = _load(module, cls_name)
        _BUILDERS[cls] = _load(f"present.{view_module}", builder)
        cls.to_dict = to_dict
        cls.to_json = to_json
        cls.to_frame = to_frame


def to_dict(result: Any) -> Any:
    """``result`` as the stable JSON of its command (documented in docs/reference.md): plain
    dicts, lists, strings, numbers; exact numbers as text beside their floats."""
    import json

    install()
    for cls in type(result).__mro__:
        if cls in _BUILDERS:
            # Through JSON text and back: plain types only (an enum becomes its word), exactly
            # what the command line prints.
            return json.loads(json.dumps(_BUILDERS[cls](result), ensure_ascii=False))
    raise ParameterError("result", f"no JSON view for a {type(result).__name__}")


def to_json(result: Any, indent: int | None = 2) -> str:
    """``result`` as JSON text (:func:`to_dict`), non-ASCII characters kept as written."""
    import json

    return json.dumps(to_dict(result), indent=indent, ensure_ascii=False)


def to_frame(result: Any) -> Any:
    """``result`` as a pandas DataFrame in long form, one row per value: ``section``,
    ``key1``, ``key2``, ..., ``exact`` (text), ``value`` (float; ``inf`` for no finite value,
    NaN for text) and ``text`` — the rows of ``--format csv`` (:mod:`sovgame.present.tidy`).
    Needs pandas."""
    try:
        import pandas as pd
    except ImportError:
        raise SovgameError("to_frame needs pandas: pip install pandas") from None
    from .tidy import key_columns, tidy_rows

    rows = tidy_rows(to_dict(result), type(result).__name__.lower())
    keys = key_columns(rows)
    records = [
        {
            "section": r.section,
            **{k: (r.keys[i] if i < len(r.keys) else "") for i, k in enumerate(keys)},
            "exact": r.exact,
            "value": float("nan") if r.value is None else r.value,
            "text": r.text,
        }
        for r in rows
    ]
    return pd.DataFrame.from_records(records, columns=["section", *keys, "exact", "value", "text"])
