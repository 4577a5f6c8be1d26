"""Charts of one quarter's tables: a fan chart per region and the full-year growth ranking."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from clusterlib import catalog
from clusterlib.charts import fan_chart, ranking_chart
from clusterlib.labels import t


def region_fan_chart(
    series: pd.DataFrame, fc: pd.DataFrame, region: str, lang: str = "zh", synthetic: bool = False
) -> Figure:
    """Fan chart of one region's series: actuals, the forecast median and its 80%/95% bands."""
    history = series[series["region"] == region][["period", "value"]]
    ahead = fc[(fc["region"] == region) & (fc["model"] == "combo")]
    indicator = str(series["indicator"].iloc[0])
    title = f"{catalog.region_name(region, lang)} · {catalog.indicator_name(indicator, lang)}"
    unit = t(f"unit_{series['unit'].iloc[0]}", lang)
    return fan_chart(
        history.tail(16), ahead, title=title, lang=lang, synthetic=synthetic, ylabel=unit
    )


def growth_ranking_chart(full: pd.DataFrame, lang: str = "zh", synthetic: bool = False) -> Figure:
    """Clusters ranked by forecast full-year growth, with the city's as a reference line."""
    is_city = full["region"] == "city"
    city = float(full.loc[is_city, "full_year_growth"].iloc[0]) if is_city.any() else None
    values = full.loc[~is_city, ["region", "full_year_growth"]]
    indicator = str(full["indicator"].iloc[0])
    year = full["year"].iloc[0]
    title = f"{catalog.indicator_name(indicator, lang)}\n{t('growth_ytd', lang)} {year}"
    return ranking_chart(
        values.rename(columns={"full_year_growth": "value"}), city, title, lang, synthetic
    )
