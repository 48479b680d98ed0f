"""A small, hand-made month of judged results for pack and renderer tests.

Figures for the county echo the March 2016 reference report; the areas and
the team are invented.  ``mini_judge`` applies the documented RAG and
direction-of-travel rules so the rows are self-consistent; it is a test
helper, not the real judge.
"""

from __future__ import annotations

from datetime import date

from scorepack.catalogue.model import (
    ActivityMeasure,
    Bands,
    Catalogue,
    Cohort,
    Indicator,
    Labels,
    Notes,
    Owners,
    Section,
)
from scorepack.catalogue.units import OrgTree, Unit
from scorepack.judge.model import (
    ActivityCell,
    ActivityRow,
    ActivityTable,
    CohortResult,
    Result,
    Row,
    Scorecard,
    Summary,
    TrendPoint,
)
from scorepack.measures.values import format_value
from scorepack.pack.notes import thresholds
from scorepack.periods import Month

PERIOD = Month(2016, 3)
FY = "2015-16"
PRODUCED = date(2016, 5, 13)

SECTIONS = (
    Section(id="referral", heading="Referral and assessments"),
    Section(id="pf", heading="Private fostering"),
    Section(id="cp", heading="Child protection"),
    Section(id="cic", heading="Children in care"),
    Section(id="adoption", heading="Adoption"),
)

INDICATORS = (
    Indicator(
        id="referrals-repeat",
        number="1",
        section="referral",
        polarity="L",
        title="% of referrals with a previous referral within 12 months",
        period_type="YTD",
        kind="percentage",
        targets={FY: 25.0},
        bands={FY: Bands(red=30.0)},
        labels=Labels(
            numerator="had a previous referral within 12 months", denominator="referrals"
        ),
    ),
    Indicator(
        id="cf-overdue",
        number="3",
        section="referral",
        polarity="L",
        title="Number of C&F Assessments in progress outside of timescale",
        period_type="SS",
        kind="count",
        targets={FY: 75.0},
        bands={FY: Bands(red=100.0)},
    ),
    Indicator(
        id="pf-initial-visit",
        number="8",
        section="pf",
        polarity="H",
        title="% of PF notifications where initial visit held within 7 days",
        period_type="YTD",
        kind="percentage",
        targets={FY: 85.0},
        bands={FY: Bands(red=76.5)},
        labels=Labels(
            numerator="took place within timescale",
            denominator="Private Fostering visits due within 7 days of the notification",
        ),
        notes=Notes(source="Liberi"),
    ),
    Indicator(
        id="cp-second-time",
        number="14",
        section="cp",
        polarity="T",
        title="% of Children becoming CP for a second or subsequent time within 24 months",
        period_type="YTD",
        kind="percentage",
        targets={FY: 7.5},
        bands={FY: Bands(green_within=1.5, red_beyond=5.0)},
    ),
    Indicator(
        id="cic-3-placements",
        number="19",
        section="cic",
        polarity="L",
        title="CIC Placement Stability: % with 3 or more placements in the last 12 months",
        period_type="SS",
        kind="percentage",
        targets={FY: 9.0},
        bands={FY: Bands(red=12.0)},
        cohorts=("no-uasc",),
        labels=Labels(
            numerator="had three or more placements in the last 12 months",
            denominator="children in care",
        ),
    ),
    Indicator(
        id="adoption-days",
        number="29",
        section="adoption",
        polarity="L",
        title="Ave. no of days between entering care and moving in with adoptive family",
        period_type="YTD",
        kind="ratio",
        targets={FY: 426.0},
        bands={FY: Bands(red=560.0)},
    ),
    Indicator(
        id="staff-count",
        number="45",
        section="adoption",
        polarity=None,
        title="Adoption workers in post",
        period_type="SS",
        kind="count",
    ),
)

CATALOGUE = Catalogue(
    name="Specialist Children's Services Performance Management Scorecard",
    authority="Kent County Council",
    service="Specialist Children's Services",
    owners=Owners(
        cabinet_member="Peter Oakford",
        director="Philip Segurola",
        portfolio="Specialist Children's Services",
        division="Specialist Children's Services",
    ),
    source="Liberi",
    cohorts=(Cohort(id="no-uasc", label="Excluding UASC"),),
    sections=SECTIONS,
    indicators=INDICATORS,
    activity=(
        ActivityMeasure(id="caseloads", label="Caseloads", type="stock"),
        ActivityMeasure(id="referrals", label="Referrals in month", type="flow"),
    ),
)

TREE = OrgTree(
    (
        Unit("kent", "Kent", None, "county"),
        Unit("north", "North Kent", "kent", "area"),
        Unit("east", "East Kent", "kent", "area"),
        Unit("ashford", "Ashford AIT & FST", "east", "team"),
    )
)

# (numerator, denominator) or a bare value, 13 months to March 2016, oldest first.
COUNTY = {
    "referrals-repeat": [(2900, 10000 + 500 * i) for i in range(12)] + [(3329, 15633)],
    "cf-overdue": [26, 30, 41, 55, 60, 48, 52, 61, 70, 64, 58, 47, 38],
    "pf-initial-visit": [
        None,
        (10, 11),
        (15, 17),
        (21, 25),
        (27, 33),
        (31, 39),
        (36, 45),
        (40, 51),
        (44, 56),
        (49, 63),
        (56, 73),
        (57, 73),
        (52, 68),
    ],
    "cp-second-time": [
        (75, 1000),
        (80, 1010),
        (85, 1030),
        (90, 1060),
        (98, 1090),
        (105, 1120),
        (112, 1150),
        (118, 1180),
        (125, 1210),
        (130, 1240),
        (138, 1270),
        (140, 1319),
        (150, 1319),
    ],
    "cic-3-placements": [
        (201, 2093),
        (210, 2100),
        (230, 2150),
        (240, 2200),
        (250, 2230),
        (262, 2260),
        (270, 2280),
        (276, 2300),
        (281, 2310),
        (280, 2330),
        (282, 2340),
        (287, 2352),
        (290, 2320),
    ],
    "adoption-days": [
        (54030, 100),
        (52000, 98),
        (51500, 99),
        (50000, 98),
        (49000, 97),
        (52700, 100),
        (53000, 101),
        (52500, 100),
        (52600, 101),
        (53300, 102),
        (53000, 102),
        (53300, 102),
        (51434, 103),
    ],
    "staff-count": [12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 16, 16],
}
SCALE = {"kent": 1.0, "north": 0.21, "east": 0.33, "ashford": 0.07}
NO_UASC = {"kent": (162, 1454), "north": (27, 220), "east": (62, 534), "ashford": (3, 40)}


def _value(ind: Indicator, num: float | None, den: float | None) -> float:
    assert num is not None and den is not None
    return num / den * ind.multiplier


def _result(ind: Indicator, month: Month, point: object) -> Result | None:
    if point is None:
        return None
    if isinstance(point, tuple):
        num, den = point
        value = _value(ind, num, den)
        return Result(month, value, format_value(ind, value), num, den)
    value = float(point)  # type: ignore[arg-type]
    return Result(month, value, format_value(ind, value))


def rag_for(ind: Indicator, value: float | None, fy: str = FY) -> str | None:
    t = thresholds(ind, fy)
    if t is None or value is None:
        return None
    if t.polarity == "T":
        assert t.target is not None and t.green_within is not None and t.red_beyond is not None
        gap = abs(value - t.target)
        return "G" if gap <= t.green_within else "R" if gap > t.red_beyond else "A"
    assert t.green is not None and t.red is not None
    if t.polarity == "H":
        return "G" if value >= t.green else "R" if value < t.red else "A"
    return "G" if value <= t.green else "R" if value > t.red else "A"


def travel(ind: Indicator, now: Result, then: Result | None, target: float | None) -> str | None:
    if then is None or now.value is None or then.value is None or ind.polarity is None:
        return None
    if ind.polarity == "T":
        assert target is not None
        a, b = -abs(now.value - target), -abs(then.value - target)
    elif ind.polarity == "H":
        a, b = now.value, then.value
    else:
        a, b = -now.value, -then.value
    return "improved" if a > b else "worse" if a < b else "same"


def _scale(point: object, factor: float) -> object:
    if point is None or factor == 1.0:
        return point
    if isinstance(point, tuple):
        return (round(point[0] * factor), max(1, round(point[1] * factor)))
    return round(float(point) * factor)  # type: ignore[arg-type]


def mini_judge(unit: Unit, period: Month = PERIOD) -> Scorecard:
    months = period.months_back(13)
    rows: list[Row] = []
    for ind in INDICATORS:
        series = [_scale(p, SCALE[unit.id]) for p in COUNTY[ind.id]]
        results = [_result(ind, m, p) for m, p in zip(months, series, strict=True)]
        target = ind.targets.get(FY)
        latest = results[-1]
        assert latest is not None
        previous, outturn = results[-2], results[0]
        cohorts: tuple[CohortResult, ...] = ()
        if "no-uasc" in ind.cohorts:
            num, den = NO_UASC[unit.id]
            value = _value(ind, num, den)
            variance = value - (latest.value or 0)
            cohorts = (
                CohortResult(
                    "no-uasc",
                    Result(period, value, format_value(ind, value), num, den),
                    rag_for(ind, value),
                    variance,
                    f"{variance:+.1f}%",  # type: ignore[arg-type]
                ),
            )
        rows.append(
            Row(
                indicator=ind,
                section_heading=CATALOGUE.section(ind.section).heading,
                latest=latest,
                rag=rag_for(ind, latest.value),  # type: ignore[arg-type]
                target=target,
                target_display=format_value(ind, target) if target is not None else "-",
                previous=previous,
                dot_previous=travel(ind, latest, previous, target),  # type: ignore[arg-type]
                outturn=outturn,
                dot_outturn=travel(ind, latest, outturn, target),  # type: ignore[arg-type]
                cohorts=cohorts,
                trend=tuple(
                    TrendPoint(r, target, rag_for(ind, r.value))  # type: ignore[arg-type]
                    for r in results
                    if r is not None
                ),
            )
        )
    rags = [r.rag for r in rows]
    dots = [r.dot_previous for r in rows]
    outs = [r.dot_outturn for r in rows]
    summary = Summary(
        green=rags.count("G"),
        amber=rags.count("A"),
        red=rags.count("R"),
        improved=dots.count("improved"),
        same=dots.count("same"),
        worse=dots.count("worse"),
        outturn_improved=outs.count("improved"),
        outturn_same=outs.count("same"),
        outturn_worse=outs.count("worse"),
    )
    text = (
        f"As at {period.end:%d/%m/%Y}, {unit.name} has {summary.green} indicators rated Green, "
        f"{summary.amber} rated Amber and {summary.red} rated Red."
    )
    return Scorecard(
        period=period,
        unit=unit,
        financial_year=FY,
        rows=tuple(rows),
        summary=summary,
        summary_text=text,
        exceptions=tuple(r.indicator.id for r in rows if r.rag == "R"),
    )


def scorecards() -> list[Scorecard]:
    return [mini_judge(u) for u in TREE]


def activity() -> ActivityTable:
    base = {
        "kent": (9377, 9470, 1236),
        "north": (1114, 1113, 228),
        "east": (2248, 2346, 358),
        "ashford": (454, 443, 81),
    }
    rows = tuple(
        ActivityRow(
            u,
            TREE.depth(u.id),
            (
                ("caseloads", ActivityCell(base[u.id][0], base[u.id][1])),
                ("referrals", ActivityCell(base[u.id][2])),
            ),
        )
        for u in TREE
    )
    return ActivityTable(
        PERIOD,
        (("caseloads", "Caseloads", "stock"), ("referrals", "Referrals in month", "flow")),
        rows,
    )


HOSTILE = (
    '=HYPERLINK("http://evil.example/","Click") was typed at the start.\n\n'
    "<script>alert('owned')</script>\n\n"
    "<img src=x onerror=\"alert('img')\">\n\n"
    "[a harmless-looking link](javascript:alert('link'))\n\n"
    '<a href="javascript:alert(1)" onclick="alert(2)">raw link</a>\n\n'
    "[a real link](https://example.org/report)\n"
)
