"""Settings files (issue #24 §4): duplicate keys, alias bombs, unknown keys, one YAML loader."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from clusterlib import batch, cli, paths
from clusterlib.enterprise.rules import load_rules
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.exceptions import ParameterError
from clusterlib.goals.catalogue import load_catalogue, load_settings
from clusterlib.inputs.layouts import load_layout
from clusterlib.ledger.settings import load_ledger_settings
from clusterlib.params import load_run_params, read_yaml

BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def with_line(path: Path, after: str, line: str, tmp_path: Path) -> Path:
    """A copy of a settings file with ``line`` inserted after the first line starting ``after``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, text in enumerate(lines) if text.startswith(after)) + 1
    copy = tmp_path / path.name
    copy.write_text("".join([*lines[:at], line + "\n", *lines[at:]]), encoding="utf-8")
    return copy


def line_of(path: Path, start: str) -> int:
    return next(
        i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith(start)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "after", "duplicate", "key", "load"),
    [
        ("run.yaml", "seed:", "seed: 7", "seed", load_run_params),
        ("run.yaml", "lang:", "lang: en", "lang", load_run_params),
        ("goals.yaml", "  alpha:", "  alpha: 0.5", "alpha", load_settings),
        ("ledger.yaml", "lang:", "lang: en", "lang", load_ledger_settings),
        ("evaluation_henan.yaml", "name:", "name: twice", "name", load_scheme),
        ("enterprise_henan.yaml", "name:", "name: twice", "name", load_rules),
    ],
)
def test_a_duplicate_key_names_file_key_and_both_lines(name, after, duplicate, key, load, tmp_path):
    copy = with_line(paths.PARAMS / name, after, duplicate, tmp_path)
    first = line_of(copy, after)
    with pytest.raises(ParameterError) as error:
        load(copy)
    assert str(copy) in str(error.value)
    assert f"key '{key}' appears twice, on lines {first} and {first + 1}" in str(error.value)


def test_a_duplicate_key_in_a_layout(tmp_path):
    layout = paths.PARAMS / "layouts" / "long_csv.yaml"
    top = next(
        text for text in layout.read_text(encoding="utf-8").splitlines() if text[:1].isalpha()
    )
    copy = with_line(layout, top, top, tmp_path)
    with pytest.raises(ParameterError, match="appears twice, on lines"):
        load_layout(copy)


def test_duplicates_in_a_flow_mapping_on_one_line(tmp_path):
    path = tmp_path / "flow.yaml"
    path.write_text("targets: {fai: 1.0, fai: 2.0}\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="key 'fai' appears twice, on lines 1 and 1"):
        read_yaml(path, "settings")


def test_merge_keys_may_override(tmp_path):
    path = tmp_path / "merge.yaml"
    path.write_text("base: &base {a: 1, b: 2}\nnew:\n  <<: *base\n  b: 3\n", encoding="utf-8")
    assert read_yaml(path, "settings")["new"] == {"a": 1, "b": 3}


def test_the_billion_laughs_are_refused_in_well_under_a_second(tmp_path, capsys):
    path = tmp_path / "run.yaml"
    path.write_text(BOMB, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ParameterError, match="aliases expand to more than 100,000 values"):
        load_run_params(path)
    assert time.perf_counter() - started < 1.0
    code = cli.main(["ledger", "--month", "2019-06", "--params", str(path), "--lang", "en"])
    assert code == 1
    assert "aliases expand to more than" in capsys.readouterr().err


def test_a_recursive_alias_is_refused(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("a: &a [1, *a]\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="recursive alias"):
        read_yaml(path, "settings")


def test_a_few_aliases_are_fine(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("a: &a [1, 2]\nb: [*a, *a]\n", encoding="utf-8")
    assert read_yaml(path, "settings")["b"] == [[1, 2], [1, 2]]


def test_an_unknown_top_level_key_of_goals_yaml(tmp_path):
    copy = tmp_path / "goals.yaml"
    text = (paths.PARAMS / "goals.yaml").read_text(encoding="utf-8")
    copy.write_text(text + "setings_extra: 1\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=r"unknown top-level key\(s\) setings_extra"):
        load_catalogue(copy)


def test_a_goal_settings_typo_stops_the_batch_before_any_notebook(tmp_path, monkeypatch):
    copy = with_line(paths.PARAMS / "goals.yaml", "  alpha:", "  hac_refrence: 0.5", tmp_path)
    monkeypatch.setattr(batch, "load_settings", lambda: load_settings(copy))  # not the default

    def no_notebook(*args, **kwargs):
        raise AssertionError("a notebook started")

    monkeypatch.setattr(batch, "_run_plan", no_notebook)
    started = time.perf_counter()
    with pytest.raises(ParameterError, match="unknown key 'hac_refrence'"):
        batch.run_quarter("2019Q2", out=tmp_path / "reports")
    assert time.perf_counter() - started < 20
    assert not (tmp_path / "reports" / "2019Q2").exists()


def test_targets_by_region_in_the_settings_are_refused_for_the_targets_file(tmp_path):
    # targets moved to params/ledger_targets.csv (issue #25), whose every row names its source
    # and whose regions are checked against the catalogue (tests/test_ledger.py); a settings
    # file still giving targets by region, with a misspelt one, is refused, not half-read
    text = (paths.PARAMS / "ledger.yaml").read_text(encoding="utf-8")
    old_style = "targets:\n  by_region: {fai: {airport: 15.0, airprot: 12.0}}"
    copy = tmp_path / "ledger.yaml"
    copy.write_text(re.sub(r"^targets:.*$", old_style, text, flags=re.M), encoding="utf-8")
    with pytest.raises(ParameterError, match=r"key 'targets': expected text, got dict"):
        load_ledger_settings(copy)
