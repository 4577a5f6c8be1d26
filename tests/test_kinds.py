"""A region's indicator is read from real or from synthetic figures, never both (V1; T7A-4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterlib import paths
from clusterlib.cli import main
from clusterlib.exceptions import DataValidationError
from clusterlib.inputs.panel import load_records
from clusterlib.inputs.validation import validate_files
from clusterlib.messages import told

HEADER = "region,indicator,period,period_type,measure,value,unit,source,note,synthetic\n"
# the tester's real 1–12月 主营业务收入 of airport, typed in the wrong unit (demo: 4107.14)
REAL_REVENUE = (
    "airport,main_business_revenue,2018Q4,ytd,level,5.0,100m_yuan,"
    "http://example.org/release,typed in the wrong unit,false\n"
)
EVALUATION = "data/demo/evaluation.csv"  # its row 165: airport's synthetic 2018Q4 ytd revenue
ZH = (
    "real.csv，第2行，“synthetic”列：郑州航空港产业集聚区规模以上工业主营业务收入此处为真实数据，"
    "而data/demo/evaluation.csv第165行为模拟数据（一同读入的文件中真实1行、模拟28行）："
    "同一地区的同一指标只能全部取真实数据或全部取模拟数据，不可混用（假设V1），与文件的先后无关；"
    "请把两类数据分开运行，或更正synthetic列"
)
EN = (
    "real.csv, row 2, column 'synthetic': real figures of airport/main_business_revenue here, "
    "synthetic ones at row 165 of data/demo/evaluation.csv (1 real and 28 synthetic rows in "
    "the files read together): a region's indicator is read from real or from synthetic "
    "figures, never both (assumption V1), whatever the order of the files; give the two "
    "kinds to separate runs, or correct the synthetic column"
)


@pytest.fixture
def real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The real row in ``real.csv`` of the working folder, beside the project's data/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").symlink_to(paths.ROOT / "data")
    (tmp_path / "real.csv").write_text(HEADER + REAL_REVENUE, encoding="utf-8")
    return "real.csv"


@pytest.mark.parametrize("lang, line", [("zh", ZH), ("en", EN)])
def test_a_real_row_beside_synthetic_ones_of_its_series_is_refused_in_either_order(
    real, capsys, lang, line
):
    """It used to pass `validate`, and `evaluate` read 5.0 (airport 6 stars → 0, demoted,
    below exit) with the real file first, the demo's 4107.14 with it last."""
    for order in ([real, EVALUATION], [EVALUATION, real]):
        assert main(["validate", "--lang", lang, *order]) == 1
        assert capsys.readouterr().out.splitlines()[0] == line
        with pytest.raises(DataValidationError) as refused:
            load_records(order)  # the loader of evaluate, ledger, run and the notebooks
        assert [told(p, lang) for p in refused.value.problems] == [line]


def test_the_shipped_data_still_validate_and_official_files_are_a_set_of_their_own():
    """The demo (synthetic) and official (real) files hold the same regions' indicators: the
    quarterly run reads them apart, so `validate` holds the official files to the rule among
    themselves; given to one loader together they are refused."""
    shipped = [
        "data/demo/panel.csv",
        "data/demo/monthly.csv",
        "data/demo/evaluation.csv",
        "data/official",
        "data/official/china",
        "data/official/provinces",
    ]
    assert main(["validate", *shipped]) == 0
    together = [paths.DEMO / "panel.csv", paths.OFFICIAL / "zhengzhou_city.csv"]
    assert validate_files(together, official_apart=True).problems == []
    mixed = validate_files(together).problems
    assert mixed and all(p.column == "synthetic" for p in mixed)
