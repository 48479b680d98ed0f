"""The scorecard's columns: one immutable specification that every renderer reads.

:data:`SCORECARD_COLUMNS` lists, in order, every column a scorecard table can
show: its key, its heading (per format where the formats word it differently),
how to read it from a row, how to print it, which formats show it, its
alignment and a width hint.  Markdown (:mod:`scorepack.render.markdown`), the
terminal table (:mod:`scorepack.render.table`), the workbook's scorecard sheets
(:mod:`scorepack.render.xlsx`), the HTML/PDF template (``_scorecard.html.j2``)
and the JSON rows (:mod:`scorepack.render.json`) all iterate over it; a column
added here appears in every format that lists it in ``formats``.

Headings are templates: ``{fy}`` (``15/16``), ``{outturn}`` (``March 15``),
``{outturn_label}`` (``Mar 2015``), ``{area}`` and ``{county}`` (the names of the
units compared with).  A column that ``needs`` a comparison (``area`` or
``county``) or a benchmark shows only on scorecards that have one; JSON writes
its fields on every row (null where there is nothing), so every row has the
same keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from scorepack.judge.model import Result, Row, Scorecard
from scorepack.measures.values import format_quantity
from scorepack.pack.model import Comparison, ScorecardPage
from scorepack.periods import fy_short
from scorepack.render.cells import (
    arrow,
    assurance_short,
    benchmark_text,
    colgroup_lines,
    result_text,
    spc_icon,
    variation_short,
)

Format = Literal["markdown", "table", "xlsx", "html", "json"]
Align = Literal["left", "right", "center"]
Kind = Literal[
    "number", "section", "title", "polarity", "period", "result", "value", "count", "rag",
    "travel", "variation", "assurance", "benchmark", "exception", "data",
]  # fmt: skip
"""How a typed renderer (workbook, HTML) writes the cell; text formats use ``text``."""

ALL: frozenset[str] = frozenset({"markdown", "table", "xlsx", "html", "json"})
DISPLAY: frozenset[str] = frozenset({"markdown", "table", "xlsx", "html"})


@dataclass(frozen=True)
class Sheet:
    """The scorecard being laid out, with the parents' results to compare with."""

    card: Scorecard
    comparisons: tuple[Comparison, ...] = ()
    exception_links: tuple[tuple[str, str], ...] = ()
    """(indicator id, anchor of its exception report), as on the pack's page."""

    def compared(self, role: str) -> Comparison | None:
        return next((c for c in self.comparisons if c.role == role), None)

    def has(self, need: str) -> bool:
        """Whether the scorecard has what a column ``needs``: a comparison, or a benchmark."""
        if need == "benchmark":
            return any(r.benchmark is not None for r in self.card.rows)
        return self.compared(need) is not None

    def names(self) -> dict[str, str]:
        """What heading templates may use."""
        area, county = self.compared("area"), self.compared("county")
        return {
            "fy": fy_short(self.card.financial_year),
            "outturn": self.card.period.outturn.short_label,
            "outturn_label": self.card.period.outturn.label,
            "area": area.unit.name if area else "",
            "county": county.unit.name if county else "",
        }

    def line(self, row: Row) -> Line:
        """``row`` with what its cells read beside it."""
        return Line(row, self, dict(self.exception_links).get(row.indicator.id))


@dataclass(frozen=True)
class Line:
    """One row of the scorecard as the columns read it."""

    row: Row
    sheet: Sheet
    exception: str | None = None

    def parent(self, role: str) -> Row | None:
        """The area's or the county's row for this indicator."""
        comparison = self.sheet.compared(role)
        return comparison.row(self.row.indicator.id) if comparison else None


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    """The heading's template (see the module docstring)."""
    get: Callable[[Line], Any]
    """The cell's value as typed renderers write it (a Result, a number, a letter…)."""
    text: Callable[[Line], str]
    """The cell as plain text (Markdown, terminal)."""
    kind: Kind
    formats: frozenset[str] = DISPLAY
    align: Align = "left"
    width: int = 10
    """Width hint in characters (the workbook's column width)."""
    headings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Headings for formats that word the column differently (``table``, ``html``…)."""
    group: str | None = None
    """HTML: the heading of the group of columns this one sits under."""
    css: str = ""
    """HTML: the cell's class; ``w_class`` its ``<col>``'s."""
    w_class: str = "w-val"
    field: str | None = None
    """HTML: the ``data-field`` tests read the cell by."""
    needs: str | None = None
    """``area`` or ``county``: shown only on scorecards compared with that unit;
    ``benchmark``: only where some row has a benchmark."""
    json: Callable[[Line], dict[str, Any]] | None = None
    """The JSON fields this column contributes, in order (None: none)."""
    source: Callable[[Line], str | None] | None = None
    """HTML: where a previous or outturn result came from (``data-source``)."""
    wrap: bool = False
    """Terminal: the column may wrap (the others are kept on one line)."""
    share: float = 6.5
    """PDF: the column's share of the page width, before scaling the shown columns to 100%."""

    def title(self, fmt: str, sheet: Sheet) -> str:
        return self.headings.get(fmt, self.heading).format(**sheet.names())

    def shown(self, fmt: str, sheet: Sheet) -> bool:
        if fmt not in self.formats:
            return False
        return fmt == "json" or self.needs is None or sheet.has(self.needs)


def for_format(fmt: str, sheet: Sheet, spec: Sequence[Column] | None = None) -> list[Column]:
    """The columns ``fmt`` shows for ``sheet``, in order."""
    return [c for c in (SCORECARD_COLUMNS if spec is None else spec) if c.shown(fmt, sheet)]


def html_groups(columns: Sequence[Column], sheet: Sheet) -> list[tuple[Column, str | None, int]]:
    """The HTML header's first row: (first column, group heading or None, span)."""
    out: list[tuple[Column, str | None, int]] = []
    for col in columns:
        group = col.group.format(**sheet.names()) if col.group else None
        if group is not None and out and out[-1][1] == group:
            first, _, span = out[-1]
            out[-1] = (first, group, span + 1)
        else:
            out.append((col, group, 1))
    return out


def _h(**headings: str) -> Mapping[str, str]:
    return MappingProxyType(headings)


def _parent_json(role: str) -> Callable[[Line], dict[str, Any]]:
    def fields(line: Line) -> dict[str, Any]:
        comparison = line.sheet.compared(role)
        parent = line.parent(role)
        if comparison is None:
            return {role: None}
        return {
            role: {
                "unit": comparison.unit.id,
                "unit_name": comparison.unit.name,
                "value": parent.latest.value if parent else None,
                "display": parent.latest.display if parent else None,
                "rag": parent.rag if parent else None,
            }
        }

    return fields


def _parent_columns(role: str) -> tuple[Column, Column]:
    """A parent's result and RAG letter, beside the unit's own."""
    name = "{" + role + "}"

    def parent(ln: Line) -> Row | None:
        return ln.parent(role)

    return (
        Column(f"{role}_result", f"{name} result",
               lambda ln: p.latest if (p := parent(ln)) else None,
               lambda ln: p.latest.display if (p := parent(ln)) else "-", "result",
               frozenset({"markdown", "xlsx", "html", "json"}), "right", 11, _h(html="Result"),
               name, css="num", field=f"{role}_result", needs=role, json=_parent_json(role)),
        Column(f"{role}_rag", f"{name} RAG", lambda ln: p.rag if (p := parent(ln)) else None,
               lambda ln: (p.rag or "") if (p := parent(ln)) else "", "rag",
               frozenset({"markdown", "xlsx", "html"}), "center", 6, _h(html="RAG"), name,
               css="c-rag", w_class="w-rag", field=f"{role}_rag", needs=role, share=4.5),
    )  # fmt: skip


def _fields(**getters: Callable[[Row], Any]) -> Callable[[Line], dict[str, Any]]:
    return lambda ln: {k: g(ln.row) for k, g in getters.items()}


def _spc_json(ln: Line) -> dict[str, Any]:
    from scorepack.render.json import spc_to_dict

    return {"spc": spc_to_dict(ln.row.spc)}


def _benchmark_json(ln: Line) -> dict[str, Any]:
    from scorepack.render.json import benchmark_to_dict

    b = ln.row.benchmark
    return {"benchmark": None if b is None else benchmark_to_dict(b)}


EARLIER_HEADINGS: dict[str, dict[str, str]] = {
    "previous": {"table": "Previous", "html": "Reported result"},
    "outturn": {"table": "Outturn {outturn_label}", "html": "Result"},
    "dot_previous": {"table": "DoT", "xlsx": "Change since previous", "html": "Change"},
    "dot_outturn": {"table": "DoT", "xlsx": "Change since outturn", "html": "Change"},
}


def _earlier(key: str, heading: str, group: str, since: str) -> tuple[Column, Column]:
    """An earlier result (previous month, outturn) and the direction of travel since it."""
    dot = f"dot_{key}"

    def result(r: Row) -> Result | None:
        return r.previous if key == "previous" else r.outturn

    def travel(r: Row) -> str | None:
        return r.dot_previous if key == "previous" else r.dot_outturn

    def source(ln: Line) -> str | None:
        row = ln.row
        return row.previous_source if key == "previous" else row.outturn_source

    return (
        Column(
            key, heading, lambda ln: result(ln.row), lambda ln: result_text(result(ln.row)),
            "result", formats=ALL, align="right", width=11,
            headings=_h(**EARLIER_HEADINGS[key]), group=group, css="num", field=key,
            source=source,
            json=_fields(**{
                key: lambda r: p.value if (p := result(r)) else None,
                f"{key}_display": lambda r: p.display if (p := result(r)) else None,
            }),
        ),
        Column(
            dot, f"DoT from {since}", lambda ln: travel(ln.row), lambda ln: arrow(travel(ln.row)),
            "travel", formats=ALL, align="center", width=14,
            headings=_h(**EARLIER_HEADINGS[dot]), group=group, css="c-dot",
            w_class="w-dot", field=dot, share=6.5, json=_fields(**{dot: travel}),
        ),
    )  # fmt: skip


def _extras(ln: Line) -> dict[str, Any]:
    """JSON only: each cohort's result, whether the row was too few to rate or withheld, and
    its data-quality count."""
    cohorts = {
        c.cohort: {
            "value": c.result.value,
            "display": c.result.display,
            "rag": c.rag,
            "numerator": c.result.numerator,
            "denominator": c.result.denominator,
            "variance": c.variance,
            "variance_display": c.variance_display,
        }
        for c in ln.row.cohorts
    }
    extras = {"cohorts": cohorts, "too_few": ln.row.too_few, "suppressed": ln.row.latest.suppressed}
    # Records left out for an unknown value, for the indicators whose definition counts
    # them ("c" where withheld); no key for the others.
    count = ln.row.latest.shown("data_quality")
    return extras if count is None else {**extras, "data_quality": count}


def _ind(attr: str) -> Callable[[Line], Any]:
    return lambda ln: getattr(ln.row.indicator, attr)


def _none(ln: Line) -> None:
    return None


def _blank(ln: Line) -> str:
    return ""


JSON_ONLY = frozenset({"json"})
LATEST = "Latest result"

# fmt: off
SCORECARD_COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", _ind("number"), _ind("number"), "number", ALL, "right", 5,
           css="c-id", w_class="w-id", share=3.5,
           json=_fields(id=lambda r: r.indicator.id, number=lambda r: r.indicator.number)),
    Column("section", "Section", lambda ln: ln.row.section_heading,
           lambda ln: ln.row.section_heading, "section", frozenset({"xlsx"}), width=20),
    Column("indicator", "Indicator", _ind("title"), _ind("title"), "title", ALL, width=60,
           css="c-title", w_class="w-title", wrap=True, share=26,
           json=_fields(title=lambda r: r.indicator.title, section=lambda r: r.indicator.section,
                        section_heading=lambda r: r.section_heading)),
    Column("polarity", "Polarity", _ind("polarity"), lambda ln: ln.row.indicator.polarity or "-",
           "polarity", ALL, "center", 9, _h(table="Pol"), css="c-pol", w_class="w-pol", share=5.5,
           json=_fields(polarity=lambda r: r.indicator.polarity)),
    Column("period", "Data period", _ind("period_type"), _ind("period_type"), "period", ALL,
           "center", 9, _h(table="Period"), css="c-per", w_class="w-per", share=5.5,
           json=_fields(period_type=lambda r: r.indicator.period_type,
                        kind=lambda r: r.indicator.kind)),
    Column("latest", LATEST, lambda ln: ln.row.latest, lambda ln: ln.row.latest.display,
           "result", ALL, "right", 10, _h(table="Latest", html="Result"), LATEST, css="num",
           field="latest",
           json=_fields(value=lambda r: r.latest.value, display=lambda r: r.latest.display)),
    Column("rag", "RAG", lambda ln: ln.row.rag, lambda ln: ln.row.rag or "", "rag", ALL,
           "center", 6, group=LATEST, css="c-rag", w_class="w-rag", field="rag", share=4.5,
           json=_fields(rag=lambda r: r.rag)),
    Column("variation", "SPC variation", lambda ln: ln.row.spc,
           lambda ln: variation_short(ln.row.spc), "variation", DISPLAY, "center", 16,
           _h(table="Variation", html="Variation"), LATEST, css="c-spc", w_class="w-spc",
           field="variation", wrap=True, share=7.5),
    Column("assurance", "SPC assurance", lambda ln: ln.row.spc,
           lambda ln: assurance_short(ln.row.spc), "assurance", DISPLAY, "center", 16,
           _h(table="Assurance", html="Assurance"), LATEST, css="c-spc", w_class="w-spc",
           field="assurance", wrap=True, share=7.5),
    Column("numerator", "Num", lambda ln: ln.row.latest.shown("numerator"),
           lambda ln: format_quantity(ln.row.latest.shown("numerator")), "count", ALL, "right", 9,
           group=LATEST, css="num", w_class="w-num", field="numerator", share=6,
           json=_fields(numerator=lambda r: r.latest.numerator)),
    Column("denominator", "Denom", lambda ln: ln.row.latest.shown("denominator"),
           lambda ln: format_quantity(ln.row.latest.shown("denominator")), "count", ALL, "right", 9,
           group=LATEST, css="num", w_class="w-num", field="denominator", share=6,
           json=_fields(denominator=lambda r: r.latest.denominator)),
    Column("target", "Target for {fy}", lambda ln: ln.row.target,
           lambda ln: ln.row.target_display, "value", ALL, "right", 10, _h(table="Target {fy}"),
           LATEST, css="num", field="target",
           json=_fields(target=lambda r: r.target, target_display=lambda r: r.target_display)),
    *_earlier("previous", "Previous reported result", "Previous month", "previous"),
    *_earlier("outturn", "Outturn ({outturn})", "Outturn ({outturn})", "outturn"),
    Column("sources", "Sources", _none, _blank, "data", JSON_ONLY,
           json=_fields(previous_source=lambda r: r.previous_source,
                        outturn_source=lambda r: r.outturn_source)),
    *_parent_columns("area"),
    *_parent_columns("county"),
    Column("benchmark", "England / neighbours / quartile (year)", lambda ln: ln.row.benchmark,
           lambda ln: benchmark_text(ln.row), "benchmark", ALL, width=30,
           headings=_h(table="Benchmark"), group="Benchmark", css="c-bench", w_class="w-bench",
           field="benchmark", needs="benchmark", json=_benchmark_json, wrap=True,
           share=11),
    Column("exception", "Exception report", lambda ln: ln.exception, _blank, "exception",
           frozenset({"xlsx"}), width=18),
    Column("extras", "", _none, _blank, "data", JSON_ONLY, json=_extras),
    Column("spc", "SPC", lambda ln: ln.row.spc, _blank, "data", JSON_ONLY, json=_spc_json),
)
# fmt: on
"""Every scorecard column, in the order the tables show them (see the module docstring)."""


# --- what the HTML template reads (``_scorecard.html.j2``) --------------------------------------


def print_width(column: Column, shown: Sequence[Column]) -> str:
    """``12.34%``: the column's width on paper, the shown columns' shares scaled to 100%."""
    return f"{100 * column.share / sum(c.share for c in shown):.2f}%"


def page_sheet(page: ScorecardPage) -> Sheet:
    """The pack's scorecard page as the columns read it."""
    return Sheet(page.scorecard, page.comparisons, page.exception_links)


TEMPLATE_GLOBALS: dict[str, Any] = {
    "scorecard_sheet": page_sheet,
    "columns_for": for_format,
    "html_groups": html_groups,
    "colgroup_lines": colgroup_lines,
    "print_width": print_width,
    "spc_icon": spc_icon,
}
"""Registered in the HTML environment (:func:`scorepack.render.html.environment`)."""
