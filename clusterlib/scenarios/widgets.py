"""Sliders for scenarios in a notebook: growth shocks and a project's investment, live goals."""

from __future__ import annotations

import time

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from clusterlib import catalog
from clusterlib.labels import scenario_text
from clusterlib.scenarios.compare import comparison, comparison_view
from clusterlib.scenarios.interactive import (
    PROJECT_INDICATOR,
    SHOCKED_INDICATORS,
    ScenarioModel,
    takes_projects,
)
from clusterlib.scenarios.spec import CITY, GrowthShock, LevelShock, Shock, cluster_ids

GROWTH_RANGE = (-5.0, 5.0)  # pp
PROJECT_RANGE = (-200.0, 200.0)  # 亿元


def slider_shocks(
    model: ScenarioModel, indicator: str, growth: dict[str, float], project: tuple[str, float]
) -> list[Shock]:
    """The shocks the sliders state: growth pp per region of ``indicator`` from the model's
    first unpublished period, and ``project`` = (cluster, 亿元) in the year's last quarter."""
    start = model.start
    shocks: list[Shock] = [
        GrowthShock(indicator, (region,), pp, start) for region, pp in growth.items() if pp
    ]
    region, amount = project
    if amount:
        quarter = pd.Period(year=model.as_of.year, quarter=4, freq="Q-DEC")
        shocks.append(LevelShock(PROJECT_INDICATOR, region, amount, quarter))
    return shocks


def scenario_widgets(model: ScenarioModel, lang: str = "zh") -> widgets.Widget:
    """A panel of sliders (the city's growth, each cluster's, a project's investment) above a
    table of every path-based goal's probability and status, baseline against scenario.

    Each move re-evaluates the goals with :meth:`ScenarioModel.goals` (no refitting) and shows
    how long it took. Without a notebook front end (papermill) the panel is built but not drawn.
    """
    names = {i: catalog.indicator_name(i, lang) for i in SHOCKED_INDICATORS}
    indicator = widgets.Dropdown(
        options=[(names[i], i) for i in SHOCKED_INDICATORS],
        description=scenario_text("indicator", lang),
    )
    regions = [CITY, *cluster_ids()]
    growth = {
        region: widgets.FloatSlider(
            0.0,
            min=GROWTH_RANGE[0],
            max=GROWTH_RANGE[1],
            step=0.5,
            description=catalog.region_name(region, lang)[:8],
            style={"description_width": "initial"},
        )
        for region in regions
    }
    where = widgets.Dropdown(
        options=[(catalog.region_name(r, lang), r) for r in cluster_ids()],
        description=scenario_text("project_in", lang),
    )
    amount = widgets.FloatSlider(
        0.0,
        min=PROJECT_RANGE[0],
        max=PROJECT_RANGE[1],
        step=5.0,
        description=scenario_text("q4_investment", lang),
        style={"description_width": "initial"},
    )
    out = widgets.Output()

    def update(_: object = None) -> None:
        started = time.perf_counter()
        shocks = slider_shocks(
            model,
            indicator.value,
            {r: s.value for r, s in growth.items()},
            (where.value, amount.value),
        )
        view = comparison_view(comparison(model.baseline, model.goals(shocks)), lang)
        seconds = time.perf_counter() - started
        with out:
            out.clear_output(wait=True)
            print(scenario_text("updated_in", lang, seconds=seconds))
            display(view.iloc[:, :8])

    for control in (indicator, amount, where, *growth.values()):
        control.observe(update, names="value")
    update()
    label = widgets.HTML(scenario_text("growth_shocks", lang, period=model.start))
    project = [where, amount] if takes_projects(model) else []  # Q4 partly published: none
    sliders = widgets.VBox([indicator, label, *growth.values(), *project])
    return widgets.HBox([sliders, out])
