"""The front ends parse input and present output; the work is the service layer's.

Read from the source (every ``import``, at the top or inside a function), so a
new command that reaches past the service layer fails here, naming the line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "scorepack"

FRONT_ENDS_MAY_IMPORT = (
    "scorepack.cli",
    "scorepack.service",
    "scorepack.errors",  # the problems they word and print
    "scorepack.outputs",  # writing what the service returned to the files asked for
    "scorepack.periods",  # parsing a month
    "scorepack.render",  # presenting: the terminal table, JSON of a result
    "scorepack.web",  # `scorepack serve` starts the web front end
    "scorepack.text",
)
"""Everything else (catalogue, records, measures, judge, pack, publish, benchmarks,
reference, simulate) is reached through ``scorepack.service``."""


def imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "scorepack":  # from scorepack import presets
                found.extend((node.lineno, f"scorepack.{a.name}") for a in node.names)
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return [(line, name) for line, name in found if name.split(".")[0] == "scorepack"]


def _allowed(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


CLI = sorted((SRC / "cli").glob("*.py"))
WEB = sorted((SRC / "web").rglob("*.py"))

WEB_MAY_IMPORT = (
    *(p for p in FRONT_ENDS_MAY_IMPORT if p != "scorepack.cli"),
    # the frozen models passed between the stages, which the pages present
    "scorepack.judge.model",
    "scorepack.catalogue.model",
    "scorepack.catalogue.units",
)
WEB_EXCEPTIONS = {
    # The web app's tables are made by the store's own Alembic migrations.
    ("tables.py", "scorepack.publish.store"),
}


@pytest.mark.parametrize("path", CLI, ids=[p.name for p in CLI])
def test_the_cli_reaches_the_pipeline_only_through_the_service_layer(path: Path) -> None:
    wrong = [
        f"{path.relative_to(SRC.parent)}:{line}: imports {module}"
        for line, module in imports(path)
        if not _allowed(module, FRONT_ENDS_MAY_IMPORT)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", WEB, ids=[str(p.relative_to(SRC / "web")) for p in WEB])
def test_the_web_app_reaches_the_pipeline_only_through_the_service_layer(path: Path) -> None:
    wrong = [
        f"{path.relative_to(SRC.parent)}:{line}: imports {module}"
        for line, module in imports(path)
        if not _allowed(module, WEB_MAY_IMPORT) and (path.name, module) not in WEB_EXCEPTIONS
    ]
    assert not wrong, "\n".join(wrong)


def test_the_rule_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from scorepack.service import build\nfrom scorepack import presets\n\n"
        "def f():\n    from scorepack.judge import rag\n"
    )
    assert sorted(imports(sample)) == [
        (1, "scorepack.service"),
        (2, "scorepack.presets"),
        (5, "scorepack.judge"),
    ]
    assert not _allowed("scorepack.judge", FRONT_ENDS_MAY_IMPORT)
    assert _allowed("scorepack.service.build", FRONT_ENDS_MAY_IMPORT)
    assert not _allowed("scorepack.services", FRONT_ENDS_MAY_IMPORT)


def test_the_service_layer_never_prints() -> None:
    printing = [
        f"{path.relative_to(SRC.parent)}:{node.lineno}"
        for path in sorted((SRC / "service").glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
    ]
    assert not printing, printing
