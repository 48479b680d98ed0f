"""Issue 8: the kent-scs-2016 definitions brought into line with the national ones.

One class per row of the review (rows 1 to 13); each record set is built so
that the definition before the fix gave a different answer.
"""

from __future__ import annotations

import pytest

from tests.measures.kit import Records
from tests.measures.test_adoption_and_leavers import leaver, permanence
from tests.measures.test_child_protection import plan
from tests.measures.test_children_in_care import in_care, placement, review
from tests.measures.test_private_fostering import arrangement


def check(r: Records, cid: str, child: str, kind: str, day: str, status: str | None) -> None:
    r.add(
        "ssd_cla_health",
        clah_health_check_id=cid,
        clah_person_id=child,
        clah_health_check_type=kind,
        clah_health_check_date=day,
        clah_health_check_status=status,
    )


class TestRow1ReviewsYearToDate:
    def build(self) -> Records:
        r = Records()
        # c1: a review missed in 2014 no longer counts against the child this year.
        r.person("c1", team="t1")
        in_care(r, "c1", "2014-01-01", cla="k1")
        review(r, "r1", "k1", "2014-06-01", "2014-07-01")
        review(r, "r2", "k1", "2016-01-10", "2016-01-09")
        # c2: entered care Mon 1 June 2015; no due dates recorded.  First review due
        # 20 working days later (29 June), held 20 June: in time.  Second due 3 months
        # after the first (20 September), held 1 October: late.
        r.person("c2", team="t1")
        in_care(r, "c2", "2015-06-01", cla="k2", entered="2015-06-01")
        review(r, "r3", "k2", None, "2015-06-20")
        review(r, "r4", "k2", None, "2015-10-01")
        # c3: entered 1 Dec 2015, no review yet; due 31 Dec 2015 (20 working days,
        # leaving out Christmas Day and the Boxing Day holiday on 28 December): missed.
        r.person("c3", team="t1")
        in_care(r, "c3", "2015-12-01", cla="k3", entered="2015-12-01")
        return r

    def test_reviews_due_this_year_with_derived_due_dates(self) -> None:
        assert self.build().result("cic-reviews-in-time", "2016-03") == (1, 3)

    def test_third_and_later_reviews_are_six_monthly(self) -> None:
        r = Records().person("c1", team="t1")
        in_care(r, "c1", "2015-01-05", cla="k1", entered="2015-01-05")
        review(r, "r1", "k1", None, "2015-01-20")
        review(r, "r2", "k1", None, "2015-04-20")  # due 20 April: in time
        review(r, "r3", "k1", None, "2015-10-20")  # due 20 October: in time
        # Next due 20 April 2016: not yet due at the end of March.
        assert r.result("cic-reviews-in-time", "2016-03") == (1, 1)
        assert r.result("cic-reviews-in-time", "2015-09") == (1, 1)


class TestRow2HealthChecksByInterval:
    def build(self) -> Records:
        r = Records()
        r.person("c1", dob="2012-06-01", team="t1")  # under 5: assessments 6-monthly
        r.person("c2", dob="2005-01-01", team="t1")
        r.person("c3", dob="2005-01-01", team="t1")
        for c in ("c1", "c2", "c3"):
            in_care(r, c, "2014-01-01")
        check(r, "h1", "c1", "Health Assessment", "2015-06-01", "Completed")  # > 6 months
        check(r, "h2", "c1", "Dental Check", "2015-06-01", "Completed")  # dental: 12 months
        check(r, "h3", "c2", "Health Assessment", "2015-12-01", None)  # blank status
        check(r, "h4", "c2", "Dental Check", "2015-12-01", None)
        check(r, "h5", "c3", "Health Assessment", "2015-05-01", "Completed")
        return r

    def test_health_assessments(self) -> None:
        assert self.build().result("cic-health-assessments", "2016-03") == (1, 3)

    def test_dental_checks(self) -> None:
        assert self.build().result("cic-dental-checks", "2016-03") == (1, 3)


class TestRow3AdoptionA1A2:
    def build(self) -> Records:
        r = Records().person("c1", team="t1").person("c2", team="t1")
        in_care(r, "c1", "2015-01-01", "2016-03-01", reason="E12", cla="k1")
        in_care(r, "c2", "2014-06-01", "2016-03-01", reason="E11", cla="k2")
        # c1 was adopted by the foster carers it moved in with on 1 March 2015, and
        # placed for adoption with them on 1 September 2015: A1 is 243 days, to the
        # placement for adoption.  Matched before the placement order: A2 0 days.
        permanence(
            r,
            "p1",
            "c1",
            "k1",
            perm_placement_order_date="2016-02-01",
            perm_matched_date="2016-01-15",
            perm_placed_foster_carer_date="2015-03-01",
            perm_placed_for_adoption_date="2015-09-01",
            perm_permanence_order_date="2016-03-01",
            perm_permanence_order_type="Adoption",
        )
        # c2: order 1 June 2015, matched 1 July 2015: 30 days; placed 1 Aug 2015 (426 days).
        permanence(
            r,
            "p2",
            "c2",
            "k2",
            perm_placement_order_date="2015-06-01",
            perm_matched_date="2015-07-01",
            perm_placed_for_adoption_date="2015-08-01",
            perm_permanence_order_date="2016-03-01",
            perm_permanence_order_type="Adoption",
        )
        return r

    def test_a1_entry_to_placement_for_adoption(self) -> None:
        assert self.build().result("adoption-entry-to-placement-days", "2016-03") == (669, 2)

    def test_a2_a_match_before_the_order_counts_zero_days(self) -> None:
        assert self.build().result("adoption-authority-to-match-days", "2016-03") == (30, 2)


class TestRow4AdoptionSolePlanAtSecondReview:
    def test_sole_plan_in_force_at_the_second_review(self) -> None:
        r = Records()
        plans = {"c1": "ADOPTION", "c2": "ADOPTION,LTFOST18", "c3": "ADOPTION"}
        for c, code in plans.items():
            r.person(c, team="t1")
            in_care(r, c, "2015-04-01", cla=f"k-{c}")
            review(r, f"{c}-1", f"k-{c}", None, "2015-04-20")
            if c != "c3":  # c3 has not had its second review
                review(r, f"{c}-2", f"k-{c}", None, "2015-07-20")
            permanence(r, f"pm-{c}", c, f"k-{c}", perm_adm_decision_date="2015-06-01")
            r.add(
                "ssd_cla_care_plan",
                lacp_table_id=f"cp-{c}",
                lacp_person_id=c,
                lacp_cla_care_plan_start_date="2015-06-01",
                lacp_cla_care_plan_json=code,
            )
        assert r.result("adoption-plan-by-2nd-review", "2016-03") == (1, 3)


class TestRow5PrivateFosteringFirstYearSixWeekly:
    def test_six_weeks_in_the_first_year_twelve_after(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t1")
        # a1 began 1 Jan 2015: in its first year visits are due every 42 days.
        arrangement(r, "a1", "c1", "2015-01-01", visits=("2015-03-25", "2015-05-15"))
        # a2 began 1 Jan 2014: in its second year, every 84 days.
        arrangement(r, "a2", "c2", "2014-01-01", visits=("2015-03-01", "2015-05-20"))
        r.conn.execute("UPDATE ext_pf_arrangements SET pfa_team_id = 't1'")
        # 15 May is 51 days after 25 March (late); 20 May is 80 days after 1 March (in
        # time); at 30 June a1's next visit is 46 days overdue-ready (> 42): missed.
        assert r.result("pf-existing-visits", "2015-06") == (1, 3)


class TestRow6ShortBreaks:
    def build(self) -> Records:
        r = Records().person("c1", team="t1").person("c2", team="t1")
        in_care(r, "c1", "2016-03-01")
        in_care(r, "c2", "2016-03-01")
        placement(r, "c1", "2016-03-01", kind="U4", provider="PR1")
        placement(r, "c2", "2016-03-01", kind="U4", provider="PR1")
        r.add(
            "ssd_legal_status",
            lega_legal_status_id="ls1",
            lega_person_id="c2",
            lega_legal_status="V3",
            lega_legal_status_start_date="2016-03-01",
        )
        return r

    def test_short_breaks_are_not_looked_after(self) -> None:
        r = self.build()
        assert r.result("lac", "2016-03") == (1, None)
        assert r.result("lac-starts", "2016-03") == (1, None)
        assert r.result("cic-kcc-foster-care", "2016-03") == (1, 1)


class TestRow7UnknownDistance:
    def test_999_9_is_not_a_distance(self) -> None:
        r = Records()
        for c, miles in (("c1", 10.0), ("c2", 999.9)):
            r.person(c, team="t1")
            in_care(r, c, "2015-01-01")
            placement(r, c, "2015-01-01", miles=miles)
        assert r.result("cic-within-20-miles", "2016-03") == (1, 1)

    def test_unknown_and_blank_distances_are_counted_in_data_quality(self) -> None:
        r = Records()
        for c, team, miles in (
            ("c1", "t1", 10.0),
            ("c2", "t1", 999.9),
            ("c3", "t1", None),
            ("c4", "t3", 999.9),
            ("c5", "t3", 30.0),
        ):
            r.person(c, team=team)
            in_care(r, c, "2015-01-01")
            placement(r, c, "2015-01-01", miles=miles)
        r.person("c6", team="t1", uasc_from="2015-01-01")  # UASC: out of scope, not a gap
        in_care(r, "c6", "2015-01-01")
        placement(r, "c6", "2015-01-01", miles=999.9)
        assert r.result("cic-within-20-miles", "2016-03") == (1, 2)
        assert r.quality("cic-within-20-miles", "2016-03") == 3
        assert r.quality("cic-within-20-miles", "2016-03", unit="t1") == 2
        assert r.quality("cic-within-20-miles", "2016-03", unit="t3") == 1
        assert r.quality("cic-within-20-miles", "2016-03", cohort="excl-uasc") == 3

    def test_a_unit_whose_every_distance_is_unknown_has_no_result_but_a_count(self) -> None:
        r = Records()
        r.person("c1", team="t3")
        in_care(r, "c1", "2015-01-01")
        placement(r, "c1", "2015-01-01", miles=999.9)
        assert r.result("cic-within-20-miles", "2016-03", unit="t3") == (0, 0)
        assert r.quality("cic-within-20-miles", "2016-03", unit="t3") == 1


class TestRow8TeamAttribution:
    def test_only_the_allocated_social_worker_holds_the_case(self) -> None:
        r = Records().person("c1")
        in_care(r, "c1", "2015-01-01")
        r.allocate("c1", "t1", "2015-01-01", role="Allocated Social Worker")
        r.allocate("c1", "t2", "2016-01-01", role="IRO")
        r.allocate("c1", "t3", "2016-02-01", role="Family Support Worker")
        got = r.run("lac", "2016-03")
        assert got[("t1", "2016-03", "all")] == (1, None)
        assert ("t2", "2016-03", "all") not in got
        assert ("t3", "2016-03", "all") not in got

    def test_ties_go_to_the_later_start_then_the_larger_id(self) -> None:
        r = Records().person("c1").person("c2")
        in_care(r, "c1", "2015-01-01")
        in_care(r, "c2", "2015-01-01")
        r.allocate("c1", "t1", "2015-01-01", role="Allocated Social Worker")  # inv0
        r.allocate("c1", "t2", "2015-06-01", role="Allocated Social Worker")  # inv1
        r.allocate("c2", "t2", "2015-01-01", role="Allocated Social Worker")  # inv2
        r.allocate("c2", "t3", "2015-01-01")  # inv3: same start, no role recorded
        got = r.run("lac", "2016-03")
        assert got[("t2", "2016-03", "all")] == (1, None)
        assert got[("t3", "2016-03", "all")] == (1, None)

    def test_the_roles_are_configurable(self) -> None:
        r = Records().person("c1")
        in_care(r, "c1", "2015-01-01")
        r.allocate("c1", "t2", "2015-01-01", role="Personal Adviser")
        assert r.run("lac", "2016-03", roles=("Personal Adviser",))[("t2", "2016-03", "all")] == (
            1,
            None,
        )


class TestRow9SameCarerChanges:
    @pytest.mark.parametrize(
        ("reason", "expected"), [("T", (0, 1)), ("U", (0, 1)), ("B", (1, 1)), ("P", (1, 1))]
    )
    def test_only_reasons_t_and_u_keep_the_carers(
        self, reason: str, expected: tuple[int, int]
    ) -> None:
        """SSDA903: T and U are a change of placement with the same carers; B and P change carers."""
        r = Records().person("c1", team="t1")
        in_care(r, "c1", "2015-01-01", "2015-06-01", reason="X1", entered="2015-01-01")
        r.add(
            "ssd_cla_episodes",
            clae_cla_episode_id="e2",
            clae_person_id="c1",
            clae_cla_id="cla-c1",
            clae_cla_episode_start_date="2015-06-01",
            clae_cla_episode_ceased_date="2015-10-01",
            clae_cla_episode_ceased_reason="X1",
            clae_cla_episode_start_reason=reason,
            clae_entered_care_date="2015-01-01",
        )
        in_care(r, "c1", "2015-10-01", entered="2015-01-01")
        placement(r, "c1", "2015-01-01", "2015-06-01")
        placement(r, "c1", "2015-06-01", "2015-10-01")
        placement(r, "c1", "2015-10-01")
        assert r.result("cic-3-placements-12m", "2016-03") == expected

    def test_a_move_with_the_same_carers_is_not_a_new_placement(self) -> None:
        r = Records().person("c1", team="t1")
        in_care(r, "c1", "2015-01-01", "2015-06-01", reason="X1", entered="2015-01-01")
        r.add(
            "ssd_cla_episodes",
            clae_cla_episode_id="e2",
            clae_person_id="c1",
            clae_cla_id="cla-c1",
            clae_cla_episode_start_date="2015-06-01",
            clae_cla_episode_ceased_date="2015-10-01",
            clae_cla_episode_ceased_reason="X1",
            clae_cla_episode_start_reason="U",
            clae_entered_care_date="2015-01-01",
        )
        in_care(r, "c1", "2015-10-01", entered="2015-01-01")
        placement(r, "c1", "2015-01-01", "2015-06-01")
        placement(r, "c1", "2015-06-01", "2015-10-01")  # same carers (reason U)
        placement(r, "c1", "2015-10-01")
        assert r.result("cic-3-placements-12m", "2016-03") == (0, 1)

    def test_same_carers_keep_the_placement_running_for_two_years(self) -> None:
        r = Records().person("c1", dob="2005-01-01", team="t1")
        in_care(r, "c1", "2013-01-01", "2015-01-01", reason="X1", entered="2013-01-01")
        r.add(
            "ssd_cla_episodes",
            clae_cla_episode_id="e2",
            clae_person_id="c1",
            clae_cla_id="cla-c1",
            clae_cla_episode_start_date="2015-01-01",
            clae_cla_episode_start_reason="T",
            clae_entered_care_date="2013-01-01",
        )
        placement(r, "c1", "2013-01-01", "2015-01-01")
        placement(r, "c1", "2015-01-01")
        assert r.result("cic-same-placement-2y", "2016-03") == (1, 1)


class TestRow10CareLeaverStatusAroundTheBirthday:
    def test_status_from_three_months_before_to_one_month_after(self) -> None:
        r = Records().person("c1", dob="1996-06-01", team="t1")  # 19 on 1 June 2015
        leaver(r, "l1", "c1", "2015-04-01", touch="YES")  # 2 months before: counts
        leaver(r, "l2", "c1", "2015-09-01", touch="NO")  # 3 months after: too late
        assert r.result("care-leavers-in-touch", "2016-03") == (1, 1)


class TestRow11CpVisitsDue:
    def test_first_and_overdue_visits_are_due(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t1")
        plan(r, "p1", "c1", "2016-03-01")  # no visit in 22 working days: one overdue
        plan(r, "p2", "c2", "2016-01-04")
        r.add(
            "ssd_cp_visits",
            cppv_cp_visit_id="v1",
            cppv_person_id="c2",
            cppv_cp_plan_id="p2",
            cppv_cp_visit_date="2016-01-11",
        )  # in time; none since: the next is overdue
        assert r.result("cp-visits-in-time", "2016-03") == (1, 3)

    def test_a_first_visit_not_yet_due_is_not_counted(self) -> None:
        r = Records().person("c1", team="t1")
        plan(r, "p1", "c1", "2016-03-28")
        assert r.result("cp-visits-in-time", "2016-03") == (0, 0)


class TestRow12CpRepeatOtherAuthoritiesAndSameDay:
    def test_other_authority_plans_and_same_day_continuations(self) -> None:
        r = Records()
        for c in ("c1", "c2", "c3"):
            r.person(c, team="t1")
        plan(r, "o1", "c1", "2014-01-01", "2015-01-01")
        plan(r, "p1", "c1", "2015-06-01")  # repeat within 24 months of the other LA's plan
        plan(r, "o2", "c2", "2015-05-01", "2015-07-01")  # another LA's plan: not ours
        r.conn.execute(
            "UPDATE ssd_cp_plans SET cppl_cp_plan_ola = 'Y' WHERE cppl_cp_plan_id IN ('o1', 'o2')"
        )
        plan(r, "p3", "c3", "2015-04-10", "2015-08-01")
        plan(r, "p4", "c3", "2015-08-01")  # starts the day p3 ended: the same plan
        assert r.result("cp-repeat-24m", "2016-03") == (1, 2)


class TestRow13CountChildren:
    def test_lac_ends_counts_children(self) -> None:
        r = Records().person("c1", team="t1")
        in_care(r, "c1", "2016-03-01", "2016-03-05", reason="E4A", cla="k1")
        in_care(r, "c1", "2016-03-10", "2016-03-20", reason="E4A", cla="k2")
        assert r.result("lac-ends", "2016-03") == (1, None)

    def test_leavers_adopted_counts_children(self) -> None:
        r = Records().person("c1", team="t1").person("c2", team="t1")
        in_care(r, "c1", "2015-01-01", "2015-05-01", reason="E4A", cla="k1")
        in_care(r, "c1", "2015-06-01", "2016-02-01", reason="E11", cla="k2")
        in_care(r, "c2", "2015-01-01", "2015-09-01", reason="E4A", cla="k3")
        assert r.result("cic-leavers-adopted", "2016-03") == (1, 2)
