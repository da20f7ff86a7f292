"""The bundled variants of the case that use a move order, limited capacity and hidden types:
what `analyze` says each feature changes, and the grades their comments argue."""

from __future__ import annotations

from sovgame import analyze, grade_claims, load_game


def conclusion(name):
    return " ".join(analyze(load_game(name)).conclusion)


def grades(name):
    card = grade_claims(load_game(name))
    assert card is not None
    return {r.claim.id: r.grade.value for r in card.results}


def test_commitment_variant():
    text = conclusion("pakistan_afghanistan_commitment")
    assert (
        "If Afghanistan could commit first (its move seen before Pakistan answers), compromise would be the only "
        "outcome above 4/3 of today's costs (reachable); with simultaneous moves, only above 4 of today's costs "
        "(beyond); with Pakistan first, above 2/3 of today's costs (holds today)."
    ) in text
    assert grades("pakistan_afghanistan_commitment") == {"unreachable": "partly_supported"}


def test_capacity_variant():
    text = conclusion("pakistan_afghanistan_capacity")
    assert (
        "compromise becomes an equilibrium from 20/11 of today's costs (reachable), against 4/3 at full capacity"
        in text
    )
    assert "beyond for q in [0, 1/2); reachable for q in [1/2, 1]" in text
    assert grades("pakistan_afghanistan_capacity") == {
        "capacity": "partly_supported",
        "unreachable": "partly_supported",
    }


def test_types_variant():
    text = conclusion("pakistan_afghanistan_types")
    assert "is an equilibrium outcome from 20/11 of today's costs (reachable)" in text
    assert "it survives a ttp_ally prior up to 1/2" in text
    assert grades("pakistan_afghanistan_types") == {"ideology": "not_supported"}


def test_the_plain_case_says_nothing_of_features_it_lacks():
    text = conclusion("pakistan_afghanistan")
    assert "commit first" not in text and "succeeds with probability" not in text and "types" not in text
