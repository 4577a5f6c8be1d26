"""Charts of one quarter's tables: a growth fan chart per region and the full-year ranking."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from clusterlib import catalog
from clusterlib.inputs.periods import yoy_growth
from clusterlib.labels import period_name, t
from clusterlib.publish.charts import fan_chart, ranking_chart

# = forecasting.forecast.INTERVAL_COLUMNS, not imported: this module must not load statsmodels
BAND_COLUMNS = ["mean", "lo_80", "hi_80", "lo_95", "hi_95"]
SHOWN_ACTUALS = 12  # quarters of actual growth before the fan


def region_fan_chart(
    series: pd.DataFrame, fc: pd.DataFrame, region: str, lang: str = "zh", synthetic: bool = False
) -> Figure:
    """Fan chart of one region's y/y growth (同比增速): actuals, the forecast median and its
    80%/95% bands for the next four quarters, and the city's growth as a dotted line.

    ``series`` holds one indicator's levels or index values for every region; ``fc`` its
    forecasts (model ``combo`` is drawn).
    """
    history, bands = growth_fan(series, fc, region)
    city = None
    if region != "city" and (series["region"] == "city").any():
        city_history, city_bands = growth_fan(series, fc, "city")
        city = pd.concat(
            [city_history, city_bands[["period", "mean"]].rename(columns={"mean": "value"})]
        )
    indicator = str(series["indicator"].iloc[0])
    title = f"{catalog.region_name(region, lang)} · {catalog.indicator_name(indicator, lang)}"
    return fan_chart(history, bands, city, title=title, lang=lang, synthetic=synthetic)


def growth_fan(
    series: pd.DataFrame, fc: pd.DataFrame, region: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One region's y/y growth in %: (actuals ``period, value``, forecast bands ``period,
    mean, lo_80, hi_80, lo_95, hi_95``) for at most four quarters ahead.

    Up to four quarters ahead the year-earlier level is an actual, so each quantile of the
    level divided by it is the same quantile of growth: the bands are exact.
    """
    levels = series[series["region"] == region].set_index("period")["value"].sort_index()
    actual = yoy_growth(levels).dropna().tail(SHOWN_ACTUALS)
    ahead = fc[(fc["region"] == region) & (fc["model"] == "combo")].set_index("period")
    ahead = ahead[ahead.index <= levels.index.max() + 4].sort_index()
    year_earlier = levels.reindex(ahead.index - 4).to_numpy()
    bands = 100.0 * (ahead[BAND_COLUMNS].div(year_earlier, axis=0) - 1.0)
    history = actual.rename("value").rename_axis("period").reset_index()
    return history, bands.rename_axis("period").reset_index()


def growth_ranking_chart(full: pd.DataFrame, lang: str = "zh", synthetic: bool = False) -> Figure:
    """Clusters ranked by full-year growth, with the city's (全市) as a reference line.

    While the year is not complete (any ``basis`` "forecast") the title says the growth is
    expected (预计) and each bar carries its 80% interval (``full_year_lo_80``,
    ``full_year_hi_80`` of :func:`clusterlib.pipeline.full_year`) where the table has one.
    """
    is_city = full["region"] == "city"
    city = float(full.loc[is_city, "full_year_growth"].iloc[0]) if is_city.any() else None
    columns = {"full_year_growth": "value", "full_year_lo_80": "lo", "full_year_hi_80": "hi"}
    values = full.loc[~is_city, ["region", *[c for c in columns if c in full]]]
    indicator = str(full["indicator"].iloc[0])
    year = full["year"].iloc[0]
    forecast = "basis" in full and (full["basis"] == "forecast").any()
    label = t("growth_full_year_forecast" if forecast else "growth_ytd", lang)
    when = period_name(str(year), lang)  # 2019年 in Chinese, before the words
    title = f"{catalog.indicator_name(indicator, lang)}\n" + (
        f"{when}{label}" if lang == "zh" else f"{label} {when}"
    )
    return ranking_chart(values.rename(columns=columns), city, title, lang, synthetic)
