"""Time to classify 100,000 synthetic firms (issue #6 target: under 5 s on this machine).

Run: .venv/bin/python bench/enterprise_bench.py [--firms N] [--repeats R]
"""

from __future__ import annotations

import argparse
import statistics
import timeit

from clusterlib import paths
from clusterlib.demo.enterprises import make_enterprises
from clusterlib.enterprise.classification import classify, enterprise_tables
from clusterlib.enterprise.rules import load_rules

RULES = {
    "henan": paths.PARAMS / "enterprise_henan.yaml",
    "zhejiang": paths.PARAMS / "enterprise_zhejiang_huangyan_2022.yaml",
}


def median_seconds(function, repeats: int) -> float:
    """Median wall time of ``repeats`` calls of ``function()`` (standard library ``timeit``)."""
    return statistics.median(timeit.repeat(function, number=1, repeat=repeats))


def main() -> None:
    """Print the median time of classify and of all enterprise tables per procedure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--firms", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    records = make_enterprises(seed=2019, n=args.firms)
    print(f"{args.firms:,} synthetic firms, median of {args.repeats} runs")
    for procedure, path in RULES.items():
        rules = load_rules(path)
        t_classify = median_seconds(lambda: classify(records, rules), args.repeats)  # noqa: B023
        tables = lambda: enterprise_tables(records, rules, 48.0, 35.0)  # noqa: B023, E731
        t_tables = median_seconds(tables, args.repeats)
        print(f"{procedure:9s} classify {t_classify:6.2f} s   all four tables {t_tables:6.2f} s")


if __name__ == "__main__":
    main()
