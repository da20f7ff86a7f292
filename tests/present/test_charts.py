"""Charts fit for print: no two labels overlap (measured with matplotlib's own text
extents), the title fits the figure, the κ axis ends a little past the last breakpoint, the
target is marked in words, the file type follows the extension."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest

from sovgame import bimatrix_game, bundled_names, compute_thresholds, load_game, sweep
from sovgame.core.case import Case, as_game
from sovgame.core.model import Cost, Game, Incidence
from support import extra_module


@pytest.fixture(autouse=True)
def _matplotlib():
    extra_module("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def texts_of(fig):
    """Every text the figure draws (tick labels of the ticks in view, axis labels, titles,
    annotations, legends, the figure's title), each with its box in pixels."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    drawn = [fig._suptitle, *fig.texts]
    for ax in fig.axes:
        drawn += list(ax.texts)
        if not ax.axison:
            continue
        for axis in (ax.xaxis, ax.yaxis):
            drawn += [tick.label1 for tick in axis._update_ticks() if tick.label1.get_visible()]
            drawn.append(axis.label)
        drawn += [ax.title, ax._left_title, ax._right_title]
        legend = ax.get_legend()
        if legend is not None:
            drawn += [*legend.get_texts(), legend.get_title()]
    for legend in fig.legends:
        drawn += [*legend.get_texts(), legend.get_title()]
    unique = {id(t): t for t in drawn if t is not None and t.get_visible() and t.get_text().strip()}
    return [(t.get_text(), t.get_window_extent(renderer)) for t in unique.values()]


def assert_fit_for_print(fig):
    """No two labels overlap; every label, the title first, lies inside the figure."""
    texts = texts_of(fig)
    width, height = fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi
    for label, box in texts:
        assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1, (label, box)
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        overlap_w = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        overlap_h = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        assert overlap_w <= 0.5 or overlap_h <= 0.5, f"{a!r} overlaps {b!r}"
    assert fig._suptitle is not None and fig._suptitle.get_text()


def crowded_3x3() -> Case:
    """A 3x3 coordination game with close breakpoints, whose labels cannot all sit on one row.

    Each player pays κ when it leaves its compromise (r1, c1). At (r2, c2) Row gets
    21/20 − κ and 0 by moving to r1, so (r2, c2) is an equilibrium while κ ≤ 21/20; likewise
    (r3, c3) while κ ≤ 11/10; the mixed equilibria among them add breakpoints below."""
    # Row's payoffs on the diagonal 1, 21/20, 11/10 above the rest (0); Column's the same.
    A = [[3, 0, 0], [0, F(21, 20), 0], [0, 0, F(11, 10)]]
    game = bimatrix_game(A, [list(row) for row in zip(*A)], title="A crowded 3x3 game of coordination, " * 3)
    players = tuple(type(p)(p.name, p.strategies, p.strategies[0]) for p in game.players)
    cost = Cost("burden", Incidence.OWN_CONFRONT, (F(1), F(1)), (0, 1))
    return Case(Game(game.title, players, game.payoffs, costs=(cost,)), plausible_kappa=(F(0), F(2)))


def regime_figure(game):
    from sovgame.present.regime_chart import sweep_figure

    report = compute_thresholds(game) if as_game(game).compromise_profile is not None else None
    return sweep_figure(sweep(game), report)


@pytest.mark.parametrize("name", bundled_names())
def test_the_regime_chart_of_every_bundled_game_is_fit_for_print(name):
    assert_fit_for_print(regime_figure(load_game(name)))


def test_the_regime_chart_of_a_crowded_3x3_game_staggers_its_labels():
    game = crowded_3x3()
    result = sweep(game)
    assert {F(21, 20), F(11, 10)} <= set(result.breakpoints)
    fig = regime_figure(game)
    assert_fit_for_print(fig)
    offsets = {t.xyann[1] for t in fig.axes[0].texts if t.get_text().startswith(("κ =", "today"))}
    assert len(offsets) > 1  # the labels 1/20 apart needed more than one row


def test_the_axis_ends_a_little_past_the_last_breakpoint():
    # The 3x3 escalation game: last change at κ = 4 (the sweep itself runs further).
    case = load_game("pakistan_afghanistan_escalation")
    result = sweep(case)
    last = max(float(p) for p in result.breakpoints)
    fig = regime_figure(case)
    start, end = fig.axes[0].get_xlim()
    assert start == 0 and last < end <= last * 1.2 + 0.1
    assert end < float(result.to)


def test_the_target_is_named_and_2x2_mixed_probabilities_are_drawn():
    fig = regime_figure(load_game("pakistan_afghanistan"))
    ticks = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert "(Restrain strikes, Constrain TTP) — target" in ticks
    # The mixed equilibrium of the case exists for 4/3 < κ < 4: a panel of its probabilities.
    mixed = fig.axes[1]
    lines = {line.get_label(): line for line in mixed.get_lines()}
    assert set(lines) == {"Pakistan: P(Restrain strikes)", "Afghanistan: P(Constrain TTP)"}
    xs = [x for x in lines["Pakistan: P(Restrain strikes)"].get_xdata() if x == x]
    assert 4 / 3 < min(xs) and max(xs) < 4


def test_a_bounded_set_is_listed_whole_below_the_chart():
    # The 2x2 game of tests/costs/test_unique_sets.py ("a bounded stretch"): compromise is the
    # only equilibrium, and dominant, on (5/3, 8) only; the chart's table says where it stops.
    from costs.test_unique_sets import BOUNDED_STRETCH
    from sovgame import parse_game

    fig = regime_figure(parse_game(BOUNDED_STRETCH))
    texts = [t.get_text() for t in fig.axes[-1].texts]
    assert "only equilibrium: > 5/3 (1.667), for κ in (5/3 (1.667), 8) (reachable)" in texts
    assert "equilibrium (Nash): ≥ 5/3 (1.667), for κ in [5/3 (1.667), 8] (reachable)" in texts


def test_timeline_and_dynamics_are_fit_for_print():
    from sovgame import analyze_repeated, run_dynamics
    from sovgame.present.plot import dynamics_figure, timeline_figure

    assert_fit_for_print(timeline_figure(analyze_repeated(load_game("pakistan_afghanistan_repeated"))))
    assert_fit_for_print(dynamics_figure(run_dynamics(load_game("stag_hunt"))))
    assert_fit_for_print(dynamics_figure(run_dynamics(load_game("pakistan_afghanistan_escalation"))))


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_the_file_type_follows_the_extension(runner, tmp_path, suffix, magic):
    from sovgame.cli import app

    out = tmp_path / f"regimes{suffix}"
    result = runner.invoke(app, ["sweep", "stag_hunt", "--plot", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_a_breakpoint_a_hair_above_today_is_not_labelled_today():
    """As in crowded_3x3, with Row's and Column's second diagonal payoff 1 + 10⁻²⁰: (r2, c2)
    is an equilibrium while κ ≤ 1 + 10⁻²⁰, a breakpoint above today's κ = 1 (equal to it as a
    float). The chart marks today on its own line and does not call that breakpoint today."""
    near = 1 + F(1, 10**20)
    A = [[3, 0], [0, near]]
    base = bimatrix_game(A, [list(row) for row in zip(*A)], title="A hair above today")
    players = tuple(type(p)(p.name, p.strategies, p.strategies[0]) for p in base.players)
    cost = Cost("burden", Incidence.OWN_CONFRONT, (F(1), F(1)), (0, 1))
    game = Case(Game(base.title, players, base.payoffs, costs=(cost,)), plausible_kappa=(F(0), F(2)))
    assert near in sweep(game).breakpoints
    labels = [t.get_text() for t in regime_figure(game).axes[0].texts]
    assert "today, κ = 1" in labels
    assert not [text for text in labels if "(today)" in text]


def _svg_texts(path) -> list[str]:
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    return ["".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_charts_keep_their_text_as_text(runner, tmp_path):
    # svg.fonttype = "none": words stay <text> elements an editor can change, not glyph paths.
    from sovgame.cli import app

    out = tmp_path / "regimes.svg"
    assert runner.invoke(app, ["sweep", "pakistan_afghanistan", "--plot", str(out)]).exit_code == 0
    texts = _svg_texts(out)
    assert len(texts) > 20
    assert any("equilibria by cost level" in t for t in texts) and "the target (compromise)" in texts
    tornado = tmp_path / "tornado.svg"
    args = ["sensitivity", "pakistan_afghanistan", "--criterion", "nash", "--plot", str(tornado)]
    assert runner.invoke(app, args).exit_code == 0
    assert "no change that way" in _svg_texts(tornado)


def _captured(monkeypatch, module):
    """The figures ``module`` saves, kept for inspection."""
    figures = []
    original = module.save_figure

    def keep(fig, *args, **kwargs):
        figures.append(fig)
        assert_fit_for_print(fig)  # before it is closed
        original(fig, *args, **kwargs)

    monkeypatch.setattr(module, "save_figure", keep)
    return figures


def test_the_tornado_names_its_colours_and_its_costs_in_words(runner, tmp_path, monkeypatch):
    import sovgame.present.sensitivity_plot as charts
    from sovgame.cli import app

    figures = _captured(monkeypatch, charts)
    result = runner.invoke(app, ["sensitivity", "pakistan_afghanistan", "--plot", str(tmp_path / "t.png")])
    assert result.exit_code == 0, result.output
    (fig,) = figures
    labels = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert len(labels) == 3 and "no change that way" in labels  # one entry per colour drawn
    ticks = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert "Pakistan's military operations weight = 1/4" in ticks and not any("_" in t for t in ticks)
    # 11 panels of at most 6 rows (no_leverage and cycles follow their files' ranged numbers),
    # not 4,353 px for 7 panels.
    assert len(fig.axes) == 11 and fig.get_figheight() * 150 < 3300


def test_the_map_of_a_yes_no_criterion_has_two_colours_a_legend_and_a_title_in_words(runner, tmp_path, monkeypatch):
    import sovgame.present.sensitivity_plot as charts
    from sovgame.cli import app

    figures = _captured(monkeypatch, charts)
    args = ["sensitivity", "pakistan_afghanistan", "--map", "kappa,cost:military_operations@Pakistan", "--grid", "9"]
    result = runner.invoke(app, [*args, "--criterion", "unique", "--plot", str(tmp_path / "m.png")])
    assert result.exit_code == 0, result.output
    (fig,) = figures
    assert len(fig.axes) == 1  # no colour bar
    (mesh,) = fig.axes[0].collections[:1]
    assert mesh.cmap.N == 2
    labels = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert labels[:2] == ["holds", "does not hold"] and "the file's numbers" in labels
    assert "where compromise is the only equilibrium" in fig.axes[0].get_title()
    assert "unique" not in fig.axes[0].get_title()
    assert fig.axes[0].get_ylabel() == "Pakistan's military operations weight"


def test_the_reports_chart_is_as_wide_as_its_text_column(tmp_path):
    from sovgame.present.report import CHART_DPI, CHART_INCHES, COLUMN_PX, write_report

    written = write_report("pakistan_afghanistan", tmp_path / "r.md", load=lambda spec, settings: load_game(spec))
    png = next(path for path in written if path.suffix == ".png").read_bytes()
    width = int.from_bytes(png[16:20], "big")  # the PNG header's width
    assert width == COLUMN_PX == round(CHART_INCHES * CHART_DPI)
    page = write_report("pakistan_afghanistan", tmp_path / "r.html", load=lambda spec, settings: load_game(spec))
    assert f'width="{COLUMN_PX}"' in page[0].read_text(encoding="utf-8")
