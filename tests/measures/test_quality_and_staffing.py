"""Quality assurance (35 to 39), staffing (40 to 44) and the remaining activity counts."""

from __future__ import annotations

import pytest

from tests.measures.kit import Records


def audit(
    r: Records, aid: str, due: str, done: str | None, grade: str | None, child: str = "c1"
) -> None:
    r.add(
        "ext_case_audits",
        cfa_audit_id=aid,
        cfa_person_id=child,
        cfa_due_date=due,
        cfa_completed_date=done,
        cfa_grade=grade,
    )


class TestCaseFileAudits:
    def build(self) -> Records:
        r = Records().person("c1", team="t1")
        audit(r, "a1", "2015-04-01", "2015-04-10", "Good")
        audit(r, "a2", "2016-03-31", "2016-03-31", "Outstanding")
        audit(r, "a3", "2016-03-15", None, None)
        audit(r, "a4", "2016-02-01", "2016-02-05", "Inadequate")
        audit(r, "a5", "2016-03-20", "2016-04-02", "Good")  # completed after the month
        audit(r, "a6", "2015-03-20", "2015-04-02", "Requires Improvement")  # due last year
        return r

    def test_completed(self) -> None:
        assert self.build().result("audits-completed", "2016-03") == (3, 5)

    def test_good_or_outstanding(self) -> None:
        assert self.build().result("audits-good-outstanding", "2016-03") == (2, 4)

    def test_inadequate(self) -> None:
        assert self.build().result("audits-inadequate", "2016-03") == (1, 4)


@pytest.mark.parametrize(
    ("measure", "item_type"),
    [
        ("cp-reports-good-outstanding", "cp-report"),
        ("cic-care-plans-good-outstanding", "cla-care-plan"),
    ],
)
def test_quality_ratings(measure: str, item_type: str) -> None:
    r = Records().person("c1", team="t1")
    other = "cla-care-plan" if item_type == "cp-report" else "cp-report"
    for n, (kind, day, grade) in enumerate(
        [
            (item_type, "2015-04-01", "Good"),
            (item_type, "2016-03-31", "outstanding"),
            (item_type, "2016-01-01", "Requires Improvement"),
            (other, "2016-01-01", "Good"),
        ]
    ):
        r.add(
            "ext_quality_ratings",
            qar_rating_id=f"q{n}",
            qar_person_id="c1",
            qar_item_type=kind,
            qar_rated_date=day,
            qar_grade=grade,
        )
    assert r.result(measure, "2016-03") == (2, 3)


def staff(
    r: Records,
    sid: str,
    team: str,
    fte: float,
    agency: str = "N",
    qualified: str = "Y",
    caseholding: str = "Y",
    start: str = "2015-01-01",
    end: str | None = None,
) -> None:
    r.add("ssd_professionals", prof_professional_id=sid)
    r.add(
        "ext_staff_assignments",
        stfa_assignment_id=f"as-{sid}",
        stfa_professional_id=sid,
        stfa_team_id=team,
        stfa_start_date=start,
        stfa_end_date=end,
        stfa_fte=fte,
        stfa_agency=agency,
        stfa_qualified=qualified,
        stfa_caseholding=caseholding,
    )


def post(r: Records, pid: str, team: str, fte: float, caseholding: str = "Y") -> None:
    r.add(
        "ext_establishment",
        estp_post_id=pid,
        estp_team_id=team,
        estp_fte=fte,
        estp_caseholding=caseholding,
        estp_start_date="2015-01-01",
    )


class TestPosts:
    def build(self) -> Records:
        r = Records()
        post(r, "p1", "t1", 1.0)
        post(r, "p2", "t1", 1.0)
        post(r, "p3", "t3", 0.5)
        post(r, "p4", "t3", 1.0, caseholding="N")
        staff(r, "w1", "t1", 1.0)
        staff(r, "w2", "t1", 0.6, agency="Y")
        staff(r, "w3", "t3", 0.5, qualified="N")
        staff(r, "w4", "t3", 1.0, end="2016-03-31")  # left on the month end
        return r

    def test_permanent_qualified(self) -> None:
        got = self.build().run("posts-permanent-qsw", "2016-03")
        assert got[("county", "2016-03", "all")] == (1.0, 2.5)
        assert got[("t3", "2016-03", "all")] == (0.0, 0.5)
        # Staffing has no children: no cohort leaves anyone out.
        assert got[("county", "2016-03", "excl-uasc")] == (1.0, 2.5)

    def test_agency(self) -> None:
        assert self.build().result("posts-agency", "2016-03") == (0.6, 2.5)


class TestCaseloads:
    def test_cases_per_worker_in_teams_of_one_type(self) -> None:
        r = Records()
        r.add("ext_team_type", etty_team_id="t1", etty_team_type="children-in-care")
        r.add("ext_team_type", etty_team_id="t2", etty_team_type="assessment-intervention")
        r.add("ext_team_type", etty_team_id="t3", etty_team_type="fostering")
        for c, team in (("c1", "t1"), ("c2", "t1"), ("c4", "t2")):
            r.person(c, team=team)
        r.person("c3", team="t1", uasc_from="2015-06-01")
        staff(r, "w1", "t1", 1.0)
        staff(r, "w2", "t1", 0.5)
        staff(r, "w3", "t2", 1.0)
        staff(r, "w4", "t3", 1.0)
        r.add(
            "ext_fostering_allocations",
            fosa_allocation_id="f1",
            fosa_household_id="h1",
            fosa_team_id="t3",
            fosa_start_date="2015-01-01",
        )
        r.add(
            "ext_fostering_allocations",
            fosa_allocation_id="f2",
            fosa_household_id="h2",
            fosa_team_id="t3",
            fosa_start_date="2015-01-01",
            fosa_end_date="2016-01-01",
        )
        cic = r.run("caseload-cic-teams", "2016-03")
        assert cic[("county", "2016-03", "all")] == (3, 1.5)
        assert cic[("north", "2016-03", "all")] == (3, 1.5)
        # A case counts in the cohorts its child is in; the workers in every cohort.
        assert cic[("county", "2016-03", "excl-uasc")] == (2, 1.5)
        assert r.result("caseload-ait-fst", "2016-03") == (1, 1.0)
        assert r.result("caseload-fostering", "2016-03") == (1, 1.0)
        assert r.result("caseload-fostering", "2016-03", cohort="excl-uasc") == (1, 1.0)


class TestCaseActivity:
    def test_caseloads_referrals_and_assessments(self) -> None:
        r = Records().person("c1").person("c2", team="t2")
        r.allocate("c1", "t1", "2016-01-01", "2016-03-15")
        r.allocate("c1", "t3", "2016-03-15")  # moved team in March
        r.add(
            "ssd_cin_episodes",
            cine_referral_id="r1",
            cine_person_id="c1",
            cine_referral_date="2016-03-01",
        )
        r.add(
            "ssd_cin_episodes",
            cine_referral_id="r2",
            cine_person_id="c2",
            cine_referral_date="2016-02-29",
        )
        r.add(
            "ssd_cin_assessments",
            cina_assessment_id="a1",
            cina_person_id="c1",
            cina_assessment_start_date="2016-03-01",
            cina_assessment_auth_date="2016-03-31",
        )
        got = r.run("caseloads", "2016-03")
        assert got[("county", "2016-03", "all")] == (2, None)
        assert got[("t3", "2016-03", "all")] == (1, None)
        assert ("t1", "2016-03", "all") not in got
        refs = r.run("referrals", "2016-03", "2016-02")
        assert refs[("t1", "2016-03", "all")] == (1, None)
        assert refs[("t2", "2016-02", "all")] == (1, None)
        assert r.result("assessments", "2016-03", unit="t3") == (1, None)
