"""``scorepack explain``: the records behind one figure, for the analyst checking it.

Child-level output: to the terminal or a CSV file the analyst names, never
into a pack.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Annotated

import typer

from scorepack.cli.main import (
    CatalogueOpt,
    PresetOpt,
    app,
    err,
    out,
    parse_period,
    reports_problems,
)
from scorepack.outputs import write_all
from scorepack.service.explain import as_csv_rows, explain_records


@app.command("explain")
@reports_problems
def explain_command(
    records: Annotated[Path, typer.Option("--records", help="Folder of record tables.")],
    indicator: Annotated[str, typer.Option("--indicator", help="Indicator or activity id.")],
    unit: Annotated[str, typer.Option("--unit", help="Unit id (ssd_department).")],
    period: Annotated[str, typer.Option("--period", help="Month as YYYY-MM.")],
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write a CSV file instead of printing.")
    ] = None,
) -> None:
    """List the records in one figure's numerator and denominator, and those left out
    with the reason.  Child-level: for checking a figure, never for a pack."""
    month = parse_period(period, None)
    explained = explain_records(records, preset, catalogue, indicator, unit, month)
    rows = as_csv_rows(explained)
    den = explained.denominator
    total = (
        f"{indicator} {unit} {month}: numerator {explained.numerator:g}"
        + ("" if den is None else f", denominator {den:g}")
        + f"; {len(explained.rows)} records"
    )
    if out_file:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        write_all({out_file: buf.getvalue()})
        err.print(f"wrote {out_file} ({total})", markup=False)
        return
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        out.print(
            "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip(),
            markup=False,
            highlight=False,
        )
    out.print(total, markup=False, highlight=False)
