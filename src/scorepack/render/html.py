"""The pack as one self-contained HTML file.

Styles are inlined, charts are inline SVG and the font is the reader's system
font.  The one file it asks for is :data:`SCRIPT`, written beside it, which
adds a box to the contents that finds a unit; without it (or without
JavaScript) the contents are the same nested list, only without the box.  The
same HTML, read with print media, is what :mod:`scorepack.render.pdf` hands to
WeasyPrint (with no script, no filter box and no "back to contents" links).

:func:`render_html` is a pure function of the :class:`~scorepack.pack.model.Pack`:
the same pack always gives the same string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.ext import Extension
from markupsafe import Markup

from scorepack.benchmarks.dfe import SUPPRESSION_CODES
from scorepack.catalogue.units import Unit
from scorepack.judge.model import RAG_WORDS, TRAVEL_ARROWS, TRAVEL_WORDS, Row
from scorepack.measures.values import format_change as signed
from scorepack.measures.values import format_quantity as count
from scorepack.measures.values import format_value
from scorepack.pack.model import (
    ActivityPage,
    CohortTable,
    ContentsEntry,
    ExceptionPage,
    OverviewPage,
    Pack,
    Page,
    ScorecardPage,
)
from scorepack.periods import Month, fy_short
from scorepack.render import spc_svg
from scorepack.render.charts import trend_chart
from scorepack.render.columns import TEMPLATE_GLOBALS as SCORECARD_TEMPLATE_GLOBALS
from scorepack.render.hyphens import breakable

TEMPLATES = Path(__file__).parent / "templates"
SCRIPT = "pack-contents.js"
"""The script the HTML pack loads from beside it: the contents' filter box."""

POLARITY_WORDS = {
    "H": "Higher values are better",
    "L": "Lower values are better",
    "T": "Closer to the target is better",
}
PERIOD_WORDS = {
    "YTD": "Year to date",
    "SS": "Snapshot at month end",
    "R12M": "Rolling 12 months",
    "MONTH": "In the month",
}
TEMPLATE_FOR = {
    ActivityPage: "_activity.html.j2",
    ScorecardPage: "_scorecard.html.j2",
    CohortTable: "_cohort.html.j2",
    ExceptionPage: "_exception.html.j2",
    OverviewPage: "_overview.html.j2",
}


def sections(rows: tuple[Row, ...]) -> Iterator[tuple[str, list[Row]]]:
    """Consecutive rows grouped under their section heading."""
    for heading, group in groupby(rows, key=lambda r: r.section_heading):
        yield heading, list(group)


ContentsTree = list[tuple[ContentsEntry, "ContentsTree"]]


def contents_tree(entries: Sequence[ContentsEntry]) -> ContentsTree:
    """The entries nested by level: each with the deeper entries that follow it."""
    tree: ContentsTree = []
    stack: list[tuple[int, ContentsTree]] = [(0, tree)]
    for entry in entries:
        while len(stack) > 1 and stack[-1][0] >= entry.level:
            stack.pop()
        children: ContentsTree = []
        stack[-1][1].append((entry, children))
        stack.append((entry.level, children))
    return tree


@dataclass(frozen=True)
class ContentsNode:
    """One entry of the screen contents, with the entries nested under it."""

    entry: ContentsEntry
    children: tuple[ContentsNode, ...] = ()
    unit: Unit | None = None
    """The unit, for a scorecard (the filter box finds units by name)."""
    report: bool = False
    """Whether this is an exception report (under its unit's scorecard)."""


def unit_children(pack: Pack) -> dict[str, tuple[ScorecardPage, ...]]:
    """Each scorecard's anchor with the scorecards of the units directly below it.

    A unit whose parent has no scorecard in the pack goes under the top
    unit's, so every scorecard is reachable from the county's.
    """
    cards = pack.scorecards
    by_unit = {c.scorecard.unit.id: c for c in cards}
    children: dict[str, list[ScorecardPage]] = {c.anchor: [] for c in cards}
    for card in cards[1:]:
        parent = by_unit.get(card.scorecard.unit.parent or "", cards[0])
        children[parent.anchor].append(card)
    return {anchor: tuple(found) for anchor, found in children.items()}


def unit_contents(pack: Pack) -> tuple[ContentsNode, ...]:
    """The contents for the screen: the parts of the pack that are not a unit's
    (activity, overview, cohort tables) first, then the top unit's scorecard
    with its exception reports and, under it, each area's with its own and its
    teams' (county → areas → teams, as the organisation tree runs)."""
    titles = {e.anchor: e for e in pack.contents}
    reports: dict[str, list[ContentsEntry]] = {}
    for ex in pack.exceptions:
        if ex.anchor in titles:
            reports.setdefault(ex.scorecard_anchor, []).append(titles[ex.anchor])
    below = unit_children(pack)

    def node(card: ScorecardPage) -> ContentsNode:
        own = tuple(ContentsNode(e, report=True) for e in reports.get(card.anchor, ()))
        units = tuple(node(c) for c in below[card.anchor])
        return ContentsNode(titles[card.anchor], own + units, card.scorecard.unit)

    units = {p.anchor for p in pack.scorecards} | {p.anchor for p in pack.exceptions}
    parts = tuple(ContentsNode(e) for e in pack.contents if e.anchor not in units)
    cards = pack.scorecards
    return parts + ((node(cards[0]),) if cards and cards[0].anchor in titles else ())


def outturn_label(period: Month) -> str:
    """``March 15``: the heading of the outturn column."""
    return period.outturn.short_label


class PrintMarkup(Extension):
    """Tighter templates for the print markup, which only WeasyPrint reads.

    Before a template is compiled, the line breaks and indentation between
    its tags go (a browser or WeasyPrint ignores them there, but the parser
    still has to read them and, inside tables, sort them out), and so do the
    data attributes the tests use to read the HTML.  Only the template
    source changes: text and commentary put into it are left as they are.
    """

    BETWEEN_TAGS = re.compile(r"(>|%})\n[ \t]*(?=<)")
    DATA = re.compile(r' data-(?:field|indicator|unit|cohort)="[^"]*"')

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name is not None and name.endswith(".css"):
            return source
        return self.DATA.sub("", self.BETWEEN_TAGS.sub(r"\1", source))


@cache
def environment(for_print: bool = False) -> Environment:
    """The templates' environment; ``for_print`` gives the tighter print markup."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[PrintMarkup] if for_print else [],
    )
    env.globals.update(
        RAG_WORDS=RAG_WORDS,
        TRAVEL_ARROWS=TRAVEL_ARROWS,
        TRAVEL_WORDS=TRAVEL_WORDS,
        POLARITY_WORDS=POLARITY_WORDS,
        PERIOD_WORDS=PERIOD_WORDS,
        sections=sections,
        contents_tree=contents_tree,
        unit_contents=unit_contents,
        SCRIPT=SCRIPT,
        zip=zip,
        chart=lambda page, for_print=False: Markup(trend_chart(page, for_print)),
        safe_commentary=lambda c: Markup(c.html),
        spc_chart_svg=lambda row: Markup(spc_svg.chart(row.spc, row.target)),
        spc_icons_svg=lambda result: Markup(spc_svg.icons(result)),
        SUPPRESSION_WORDS=SUPPRESSION_CODES,
    )
    env.globals.update(SCORECARD_TEMPLATE_GLOBALS)
    env.filters.update(
        value=lambda v, ind: format_value(ind, v),
        count=count,
        signed=signed,
        fy_short=fy_short,
        outturn_label=outturn_label,
        breakable=breakable if for_print else str,
    )
    return env


def render_page(pack: Pack, page: Page, *, for_print: bool = False) -> str:
    """One page of the pack as an HTML fragment (used by the snapshot tests).

    ``for_print`` leaves out what never shows on paper (words hidden for
    screen readers, ``<abbr>`` titles) and swaps CSS grids for tables: the
    same text, in far fewer elements for WeasyPrint to lay out.
    """
    template = environment(for_print).get_template(TEMPLATE_FOR[type(page)])
    return template.render(pack=pack, page=page, cover=pack.cover, for_print=for_print)


def with_links(pack: Pack, page: Page, html: str, below: Mapping[str, Sequence[Page]]) -> str:
    """``html`` (one page) with its links on screen put before its closing tag:
    back to the contents, and from a scorecard to the scorecards of the units
    below it."""
    links = (
        environment()
        .get_template("_links.html.j2")
        .render(pack=pack, page=page, below=below.get(page.anchor, ()))
    )
    head, tag, tail = html.rpartition("</section>")
    return f"{head}{links}{tag}{tail}" if tag else html + links


def script_text() -> str:
    """The contents' filter box (:data:`SCRIPT`), to be written beside the HTML pack."""
    return (TEMPLATES / SCRIPT).read_text(encoding="utf-8")


HREF = re.compile(r'href="#([^"]+)"')
ID = re.compile(r' id="([^"]+)"')


def missing_targets(html: str) -> list[str]:
    """Anchors linked to in ``html`` that no element in it carries, in order."""
    have = set(ID.findall(html))
    return sorted({a for a in HREF.findall(html) if a not in have})


def render_document(
    pack: Pack,
    pages: Sequence[Page],
    *,
    front: bool = True,
    for_print: bool = False,
    page_numbers: Mapping[str, int] | None = None,
) -> str:
    """A document holding ``pages``, with the cover and contents when ``front``.

    ``for_print`` gives the markup the PDF renderer prints (see
    :func:`render_page`): each contents entry ends in its page number from
    ``page_numbers`` (a placeholder when not known yet), and every anchor
    linked to from this document but printed in another part gets an empty
    placeholder, so WeasyPrint keeps the link (a named destination, which the
    join points at the right part).
    """
    html = [render_page(pack, page, for_print=for_print) for page in pages]
    if front and not for_print:
        below = unit_children(pack)
        html = [with_links(pack, p, h, below) for p, h in zip(pages, html, strict=True)]
    html = [Markup(h) for h in html]
    targets: list[str] = []
    if for_print:
        linked = "".join(html)
        if front:
            linked += "".join(f'href="#{e.anchor}"' for e in pack.contents)
        targets = missing_targets(linked)
    css = (TEMPLATES / "pack.css").read_text(encoding="utf-8")
    return (
        environment(for_print)
        .get_template("pack.html.j2")
        .render(
            pack=pack,
            cover=pack.cover,
            pages=html,
            css=Markup(css),
            front=front,
            for_print=for_print,
            page_numbers=page_numbers or {},
            link_targets=targets,
        )
    )


def render_html(pack: Pack) -> str:
    """The whole pack as one self-contained HTML document."""
    return render_document(pack, pack.body)
