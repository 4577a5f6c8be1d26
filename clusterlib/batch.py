"""The quarterly batch: run the notebooks with papermill into reports/<quarter>/, atomically."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from jupyter_client import AsyncKernelManager
from traitlets import default

from clusterlib import paths
from clusterlib.coverage import Coverage, asked_quarter, require_quarter
from clusterlib.enterprise.records import read_enterprises
from clusterlib.enterprise.rules import DEFAULT_RULES, load_rules
from clusterlib.environment import environment
from clusterlib.exceptions import BatchError, ClusterlibError, UsageError
from clusterlib.forecasting.fit_cache import FIT_CACHE_ENV, run_cache
from clusterlib.forecasting.parallel import BACKEND_ENV, SCHEDULER_ENV
from clusterlib.goals.catalogue import forecast_indicators, load_catalogue, load_settings
from clusterlib.goals.official import check_official_files
from clusterlib.inputs.monthly import OutlookGap, gap_table
from clusterlib.inputs.panel import (
    build_panel,
    load_panel,
    load_records,
    preferred_series,
    quarter_span,
    records_as_of,
)
from clusterlib.inputs.reading import expand
from clusterlib.labels import command_text
from clusterlib.ledger.project_goals import register_coverage
from clusterlib.ledger.projects import any_synthetic
from clusterlib.messages import message
from clusterlib.params import (
    RunSettings,
    check_notebook_params,
    load_run_params,
    notebook_parameters,
)
from clusterlib.paths import resolve
from clusterlib.pipeline import (
    goal_points,
    latest_gaps,
    model_fallbacks,
    nowcast_inputs,
    project_register,
)
from clusterlib.progress import PROGRESS_ENV, progress_bar
from clusterlib.publish.bulletin import title as bulletin_title
from clusterlib.publish.bulletin import write_bulletin_html
from clusterlib.publish.bulletin_docx import write_bulletin_docx
from clusterlib.publish.bulletin_layout import bulletin_content
from clusterlib.publish.report_folder import (
    input_hashes,
    package_versions,
    relative_paths,
    report_folder,
    sha256,
    write_json,
)
from clusterlib.publish.tables import TABLES, join_parts, safe_table, write_table, write_workbook
from clusterlib.publish.vintages import forecast_vintages, with_outcomes

if TYPE_CHECKING:
    from clusterlib.scenarios.draws import Draws


@dataclass(frozen=True)
class Step:
    """One notebook run: the notebook file, its output name, its own parameters, its stage."""

    notebook: str
    name: str
    parameters: dict[str, Any] = field(default_factory=dict)
    stage: int = 1  # steps of one stage run in parallel; stages run in order


BULLETIN = "05_bulletin"
KERNEL_LOG = "kernels.log"
"""File of the report where the kernels' own messages go (kept beside a failed notebook)."""
POLL_SECONDS = 0.2
"""How often the batch's main thread wakes up to notice a Ctrl-C while notebooks run."""
FIT_CACHE = "fit_cache"
"""Folder of the build folder where the notebooks share their model fits (removed at the end)."""


class LocalKernelManager(AsyncKernelManager):
    """Kernels reached over local Unix sockets (IPC) rather than TCP ports, stoppable at once.

    Nothing leaves the machine, and ipykernel has no reason to print its warning about
    unencrypted TCP on the terminal for every notebook (the kernel's other output stays).
    A finished notebook's kernel is shut down without the customary SIGINT first, and
    ``stop_all`` kills every running kernel when the user presses Ctrl-C. The kernels' own
    output streams (messages of ipykernel or libzmq, not the notebooks' output, which goes into
    the notebooks) are appended to ``log_file`` when it is set, not printed on the terminal.
    """

    running: ClassVar[set[LocalKernelManager]] = set()
    stopping: ClassVar[bool] = False
    log_file: ClassVar[Path | None] = None

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        if LocalKernelManager.log_file is None:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        with LocalKernelManager.log_file.open("ab") as log:  # the kernel keeps its own copy
            await super()._async_launch_kernel(kernel_cmd, stdout=log, stderr=log, **kw)

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client interrupts a kernel before asking it to shut down; a kernel caught
        # between two messages then logs "KeyboardInterrupt caught in kernel" on the terminal
        if not self.shutting_down:
            await super()._async_interrupt_kernel()

    async def _async_post_start_kernel(self, **kwargs: Any) -> None:
        await super()._async_post_start_kernel(**kwargs)
        LocalKernelManager.running.add(self)
        if LocalKernelManager.stopping:
            self._kill_process_group()

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        LocalKernelManager.running.discard(self)
        await super()._async_cleanup_resources(restart=restart)

    @classmethod
    def stop_all(cls) -> None:
        """Kill every running kernel and its children, and any kernel started from now on."""
        cls.stopping = True
        for manager in list(cls.running):
            manager._kill_process_group()

    def _kill_process_group(self) -> None:
        # kernels are session leaders (jupyter_client starts them with start_new_session),
        # so their group also holds the joblib workers they started
        process = getattr(self.provisioner, "process", None)
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

    @default("transport")
    def _transport_default(self) -> str:
        return "ipc"

    @default("ip")
    def _ip_default(self) -> str:
        # socket paths are limited to ~100 bytes: the Jupyter runtime folder under a long home
        # directory may not fit, so the sockets go to a short name in the temporary folder
        return os.path.join(tempfile.gettempdir(), f"clusterlib-kernel-{uuid.uuid4().hex[:12]}")


def default_plan() -> tuple[Step, ...]:
    """The quarter's notebooks: one forecast per beat-the-city indicator of the catalogue.

    Within a stage the longest notebooks come first, so the parallel workers finish together.
    The goals notebook runs after the forecasts, so it finds their fits of the same series in
    the run's fit cache (:mod:`clusterlib.forecasting.fit_cache`) instead of refitting them.
    """
    forecasts = tuple(
        Step("02_forecast.ipynb", f"02_forecast_{indicator}", {"indicator": indicator})
        for indicator in forecast_indicators(load_catalogue())
    )
    return (
        *forecasts,
        Step("03_goals.ipynb", "03_goals", stage=2),
        Step("01_data_review.ipynb", "01_data_review", stage=2),
        Step("04_enterprise.ipynb", "04_enterprise", stage=2),
        Step(f"{BULLETIN}.ipynb", BULLETIN, stage=3),
    )


def run_quarter(
    quarter: str,
    data: list[str] | None = None,
    params_file: Path = paths.PARAMS / "run.yaml",
    out: Path = paths.REPORTS,
    jobs: int = 2,
    plan: tuple[Step, ...] | None = None,
    notebooks_dir: Path = paths.NOTEBOOKS,
    lang: str | None = None,
    fits: Path | None = None,
) -> Path:
    """Run the batch for ``quarter`` and return the report folder ``out/<quarter>``.

    Everything is built in a temporary folder next to the report and moved into place only
    when every notebook succeeded; an earlier report for the quarter is left untouched
    otherwise. ``lang`` (``--lang``) replaces the params file's language; ``fits``, a fit
    cache made before (:func:`run_scenario`'s check), seeds the run's own.

    Raises
    ------
    ParameterError
        For bad settings or notebook parameters.
    DataValidationError
        If an input file has problems (all listed).
    BatchError
        If a notebook fails; the message names the notebook and the failing cell, and the
        failed notebook is kept under ``out/failed/``.
    """
    # kernels inherit this: the model fits multiply tiny matrices, where BLAS threads only
    # contend for the cores the parallel notebooks already use
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    out, params_file = Path(out).resolve(), Path(params_file).resolve()
    settings = _settings(params_file, quarter, data, lang)
    with kernel_environment(settings):
        load_settings()  # params/goals.yaml checked whole before any notebook starts
        plan = default_plan() if plan is None else plan
        files = resolve(settings.data)
        records = load_records(expand(files))  # fail early, every problem
        check_official_files(settings.official, quarter)  # the high-tech record's files too
        forecast = plan_indicators(plan)  # each must reach the quarter, or no notebook starts
        panel, coverage = quarter_panel(records, quarter, files, settings.lang, forecast)
        coverage.warn(settings.lang)
        register = project_register(settings.projects)  # a bad register stops the run here
        check_enterprises(settings)  # a bad enterprise file too, with its row and column
        month = asked_quarter(quarter).asfreq("M", "end")  # the goals read the register then
        coverage = register_coverage(coverage, register, month, settings.projects, settings.lang)
        monthly = list(settings.monthly)
        latest = nowcast_inputs(settings.as_of_month, monthly, panel, settings.lang)  # early
        gaps = latest_gaps(panel, latest)  # series the months in hand cannot move
        inputs = [*settings.data, *settings.official, settings.enterprises, *settings.monthly]
        input_files = expand(resolve(inputs + ([settings.projects] if settings.projects else [])))
        target = out / quarter
        with report_folder(target, settings.lang) as build:
            if not coverage.complete:  # the workbook's and the bulletin's 数据缺失
                write_table(build, "missing_data", coverage.frame())
            if gaps:  # the bulletin's outlook names them
                write_table(build, "outlook_gaps", gap_table(gaps))
            with run_cache(build / FIT_CACHE, fits), kernel_log(build / KERNEL_LOG):
                timings = _run_plan(plan, settings, build, out, jobs, notebooks_dir)
            naive = model_fallbacks(panel)  # the bulletin says which get the naive forecast
            synthetic = any_synthetic(records, register)
            finish_report(build, settings, synthetic, naive)
            manifest_inputs = (params_file, input_files, plan, notebooks_dir)
            _write_manifest(build, settings, *manifest_inputs, timings, coverage, gaps, synthetic)
    return target


def plan_indicators(plan: tuple[Step, ...]) -> list[str]:
    """The indicators the plan's steps forecast (their ``indicator`` parameter), in order."""
    named = [step.parameters.get("indicator") for step in plan]
    return list(dict.fromkeys(i for i in named if i))


def quarter_panel(
    records: pd.DataFrame,
    quarter: str,
    files: list[Path],
    lang: str | None = None,
    indicators: Sequence[str] = (),
) -> tuple[pd.DataFrame, Coverage]:
    """The panel a run of ``quarter`` sees (the records cut at it) and what it lacks there
    (series left out of the panel warned, and a coverage error said, in ``lang``).

    Raises
    ------
    CoverageError
        Unless the data reach ``quarter``, naming where they start or end and the ``files``;
        or unless each of ``indicators`` (the forecast notebooks') has data at ``quarter``,
        so that a run stops before any notebook rather than in one of them.
    """
    panel = build_panel(records_as_of(records, quarter), lang)
    coverage = require_quarter(panel, quarter, files, span=quarter_span(records), lang=lang)
    for indicator in indicators:  # the span from the records in hand, not the files again
        span = quarter_span(records[records["indicator"] == indicator])
        require_quarter(panel, quarter, files, [indicator], span=span, lang=lang)
    return panel, coverage


def check_enterprises(settings: RunSettings) -> None:
    """Read the run's enterprise file as notebook 04 will (its default rules), saying its
    unknown clusters in the run's language; raise its problems before any notebook starts."""
    rules = load_rules(resolve([DEFAULT_RULES])[0])
    read_enterprises(resolve([settings.enterprises])[0], rules, settings.lang)


@contextmanager
def kernel_log(path: Path) -> Iterator[None]:
    """The kernels started meanwhile write their own messages to ``path``, not the terminal.

    An empty log (the usual case: the kernels had nothing to say) is removed afterwards.
    """
    LocalKernelManager.log_file = path
    try:
        yield
    finally:
        LocalKernelManager.log_file = None
        if path.exists() and path.stat().st_size == 0:
            path.unlink()


@contextmanager
def kernel_environment(settings: RunSettings) -> Iterator[None]:
    """Environment variables for this run and the kernels it starts, restored afterwards.

    The catalogue folder (``catalog``), the fits' backend (``backend``, ``scheduler``) and
    text progress bars (nobody watches a batch kernel's widgets; they would stay in the
    report's notebooks as junk).
    """
    values = {BACKEND_ENV: settings.backend, SCHEDULER_ENV: settings.scheduler}
    values[PROGRESS_ENV] = "text"
    if settings.catalog:
        values[paths.CATALOG_ENV] = str(resolve([settings.catalog])[0])
    with environment(values):
        yield


def run_quarters(
    first: str,
    last: str,
    data: list[str] | None = None,
    params_file: Path = paths.PARAMS / "run.yaml",
    out: Path = paths.REPORTS,
    jobs: int = 2,
    lang: str | None = None,
) -> list[Path]:
    """Run the batch for every quarter from ``first`` to ``last`` (one vintage each).

    With more than one quarter, also writes ``out/vintages_<first>_<last>.csv``: how each
    full-year growth forecast moved from one quarter to the next, and its error against the
    outcome where the data has the full year.
    """
    quarters = pd.period_range(_check_quarter(first), _check_quarter(last), freq="Q-DEC")
    if quarters.empty:
        raise UsageError(message("quarters_reversed", first=first, last=last))
    vintages = [_settings(Path(params_file).resolve(), str(q), data, lang) for q in quarters]
    _require_vintages(vintages)  # before the first one runs
    folders = [run_quarter(str(q), data, params_file, out, jobs, lang=lang) for q in quarters]
    if len(folders) > 1:
        folders.append(
            _write_vintages(folders, data, params_file, out / f"vintages_{first}_{last}.csv")
        )
    return folders


def _require_vintages(vintages: list[RunSettings]) -> None:
    """Raise unless the data reach the quarter of every vintage (``vintages``: their settings).

    The warnings meanwhile (series left out of the panel) are left to each vintage's run,
    unless a vintage is refused: then they are said once, before the error they explain.
    """
    files = resolve(vintages[0].data)  # the same files for every vintage
    indicators = plan_indicators(default_plan())
    said: list[warnings.WarningMessage] = []
    try:
        with kernel_environment(vintages[0]), warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            records = load_records(expand(files))
            for settings in vintages:
                quarter_panel(records, settings.quarter, files, settings.lang, indicators)
    except ClusterlibError:
        for warning in {str(w.message): w.message for w in said}.values():
            warnings.warn(warning, stacklevel=1)
        raise


def _write_vintages(
    folders: list[Path], data: list[str] | None, params_file: Path, path: Path
) -> Path:
    """The vintage table of several reports, with outcomes from all the data."""
    files = data if data is not None else load_run_params(params_file, folders[-1].name).data
    panel = build_panel(load_records(expand(resolve(files))))
    table = with_outcomes(forecast_vintages(folders), panel)
    temporary = path.with_suffix(".csv.tmp")
    safe_table(table).to_csv(temporary, index=False, encoding="utf-8-sig")
    os.replace(temporary, path)
    return path


def _settings(
    params_file: Path, quarter: str, data: list[str] | None, lang: str | None = None
) -> RunSettings:
    """The run settings with the command line's quarter, data files and language."""
    settings = load_run_params(params_file, _check_quarter(quarter), lang)
    return settings if data is None else dataclasses.replace(settings, data=tuple(data))


def _check_quarter(quarter: str) -> str:
    return str(asked_quarter(quarter))


def _run_plan(
    plan: tuple[Step, ...],
    settings: RunSettings,
    build: Path,
    out: Path,
    jobs: int,
    notebooks_dir: Path,
) -> dict[str, float]:
    """Run every step, stage by stage, in parallel within a stage; return seconds per step."""
    calls = [(step, step_parameters(step, settings, build, notebooks_dir)) for step in plan]
    timings: dict[str, float] = {}
    LocalKernelManager.stopping = False  # a run after an interrupted one starts afresh
    bar_options = {
        "total": len(plan),
        "desc": command_text("batch_bar", settings.lang, period=settings.quarter),
        "unit": command_text("batch_unit", settings.lang),
    }
    with progress_bar(**bar_options) as bar:
        for stage in sorted({step.stage for step in plan}):
            todo = [call for call in calls if call[0].stage == stage]
            with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
                runs = [
                    pool.submit(_execute, step, params, settings.quarter, build, out, notebooks_dir)
                    for step, params in todo
                ]
                try:
                    for (step, _), run in zip(todo, runs, strict=True):
                        timings[step.name] = _result(run)
                        bar.update()
                except KeyboardInterrupt:
                    _stop(pool)
                    raise
    return timings


def _result(run: Future) -> float:
    """A step's result, waited for in short slices so that Ctrl-C stops the batch at once.

    The operating system may hand the terminal's SIGINT to any thread of the process (the
    notebook threads, zmq's); the main thread, blocked in one long wait, would then not see
    it until the notebook ended. Returning to Python every :data:`POLL_SECONDS` lets the
    interpreter raise the pending ``KeyboardInterrupt`` in the main thread.
    """
    while not wait([run], timeout=POLL_SECONDS).done:
        pass
    return run.result()


def _stop(pool: ThreadPoolExecutor) -> None:
    """Ctrl-C: drop the notebooks not started and kill the running kernels (no waiting)."""
    pool.shutdown(wait=False, cancel_futures=True)
    LocalKernelManager.stop_all()


def step_parameters(
    step: Step, settings: RunSettings, build: Path, notebooks_dir: Path
) -> dict[str, Any]:
    """Settings the notebook declares, the step's own parameters, and where tables go.

    ``output_dir`` (where a notebook writes its tables) is the build folder; ``tables_dir``
    (where the bulletin reads them) is the build folder's ``tables/``.
    """
    notebook = notebooks_dir / step.notebook
    declared = notebook_parameters(notebook)
    given = {k: v for k, v in settings.for_notebooks().items() if k in declared}
    given |= step.parameters
    if "output_dir" in declared:
        given["output_dir"] = str(build)
    if "tables_dir" in declared:
        given["tables_dir"] = str(build / TABLES)
    check_notebook_params(notebook, given)
    return given


def _execute(
    step: Step,
    parameters: dict[str, Any],
    quarter: str,
    build: Path,
    out: Path,
    notebooks_dir: Path,
) -> float:
    """Execute one step's notebook into ``build``; return its seconds."""
    started = time.perf_counter()
    output = build / f"{step.name}.ipynb"
    execute_notebook(notebooks_dir / step.notebook, output, parameters, out / "failed", quarter)
    return time.perf_counter() - started


def execute_notebook(
    notebook: Path, output: Path, parameters: dict[str, Any], failed: Path, label: str
) -> None:
    """Execute ``notebook`` with papermill into ``output``, in a report's build folder.

    The executed notebook shows paths relative to the report
    (:func:`~clusterlib.publish.report_folder.relative_paths`) and is signed as trusted
    (:func:`sign_notebook`). Used by the quarterly batch, the ledger and the evaluation.

    Raises
    ------
    BatchError
        If a cell fails: the message (in the notebook's ``lang`` parameter, English if it
        has none) names the notebook and the failing cell, and the failed
        notebook is kept as ``failed/<label>-<output name>`` (with the kernels' log, if any,
        as ``failed/<label>-kernels.log``).
    """
    import papermill  # imports nbformat's schema grammars (seconds): only where notebooks run

    build = output.parent
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            progress_bar=False,  # no cwd: papermill would chdir the whole process, per thread
            kernel_manager_class=LocalKernelManager,
        )
    except papermill.PapermillExecutionError as error:
        kept = failed / f"{label}-{output.name}"
        failed.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(output, kept)
        if (build / KERNEL_LOG).exists():
            shutil.copyfile(build / KERNEL_LOG, failed / f"{label}-{KERNEL_LOG}")
        where = {"notebook": notebook.name, "name": output.stem, "cell": error.exec_count}
        message = command_text(
            "notebook_failed",
            parameters.get("lang"),  # the notebook's language (English if it has none)
            **where,
            line=repr(_failing_line(kept)),
            error=f"{error.ename}: {error.evalue}".rstrip("."),
            kept=kept,
        )
        raise BatchError(message) from None
    relative_paths(output, build)
    sign_notebook(output)


@contextmanager
def notebook_report(
    notebook: str,
    parameters: dict[str, Any],
    build: Path,
    failed: Path,
    label: str,
    title: str,
    html: str,
) -> Iterator[None]:
    """A report's notebook, executed while the block runs; its HTML page written after it.

    ``notebooks/<notebook>`` runs in the background with the ``parameters`` it declares
    (checked), into ``build/<notebook>``, as in the quarterly batch (:func:`execute_notebook`:
    relative paths, signed as trusted, kernels' messages in ``build/kernels.log``); the block
    meanwhile computes and writes the report's tables on the other core. When both are done,
    ``build/<html>`` is the notebook with the code hidden and the charts embedded
    (:func:`~clusterlib.publish.bulletin.write_bulletin_html`). If the block fails or the user
    presses Ctrl-C, the kernel is killed at once. The monthly ledger and the yearly evaluation
    use this inside their :func:`report_folder`.

    Raises
    ------
    ParameterError
        If a parameter is not declared by the notebook or has the wrong type.
    BatchError
        If the notebook fails (kept under ``failed/``).
    """
    source = paths.NOTEBOOKS / notebook
    check_notebook_params(source, parameters)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    LocalKernelManager.stopping = False
    with environment({PROGRESS_ENV: "text"}), kernel_log(build / KERNEL_LOG):
        pool = ThreadPoolExecutor(max_workers=1)
        run = pool.submit(execute_notebook, source, build / notebook, parameters, failed, label)
        try:
            yield
            _result(run)
        except BaseException:
            _stop(pool)
            _quietly_finish(run)
            if run.done():  # its kernel is gone: kernels started later (other reports) may live
                LocalKernelManager.stopping = False
            raise
        pool.shutdown()
    write_bulletin_html(build / notebook, build / html, title)


def _quietly_finish(run: Future, seconds: float = 10.0) -> None:
    """Wait for a notebook whose kernel was killed, without papermill's "Kernel died" line.

    The user sees the error that stopped the report, not a message about the kernel that
    was stopped because of it.
    """
    logger = logging.getLogger("papermill")
    disabled, logger.disabled = logger.disabled, True
    try:
        wait([run], timeout=seconds)
    finally:
        logger.disabled = disabled


def sign_notebook(notebook: Path) -> None:
    """Mark an executed notebook as trusted, as ``jupyter trust`` does.

    The signature goes to the notary's database in the user's Jupyter data folder
    (``jupyter --data-dir``, or ``JUPYTER_DATA_DIR``), so JupyterLab of the same user shows
    the notebook's styled tables and HTML outputs without "not trusted" warnings.
    """
    import nbformat
    from nbformat.sign import NotebookNotary

    NotebookNotary().sign(nbformat.read(notebook, as_version=4))


def _failing_line(notebook: Path) -> str:
    """First line of the code cell that raised, in an executed notebook."""
    import nbformat

    for cell in nbformat.read(notebook, as_version=4).cells:
        if any(output.output_type == "error" for output in cell.get("outputs", [])):
            return cell.source.splitlines()[0] if cell.source else ""
    return ""


def finish_report(
    build: Path,
    settings: RunSettings,
    synthetic: bool = False,
    naive: tuple[tuple[str, str], ...] = (),
) -> None:
    """Join tables written in parts, then write the workbook and (if present) the bulletin.

    The bulletin comes twice: ``bulletin.html`` from the executed notebook and
    ``bulletin.docx`` (Word) from the same tables; ``naive``: the series the quarterly models
    cannot fit (:func:`~clusterlib.pipeline.model_fallbacks`), which its outlook names.
    """
    tables = build / TABLES
    tables.mkdir(exist_ok=True)
    join_parts(build)
    if any(tables.glob("*.csv")):
        write_workbook(tables, build / "tables.xlsx", settings.lang, synthetic)
    if (build / f"{BULLETIN}.ipynb").exists():
        title = bulletin_title(settings.quarter, settings.lang)
        write_bulletin_html(build / f"{BULLETIN}.ipynb", build / "bulletin.html", title)
        content = bulletin_content(
            tables, settings.quarter, settings.lang, synthetic, settings.as_of_month, naive
        )
        write_bulletin_docx(content, build / "bulletin.docx", settings.lang)


def _write_manifest(
    build: Path,
    settings: RunSettings,
    params_file: Path,
    input_files: list[Path],
    plan: tuple[Step, ...],
    notebooks_dir: Path,
    timings: dict[str, float],
    coverage: Coverage | None = None,
    gaps: list[OutlookGap] | None = None,
    synthetic: bool = False,
) -> None:
    """manifest.json: input hashes, parameters, package versions, timings, data gaps, the
    series the months in hand could not forecast by the month's rule (``outlook_gaps``) and
    whether demonstration data went in (``synthetic``: the tables/*.csv beside it say so
    through it)."""
    inputs = [*input_files, params_file, *sorted(paths.catalog_dir().glob("*.csv"))]
    inputs += sorted({notebooks_dir / step.notebook for step in plan})
    manifest = {
        "quarter": settings.quarter,
        "parameters": settings.for_notebooks(),
        "steps": [{"notebook": s.notebook, "name": s.name, **s.parameters} for s in plan],
        "inputs": input_hashes(inputs),
        "packages": package_versions(),
        "seconds": {name: round(seconds, 2) for name, seconds in timings.items()},
        "coverage": coverage.as_dict() if coverage is not None else None,
        "outlook_gaps": gap_table(gaps or []).to_dict("records"),
        "synthetic": synthetic,
    }
    from clusterlib.scenarios.draws import DRAWS_FILE  # the package imports the pipeline

    draws = build / TABLES / DRAWS_FILE
    if draws.exists():  # the goal paths scenarios reuse (clusterlib.scenarios)
        manifest["draws"] = {"file": f"{TABLES}/{DRAWS_FILE}", "sha256": sha256(draws)}
    write_json(manifest, build / "manifest.json")


def run_scenario(
    quarter: str,
    scenario: Path,
    data: list[str] | None = None,
    params_file: Path = paths.PARAMS / "run.yaml",
    out: Path = paths.REPORTS,
    jobs: int = 2,
    lang: str | None = None,
) -> list[Path]:
    """The quarter's baseline report (reused if current, else built) and the scenario's folder.

    The baseline ``out/<quarter>`` is reused when its manifest shows the same quarter, settings
    and input files (by hash) and its kept paths are intact; otherwise it is built first, as
    ``clusterlib run --quarter`` would. ``lang`` (``--lang``) replaces the params file's, so a
    baseline made in the other language is rebuilt. Returns the folders written (the
    scenario's last).

    Raises
    ------
    ParameterError
        For bad settings or a bad scenario file (checked before any notebook runs).
    """
    from clusterlib.goals.catalogue import simulated_indicators
    from clusterlib.scenarios.plausible import implausible
    from clusterlib.scenarios.report import write_scenario_report
    from clusterlib.scenarios.shocks import missing_series
    from clusterlib.scenarios.spec import load_scenario, refuse

    settings = _settings(Path(params_file).resolve(), quarter, data, lang)
    indicators = simulated_indicators(load_catalogue())
    chosen = load_scenario(scenario, quarter, indicators, settings.as_of_month)  # fail early
    panel = load_panel(resolve(list(settings.data)), quarter, settings.lang)
    refuse(chosen, missing_series(chosen.shocks, preferred_series(panel, indicators)))
    report, written = Path(out).resolve() / quarter, []
    reason = stale_baseline(report, settings)
    with tempfile.TemporaryDirectory(prefix="clusterlib-fits-") as fits:  # S4's, reused below
        with kernel_environment(settings), environment({FIT_CACHE_ENV: fits}):
            points = _points(report, reason, settings, panel)  # S4, before any baseline
            refuse(chosen, implausible(chosen.shocks, points, panel, asked_quarter(quarter)))
        if reason:
            print(command_text("baseline_first", settings.lang, reason=reason), file=sys.stderr)
            built = run_quarter(quarter, data, params_file, out, jobs, lang=lang, fits=Path(fits))
            written.append(built)
    with kernel_environment(settings):
        written.append(write_scenario_report(report, Path(scenario), settings, panel))
    return written


def _points(report: Path, stale: str, settings: RunSettings, panel: pd.DataFrame) -> Draws:
    """The baseline's point forecasts (no paths): the kept ones of a current report, else
    fitted as the baseline will fit them (:func:`~clusterlib.pipeline.goal_points`)."""
    from clusterlib.scenarios.draws import KEYS, Draws, read_draws

    if not stale:
        return read_draws(report)
    with contextlib.redirect_stderr(io.StringIO()):  # its notes: said by the baseline's run
        latest = nowcast_inputs(settings.as_of_month, list(settings.monthly), panel, settings.lang)
    return Draws(goal_points(panel, **latest), pd.DataFrame(columns=[*KEYS, "path", "value"]))


def stale_baseline(report: Path, settings: RunSettings) -> str:
    """Why the report cannot serve as a scenario's baseline, in the run's language ("" when
    it can)."""
    lang = settings.lang
    manifest_file = report / "manifest.json"
    if not manifest_file.exists():
        return command_text("baseline_missing", lang, report=report)
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    draws = manifest.get("draws")
    if not draws or not (report / draws["file"]).exists():
        return command_text("baseline_no_draws", lang, report=report)
    if sha256(report / draws["file"]) != draws["sha256"]:
        return command_text("baseline_draws_changed", lang, path=report / draws["file"])
    if manifest.get("parameters") != json.loads(json.dumps(settings.for_notebooks())):
        return command_text("baseline_settings", lang, report=report)
    for name, digest in manifest.get("inputs", {}).items():
        path = paths.ROOT / name if not Path(name).is_absolute() else Path(name)
        if not path.exists() or sha256(path) != digest:
            return command_text("baseline_input", lang, name=name, report=report)
    return ""
