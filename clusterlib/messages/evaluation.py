"""Messages of the yearly evaluation (年考评) and the published star list."""

TEXT = {
    "evaluation_year_incomplete": (
        "{year}的数据只到{as_of}，尚不完整：请给出考评方案流量指标的模拟路径"
        "（clusterlib evaluate会模拟）",
        "year {year} is incomplete at {as_of}: give simulated paths of the scheme's flows "
        "(clusterlib evaluate simulates them)",
    ),
    "evaluation_unknown_region": (
        "未知的地区{given!r}；应为regions.csv中的编号",
        "unknown region {given!r}; expected an id of regions.csv",
    ),
    # the star list (星级名单)
    "star_list_columns": ("缺少列：{columns}", "missing columns: {columns}"),
    "star_list_not_a_cluster": (
        "{region}是{region_kind}，不是省级产业集聚区：没有星级",
        "{region!r} is a {region_kind}, not a provincial cluster: it has no stars",
    ),
    "star_list_region_kind_city": ("城市", "city"),
    "star_list_region_kind_municipal_park": ("市级园区", "municipal_park"),
    "star_list_region_kind_aggregate": ("汇总口径", "aggregate"),
    "star_list_region_kind_reference": ("参照地区", "reference"),
    "star_list_year": ("应为年份或留空，实为{value!r}", "expected a year or empty, got {value!r}"),
    "star_list_stars": ("应为0至{most}的整数，实为{value!r}", "expected 0–{most}, got {value!r}"),
    "star_list_synthetic": ("应为true或false", "expected true or false"),
    "star_list_source": ("应写明评级的公布出处", "expected where the rating is published"),
    "star_list_twice": (
        "{region}{year}的第二个{source_kind}评级：每个地区每年应只有一个",
        "a second {source_kind} rating of {region} for {year}: expected one per region and year",
    ),
    "star_list_rating_synthetic": ("合成", "synthetic"),
    "star_list_rating_official": ("官方", "official"),
    # the scheme (params/evaluation.yaml)
    "scheme_duplicated_indicator": ("指标编号重复", "duplicated indicator id"),
    "scheme_not_an_indicator": (
        "{name!r}不是考评方案中的指标（{ids}）",
        "{name!r} is not an indicator of the scheme ({ids})",
    ),
    "scheme_unknown_indicator": (
        "未知的指标{given!r}；应为indicators.csv中的编号",
        "unknown indicator {given!r}; expected an id of indicators.csv",
    ),
    "scheme_compare_to_not_growth": (
        "只有ytd_growth指标可与地区比较，此指标为{metric}",
        "only a ytd_growth indicator compares to a region, not {metric}",
    ),
    "scheme_weights_sum": (
        "{weights}之和为{total:.6g}；应为1",
        "{weights} sum to {total:.6g}; expected 1",
    ),
    "scheme_weights_within_aspect": ("方面内各指标权重", "weights within the aspect"),
    "scheme_aspect_weights": ("各方面权重", "aspect weights"),
    "scheme_expected_shares": (
        "应为(0, 1]内的比例，实为{value}",
        "expected shares in (0, 1], got {value}",
    ),
    "scheme_one_per_star": (
        "应为{n}个值，每个星级一个",
        "expected {n} values, one per star level",
    ),
    "scheme_expected_numbers": (
        "应为非空的数值列表，实为{value}",
        "expected a non-empty list of numbers, got {value}",
    ),
    "scheme_expected_ordered": (
        "应为{order}的值（每个星级一个），实为{value}",
        "expected {order} values (one per star level), got {value}",
    ),
    "scheme_order_increasing": ("严格递增", "increasing"),
    "scheme_order_non_increasing": ("非递增", "non-increasing"),
    "scheme_share_below_one": (
        "应为小于1的比例，实为{value}",
        "expected a share below 1, got {value}",
    ),
    "scheme_expected_probability": (
        "应为[0.5, 1)内的概率，实为{value}",
        "expected a probability in [0.5, 1), got {value}",
    ),
    "scheme_expected_positive": ("应为正数", "expected a positive number"),
}
