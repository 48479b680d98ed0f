"""Referrals and assessments: indicators 1 to 4 on hand-built records.

Team t1 and t2 sit in area ``north``, t3 in ``south``; ``county`` is the top.
Results are ``(numerator, denominator)``.
"""

from __future__ import annotations

from tests.measures.kit import Records


def referral(r: Records, rid: str, child: str, date: str, team: str | None = None) -> None:
    r.add(
        "ssd_cin_episodes",
        cine_referral_id=rid,
        cine_person_id=child,
        cine_referral_date=date,
        cine_referral_team=team,
    )


def assessment(
    r: Records, aid: str, child: str, start: str, auth: str | None, seen: str | None = "Y"
) -> None:
    r.add(
        "ssd_cin_assessments",
        cina_assessment_id=aid,
        cina_person_id=child,
        cina_assessment_start_date=start,
        cina_assessment_auth_date=auth,
        cina_assessment_child_seen=seen,
    )


class TestReReferrals:
    def test_exactly_twelve_months_later_is_a_re_referral(self) -> None:
        r = Records().person("c1", team="t1")
        referral(r, "r0", "c1", "2015-03-10")
        referral(r, "r1", "c1", "2016-03-10")
        assert r.result("rereferrals-12m", "2016-03") == (1, 1)

    def test_a_day_over_twelve_months_is_not(self) -> None:
        r = Records().person("c1", team="t1")
        referral(r, "r0", "c1", "2015-03-09")
        referral(r, "r1", "c1", "2016-03-10")
        assert r.result("rereferrals-12m", "2016-03") == (0, 1)

    def test_leap_day_looks_back_to_28_february(self) -> None:
        r = Records().person("c1", team="t1")
        referral(r, "r0", "c1", "2015-02-28")
        referral(r, "r1", "c1", "2016-02-29")
        assert r.result("rereferrals-12m", "2016-02") == (1, 1)

    def test_year_to_date_runs_from_1_april_to_the_month_end_inclusive(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t1").person("c3", team="t1")
        referral(r, "r1", "c1", "2015-03-31")  # previous financial year
        referral(r, "r2", "c2", "2015-04-01")  # first day
        referral(r, "r3", "c3", "2016-03-31")  # last day
        referral(r, "r4", "c3", "2016-04-01")  # next year
        # r2 follows nothing; r3 follows nothing either (c1 is another child)
        assert r.result("rereferrals-12m", "2016-03") == (0, 2)

    def test_same_day_referrals_do_not_count_as_repeats(self) -> None:
        r = Records().person("c1", team="t1")
        referral(r, "r1", "c1", "2016-03-10")
        referral(r, "r2", "c1", "2016-03-10")
        assert r.result("rereferrals-12m", "2016-03") == (0, 2)

    def test_a_child_who_changes_team_counts_where_the_case_was_at_the_time(self) -> None:
        r = Records().person("c1")
        r.allocate("c1", "t1", "2015-01-01", "2015-10-01")
        r.allocate("c1", "t2", "2015-10-01")
        referral(r, "r1", "c1", "2015-06-01")
        referral(r, "r2", "c1", "2015-11-01")
        got = r.run("rereferrals-12m", "2016-03")
        assert got[("t1", "2016-03", "all")] == (0, 1)
        assert got[("t2", "2016-03", "all")] == (1, 1)
        assert got[("north", "2016-03", "all")] == (1, 2)
        assert ("t3", "2016-03", "all") not in got

    def test_unallocated_referral_falls_back_to_the_referral_team(self) -> None:
        r = Records().person("c1")
        referral(r, "r1", "c1", "2016-03-01", team="t3")
        got = r.run("rereferrals-12m", "2016-03")
        assert got[("t3", "2016-03", "all")] == (0, 1)
        assert got[("county", "2016-03", "all")] == (0, 1)

    def test_uasc_children_are_left_out_of_the_excl_uasc_cohort(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t1", uasc_from="2015-09-01")
        referral(r, "r1", "c1", "2016-03-01")
        referral(r, "r2", "c2", "2016-03-01")
        got = r.run("rereferrals-12m", "2016-03")
        assert got[("county", "2016-03", "all")] == (0, 2)
        assert got[("county", "2016-03", "excl-uasc")] == (0, 1)


class TestAssessmentsWithin45WorkingDays:
    # From Monday 7 December 2015, 45 working days ends on 11 February 2016:
    # 25 and 28 December 2015 and 1 January 2016 are bank holidays.
    def test_45th_working_day_is_in_time_and_46th_is_not(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t1")
        assessment(r, "a1", "c1", "2015-12-07", "2016-02-11")
        assessment(r, "a2", "c2", "2015-12-07", "2016-02-12")
        assert r.result("cfa-within-45wd", "2016-02") == (1, 2)

    def test_counts_assessments_authorised_in_the_year_to_date(self) -> None:
        r = Records().person("c1", team="t1")
        assessment(r, "a1", "c1", "2015-03-01", "2015-03-31")  # last year
        assessment(r, "a2", "c1", "2015-04-01", "2015-04-01")  # same day, 0 days
        assessment(r, "a3", "c1", "2016-03-01", None)  # not finished
        assert r.result("cfa-within-45wd", "2016-03") == (1, 1)


class TestAssessmentsOutOfTimescale:
    def test_counts_open_assessments_past_45_working_days_at_month_end(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t2").person("c3", team="t3")
        # Started 7 Dec 2015: 45 working days on 11 Feb, so past timescale at end Feb.
        assessment(r, "a1", "c1", "2015-12-07", None)
        # Authorised after the month end: still open at 29 Feb 2016.
        assessment(r, "a2", "c2", "2015-12-07", "2016-03-02")
        # Authorised on the last day of the month: not in progress.
        assessment(r, "a3", "c3", "2015-12-07", "2016-02-29")
        got = r.run("cfa-out-of-timescale", "2016-02", "2016-01")
        assert got[("county", "2016-02", "all")] == (2, None)
        assert got[("north", "2016-02", "all")] == (2, None)
        assert ("county", "2016-01", "all") not in got  # 36 working days at end Jan


class TestChildSeenAtAssessment:
    def test_unborn_children_are_left_out(self) -> None:
        r = Records().person("c1", team="t1").person("u1", dob=None, team="t1")
        r.person("u2", dob="2016-02-01", team="t1")
        assessment(r, "a1", "c1", "2016-01-04", "2016-02-01", seen="N")
        assessment(r, "a2", "u1", "2016-01-04", "2016-02-01", seen="N")
        assessment(r, "a3", "u2", "2016-01-04", "2016-02-10", seen="Y")  # born during it
        assessment(r, "a4", "c1", "2016-01-05", "2016-02-01", seen="Y")
        assert r.result("cfa-child-seen", "2016-03") == (1, 2)
