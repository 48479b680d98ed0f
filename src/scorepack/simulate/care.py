"""A period of care: how it ends, its placements, reviews, health checks and permanence.

The outcome of a period of care (return home, adoption, special guardianship, staying to
18, ...) is drawn when the child comes into care, from the child's age; it fixes how long
the period lasts.  Placements then follow one another with a breakdown hazard that is
higher in the first year and for teenagers; every placement is one episode of care.
"""

from __future__ import annotations

from . import config as C
from .context import END, VISITS_FROM, Child, Sim
from .leavers import leaving_care
from .placements import write_placements
from .quality import rate

#: Outcome mix by age at entry (upper age bound, weights of home/adopted/sgo/18).
OUTCOMES = (
    (1.0, (("home", 0.31), ("adopted", 0.46), ("sgo", 0.16), ("18", 0.07))),
    (5.0, (("home", 0.42), ("adopted", 0.25), ("sgo", 0.18), ("18", 0.15))),
    (10.0, (("home", 0.50), ("sgo", 0.15), ("18", 0.35))),
    (16.0, (("home", 0.52), ("sgo", 0.05), ("18", 0.43))),
    (99.0, (("home", 0.40), ("18", 0.60))),
)
#: Share of planned stays to 18 that still end earlier with a return home.
LONG_STAY_RETURNS = 0.40
#: Share of ADM decisions made by the second review, by FY of the decision.
ADM_BY_SECOND_REVIEW = {2013: 0.72, 2014: 0.682, 2015: 0.554}
#: Mean days from placement order to match, by FY.
ORDER_TO_MATCH = {2013: 235, 2014: 205, 2015: 215}


def care_period(sim: Sim, child: Child, ref: int, start: int, team: str) -> tuple[int | None, str]:
    """Simulate a period of care from ``start``; return (end day or None, outcome)."""
    start = max(start, child.dob + sim.days(0, 3))
    if start > END:
        return None, "future"
    age = child.age(start)
    if age >= 17.8:
        return start, "ended"
    eighteen = child.birthday(18)
    outcome, end = _outcome(sim, child, start, age)
    if end >= eighteen:
        end, outcome = eighteen, "18"
    cla = sim.new_id("cla")
    reviews = _reviews(sim, child, cla, start, eighteen if outcome == "adopted" else end)
    child.placed_adoption = None
    child.adopter_is_carer = False
    if outcome == "adopted":
        end, outcome = _adoption(sim, child, cla, start, reviews)
        if end >= eighteen:
            end, outcome = eighteen, "18"
    elif outcome in ("sgo", "cao") and end <= END:
        sim.store["ssd_permanence"].add(
            perm_table_id=sim.new_id("perm"),
            perm_person_id=child.pid,
            perm_cla_id=cla,
            perm_permanence_order_date=end,
            perm_permanence_order_type="Special Guardianship"
            if outcome == "sgo"
            else "Child Arrangements Order/ Residence Order",
        )
    reviews = [rv for rv in reviews if rv[0] <= end]
    _write_reviews(sim, child, cla, reviews, end)
    write_placements(sim, child, cla, start, end, outcome, child.placed_adoption)
    _health(sim, child, start, end)
    _care_plans(sim, child, start, end, outcome, reviews)
    _teams(sim, child, team, start, end, reviews)
    child.roles.append((C.IRO_ROLE, C.COUNTY[0], start, end))
    if outcome == "18":
        adviser = max(start, child.birthday(16))
        if adviser < end:
            child.roles.append((C.PA_ROLE, C.slug(C.LEAVING_CARE), adviser, end))
    if outcome == "18":
        leaving_care(sim, child, eighteen, start)
    return (end if end <= END else None), outcome


def _outcome(sim: Sim, child: Child, start: int, age: float) -> tuple[str, int]:
    """The planned way out of care and the day it happens."""
    if child.uasc:
        if sim.chance(0.08):
            return "transfer", start + sim.days(10, 90)  # assessed as an adult
        return "18", child.birthday(18)
    if child.disabled:
        mix: tuple[tuple[str, float], ...] = (("home", 0.35), ("18", 0.65))
    else:
        mix = next(m for top, m in OUTCOMES if age < top)
    outcome = sim.pick(mix)
    if outcome == "home":
        return "home", start + max(7, sim.lognormal(130, 1.0))
    if outcome == "sgo":
        return ("cao" if sim.chance(0.25) else "sgo"), start + sim.days(240, 900)
    if outcome == "adopted":
        return "adopted", start + 720  # replaced by the adoption timeline
    if sim.chance(LONG_STAY_RETURNS):  # a long stay that still ends in a return home
        return "home", start + sim.days(500, 2500)
    return "18", child.birthday(18)


def _reviews(sim: Sim, child: Child, cla: int, start: int, end: int) -> list[tuple[int, int]]:
    """(due, held) days of the reviews: 20 working days, 3 months later, then 6-monthly."""
    out = []
    due = sim.cal.add(start, 20)
    i = 0
    while due <= min(end, END + 400):
        surge = child.uasc and C.UASC_SURGE[0].toordinal() <= due <= C.UASC_SURGE[1].toordinal()
        late = sim.chance(C.UASC_SURGE_REVIEW_LATE if surge else C.CLA_REVIEW_LATE)
        held = due + sim.days(3, 75) if late else due - sim.days(0, 10)
        out.append((due, max(held, start + 1)))
        due = held + (91 if i == 0 else 182)
        i += 1
    return out


def _write_reviews(
    sim: Sim, child: Child, cla: int, reviews: list[tuple[int, int]], end: int
) -> None:
    buf = sim.store["ssd_cla_reviews"]
    for due, held in reviews:
        if due > END:
            break
        held_known = held if held <= min(end, END) else None
        if held_known is None:
            part = None
        elif child.age(held) < 4:
            part = "PN0"
        elif sim.chance(C.CLA_PARTICIPATION - (0.06 if child.uasc else 0)):
            part = sim.pick(
                (
                    ("PN1", 0.5),
                    ("PN2", 0.1),
                    ("PN3", 0.05),
                    ("PN4", 0.05),
                    ("PN5", 0.2),
                    ("PN6", 0.1),
                )
            )
        else:
            part = "PN7"
        buf.add(
            clar_cla_review_id=sim.new_id("clar"),
            clar_cla_id=cla,
            clar_cla_review_due_date=None if sim.chance(C.REVIEW_DUE_BLANK) else due,
            clar_cla_review_date=held_known,
            clar_cla_review_cancelled="N",
            clar_cla_review_participation=part,
        )


def _adoption(
    sim: Sim, child: Child, cla: int, start: int, reviews: list[tuple[int, int]]
) -> tuple[int, str]:
    """The adoption timeline: decision, placement order, match, placement, order."""
    second = reviews[1][1] if len(reviews) > 1 else start + 120
    first = reviews[0][1] if reviews else start + 28
    fy = sim.fy(second)
    if sim.chance(ADM_BY_SECOND_REVIEW.get(fy, 0.72)):
        adm = first + sim.days(5, max(6, second - first))
    else:
        adm = second + sim.days(15, 260)
    order = adm + sim.days(40, 180)
    match = order + max(20, int(sim.rng.gauss(ORDER_TO_MATCH.get(sim.fy(order), 240), 110)))
    placed = match + sim.days(7, 35)
    adopted = placed + sim.days(80, 280)
    reversed_ = sim.chance(0.07)
    buf = sim.store["ssd_permanence"]
    if reversed_:
        buf.add(
            perm_table_id=sim.new_id("perm"),
            perm_person_id=child.pid,
            perm_cla_id=cla,
            perm_adm_decision_date=sim.known(adm),
            perm_placement_order_date=sim.known(order),
        )
        return child.birthday(18), "18"
    foster = sim.chance(0.15)
    child.placed_adoption = placed
    child.adopter_is_carer = foster
    if adm <= END:
        buf.add(
            perm_table_id=sim.new_id("perm"),
            perm_person_id=child.pid,
            perm_cla_id=cla,
            perm_adm_decision_date=adm,
            perm_placement_order_date=sim.known(order),
            perm_matched_date=sim.known(match),
            perm_placed_for_adoption_date=sim.known(placed),
            perm_placed_foster_carer_date=start if foster and placed <= END else None,
            perm_permanence_order_date=sim.known(adopted),
            perm_permanence_order_type="Adoption" if adopted <= END else None,
        )
    return adopted, "adopted"


def _health(sim: Sim, child: Child, start: int, end: int) -> None:
    """Health assessments (yearly, 6-monthly under 5) and dental checks (yearly)."""
    buf = sim.store["ssd_cla_health"]
    stop = min(end, END)
    penalty = 0.08 if child.uasc else 0.0
    for kind, first, on_time in (
        ("Health Assessment", 20, C.HEALTH_ON_TIME),
        ("Dental Check", 60, C.DENTAL_ON_TIME),
    ):
        due = sim.cal.add(start, first)
        while due <= stop:
            if sim.chance(on_time - penalty):
                held = due - sim.days(0, 40)
            else:
                held = due + sim.days(20, 150)
            held = max(held, start + 1)
            if held <= stop and held >= VISITS_FROM:
                buf.add(
                    clah_health_check_id=sim.new_id("clah"),
                    clah_person_id=child.pid,
                    clah_health_check_type=kind,
                    clah_health_check_date=held,
                    clah_health_check_status="Completed",
                )
            young = child.age(held) < 5 and kind == "Health Assessment"
            due = held + (182 if young else 365)


def _care_plans(
    sim: Sim, child: Child, start: int, end: int, outcome: str, reviews: list[tuple[int, int]]
) -> None:
    """An initial plan, replaced at the second review by the plan that was carried out."""
    final = {
        "home": "RETURN6M",
        "adopted": "ADOPTION",
        "sgo": "LTRELFR",
        "cao": "LTRELFR",
        "18": "SUPPLIV" if child.uasc else "LTFOST18",
        "transfer": "OTHERPLN",
    }.get(outcome, "OTHERPLN")
    first = "RETURN6M" if outcome == "home" or child.age(start) < 12 else "LTFOST18"
    switch = reviews[1][1] if len(reviews) > 1 else None
    buf = sim.store["ssd_cla_care_plan"]
    if switch is not None and switch < end and first != final:
        buf.add(
            lacp_table_id=sim.new_id("lacp"),
            lacp_person_id=child.pid,
            lacp_cla_care_plan_start_date=start,
            lacp_cla_care_plan_end_date=sim.known(switch),
            lacp_cla_care_plan_json=first,
        )
        start = switch
    if start <= END:
        buf.add(
            lacp_table_id=sim.new_id("lacp"),
            lacp_person_id=child.pid,
            lacp_cla_care_plan_start_date=start,
            lacp_cla_care_plan_end_date=sim.known(end),
            lacp_cla_care_plan_json=final,
        )


def _teams(
    sim: Sim, child: Child, team: str, start: int, end: int, reviews: list[tuple[int, int]]
) -> None:
    """Which team holds the case in care: district first, then the children-in-care team."""
    if child.disabled:
        sim.hold(child, team, start, end)
        owner = team
    elif child.uasc:
        move = start + sim.expo(C.UASC_TO_CIC_DAYS)
        sim.hold(child, C.slug(C.SUASC), start, min(move, end))
        if move < end:
            sim.hold(child, child.uasc_cic, move, end)
        owner = child.uasc_cic if move < end else C.slug(C.SUASC)
    else:
        move = start + sim.expo(C.DAYS_BEFORE_CIC)
        sim.hold(child, team, start, min(move, end))
        if move < end:
            sim.hold(child, child.cic, move, end)
        owner = child.cic if move < end else team
    for _due, held in reviews:
        if held <= min(end, END):
            rate(sim, child, "cla-care-plan", held, owner, 0.98)
