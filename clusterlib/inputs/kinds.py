"""One kind of figures per region's indicator: real or synthetic, never both (V1).

A region's indicator given by real and synthetic rows in the files read together is refused
(:func:`mixed_kind_problems`): the loaders used to keep whichever file came first and mix it
into the other kind's series, and no check compared the two kinds.
"""

from __future__ import annotations

import pandas as pd

from clusterlib.exceptions import Problem
from clusterlib.inputs.problem_rows import file_rows, other_row
from clusterlib.inputs.reading import ROW, is_release_collection
from clusterlib.messages import message

FIGURE_KEY = ["region", "indicator"]  # one region's indicator: levels and growth, ytd and single
SAME_FIGURE = ["measure", "period_type", "period_text"]  # the other kind's row named first


def mixed_kind_problems(records: pd.DataFrame, official_apart: bool = False) -> list[Problem]:
    """One problem per region's indicator given both as real and as synthetic rows, of any
    status: an ``estimate`` or ``alternative`` row is not analysed, but a file set giving a
    figure in both kinds is mixed all the same (assumption V1).

    ``records``: typed records with ``file`` and row columns, in the order read (files in the
    order given). The problem is at the first row of the kind with fewer final rows (the
    analysed ones; on a tie, fewer rows of any status, then the kind whose first row comes
    later), naming the other kind's row of the same measure,
    period_type and period where there is one, else its first row: where it stands does
    not depend on the order of the files. Where any row of the figure is not final, the
    message gives the status of the row named and how many rows of each kind are final.
    With ``official_apart`` (the ``validate``
    command) files under ``data/official/`` are compared among themselves only: they are
    the quarterly run's official set, read apart from its data (assumption V1).
    """
    if records.empty:
        return []
    records = records.assign(
        period_text=records["period"].map(str),
        official=[official_apart and is_release_collection(f) for f in records["file"]],
    )
    problems = []
    for _, rows in records.groupby([*FIGURE_KEY, "official"], sort=False):
        kinds = rows["synthetic"].astype(bool)
        if kinds.all() or not kinds.any():
            continue
        real, synthetic = rows[~kinds], rows[kinds]
        order = sorted(
            [(real, synthetic), (synthetic, real)],
            key=lambda pair: (_final(pair[0]).sum(), len(pair[0]), -pair[0].index[0]),
        )
        these, those = order[0]
        first = next(file_rows(these.iloc[[0]]))
        same = those[(those[SAME_FIGURE] == [getattr(first, c) for c in SAME_FIGURE]).all(axis=1)]
        other = (same if len(same) else those).iloc[0]
        kind_here = message("data_synthetic" if first.synthetic else "data_real")
        kind_there = message("data_real" if first.synthetic else "data_synthetic")
        fields = {
            "region": first.region,
            "indicator": first.indicator,
            "these": kind_here,
            "those": kind_there,
            "there": other_row(first.file, other["file"], other[ROW]),
            "n_these": len(these),
            "n_those": len(those),
        }
        if _final(rows).all():
            said = message("kinds_mixed", **fields)
        else:
            final_these, final_those = int(_final(these).sum()), int(_final(those).sum())
            status = message(f"row_status_{_status(first)}")
            said = message(
                "kinds_mixed_status",
                status=status,
                final_these=final_these,
                final_those=final_those,
                **fields,
            )
        problems.append(Problem(first.file, first.ROW, "synthetic", said))
    return problems


def _final(rows: pd.DataFrame) -> pd.Series:
    """Mask of the rows of status final (the only ones analysed; no status column: all)."""
    if "status" not in rows:
        return pd.Series(True, index=rows.index)
    return rows["status"].fillna("final").replace("", "final") == "final"


def _status(row: object) -> str:
    """The status of a row of :func:`file_rows` (final where the records have none)."""
    status = getattr(row, "status", "final")
    return status if status in ("estimate", "alternative") else "final"
