"""Quality assurance records: case file audits and quality ratings of reports and plans.

Audits fall on open cases at a steady rate per case-year; conference reports and care
plans are rated when a conference or review is held.  Grades improve year on year, as
the reference authority's did after its improvement programme.
"""

from __future__ import annotations

from . import config as C
from .context import END, VISITS_FROM, Child, Sim

#: Case file audits per open case per year.
AUDITS_PER_CASE_YEAR = 0.075
#: Probability a due audit is completed, by financial year.
AUDIT_COMPLETED = {2013: 0.95, 2014: 0.958, 2015: 0.986}
_GRADES = ("Outstanding", "Good", "Requires Improvement", "Inadequate")
#: Grade mix (outstanding, good, requires improvement, inadequate) by kind and FY.
GRADE_MIX: dict[str, dict[int, tuple[float, float, float, float]]] = {
    "audit": {
        2010: (0.01, 0.22, 0.50, 0.27),
        2012: (0.02, 0.26, 0.52, 0.20),
        2013: (0.02, 0.28, 0.54, 0.16),
        2014: (0.03, 0.33, 0.52, 0.12),
        2015: (0.06, 0.48, 0.425, 0.035),
    },
    "cp-report": {
        2010: (0.04, 0.50, 0.40, 0.06),
        2013: (0.05, 0.62, 0.30, 0.03),
        2014: (0.06, 0.65, 0.27, 0.02),
        2015: (0.06, 0.62, 0.30, 0.02),
    },
    "cla-care-plan": {
        2010: (0.02, 0.30, 0.55, 0.13),
        2013: (0.03, 0.38, 0.50, 0.09),
        2014: (0.03, 0.44, 0.47, 0.06),
        2015: (0.05, 0.57, 0.35, 0.03),
    },
}


def _grade(sim: Sim, kind: str, day: int) -> str:
    table = GRADE_MIX[kind]
    fy = sim.fy(day)
    year = max((y for y in table if y <= fy), default=min(table))
    return sim.pick(tuple(zip(_GRADES, table[year], strict=True)))


def audits(sim: Sim, child: Child, team: str, start: int, end: int) -> None:
    """Case file audits falling due while ``team`` holds the case, ``start`` to ``end``."""
    buf = sim.store["ext_case_audits"]
    t = max(start, VISITS_FROM) + sim.expo(365.25 / AUDITS_PER_CASE_YEAR)
    while t < end:
        done = sim.chance(AUDIT_COMPLETED.get(sim.fy(t), 0.93))
        finished = t + sim.days(-10, 25) if done else None
        buf.add(
            cfa_audit_id=sim.new_id("cfa"),
            cfa_person_id=child.pid,
            cfa_team_id=team,
            cfa_due_date=t,
            cfa_completed_date=sim.known(finished),
            cfa_grade=_grade(sim, "audit", t) if sim.known(finished) else None,
        )
        t += sim.expo(365.25 / AUDITS_PER_CASE_YEAR) + 1


def rate(sim: Sim, child: Child, kind: str, day: int, team: str, share: float) -> None:
    """Rate the report or plan of a conference/review held on ``day`` (a ``share`` are rated)."""
    if day < VISITS_FROM or day > END or not sim.chance(share):
        return
    sim.store["ext_quality_ratings"].add(
        qar_rating_id=sim.new_id("qar"),
        qar_person_id=child.pid,
        qar_item_type=kind,
        qar_rated_date=min(END, day + sim.days(0, 6)),
        qar_grade=_grade(sim, kind, day),
        qar_team_id=team,
    )


def private_fostering(sim: Sim, homes: list[str]) -> None:
    """Private fostering notifications, arrangements and their statutory visits.

    About 70 notifications a year at scale 1; a third are language-school students whose
    arrangements last weeks; the rest last months.  Visits are due within 7 days of the
    notification, then every 6 weeks in the first year and every 12 weeks after.
    """
    store = sim.store
    rng = sim.rng
    first = C.FULL_START.toordinal()
    initial_on_time = {2013: 0.86, 2014: 0.884, 2015: 0.765}
    visit_on_time = {2013: 0.85, 2014: 0.88, 2015: 0.66}
    t = first
    while True:
        t += sim.expo(365.25 / (70 * sim.scale)) + 1
        if t > END:
            break
        pid = sim.new_id("person")
        store["ssd_person"].add(
            pers_person_id=pid, pers_dob=t - sim.days(9 * 365, 17 * 365), pers_expected_dob=None
        )
        team = homes[int(rng.random() * len(homes))]
        fy = sim.fy(t)
        visit = t + (
            sim.days(0, 7) if sim.chance(initial_on_time.get(fy, 0.85)) else sim.days(8, 30)
        )
        store["ext_pf_notifications"].add(
            pfn_notification_id=sim.new_id("pfn"),
            pfn_person_id=pid,
            pfn_notification_date=t,
            pfn_initial_visit_date=sim.known(visit),
            pfn_team_id=team,
        )
        start = t - sim.days(0, 10)
        length = sim.days(14, 90) if sim.chance(0.33) else sim.lognormal(240, 0.7)
        end = start + length
        arr = sim.new_id("pfa")
        store["ext_pf_arrangements"].add(
            pfa_arrangement_id=arr,
            pfa_person_id=pid,
            pfa_start_date=start,
            pfa_end_date=sim.known(end),
            pfa_team_id=team,
        )
        v = visit
        while v <= min(end, END):
            store["ext_pf_visits"].add(
                pfv_visit_id=sim.new_id("pfv"), pfv_arrangement_id=arr, pfv_visit_date=v
            )
            due = 42 if v - start < 365 else 84
            ok = sim.chance(visit_on_time.get(sim.fy(v), 0.85))
            v += sim.days(due - 20, due) if ok else sim.days(due + 1, due + 40)
