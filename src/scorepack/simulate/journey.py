"""A child's path from referral to case closure: assessment, S47, conference, CP or CIN plan.

Each referral opens a children-in-need episode and runs a small state machine whose states
are the service's stages (``s47``, ``cp``, ``cin``, ``care``, ``close``).  Every stage writes
its own records, decides how long it lasts and which stage follows.  Nothing after the
extract date is written: a stage still running then is left open.
"""

from __future__ import annotations

from itertools import pairwise

from . import config as C
from .breaks import short_breaks
from .care import care_period
from .context import END, VISITS_FROM, Child, Sim
from .quality import rate

_CP_NEXT_REVIEW = (91, 182)  # first review 3 months after the ICPC, then every 6 months


def referral(
    sim: Sim, child: Child, r: int, team: str | None = None, direct_care: bool = False
) -> int | None:
    """Simulate one referral of ``child`` on day ``r``; return the day of the next one."""
    rng = sim.rng
    store = sim.store
    ref = sim.new_id("ref")
    fy = sim.fy(r)
    team = team or child.home
    if not child.uasc and not child.disabled and sim.chance(C.DUTY_SHARE):
        team = C.slug(C.DUTY)
    # assessment
    a_start = sim.cal.add(r, sim.days(0, 2))
    on_time = C.ASSESSMENT_ON_TIME.get(fy, 0.85) + (0.05 if child.uasc or child.disabled else 0)
    if sim.chance(on_time):
        wd = min(45, max(3, int(rng.triangular(4, 46, 32))))
    else:
        wd = 46 + sim.expo(14)
    a_end = sim.cal.add(a_start, wd)
    unborn = child.dob > a_start
    if a_start <= END:
        store["ssd_cin_assessments"].add(
            cina_assessment_id=sim.new_id("asm"),
            cina_person_id=child.pid,
            cina_referral_id=ref,
            cina_assessment_start_date=a_start,
            cina_assessment_auth_date=sim.known(a_end),
            cina_assessment_child_seen=None
            if a_end > END
            else ("N" if unborn or not sim.chance(C.CHILD_SEEN_AT_ASSESSMENT) else "Y"),
            cina_assessment_team=team,
        )
    unalloc = sim.days(5, 40) if sim.chance(0.003) else 0
    # first decision
    risk = child.risk * (1 + C.PRIOR_CP_S47 * min(child.prior_cp, 2))
    district = sim.units[child.home]
    cp_mult = C.DISTRICTS.get(district.name, ("", 0, 1.0, ""))[2]
    u = rng.random()
    p_s47 = min(0.8, C.P_S47 * risk * cp_mult) * (0.15 if child.disabled or child.uasc else 1)
    p_care = C.P_DIRECT_CARE * child.risk * (0.5 if child.disabled else 1) * _care_age(child, r)
    if child.uasc or direct_care:
        state, t = "care", r
    elif u < p_s47:
        state, t = "s47", sim.cal.add(a_start, sim.days(0, min(wd, 6)))
    elif u < p_s47 + p_care:
        state, t = "care", sim.cal.add(a_start, sim.days(1, min(wd, 25)))
    elif u < p_s47 + p_care + C.P_CIN_PLAN or child.disabled:
        state, t = "cin", a_end
    else:
        state, t = "close", a_end
    close_reason = "RC8"
    ref_team = team
    sim.hold(child, team, r, t, unalloc)
    team = child.home if team == C.slug(C.DUTY) else team
    after_care = False
    while t <= END and state != "close":
        t0 = t
        if state == "s47":
            state, t = _s47(sim, child, ref, t, team)
            t = max(t, a_end) if state == "close" else t
            close_reason = "RC7"
        elif state == "cp":
            state, t = _cp_plan(sim, child, ref, t, team)
            close_reason = "RC7"
        elif state == "cin":
            state, t = _cin_plan(sim, child, ref, t, team, after_care)
            close_reason = "RC6" if child.disabled and child.age(t) >= 17.9 else "RC7"
        else:  # care
            end, outcome = care_period(sim, child, ref, t, team)
            if end is None:
                t = END + 1
                break
            t = end
            if outcome in ("home", "ended"):
                state, after_care = "cin", True
                team = child.home if child.disabled else child.cic
            else:
                state = "close"
                close_reason = {
                    "adopted": "RC1",
                    "sgo": "RC4",
                    "cao": "RC3",
                    "transfer": "RC5",
                }.get(outcome, "RC7")
                if outcome in ("adopted", "sgo") and sim.chance(C.POST_ORDER_SUPPORT):
                    support = t + sim.days(60, 300)  # post-order support before closing
                    sim.hold(child, C.slug(C.ADOPTION), t, support)
                    t = support
            continue
        if state != "care":
            sim.hold(child, team, t0, t)
    closed = t if t <= END else None
    store["ssd_cin_episodes"].add(
        cine_referral_id=ref,
        cine_person_id=child.pid,
        cine_referral_date=r,
        cine_close_date=closed,
        cine_referral_team=ref_team,
    )
    _ = close_reason  # the SSD close reason is not part of the records schema
    if closed is None or child.uasc:
        return None
    return _next_referral(sim, child, r, closed)


def _care_age(child: Child, day: int) -> float:
    """How much more (or less) likely than average a child of this age is to come into care."""
    age = child.age(day)
    return next(f for top, f in C.CARE_AGE_FACTOR if age < top)


def _next_referral(sim: Sim, child: Child, r: int, closed: int) -> int | None:
    """Day of the child's next referral after a case closed (None if never)."""
    if child.age(closed) >= 17.5:
        return None
    q = C.REREFERRAL_12M.get(sim.fy(r), 0.22) * (C.PRIOR_CP_REREFERRAL if child.prior_cp else 1.0)
    u = sim.rng.random()
    if u < q:
        lo = max(closed + 10, r + 20)
        if lo < r + 360:
            return lo + sim.expo(70) % (r + 362 - lo)
    elif u < q + C.REREFERRAL_LATER:
        return max(closed + 10, r + sim.days(370, 1200))
    return None


def _s47(sim: Sim, child: Child, ref: int, s: int, team: str) -> tuple[str, int]:
    """A section 47 enquiry starting on ``s``; may lead to an initial conference."""
    store = sim.store
    cal = sim.cal
    fy = sim.fy(s)
    sid = sim.new_id("s47")
    s_end = cal.add(s, sim.days(4, 14))
    store["ssd_s47_enquiry"].add(
        s47e_s47_enquiry_id=sid,
        s47e_person_id=child.pid,
        s47e_referral_id=ref,
        s47e_s47_start_date=s,
        s47e_s47_end_date=sim.known(s_end),
        s47e_s47_completed_by_team=team,
    )
    unborn = child.dob > s
    seen = not unborn and sim.chance(C.CHILD_SEEN_AT_S47)
    store["ext_s47_child_seen"].add(
        s47s_s47_enquiry_id=sid,
        s47s_child_seen="Y" if seen else "N",
        s47s_seen_date=sim.known(s + sim.days(0, 3)) if seen else None,
    )
    sim.hold(child, team, s, s_end)
    if not sim.chance(C.P_ICPC * min(1.6, child.risk)):
        return ("cin" if sim.chance(0.45) else "close"), s_end
    wd = sim.days(8, 15) if sim.chance(C.ICPC_ON_TIME.get(fy, 0.8)) else 16 + sim.expo(6)
    icpc_day = max(s_end, cal.add(s, wd))
    if icpc_day > END:
        sim.hold(child, team, s_end, None)
        return "cp", END + 1
    plan = sim.chance(C.P_ICPC_PLAN.get(fy, 0.88))
    icpc = sim.new_id("icpc")
    store["ssd_initial_cp_conference"].add(
        icpc_icpc_id=icpc,
        icpc_person_id=child.pid,
        icpc_s47_enquiry_id=sid,
        icpc_icpc_date=icpc_day,
        icpc_icpc_outcome_cp_flag="Y" if plan else "N",
        icpc_icpc_transfer_in="N",
        icpc_icpc_team=team,
    )
    rate(sim, child, "cp-report", icpc_day, team, 0.7)
    sim.hold(child, team, s_end, icpc_day)
    if plan:
        child.icpc = icpc
        return "cp", icpc_day
    child.icpc = None
    return ("cin" if sim.chance(0.7) else "close"), icpc_day


def _cp_plan(sim: Sim, child: Child, ref: int, start: int, team: str) -> tuple[str, int]:
    """A child protection plan from ``start``; ends at a review conference."""
    store = sim.store
    rng = sim.rng
    plan = sim.new_id("cpp")
    child.prior_cp += 1
    length = plan_length(rng.random())
    to_care = sim.chance(C.P_CP_TO_CARE * _care_age(child, start))
    due = start
    end = start
    reviews = []
    i = 0
    while True:
        due = due + _CP_NEXT_REVIEW[min(i, 1)]
        held = due - sim.days(0, 12) if sim.chance(0.997) else due + sim.days(1, 10)
        if length is None and i == 0:  # ends at the first review conference
            reviews.append((due, held))
            end = held
            break
        if length is not None and start + length < held:
            end = start + length
            break
        reviews.append((due, held))
        i += 1
    care_day = None
    if to_care:  # the child comes into care during the plan, which ends soon after
        care_day = start + sim.days(10, max(11, end - start - 20))
        end = min(end, care_day + sim.days(7, 45))
        reviews = [rv for rv in reviews if rv[1] <= end]
    elif sim.chance(0.03):  # family moves away
        end = start + sim.days(20, max(21, end - start))
        reviews = [rv for rv in reviews if rv[1] <= end]
    store["ssd_cp_plans"].add(
        cppl_cp_plan_id=plan,
        cppl_person_id=child.pid,
        cppl_icpc_id=child.icpc,
        cppl_cp_plan_start_date=start,
        cppl_cp_plan_end_date=sim.known(end),
        cppl_cp_plan_ola="N",
    )
    for due, held in reviews:
        if held > END and due > END:
            break
        store["ssd_cp_reviews"].add(
            cppr_cp_review_id=sim.new_id("cppr"),
            cppr_person_id=child.pid,
            cppr_cp_plan_id=plan,
            cppr_cp_review_due=due,
            cppr_cp_review_date=sim.known(held),
        )
        if held <= END:
            rate(sim, child, "cp-report", held, team, 0.65)
    _visits(sim, child, plan, start, end)
    stop = care_day if care_day is not None else end
    sim.hold(child, team, start, stop)
    if care_day is not None:
        if care_day > END:
            return "care", END + 1
        return "care", care_day
    if end > END:
        return "close", END + 1
    return ("cin" if sim.chance(C.P_CP_TO_CIN) else "close"), end


def plan_length(u: float) -> int | None:
    """Days a CP plan lasts for a uniform draw ``u``; None: it ends at the first review.

    ``C.CP_SURVIVAL`` gives the share still open after so many months, falling linearly
    between its points; the plans ended at the first review are the drop at 3 months.
    """
    if u < C.CP_END_AT_FIRST_REVIEW:
        return None
    share = 1.0 - u  # the plan is open while the share still open is above this
    points = C.CP_SURVIVAL
    for (m0, s0), (m1, s1) in pairwise(points):
        if s1 <= share <= s0:
            months = m0 + (s0 - share) / (s0 - s1) * (m1 - m0) if s0 > s1 else m0
            return int(months * 30.44)
    return int(points[0][0] * 30.44) + 1


def _visits(sim: Sim, child: Child, plan: int, start: int, end: int) -> None:
    """Statutory CP visits roughly every ten working days while the plan lasts."""
    buf = sim.store["ssd_cp_visits"]
    cal = sim.cal
    stop = min(end, END)
    v = cal.add(start, sim.days(1, 8))
    while v <= stop:
        if v >= VISITS_FROM:
            buf.add(
                cppv_cp_visit_id=sim.new_id("cppv"),
                cppv_person_id=child.pid,
                cppv_cp_plan_id=plan,
                cppv_cp_visit_date=v,
                cppv_cp_visit_seen="Y" if sim.rng.random() < 0.97 else "N",
            )
        gap = sim.days(5, 10) if sim.rng.random() < C.CP_VISIT_ON_TIME else sim.days(11, 18)
        v = cal.add(v, gap)


def _cin_plan(
    sim: Sim, child: Child, ref: int, start: int, team: str, after_care: bool
) -> tuple[str, int]:
    """Support as a child in need from ``start``; may escalate to S47 or care."""
    rng = sim.rng
    if child.disabled:
        length = min(sim.lognormal(1100, 0.8), max(30, child.birthday(18) - start))
    elif after_care:
        length = sim.days(40, 150)
    else:
        length = max(30, sim.lognormal(C.CIN_PLAN_MEDIAN_DAYS, 0.6))
    end = start + length
    nxt = "close"
    if not after_care:
        t_s47 = start + sim.expo(
            30.4 / (C.CIN_S47_MONTHLY * child.risk * (0.2 if child.disabled else 1))
        )
        t_care = start + sim.expo(
            30.4
            / (
                C.CIN_CARE_MONTHLY
                * child.risk
                * _care_age(child, start)
                * (0.5 if child.disabled else 1)
            )
        )
        if t_s47 < end and t_s47 <= t_care:
            end, nxt = t_s47, "s47"
        elif t_care < end:
            end, nxt = t_care, "care"
    short_breaks(sim, child, start, end)
    if sim.units[team].kind == "district" and sim.chance(C.FAMILY_SUPPORT_SHARE):
        child.roles.append((C.FAMILY_SUPPORT_ROLE, team, start + sim.days(0, 20), end))
    if sim.chance(C.CIN_PLAN_RECORDED) and not after_care:
        sim.store["ssd_cin_plans"].add(
            cinp_cin_plan_id=sim.new_id("cinp"),
            cinp_person_id=child.pid,
            cinp_referral_id=ref,
            cinp_cin_plan_start_date=start,
            cinp_cin_plan_end_date=sim.known(end),
            cinp_cin_plan_team=team,
        )
    buf = sim.store["ssd_cin_visits"]
    v = start + sim.days(3, 20)
    stop = min(end, END)
    while v <= stop:
        if v >= VISITS_FROM:
            buf.add(
                cinv_cin_visit_id=sim.new_id("cinv"),
                cinv_person_id=child.pid,
                cinv_cin_visit_date=v,
                cinv_cin_visit_seen="Y" if rng.random() < 0.95 else "N",
            )
        v += sim.days(12, 28) if rng.random() < C.CIN_VISIT_ON_TIME else sim.days(29, 50)
    if child.disabled and sim.fy(start) >= 2007:  # yearly re-assessment of disabled children
        a = start + 365
        while a < min(end, END):
            a_end = sim.cal.add(a, sim.days(10, 44))
            sim.store["ssd_cin_assessments"].add(
                cina_assessment_id=sim.new_id("asm"),
                cina_person_id=child.pid,
                cina_referral_id=ref,
                cina_assessment_start_date=a,
                cina_assessment_auth_date=sim.known(a_end),
                cina_assessment_child_seen="Y" if a_end <= END else None,
                cina_assessment_team=team,
            )
            a += 365
    sim.hold(child, team, start, end)
    return nxt, end
