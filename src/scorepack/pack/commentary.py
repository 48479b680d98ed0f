"""Commentary for exception reports: read from a file, rendered safely, or drafted.

A commentary file is YAML or Markdown, with one entry per (indicator, unit,
month); ``docs/commentary.md`` describes both forms.  Entries are Markdown.
They are rendered with markdown-it-py with raw HTML switched off (so ``<script>``
arrives as visible text), and the result is then cleaned with nh3, which keeps
only a short list of harmless tags and drops event handlers and any link that
is not http, https or mailto.  Headings in commentary become bold paragraphs,
so they cannot break the pack's own outline; images are dropped, so the pack
never fetches anything.

Where no one has written commentary, :func:`draft` writes a factual opening
from the figures, in the style ``52 of the 68 Private Fostering visits due
within 7 days of the notification took place within timescale (76.5%).``, its
first sentence worded for the indicator's kind (:mod:`scorepack.pack.opening`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import nh3
from markdown_it import MarkdownIt

from scorepack.catalogue import yamlpos
from scorepack.errors import Problem, raise_if_any
from scorepack.judge.model import RAG_WORDS, Row
from scorepack.pack.model import Commentary
from scorepack.pack.opening import opening
from scorepack.periods import Month
from scorepack.text import clean, control_problems, read_text

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "code",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "del",
    "s",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
KEY_FIELDS = ("indicator", "unit", "month")
Ids = Iterable[str] | None
MD_HEADING = re.compile(r"^#\s+(\S+)\s*\|\s*(\S+)\s*\|\s*(\S+)\s*$")
MD_FIELD = re.compile(r"^(action|due):\s*(.*?)\s*$", re.IGNORECASE)
"""``Action: …`` and ``Due: YYYY-MM-DD`` lines opening a Markdown entry."""
Key = tuple[str, str, Month]


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")

    def heading_open(self, tokens, idx, options, env):
        return "<p><strong>"

    def heading_close(self, tokens, idx, options, env):
        return "</strong></p>\n"

    def image(self, tokens, idx, options, env):
        return html.escape(tokens[idx].content)

    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("heading_close", heading_close)
    md.add_render_rule("image", image)
    return md


_MD = _markdown()


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to place in the pack as it stands."""
    raw = _MD.render(text)
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


_BLOCK_END = re.compile(r"</(p|li|tr|h\d|blockquote|pre|table)>|<br\s*/?>|<hr\s*/?>")


def html_to_text(fragment: str) -> str:
    """The words of a safe HTML fragment, one paragraph or list item to a line."""
    marked = re.sub(r"<li>", "• ", fragment)
    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n", marked)
    marked = re.sub(r"</t[dh]>", " ", marked)
    text = html.unescape(nh3.clean(marked, tags=set()))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def written(markdown: str) -> Commentary:
    fragment = render_markdown(markdown)
    return Commentary(html=fragment, text=html_to_text(fragment), drafted=False)


TARGET_SIDE = {1: "above", -1: "below", 0: "level with"}
TRAVEL_PHRASES = {
    "improved": "an improvement on",
    "same": "unchanged from",
    "worse": "a decline from",
}
"""How the result compares with last month's, as the arrow beside it says."""
TRAVEL_SLIGHT = {
    "improved": "a slight improvement on",
    "worse": "a slight decline from",
}
"""The same, when the two results look the same at the displayed precision."""
BELOW_PRECISION = "the change is too small to show at the displayed precision"


def _sign(a: float, b: float) -> int:
    return (a > b) - (a < b)


def _against_target(row: Row) -> str:
    """``This is below the target of 85.0%, and is rated Red.``

    When the result and the target print the same but differ (84.96% against
    85%: both 85.0%), the sentence says so rather than set "below" beside two
    equal figures.
    """
    assert row.target is not None and row.latest.value is not None
    side = TARGET_SIDE[_sign(row.latest.value, row.target)]
    rated = f", and is rated {RAG_WORDS[row.rag]}" if row.rag else ""
    if side != "level with" and row.latest.display == row.target_display:
        return (
            f"This is just {side} the target of {row.target_display}, by less than the "
            f"displayed precision{rated}."
        )
    return f"This is {side} the target of {row.target_display}{rated}."


def _against_previous(row: Row) -> str:
    """``The result is a decline from last month's reported 78.1%.``

    The words follow the direction-of-travel arrow; when last month's result
    and this month's print the same, the sentence says the change is below the
    displayed precision (never "an improvement on last month's 33.3%" beside
    33.3%).
    """
    assert row.previous is not None
    travel = row.dot_previous or ""
    shown = row.previous.display
    if shown == row.latest.display and travel in TRAVEL_SLIGHT:
        return f"The result is {TRAVEL_SLIGHT[travel]} last month's reported {shown}: {BELOW_PRECISION}."
    return f"The result is {TRAVEL_PHRASES.get(travel, 'compared with')} last month's reported {shown}."


def draft(row: Row) -> Commentary:
    """A factual opening drawn only from the figures, for when none was written."""
    latest = row.latest
    sentences = [opening(row)]
    if row.target is not None and latest.value is not None:
        sentences.append(_against_target(row))
    if row.previous is not None and row.previous.present:
        sentences.append(_against_previous(row))
    text = " ".join(sentences)
    return Commentary(html=f"<p>{html.escape(text)}</p>", text=text, drafted=True)


@dataclass(frozen=True)
class Action:
    """What an entry says will be done about the result, and by when (both optional)."""

    action: str | None = None
    due: date | None = None


NO_ACTION = Action()


@dataclass(frozen=True)
class CommentaryBook:
    """Written commentary, as Markdown, keyed by (indicator id, unit id, month)."""

    entries: dict[Key, str] = field(default_factory=dict)
    actions: dict[Key, Action] = field(default_factory=dict)
    """The entries' ``action`` and ``due``, for those that give either."""

    def get(self, indicator: str, unit: str, month: Month) -> str | None:
        return self.entries.get((indicator, unit, month))

    def action_for(self, indicator: str, unit: str, month: Month) -> Action:
        return self.actions.get((indicator, unit, month), NO_ACTION)

    def commentary_for(self, row: Row, unit: str, month: Month) -> Commentary:
        text = self.get(row.indicator.id, unit, month)
        if text is None or not text.strip():
            return draft(row)
        return written(text)


def parse_due(value: object) -> date:
    """A due date: a YAML date, or text ``YYYY-MM-DD``; ValueError says what was expected."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"expected a due date as YYYY-MM-DD, got {str(value)!r}") from None


def _action(
    problems: list[Problem], file: str, line: int | None, action: object, due: object
) -> Action:
    """The entry's action and due date, each problem added to ``problems``."""
    text = str(action).strip() if action not in (None, "") else None
    when = None
    if due not in (None, ""):
        try:
            when = parse_due(due)
        except ValueError as exc:
            problems.append(Problem(file, line, "due", str(exc)))
        if text is None:
            problems.append(Problem(file, line, "action", "a due date needs an action"))
    return Action(text, when)


EMPTY = CommentaryBook()


def _add(
    book: CommentaryBook,
    problems: list[Problem],
    file: str,
    line: int | None,
    key: tuple[str, str, str],
    text: str,
    known: tuple[Iterable[str] | None, Iterable[str] | None],
    action: Action = NO_ACTION,
) -> None:
    entries = book.entries
    indicator, unit, month_text = key
    try:
        month = Month.parse(month_text)
    except ValueError as exc:
        problems.append(Problem(file, line, "month", str(exc)))
        return
    for name, value, ids in (("indicator", indicator, known[0]), ("unit", unit, known[1])):
        if ids is not None and value not in set(ids):
            problems.append(Problem(file, line, name, f"{value!r} is not a known {name} id"))
            return
    if (indicator, unit, month) in entries:
        problems.append(
            Problem(file, line, None, f"second entry for {indicator} / {unit} / {month}")
        )
        return
    entries[(indicator, unit, month)] = text
    if action != NO_ACTION:
        book.actions[(indicator, unit, month)] = action


def parse_yaml(text: str, file: str, indicators: Ids = None, units: Ids = None) -> CommentaryBook:
    problems: list[Problem] = []
    book = CommentaryBook()
    data, node = yamlpos.parse(text, file)
    path: tuple[str | int, ...] = ()
    if isinstance(data, dict):
        data, path = data.get("commentary"), ("commentary",)
    if not isinstance(data, list):
        raise_if_any([Problem(file, 1, None, "expected a list of entries under 'commentary:'")])
    for n, item in enumerate(data, start=1):
        where = f"entry {n}"
        line, _ = yamlpos.locate(node, (*path, n - 1))
        if not isinstance(item, dict):
            problems.append(Problem(file, line, where, "expected indicator, unit, month and text"))
            continue
        missing = [k for k in (*KEY_FIELDS, "text") if item.get(k) in (None, "")]
        if missing:
            problems.append(Problem(file, line, where, f"missing {', '.join(missing)}"))
            continue
        unknown = sorted(set(item) - {*KEY_FIELDS, "text", "action", "due"})
        if unknown:
            problems.append(
                Problem(
                    file,
                    line,
                    where,
                    f"unknown field {', '.join(map(repr, unknown))} (expected indicator, unit, "
                    "month, text and optionally action and due)",
                )
            )
        action = _action(problems, file, line, item.get("action"), item.get("due"))
        key = (str(item["indicator"]), str(item["unit"]), str(item["month"]))
        _add(book, problems, file, line, key, str(item["text"]), (indicators, units), action)
    raise_if_any(problems)
    return book


def parse_markdown(
    text: str, file: str, indicators: Ids = None, units: Ids = None
) -> CommentaryBook:
    problems: list[Problem] = []
    book = CommentaryBook()
    current: tuple[int, tuple[str, str, str]] | None = None
    body: list[str] = []
    fields: dict[str, tuple[int, str]] = {}

    def flush() -> None:
        if current is not None:
            line, key = current
            action, due = fields.get("action"), fields.get("due")
            where = (due or action or (line, ""))[0]
            found = _action(problems, file, where, action and action[1], due and due[1])
            text = "\n".join(body).strip()
            _add(book, problems, file, line, key, text, (indicators, units), found)

    raise_if_any(control_problems(text, file))
    for line_no, line in enumerate(clean(text).splitlines(), start=1):
        m = MD_HEADING.match(line)
        if m:
            flush()
            current, body, fields = (line_no, (m.group(1), m.group(2), m.group(3))), [], {}
        elif current is not None:
            f = MD_FIELD.match(line)
            if f and not any(b.strip() for b in body):
                fields[f.group(1).lower()] = (line_no, f.group(2))
            else:
                body.append(line)
    flush()
    raise_if_any(problems)
    return book


def load_commentary(path: Path, indicators: Ids = None, units: Ids = None) -> CommentaryBook:
    """Read a ``.yaml``/``.yml`` or ``.md`` commentary file.

    Pass the catalogue's indicator ids and the tree's unit ids to have unknown
    ones reported (with every other problem in the file) as an InputError.
    """
    text = read_text(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return parse_yaml(text, str(path), indicators, units)
    return parse_markdown(text, str(path), indicators, units)
