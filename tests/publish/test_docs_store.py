"""docs/store.md: every example command runs, in order, against a fresh store."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from scorepack import presets
from scorepack.cli.main import app

DOC = Path(__file__).parents[2] / "docs" / "store.md"


def test_every_example_in_the_store_doc_runs(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    block = re.findall(r"```sh\n(.*?)```", text, flags=re.S)[0]
    values = {
        "$STORE": str(tmp_path / "store.sqlite"),
        "$FIGURES": str(presets.get("kent-scs-2016").figures),
    }
    lines = [line for line in block.splitlines() if line.startswith("scorepack ")]
    assert len(lines) >= 6
    runner = CliRunner()
    for line in lines:
        args = shlex.split(line)[1:]
        args = [values.get(a, a) for a in args]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, f"{line}\n{result.stdout}{result.stderr}"


def test_the_store_doc_names_every_table() -> None:
    from scorepack.publish.models import Base

    text = DOC.read_text(encoding="utf-8")
    for table in Base.metadata.sorted_tables:
        assert f"| `{table.name}` |" in text, table.name
