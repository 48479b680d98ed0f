"""docs/benchmarks.md covers every mapping field, and its examples work."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from scorepack.benchmarks.dfe import SUPPRESSION_CODES, parse_table
from scorepack.catalogue.model import Benchmark, PublishedMeasure

TEXT = (Path(__file__).parents[2] / "docs" / "benchmarks.md").read_text(encoding="utf-8")


def test_every_field_and_code_is_documented() -> None:
    for cls in (Benchmark, PublishedMeasure):
        missing = [n for n in cls.model_fields if f"| `{n}` |" not in TEXT]
        assert not missing, (cls.__name__, missing)
    assert all(f"| `{code}` |" in TEXT for code in SUPPRESSION_CODES)


def test_yaml_examples_are_valid_mappings() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", TEXT, flags=re.S)
    assert len(blocks) == 2
    for block in blocks:
        Benchmark(**yaml.safe_load(block)["benchmark"])


def test_the_csv_example_reads_with_its_code_kept() -> None:
    (block,) = re.findall(r"```csv\n(.*?)```", TEXT, flags=re.S)
    table = parse_table(block, "docs/benchmarks.md", ["count", "percent"])
    alpha = next(r for r in table.rows if r.place["la_name"] == "Alpha")
    assert table.measure(alpha, "percent").code == "c"
