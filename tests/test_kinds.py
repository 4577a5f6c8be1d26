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


STATUS_HEADER = "region,indicator,period,period_type,measure,value,unit,source,synthetic,status\n"


def test_a_real_estimate_beside_the_demo_series_is_refused_saying_its_status(
    tmp_path, monkeypatch, capsys
):
    """A real 预计 (estimate) row is not analysed, but a region's indicator given in both
    kinds is still mixed: refused, now saying the row's status and how many rows are final
    (it read as if the real figure were analysed)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").symlink_to(paths.ROOT / "data")
    estimate = "airport,main_business_revenue,2018Q4,ytd,level,5.0,100m_yuan,r,false,estimate\n"
    (tmp_path / "real.csv").write_text(STATUS_HEADER + estimate, encoding="utf-8")
    assert main(["validate", "--lang", "en", "real.csv", EVALUATION]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "real.csv, row 2, column 'synthetic': real figures of airport/main_business_revenue "
        "here (status estimate), synthetic ones at row 165 of data/demo/evaluation.csv (1 real "
        "row(s), 0 of them final, and 28 synthetic, 28 final, in the files read together): a "
        "region's indicator is read from real or from synthetic figures, never both, and rows "
        "of status estimate or alternative count too, though they are not analysed "
        "(assumption V1), whatever the order of the files; give the two kinds to separate "
        "runs, or correct the synthetic column"
    )
    assert main(["validate", "--lang", "zh", EVALUATION, "real.csv"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "real.csv，第2行，“synthetic”列：郑州航空港产业集聚区规模以上工业主营业务收入此处为真实数据"
        "（预计数，状态estimate），而data/demo/evaluation.csv第165行为模拟数据（一同读入的文件中"
        "真实1行，其中正式数据0行；模拟28行，其中正式数据28行）：同一地区的同一指标只能全部取真实"
        "数据或全部取模拟数据，不可混用；预计数和其他来源数虽不参与分析，也同样计入（假设V1），"
        "与文件的先后无关；请把两类数据分开运行，或更正synthetic列"
    )


@pytest.mark.parametrize("order", [["real.csv", "syn.csv"], ["syn.csv", "real.csv"]])
def test_the_kind_with_fewer_final_rows_is_named_not_the_one_with_fewer_rows(
    tmp_path, monkeypatch, order
):
    """2 real final rows of the city's FAI and 3 synthetic estimates: the refusal stood at
    the real figures (fewer rows of any status), as if the analysed series were the stray
    one; it is now at the first estimate, whatever the order of the files."""
    monkeypatch.chdir(tmp_path)
    real = ["city,fai,2018Q4,ytd,level,8000,100m_yuan,r,false,final\n"]
    real.append("city,fai,2019Q1,ytd,level,2000,100m_yuan,r,false,final\n")
    synthetic = [
        f"city,fai,2019Q{q},ytd,level,{v},100m_yuan,s,true,estimate\n"
        for q, v in ((2, 4000), (3, 6000), (4, 8500))
    ]
    (tmp_path / "real.csv").write_text(STATUS_HEADER + "".join(real), encoding="utf-8")
    (tmp_path / "syn.csv").write_text(STATUS_HEADER + "".join(synthetic), encoding="utf-8")
    with pytest.raises(DataValidationError) as refused:
        load_records([Path(name) for name in order])
    assert [str(p) for p in refused.value.problems] == [
        "syn.csv, row 2, column 'synthetic': synthetic figures of city/fai here (status "
        "estimate), real ones at row 2 of real.csv (3 synthetic row(s), 0 of them final, and "
        "2 real, 2 final, in the files read together): a region's indicator is read from real "
        "or from synthetic figures, never both, and rows of status estimate or alternative "
        "count too, though they are not analysed (assumption V1), whatever the order of the "
        "files; give the two kinds to separate runs, or correct the synthetic column"
    ]
