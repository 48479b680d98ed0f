"""Child protection: indicators 11 to 18 and the CP activity counts."""

from __future__ import annotations

from tests.measures.kit import Records


def plan(r: Records, pid: str, child: str, start: str, end: str | None = None) -> None:
    r.add(
        "ssd_cp_plans",
        cppl_cp_plan_id=pid,
        cppl_person_id=child,
        cppl_cp_plan_start_date=start,
        cppl_cp_plan_end_date=end,
    )


def s47(r: Records, sid: str, child: str, start: str, end: str | None = None) -> None:
    r.add(
        "ssd_s47_enquiry",
        s47e_s47_enquiry_id=sid,
        s47e_person_id=child,
        s47e_s47_start_date=start,
        s47e_s47_end_date=end,
    )


def icpc(
    r: Records,
    cid: str,
    child: str,
    held: str,
    sid: str | None = None,
    to_plan: str = "Y",
    transfer: str | None = None,
) -> None:
    r.add(
        "ssd_initial_cp_conference",
        icpc_icpc_id=cid,
        icpc_person_id=child,
        icpc_s47_enquiry_id=sid,
        icpc_icpc_date=held,
        icpc_icpc_outcome_cp_flag=to_plan,
        icpc_icpc_transfer_in=transfer,
    )


class TestPlans18Months:
    def test_start_exactly_18_months_before_month_end_counts(self) -> None:
        r = Records()
        for c in "abcde":
            r.person(c, team="t1")
        plan(r, "p1", "a", "2014-09-30")  # 18 months to 31 March 2016
        plan(r, "p2", "b", "2014-10-01")
        plan(r, "p3", "c", "2016-03-05", "2016-03-20")  # starts and ends in the month
        plan(r, "p4", "d", "2016-01-01", "2016-03-31")  # ends on the month end
        plan(r, "p5", "e", "2016-03-31")  # starts on the month end
        assert r.result("cp-plans-18m-plus", "2016-03") == (1, 3)


class TestCpVisits:
    def test_visits_within_10_working_days_with_easter(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t1")
        plan(r, "p1", "c1", "2016-02-01")
        for n, day in enumerate(
            ["2016-02-15", "2016-03-01", "2016-03-15", "2016-03-31", "2016-04-05"]
        ):
            r.add(
                "ssd_cp_visits",
                cppv_cp_visit_id=f"v{n}",
                cppv_person_id="c1",
                cppv_cp_plan_id="p1",
                cppv_cp_visit_date=day,
            )
        # 15 Feb: 10 working days after the plan began (in time); 1 Mar: 11 (late);
        # 15 Mar: 10; 31 Mar: 10, as Good Friday and Easter Monday do not count.
        # 5 April is after the month end.  Plan p2 ended, so its visit is not counted.
        plan(r, "p2", "c2", "2016-01-01", "2016-03-01")
        r.add(
            "ssd_cp_visits",
            cppv_cp_visit_id="w",
            cppv_person_id="c2",
            cppv_cp_plan_id="p2",
            cppv_cp_visit_date="2016-01-05",
        )
        assert r.result("cp-visits-in-time", "2016-03") == (3, 4)


class TestCpReviews:
    def test_every_review_due_by_month_end_must_be_on_time(self) -> None:
        r = Records()
        for c in ("c1", "c2", "c3"):
            r.person(c, team="t1")
            plan(r, f"p-{c}", c, "2015-11-01")
        reviews = [
            ("c1", "2016-02-01", "2016-02-01"),
            ("c1", "2016-03-31", "2016-04-02"),  # not held by the month end
            ("c2", "2016-03-10", "2016-03-09"),
            ("c3", "2016-04-15", None),  # not yet due
        ]
        for n, (c, due, held) in enumerate(reviews):
            r.add(
                "ssd_cp_reviews",
                cppr_cp_review_id=f"r{n}",
                cppr_person_id=c,
                cppr_cp_plan_id=f"p-{c}",
                cppr_cp_review_due=due,
                cppr_cp_review_date=held,
            )
        assert r.result("cp-reviews-in-time", "2016-03") == (1, 2)
        assert r.result("cp-reviews-in-time", "2016-04") == (1, 3)  # c1 late, c3 not held


class TestSecondPlanWithin24Months:
    def test_previous_plan_ending_exactly_24_months_before(self) -> None:
        r = Records()
        for c in ("c1", "c2", "c3", "c4"):
            r.person(c, team="t1")
        plan(r, "old1", "c1", "2013-06-01", "2014-03-01")
        plan(r, "new1", "c1", "2016-03-01")
        plan(r, "old2", "c2", "2013-06-01", "2014-02-28")
        plan(r, "new2", "c2", "2016-03-01")
        plan(r, "new3", "c3", "2015-04-01")
        plan(r, "new4", "c4", "2016-03-02", "2016-03-20")  # starts and ends in March
        assert r.result("cp-repeat-24m", "2016-03") == (1, 4)


class TestPlansEnded2YearsPlus:
    def test_duration_at_de_registration(self) -> None:
        r = Records().person("c1").person("c2").person("c3", team="t3")
        r.allocate("c1", "t2", "2014-01-01", "2016-03-31")  # ends with the plan
        r.allocate("c2", "t2", "2014-01-01")
        plan(r, "p1", "c1", "2014-03-31", "2016-03-31")  # exactly two years
        plan(r, "p2", "c2", "2014-04-01", "2016-03-31")
        plan(r, "p3", "c3", "2016-03-02", "2016-03-20")
        got = r.run("cp-ended-2y-plus", "2016-03")
        assert got[("county", "2016-03", "all")] == (1, 3)
        assert got[("t2", "2016-03", "all")] == (1, 2)
        assert got[("t3", "2016-03", "all")] == (0, 1)

    def test_leap_day_start(self) -> None:
        r = Records().person("c1", team="t1")
        plan(r, "p1", "c1", "2016-02-29", "2018-02-28")
        assert r.result("cp-ended-2y-plus", "2018-02") == (1, 1)


class TestChildSeenAtS47:
    def test_seen_and_unborn(self) -> None:
        r = Records().person("c1", team="t1").person("u1", dob=None, team="t1")
        s47(r, "s1", "c1", "2016-03-01", "2016-03-10")
        s47(r, "s2", "c1", "2016-03-15", "2016-03-31")
        s47(r, "s3", "u1", "2016-03-01", "2016-03-10")  # unborn: left out
        s47(r, "s4", "c1", "2016-03-20")  # not finished
        r.add("ext_s47_child_seen", s47s_s47_enquiry_id="s1", s47s_child_seen="Y")
        r.add("ext_s47_child_seen", s47s_s47_enquiry_id="s2", s47s_child_seen="N")
        assert r.result("s47-child-seen", "2016-03") == (1, 2)


class TestIcpcWithin15WorkingDays:
    # From Thursday 17 March 2016, the 15th working day is Monday 11 April,
    # because Good Friday (25 March) and Easter Monday (28 March) are bank holidays.
    def test_bank_holidays_are_not_working_days(self) -> None:
        r = Records().person("c1", team="t1")
        s47(r, "s1", "c1", "2016-03-17", "2016-03-18")
        icpc(r, "i1", "c1", "2016-04-11", "s1")
        icpc(r, "i2", "c1", "2016-04-12", "s1")
        icpc(r, "i3", "c1", "2016-04-05", "s1", transfer="Y")
        assert r.result("icpc-within-15wd", "2016-04") == (1, 2)


class TestIcpcToPlan:
    def test_share_of_conferences_deciding_on_a_plan(self) -> None:
        r = Records().person("c1", team="t1")
        icpc(r, "i1", "c1", "2015-04-01", to_plan="Y")
        icpc(r, "i2", "c1", "2016-03-31", to_plan="Y")
        icpc(r, "i3", "c1", "2016-02-01", to_plan="N")
        icpc(r, "i4", "c1", "2016-02-01", to_plan="Y", transfer="Y")
        icpc(r, "i5", "c1", "2015-03-31", to_plan="Y")  # previous year
        assert r.result("icpc-to-plan", "2016-03") == (2, 3)


class TestCpActivity:
    def test_stock_starts_and_ends(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t2")
        plan(r, "p1", "c1", "2016-03-02", "2016-03-20")  # starts and ends in March
        plan(r, "p2", "c2", "2016-01-01")
        plan(r, "p3", "c2", "2015-01-01", "2016-03-01")
        assert r.result("cp-plans", "2016-03") == (1, None)
        assert r.result("cp-starts", "2016-03") == (1, None)
        assert r.result("cp-ends", "2016-03") == (2, None)
        assert r.result("cp-plans", "2016-02") == (1, None)  # c2 on two plans, counted once
