"""``--suppress-below N``: no count from 1 to N-1 survives in any output file.

The figures are built so that every count meant to be withheld is a number that
cannot turn up by chance (five digits, against a threshold of 100,000), as are the
results worked from them; the test reads every file back as text (the PDF through
``pdftotext``, the workbook's XML, the Parquet rows) and looks for each of them.  The
same build without the option shows them all, which proves the search would find them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from scorepack.cli.main import app
from scorepack.periods import Month

BELOW = 100_000
FORMATS = ("json", "markdown", "html", "pdf", "xlsx", "csv", "parquet")

CATALOGUE = textwrap.dedent(
    """\
    name: Test
    authority: Testshire
    service: Children's services
    cohorts:
      - id: excl-x
        label: Excluding X
    sections:
      - id: s
        heading: SECTION
    indicators:
      - id: a
        number: "1"
        title: Share seen in time
        section: s
        polarity: H
        period_type: YTD
        kind: percentage
        targets: {"2015-16": 85}
        bands: {"2015-16": {red: 76.5}}
        cohorts: [excl-x]
      - id: b
        number: "2"
        title: Children waiting
        section: s
        polarity: L
        period_type: SS
        kind: count
        targets: {"2015-16": 300000}
        bands: {"2015-16": {red: 400000}}
    activity:
      - id: cases
        label: Cases
        type: stock
      - id: refs
        label: Referrals
        type: flow
    """
)
UNITS = "id,name,parent,kind\ncounty,County,,county\nnorth,North,county,area\n"

SMALL = {
    # the county's latest result of a: 73717 of 91953 = 80.17%
    "a latest numerator": "73717",
    "a latest denominator": "91953",
    "a latest value": "80.1681",
    "a latest display": "80.2",
    # the county's previous month of a: 61327 of 87713 = 69.92%
    "a previous numerator": "61327",
    "a previous denominator": "87713",
    "a previous display": "69.9",
    # the county's excl-x cohort: 70001 of 88003
    "cohort numerator": "70001",
    "cohort denominator": "88003",
    "cohort display": "79.5",
    # the county's count b, this month
    "b latest": "54139",
    # activity: last month's caseload (so also the change, 432101 - 38917) and this month's referrals
    "cases last month": "38917",
    "cases change": "393184",
    "referrals": "45713",
}


def figures() -> str:
    rows = ["indicator,unit,period,cohort,numerator,denominator,value"]
    for m in Month(2016, 3).months_back(13):
        if m == Month(2016, 3):
            a = ("73717", "91953")
        elif m == Month(2016, 2):
            a = ("61327", "87713")
        else:
            a = ("150000", "200000")
        rows.append(f"a,county,{m},,{a[0]},{a[1]},")
        rows.append(f"a,north,{m},,120000,150000,")
        rows.append(f"b,county,{m},,,,{54139 if m == Month(2016, 3) else 250000}")
        rows.append(f"b,north,{m},,,,200000")
    rows.append("a,county,2016-03,excl-x,70001,88003,")
    rows.append("a,north,2016-03,excl-x,110000,140000,")
    for unit in ("county", "north"):
        rows.append(f"cases,{unit},2016-03,,,,432101")
        rows.append(f"cases,{unit},2016-02,,,,{38917 if unit == 'county' else 400000}")
        rows.append(f"refs,{unit},2016-03,,,,{45713 if unit == 'county' else 300000}")
    return "\n".join(rows) + "\n"


def text_of(path: Path) -> str:
    """A file's contents as text, whatever its format."""
    if path.suffix == ".pdf":
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    if path.suffix == ".parquet":
        return "\n".join(str(r) for r in pq.read_table(path).to_pylist())
    return path.read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, formats: str, *extra: str) -> Path:
    """Build the test inputs into ``tmp_path/name``."""
    for file, content in (("cat.yaml", CATALOGUE), ("units.csv", UNITS), ("fig.csv", figures())):
        (tmp_path / file).write_text(content, encoding="utf-8")
    out = tmp_path / name
    args = [
        "build",
        "--catalogue",
        str(tmp_path / "cat.yaml"),
        "--units",
        str(tmp_path / "units.csv"),
    ]
    args += ["--figures", str(tmp_path / "fig.csv"), "--period", "2016-03", "--quiet"]
    args += ["--format", formats, "--out", str(out), *extra]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out


def build(tmp_path: Path, name: str, *extra: str) -> dict[str, str]:
    out = write(tmp_path, name, ",".join(FORMATS), *extra)
    return {p.name: text_of(p) for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def found(texts: dict[str, str], number: str) -> list[str]:
    tail = "" if "." in number else r"(?!\d)"  # a value may carry more decimals
    pattern = re.compile(rf"(?<![\d.]){re.escape(number)}{tail}")
    grouped = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # 73,717 as printed
    return [name for name, text in texts.items() if pattern.search(grouped.sub("", text))]


pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    tmp = tmp_path_factory.mktemp("suppress")
    return build(tmp, "whole"), build(tmp, "public", "--suppress-below", str(BELOW))


def test_every_format_is_written(both: tuple[dict[str, str], dict[str, str]]) -> None:
    whole, public = both
    assert sorted(whole) == sorted(public)
    suffixes = {Path(n).suffix for n in public}
    # .js is the HTML pack's contents filter, written beside it; it carries no figures.
    assert suffixes == {".json", ".md", ".html", ".js", ".pdf", ".xlsx", ".csv", ".parquet"}


@pytest.mark.parametrize("what", sorted(SMALL))
def test_a_small_count_is_in_the_whole_pack_and_nowhere_in_the_published_one(
    both: tuple[dict[str, str], dict[str, str]], what: str
) -> None:
    whole, public = both
    number = SMALL[what]
    assert found(whole, number), f"{what} ({number}) is not even in the unsuppressed outputs"
    assert found(public, number) == [], f"{what} ({number}) survived suppression"


@pytest.mark.parametrize("fmt", [".json", ".md", ".html", ".pdf", ".xlsx", ".csv"])
def test_each_format_says_c_and_keeps_the_large_counts(
    both: tuple[dict[str, str], dict[str, str]], fmt: str
) -> None:
    _whole, public = both
    texts = {n: t for n, t in public.items() if n.endswith(fmt)}
    assert texts
    joined = "\n".join(texts.values())
    assert re.search(r"(?<![\w-])c(?![\w-])", joined), f"no 'c' in the {fmt} outputs"
    # the area's figures are large: published
    assert found(texts, "120000") or found(texts, "150000") or fmt == ".md"


def test_the_json_names_what_is_withheld(tmp_path: Path) -> None:
    out = write(tmp_path, "o", "json", "--suppress-below", str(BELOW))
    card = json.loads((out / "scorecard-county-2016-03.json").read_text())
    row = card["rows"][0]
    assert (row["display"], row["suppressed"], row["numerator"], row["value"]) == (
        "c",
        True,
        None,
        None,
    )
    assert row["rag"] is not None  # a judgement of the result, not a count: kept
    assert row["cohorts"]["excl-x"]["display"] == "c"
    assert row["cohorts"]["excl-x"]["variance"] is None
    activity = json.loads((out / "activity-2016-03.json").read_text())
    county = activity["rows"][0]["cells"]
    assert county["cases"] == {
        "this_month": 432101,
        "last_month": None,
        "change": None,
        "suppressed": ["last_month"],
    }
    assert county["refs"]["suppressed"] == ["this_month"]
    north = activity["rows"][1]["cells"]
    assert "suppressed" not in north["cases"] and north["cases"]["change"] == 32101


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_a_threshold_that_is_not_a_whole_number_of_one_or_more_is_refused(
    tmp_path: Path, value: str
) -> None:
    args = ["build", "--preset", "kent-scs-2016", "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(app, [*args, "--suppress-below", value])
    assert result.exit_code == 2
    assert "--suppress-below" in result.output
    assert not (tmp_path / "o").exists()
