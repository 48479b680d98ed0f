"""The print stylesheet: no table text under 8pt; "(continued)" on split tables."""

from __future__ import annotations

import re

import pytest

from scorepack.render.html import TEMPLATES

CSS = re.sub(r"/\*.*?\*/", "", (TEMPLATES / "pack.css").read_text(encoding="utf-8"), flags=re.S)
TABLE_PART = re.compile(
    r"(^|[\s,>.])(table|th|td|caption|thead|tbody|tr)\b|-table\b|\.(num|c-\w+|rag|dot|ov|src-mark)\b"
)
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
SIZE = re.compile(r"font-size:\s*([\d.]+)(pt|em|rem|px|%)")


def _print_block() -> str:
    start = CSS.index("@media print {") + len("@media print {")
    depth, i = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(CSS[i], 0)
        i += 1
    return CSS[start : i - 1]


def _sizes(block: str) -> list[tuple[str, float, str]]:
    found = []
    for selector, body in RULE.findall(block):
        for value, unit in SIZE.findall(body):
            found.append((" ".join(selector.split()), float(value), unit))
    return found


def test_no_table_text_is_set_under_8pt_on_paper() -> None:
    printed = [s for s in _sizes(_print_block()) if TABLE_PART.search(s[0])]
    assert ("table", 8.0, "pt") in printed
    small = [s for s in printed if s[2] != "pt" or s[1] < 8]
    assert small == []


@pytest.mark.parametrize(
    ("selector", "size"),
    [(s, v) for s, v, u in _sizes(CSS.replace(_print_block(), "")) if u == "em" and v < 1],
)
def test_every_smaller_screen_size_inside_a_table_is_set_again_for_print(selector, size) -> None:
    if not TABLE_PART.search(selector):
        pytest.skip("not table text")
    printed = {s for s, _, _ in _sizes(_print_block())}
    assert selector in printed, f"{selector} is {size}em on screen and not set in pt for print"


def test_split_tables_say_continued_in_the_running_head() -> None:
    block = _print_block()
    assert '.wide .table-wrap tbody tr { string-set: continued " (continued)"; }' in block
    assert 'string-set: section content(), continued ""' in block
    assert "string(section) string(continued)" in CSS
    assert "thead { display: table-header-group; }" in CSS
