"""The quarterly batch: atomic reports, clear failures, parameter checks, safe outputs."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import papermill
import pytest
import yaml
from nbformat.sign import NotebookNotary

from clusterlib import paths
from clusterlib.batch import LocalKernelManager, Step, _result, run_quarter
from clusterlib.enterprise.rules import DEFAULT_RULES
from clusterlib.exceptions import BatchError, ParameterError
from clusterlib.forecasting.forecast import forecast
from clusterlib.inputs.panel import load_panel, preferred_series
from clusterlib.params import check_run_params, load_run_params, notebook_parameters
from clusterlib.publish.bulletin import write_bulletin_html
from clusterlib.publish.tables import neutralise, write_workbook
from clusterlib.publish.vintages import forecast_vintages

TEST_NOTEBOOKS = Path(__file__).parent / "notebooks"
OK = (Step("ok.ipynb", "ok"),)


def run(out: Path, plan: tuple[Step, ...], quarter: str = "2019Q2") -> Path:
    return run_quarter(quarter, out=out, plan=plan, notebooks_dir=TEST_NOTEBOOKS, jobs=1)


def test_a_run_writes_notebooks_tables_workbook_and_manifest(tmp_path):
    report = run(tmp_path, OK)
    assert report == tmp_path / "2019Q2"
    assert (report / "ok.ipynb").exists()
    assert pd.read_csv(report / "tables" / "ok.csv")["quarter"].tolist() == ["2019Q2"]
    assert openpyxl.load_workbook(report / "tables.xlsx").sheetnames == ["ok"]
    manifest = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["quarter"] == "2019Q2"
    assert len(manifest["inputs"]["data/demo/panel.csv"]) == 64  # a SHA-256 in hex
    assert "pandas" in manifest["packages"]
    assert set(manifest["seconds"]) == {"ok"}
    assert manifest["synthetic"] is True  # the demo data: the tables/*.csv beside it say so
    assert [p.name for p in tmp_path.iterdir()] == ["2019Q2"]  # no temporary folder left


def test_executed_notebooks_are_signed_as_trusted_in_the_users_jupyter_folder(
    tmp_path, jupyter_data_dir
):
    report = run(tmp_path / "reports", OK)
    executed = nbformat.read(report / "ok.ipynb", as_version=4)
    assert NotebookNotary().check_signature(executed)  # as Lab of this user would check it
    assert (jupyter_data_dir / "nbsignatures.db").exists()
    executed.cells[0].source += "\n# edited"
    assert not NotebookNotary().check_signature(executed)  # a signature of this content only


def test_parallel_notebooks_leave_the_working_directory_and_relative_paths_alone(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    plan = (Step("ok.ipynb", "first"), Step("ok.ipynb", "second"))
    report = run_quarter("2019Q2", out=Path("out"), plan=plan, notebooks_dir=TEST_NOTEBOOKS)
    assert Path.cwd() == tmp_path
    assert report == tmp_path / "out" / "2019Q2"
    assert (report / "first.ipynb").exists() and (report / "second.ipynb").exists()


def test_build_folders_of_killed_runs_are_removed_and_live_ones_kept(tmp_path, capsys):
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(finished.stdout)  # the process has exited: its pid is gone
    killed = tmp_path / f".build-2019Q1-{dead_pid}"
    (killed / "tables").mkdir(parents=True)
    live = tmp_path / f".build-2019Q3-{os.getppid()}"  # a running process
    live.mkdir()
    run(tmp_path, OK)
    assert not killed.exists()
    assert live.exists()
    said = capsys.readouterr().err
    assert said.count(str(killed)) == 1 and str(live) not in said


def test_the_terminal_shows_only_the_progress_bar(tmp_path, capfd):
    """A first run on the embedded demo data starts with no warning: the demo plants no firm of
    an unknown cluster (it used to warn of its own firm E01951 in 'zhengdong')."""
    run(tmp_path, OK)
    printed = capfd.readouterr()  # file descriptors: the kernels' own output included
    bar = re.compile(r"季度批处理 2019年第二季度: +\d+%\|[^\]]*\]")  # one refresh of the bar
    assert bar.search(printed.err) and "个笔记本/s" in printed.err  # was "batch 2019Q2", "notebook"
    assert bar.sub("", printed.out + printed.err).strip() == ""


def test_reports_show_paths_relative_to_the_report(tmp_path):
    report = run(tmp_path, OK)
    text = (report / "ok.ipynb").read_text(encoding="utf-8")
    assert ".build-" not in text
    assert str(tmp_path) not in text
    assert str(paths.ROOT) not in text
    executed = nbformat.read(report / "ok.ipynb", as_version=4)
    [injected] = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'output_dir = "."' in injected.source
    assert executed.metadata.papermill.input_path == "tests/notebooks/ok.ipynb"
    assert "PosixPath('tables/ok.csv')" in text


def test_a_failure_names_notebook_and_cell_and_keeps_the_earlier_report(tmp_path):
    earlier = run(tmp_path, OK)
    before = {p.name: p.read_bytes() for p in earlier.rglob("*") if p.is_file()}
    with pytest.raises(BatchError) as caught:
        run(tmp_path, (*OK, Step("broken.ipynb", "broken")))
    message = str(caught.value)
    assert "broken.ipynb" in message
    assert "cell [4]" in message  # as numbered in the kept notebook (parameters injected)
    assert "raise ValueError" in message
    assert "planted failure in 2019Q2" in message
    assert (tmp_path / "failed" / "2019Q2-broken.ipynb").exists()
    after = {p.name: p.read_bytes() for p in earlier.rglob("*") if p.is_file()}
    assert after == before


def test_unknown_notebook_parameters_are_rejected_before_running(tmp_path):
    with pytest.raises(ParameterError, match=r"unknown parameter 'nonsense'.*declared: quarter"):
        run(tmp_path, (Step("ok.ipynb", "ok", {"nonsense": 1}),))
    with pytest.raises(ParameterError, match=r"no_parameters\.ipynb: unknown parameter"):
        run(tmp_path, (Step("no_parameters.ipynb", "none", {"quarter": "2019Q2"}),))
    assert not (tmp_path / "2019Q2").exists()


def test_a_mistyped_notebook_parameter_is_rejected(tmp_path):
    with pytest.raises(ParameterError, match="'quarter' should be str, got int"):
        run(tmp_path, (Step("ok.ipynb", "ok", {"quarter": 2019}),))


def test_run_settings_must_be_known_complete_and_typed(tmp_path):
    raw = yaml.safe_load((paths.PARAMS / "run.yaml").read_text(encoding="utf-8"))
    settings = check_run_params(raw)
    assert settings == load_run_params(paths.PARAMS / "run.yaml")
    assert settings.data == ("data/demo/panel.csv",) and settings.seed == 2019
    with pytest.raises(ParameterError, match="key 'colour': unknown key"):
        check_run_params(raw | {"colour": "red"})
    with pytest.raises(ParameterError, match="key 'seed': missing"):
        check_run_params({k: v for k, v in raw.items() if k != "seed"})
    with pytest.raises(ParameterError, match="key 'seed': expected a whole number"):
        check_run_params(raw | {"seed": "2019"})
    unsafe = tmp_path / "unsafe.yaml"
    unsafe.write_text("quarter: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="cannot read run settings"):
        load_run_params(unsafe)


def test_every_settings_problem_is_reported_at_once(tmp_path):
    bad = tmp_path / "run.yaml"
    bad.write_text("colour: red\nseed: '2019'\nlang: fr\ndata: data/demo\n", encoding="utf-8")
    with pytest.raises(ParameterError) as error:
        load_run_params(bad)
    message = str(error.value)
    for expected in (
        "key 'colour': unknown key",
        "key 'seed': expected a whole number",
        "key 'lang': expected one of zh, en, got 'fr'",
        "key 'data': expected a list of text values",
        "key 'quarter': missing",
        "key 'official': missing",
        "key 'enterprises': missing",
    ):
        assert f"{bad}: {expected}" in message
    assert "7 problem(s)" in message


def test_a_bad_quarter_is_rejected(tmp_path):
    with pytest.raises(ParameterError, match="expected a quarter such as 2019Q2"):
        run(tmp_path, OK, quarter="2019-06")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://example.com","x")', '\'=HYPERLINK("http://example.com","x")'),
        ("+cmd", "'+cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("-1.5", "-1.5"),
        ("郑州市", "郑州市"),
        (7.6, 7.6),
    ],
)
def test_spreadsheet_formulas_in_text_are_neutralised(cell, expected):
    assert neutralise(cell) == expected


def test_vintages_show_how_full_year_forecasts_moved(tmp_path):
    for quarter, growth, basis in [("2019Q1", 7.0, "forecast"), ("2019Q4", 6.4, "actual")]:
        tables = tmp_path / quarter / "tables"
        tables.mkdir(parents=True)
        row = {"region": "city", "indicator": "fai", "full_year_growth": growth, "year": 2019}
        pd.DataFrame([row | {"basis": basis}]).to_csv(tables / "full_year.csv", index=False)
    table = forecast_vintages([tmp_path / "2019Q1", tmp_path / "2019Q4"])
    assert table["vintage"].tolist() == ["2019Q1", "2019Q4"]
    assert table["basis"].tolist() == ["forecast", "actual"]  # the Q4 vintage is the outcome
    assert table["revision"].iloc[1] == pytest.approx(-0.6)


HOSTILE = {
    "jindai": "<script>alert(1)</script>",
    "mazhai": '=HYPERLINK("http://example.com","x")',
}


@pytest.fixture
def hostile_catalog(tmp_path, monkeypatch):
    """A catalogue copy in which two regions carry hostile names; notebook kernels see it."""
    catalog = tmp_path / "catalog"
    shutil.copytree(paths.CATALOG, catalog)
    regions = pd.read_csv(catalog / "regions.csv", dtype=str, keep_default_na=False)
    for region, name in HOSTILE.items():
        regions.loc[regions["id"] == region, ["name_zh", "name_en"]] = name
    regions.to_csv(catalog / "regions.csv", index=False)
    monkeypatch.setenv("CLUSTERLIB_CATALOG", str(catalog))
    return catalog


def test_hostile_region_names_are_escaped_in_html_and_neutralised_in_tables(
    tmp_path, hostile_catalog
):
    plan = (
        Step("02_forecast.ipynb", "02_forecast_industry_va", {"indicator": "industry_va"}),
        Step("03_goals.ipynb", "03_goals", {"n_paths": 100}),
        Step("05_bulletin.ipynb", "05_bulletin", stage=2),
    )
    report = run_quarter("2019Q2", out=tmp_path / "reports", plan=plan, jobs=2)
    html = (report / "bulletin.html").read_text(encoding="utf-8")
    assert "alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    full_year = pd.read_csv(report / "tables" / "full_year.csv", encoding="utf-8-sig")
    mazhai = full_year.loc[full_year["region"] == "mazhai", "region_name"].item()
    assert mazhai == "'" + HOSTILE["mazhai"]
    sheet = openpyxl.load_workbook(report / "tables.xlsx")["全年累计增速"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'" + HOSTILE["mazhai"] in [cell.value for cell in cells]


def test_workbook_shows_goal_statuses_in_the_chosen_language(tmp_path):
    tables = tmp_path / "tables"
    tables.mkdir()
    goals = pd.DataFrame({"goal_id": ["a", "b"], "status": ["on track", "not measurable"]})
    goals.to_csv(tables / "goals.csv", index=False)
    pd.DataFrame({"status": ["final"]}).to_csv(tables / "records.csv", index=False)
    write_workbook(tables, tmp_path / "zh.xlsx", "zh")
    write_workbook(tables, tmp_path / "en.xlsx", "en")

    def column(workbook: str, sheet: str, header: str) -> list:
        rows = list(openpyxl.load_workbook(tmp_path / workbook)[sheet].iter_rows(values_only=True))
        return [row[rows[0].index(header)] for row in rows[1:]]

    assert column("zh.xlsx", "目标达成", "状态") == ["有望达成", "不可量化"]
    assert column("en.xlsx", "Goals", "Status") == ["on track", "not measurable"]
    assert column("zh.xlsx", "records", "状态") == ["final"]  # not a status word: left alone
    assert pd.read_csv(tables / "goals.csv")["status"].tolist() == ["on track", "not measurable"]


def test_bulletin_html_carries_the_bulletin_title(tmp_path):
    write_bulletin_html(TEST_NOTEBOOKS / "ok.ipynb", tmp_path / "b.html", "2019年二季度 <通报>")
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "<title>2019年二季度 &lt;通报&gt;</title>" in html
    assert '<html lang="zh">' in html  # no lang parameter: the default, Chinese
    english = nbformat.read(TEST_NOTEBOOKS / "ok.ipynb", as_version=4)
    english.metadata["papermill"] = {"parameters": {"lang": "en"}}  # as papermill records it
    nbformat.write(english, tmp_path / "en.ipynb")
    write_bulletin_html(tmp_path / "en.ipynb", tmp_path / "en.html", "Bulletin")
    assert '<html lang="en">' in (tmp_path / "en.html").read_text(encoding="utf-8")


def test_a_kernels_own_messages_go_to_the_report_log_not_the_terminal(tmp_path, capfd):
    report = run(tmp_path, (Step("stderr.ipynb", "stderr"),))
    printed = capfd.readouterr()
    assert "a kernel-level message" not in printed.out + printed.err
    assert "a kernel-level message" in (report / "kernels.log").read_text(encoding="utf-8")
    assert LocalKernelManager.log_file is None  # kernels started later print as usual
    assert not (run(tmp_path / "quiet", OK) / "kernels.log").exists()  # nothing said, no file


def test_a_finished_kernel_is_shut_down_without_an_interrupt():
    # jupyter_client sends SIGINT before a shutdown request; a kernel busy between two
    # messages then prints "KeyboardInterrupt caught in kernel" on the user's terminal
    async def shut_down_one() -> list[int]:
        manager = LocalKernelManager()
        sent: list[int] = []
        await manager.start_kernel()
        original = manager._async_signal_kernel

        async def record(signum: int) -> None:
            sent.append(signum)
            await original(signum)

        manager._async_signal_kernel = record
        await manager.shutdown_kernel()
        return sent

    assert signal.SIGINT not in asyncio.run(shut_down_one())


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "\nState:\tZ" not in status.read_text()  # a zombie has already ended
    except FileNotFoundError:
        return False


def test_ctrl_c_stops_running_notebooks_at_once_and_keeps_the_earlier_report(tmp_path):
    earlier = tmp_path / "2019Q2" / "kept.txt"
    earlier.parent.mkdir()
    earlier.write_text("an earlier good report")
    marker = tmp_path / "kernel.pid"
    script = (  # Ctrl-C as on a terminal, even if the tests run where SIGINT is ignored
        "import signal, sys\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from pathlib import Path\n"
        "from clusterlib.batch import LocalKernelManager, Step, run_quarter\n"
        f"step = Step('sleepy.ipynb', 'sleepy', {{'marker': {str(marker)!r}}})\n"
        "try:\n"
        f"    run_quarter('2019Q2', out=Path({str(tmp_path)!r}), plan=(step,),\n"
        f"                notebooks_dir=Path({str(TEST_NOTEBOOKS)!r}), jobs=1)\n"
        "except KeyboardInterrupt:\n"
        "    sys.exit(130)\n"
    )
    batch = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not marker.exists() or not marker.read_text():
        assert batch.poll() is None and time.monotonic() < deadline, "the notebook never ran"
        time.sleep(0.2)
    kernel = int(marker.read_text())
    pressed = time.monotonic()
    batch.send_signal(signal.SIGINT)  # what Ctrl-C on the terminal does
    assert batch.wait(timeout=60) == 130
    assert time.monotonic() - pressed < 30  # the notebook would have slept 300 s
    time.sleep(0.5)
    assert not _alive(kernel)
    assert earlier.read_text() == "an earlier good report"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".build-")] == []


def test_ctrl_c_received_by_another_thread_still_stops_the_wait_at_once():
    """The OS may hand SIGINT to a notebook's thread; a single blocking wait for the step
    would notice it only when the notebook ends (30 s here)."""
    started, finish = threading.Event(), threading.Event()
    worker: list[int] = []

    def notebook() -> float:
        worker.append(threading.get_ident())
        started.set()
        finish.wait(30)
        return 1.0

    terminal = signal.signal(signal.SIGINT, signal.default_int_handler)  # as on a terminal
    with ThreadPoolExecutor(1) as pool:
        run = pool.submit(notebook)
        started.wait(10)
        threading.Timer(0.3, signal.pthread_kill, (worker[0], signal.SIGINT)).start()
        pressed = time.monotonic()
        try:
            with pytest.raises(KeyboardInterrupt):
                _result(run)
            assert time.monotonic() - pressed < 5
        finally:
            finish.set()
            signal.signal(signal.SIGINT, terminal)


def test_notebooks_in_separate_kernels_share_their_fits_and_the_cache_is_removed(tmp_path):
    plan = (Step("fits.ipynb", "fits_8", {"h": 8}), Step("fits.ipynb", "fits_4", {"h": 4}, 2))
    report = run(tmp_path, plan)
    first = pd.read_csv(report / "tables" / "fits_h8.csv").iloc[0]
    second = pd.read_csv(report / "tables" / "fits_h4.csv").iloc[0]
    assert first["before"] == 0 and first["after"] == first["series"]  # fitted and stored
    assert second["before"] == second["after"] == first["after"]  # all read, none refitted
    cached = pd.read_csv(report / "tables" / "forecast_h4.csv")
    series = preferred_series(load_panel([paths.DEMO / "panel.csv"], "2019Q2"), ["industry_va"])
    fresh = forecast(series, h=4).astype({"period": str})
    pd.testing.assert_frame_equal(cached[fresh.columns], fresh, check_exact=True)
    assert not list(report.rglob("output.pkl"))  # the cache stays out of the report


def test_run_prints_its_summary_in_the_runs_language(tmp_path, monkeypatch, capsys):
    from clusterlib import batch, cli

    def fake_run(first, last, data, params_file, out, jobs, lang):
        return [out / first]

    monkeypatch.setattr(batch, "run_quarters", fake_run)
    english = tmp_path / "run.yaml"
    text = (paths.PARAMS / "run.yaml").read_text(encoding="utf-8")
    english.write_text(re.sub(r"(?m)^lang: .*$", "lang: en", text), encoding="utf-8")
    assert cli.main(["run", "--quarter", "2019Q2", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"已写入：{tmp_path / '2019Q2'}\n"  # zh by default
    args = ["run", "--quarter", "2019Q2", "--out", str(tmp_path), "--params", str(english)]
    assert cli.main(args) == 0
    assert capsys.readouterr().out == f"written: {tmp_path / '2019Q2'}\n"
    assert cli.main([*args, "--lang", "zh"]) == 0  # the command line's language wins
    assert capsys.readouterr().out == f"已写入：{tmp_path / '2019Q2'}\n"


def test_the_command_lines_lang_reaches_the_notebooks_and_the_manifest(
    tmp_path, monkeypatch, capsys
):
    """`run --lang en` with run.yaml's lang zh (README lists --lang as common; run refused
    it): every vintage's settings, of --quarter and --quarters, are English, and so are the
    notebooks' parameters, the manifest made from them and the summary. The batch itself is
    replaced by a stand-in that records the settings, as for --quarter."""
    from clusterlib import batch, cli

    started = []

    def stand_in(quarter, data, params_file, out, jobs, lang=None):
        started.append(batch._settings(Path(params_file).resolve(), quarter, data, lang))
        return Path(out) / quarter

    monkeypatch.setattr(batch, "run_quarter", stand_in)
    out = tmp_path / "out"
    assert cli.main(["run", "--quarter", "2019Q2", "--lang", "en", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"written: {out / '2019Q2'}\n"
    assert cli.main(["run", "--quarters", "2019Q3:2019Q3", "--lang", "en", "--out", str(out)]) == 0
    assert cli.main(["run", "--quarter", "2019Q2", "--out", str(out)]) == 0
    assert [(s.quarter, s.lang) for s in started] == [
        ("2019Q2", "en"),
        ("2019Q3", "en"),
        ("2019Q2", "zh"),  # run.yaml's
    ]
    bulletin = Step(f"{batch.BULLETIN}.ipynb", batch.BULLETIN)
    assert batch.step_parameters(bulletin, started[0], tmp_path, paths.NOTEBOOKS)["lang"] == "en"
    run_inputs = (paths.PARAMS / "run.yaml", [], (bulletin,), paths.NOTEBOOKS, {})
    batch._write_manifest(tmp_path, started[0], *run_inputs)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["lang"] == "en"
    capsys.readouterr()
    with pytest.raises(SystemExit) as refused:  # argparse's own usage error
        cli.main(["run", "--quarter", "2019Q2", "--lang", "fr", "--out", str(out)])
    assert refused.value.code == 2
    assert "参数--lang：无效的选项值：'fr'" in capsys.readouterr().err  # zh: run.yaml's


def test_a_run_in_the_command_lines_language_writes_its_report_in_it(tmp_path):
    report = run_quarter(
        "2019Q2", out=tmp_path, plan=OK, notebooks_dir=TEST_NOTEBOOKS, jobs=1, lang="en"
    )
    manifest = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["lang"] == "en"  # run.yaml says zh
    rows = list(openpyxl.load_workbook(report / "tables.xlsx")["ok"].iter_rows(values_only=True))
    assert rows[:2] == [("SYNTHETIC demonstration data",), ("Quarter",)]  # zh: 合成演示数据, 季度


def test_kernels_start_again_after_a_report_block_failed(tmp_path):
    # a failed ledger or evaluation stops its notebook's kernel with LocalKernelManager.stop_all;
    # kernels started afterwards (another report, a notebook run by hand) must not be killed
    from clusterlib.batch import notebook_report

    build, failed = tmp_path / "build", tmp_path / "failed"
    build.mkdir()
    parameters = {"month": "2019-06", "lang": "zh"}
    report = notebook_report("06_ledger.ipynb", parameters, build, failed, "x", "t", "x.html")
    with pytest.raises(RuntimeError, match="planted"), report:
        raise RuntimeError("planted")
    notebook = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}}
    )
    notebook.cells = [nbformat.v4.new_code_cell("print(6 * 7)")]
    nbformat.write(notebook, tmp_path / "tiny.ipynb")
    ran = papermill.execute_notebook(
        str(tmp_path / "tiny.ipynb"),
        str(tmp_path / "tiny.out.ipynb"),
        progress_bar=False,
        kernel_manager_class=LocalKernelManager,
    )
    assert ran.cells[0].outputs[0]["text"] == "42\n"


def test_a_bad_enterprise_file_stops_the_run_before_any_notebook(tmp_path, capsys):
    """A header only, a column the rules read missing or a boolean that is none: exit 1 and
    one line each, before any notebook (notebook 04 used to fail after the whole batch ran,
    or the firms went to the data-quality table silently)."""
    from clusterlib import cli

    demo = pd.read_csv(paths.DEMO / "enterprises.csv", dtype=str, keep_default_na=False)
    bad = {
        "header.csv": (demo.iloc[:0], "no records: the file has a header but no data rows"),
        "no_rd.csv": (demo.drop(columns="rd_spending"), "missing column(s) rd_spending;"),
        "maybe.csv": (demo.assign(above_scale="maybe"), "row 2, column 'above_scale': unread"),
    }
    params = yaml.safe_load((paths.PARAMS / "run.yaml").read_text(encoding="utf-8"))
    out = tmp_path / "reports"
    for name, (table, expected) in bad.items():
        path = tmp_path / name
        table.to_csv(path, index=False)
        settings = tmp_path / "run.yaml"
        settings.write_text(yaml.safe_dump({**params, "enterprises": str(path)}), encoding="utf-8")
        run = ["run", "--quarter", "2019Q2", "--params", str(settings), "--out", str(out)]
        assert cli.main([*run, "--lang", "en"]) == 1
        said = capsys.readouterr().err.splitlines()
        assert said[0] == "error: 1 problem(s) in the input data:" and len(said) == 2
        assert said[1].startswith(str(path)) and expected in said[1]
        assert not out.exists()  # no notebook ran (a failed one is kept under out/failed)


def test_the_batch_checks_the_enterprise_file_with_the_rules_notebook_04_reads():
    declared = notebook_parameters(paths.NOTEBOOKS / "04_enterprise.ipynb")
    assert declared["rules"]["default"] == f'"{DEFAULT_RULES}"'
