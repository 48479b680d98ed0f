"""Children in need: indicators 5 to 7 on hand-built records (snapshots at month end)."""

from __future__ import annotations

from tests.measures.kit import Records


def episode(
    r: Records,
    rid: str,
    child: str,
    start: str,
    close: str | None = None,
    team: str | None = None,
    assessed: str | None = "2016-01-10",
) -> None:
    r.add(
        "ssd_cin_episodes",
        cine_referral_id=rid,
        cine_person_id=child,
        cine_referral_date=start,
        cine_close_date=close,
        cine_referral_team=team,
    )
    if assessed:
        r.add(
            "ssd_cin_assessments",
            cina_assessment_id=f"a-{rid}",
            cina_person_id=child,
            cina_referral_id=rid,
            cina_assessment_start_date=start,
            cina_assessment_auth_date=assessed,
        )


def cin_plan(r: Records, pid: str, child: str, start: str, end: str | None = None) -> None:
    r.add(
        "ssd_cin_plans",
        cinp_cin_plan_id=pid,
        cinp_person_id=child,
        cinp_cin_plan_start_date=start,
        cinp_cin_plan_end_date=end,
    )


class TestCinWithPlan:
    def test_children_in_need_with_and_without_a_plan(self) -> None:
        r = Records()
        for c in ("c1", "c2", "c3", "c4", "c5"):
            r.person(c, team="t1")
        for c in ("c1", "c2", "c3", "c4", "c5"):
            episode(r, f"r-{c}", c, "2016-01-01")
        cin_plan(r, "p1", "c1", "2016-01-15")
        cin_plan(r, "p2", "c2", "2016-01-15", "2016-03-31")  # ends on the month end
        # c4 is on a CP plan and c5 is looked after: neither is "in need" here.
        r.add(
            "ssd_cp_plans",
            cppl_cp_plan_id="cp4",
            cppl_person_id="c4",
            cppl_cp_plan_start_date="2016-02-01",
        )
        r.add(
            "ssd_cla_episodes",
            clae_cla_episode_id="e5",
            clae_person_id="c5",
            clae_cla_id="cla5",
            clae_cla_episode_start_date="2016-02-01",
        )
        assert r.result("cin-with-plan", "2016-03") == (1, 3)

    def test_episode_not_yet_assessed_or_closed_on_month_end_is_left_out(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t1")
        episode(r, "r1", "c1", "2016-01-01", assessed="2016-04-02")
        episode(r, "r2", "c2", "2016-01-01", close="2016-03-31")
        assert r.result("cin-with-plan", "2016-03") == (0, 0)


class TestCinSeen28Days:
    def test_seen_in_the_28_days_ending_on_the_month_end(self) -> None:
        r = Records()
        for c in ("c1", "c2", "c3", "c4"):
            r.person(c, team="t2")
            cin_plan(r, f"p-{c}", c, "2016-01-01")
        # 29 February 2016 (leap year): the 28 days run from 2 to 29 February.
        r.add(
            "ssd_cin_visits",
            cinv_cin_visit_id="v1",
            cinv_person_id="c1",
            cinv_cin_visit_date="2016-02-02",
            cinv_cin_visit_seen="Y",
        )
        r.add(
            "ssd_cin_visits",
            cinv_cin_visit_id="v2",
            cinv_person_id="c2",
            cinv_cin_visit_date="2016-02-01",
            cinv_cin_visit_seen="Y",
        )
        r.add(
            "ssd_cin_visits",
            cinv_cin_visit_id="v3",
            cinv_person_id="c3",
            cinv_cin_visit_date="2016-02-29",
            cinv_cin_visit_seen="N",
        )
        r.add(
            "ssd_cin_visits",
            cinv_cin_visit_id="v4",
            cinv_person_id="c4",
            cinv_cin_visit_date="2016-02-29",
            cinv_cin_visit_seen="Y",
        )
        got = r.run("cin-seen-28d", "2016-02")
        assert got[("t2", "2016-02", "all")] == (2, 4)
        assert got[("north", "2016-02", "all")] == (2, 4)


class TestUnallocatedCases:
    def test_open_cases_with_no_allocation_at_month_end(self) -> None:
        r = Records().person("c1").person("c2").person("c3")
        episode(r, "r1", "c1", "2016-01-01", team="t1")  # never allocated
        episode(r, "r2", "c2", "2016-01-01", team="t1")
        r.allocate("c2", "t1", "2016-01-01", "2016-03-31")  # allocation ended on month end
        episode(r, "r3", "c3", "2016-01-01", team="t3")
        r.allocate("c3", "t3", "2016-01-02")
        got = r.run("unallocated-cases", "2016-03", "2016-02")
        assert got[("t1", "2016-03", "all")] == (2, None)
        assert got[("county", "2016-03", "all")] == (2, None)
        assert got[("county", "2016-02", "all")] == (1, None)
