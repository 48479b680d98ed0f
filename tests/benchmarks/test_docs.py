"""docs/benchmarks.md covers every mapping field, and its examples work."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from typer.testing import CliRunner

from scorepack.benchmarks.dfe import SUPPRESSION_CODES, parse_table
from scorepack.catalogue.model import Benchmark, PublishedMeasure
from scorepack.cli.main import app

runner = CliRunner()

TEXT = (Path(__file__).parents[2] / "docs" / "benchmarks.md").read_text(encoding="utf-8")


def test_every_field_and_code_is_documented() -> None:
    for cls in (Benchmark, PublishedMeasure):
        missing = [n for n in cls.model_fields if f"| `{n}` |" not in TEXT]
        assert not missing, (cls.__name__, missing)
    assert all(f"| `{code}` |" in TEXT for code in SUPPRESSION_CODES)


def test_yaml_examples_are_valid_mappings() -> None:
    blocks = [
        b for b in re.findall(r"```yaml\n(.*?)```", TEXT, flags=re.S) if b.startswith("benchmark:")
    ]
    assert len(blocks) == 2
    for block in blocks:
        Benchmark(**yaml.safe_load(block)["benchmark"])


def test_the_csv_example_reads_with_its_code_kept() -> None:
    (block,) = re.findall(r"```csv\n(.*?)```", TEXT, flags=re.S)
    table = parse_table(block, "docs/benchmarks.md", ["count", "percent"])
    alpha = next(r for r in table.rows if r.place["la_name"] == "Alpha")
    assert table.measure(alpha, "percent").code == "c"


def test_the_worked_example_imports_and_compares_as_the_docs_say(tmp_path: Path) -> None:
    (table,) = re.findall(r"```csv\n(.*?)```", TEXT, flags=re.S)
    (cat,) = [
        b for b in re.findall(r"```yaml\n(.*?)```", TEXT, flags=re.S) if b.startswith("name:")
    ]
    (tmp_path / "things.csv").write_text(table, encoding="utf-8")
    (tmp_path / "cat.yaml").write_text(cat, encoding="utf-8")
    store = str(tmp_path / "store.sqlite")
    done = runner.invoke(
        app, ["benchmarks", "import", str(tmp_path / "things.csv"), "--store", store]
    )
    assert done.exit_code == 0, done.output
    assert "added things.csv: 7 rows" in done.stderr
    args = ["--catalogue", str(tmp_path / "cat.yaml"), "--store", store, "--format", "json"]
    shown = runner.invoke(app, ["benchmarks", "show", *args])
    assert shown.exit_code == 0, shown.output
    (b,) = json.loads(shown.stdout)
    assert (b["own"]["value"], b["england"]["value"], b["region"]["value"]) == (10.0, 20.0, 25.0)
    assert (b["rank"], b["of"], b["quartile"], b["year"]) == (1, 3, 2, "2025")
    assert "| `benchmark_table`" not in TEXT and "`benchmark_table`" in TEXT
