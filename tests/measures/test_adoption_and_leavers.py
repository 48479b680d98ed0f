"""Adoption (28 to 31) and care leavers (32 to 34) on hand-built records."""

from __future__ import annotations

from tests.measures.kit import Records
from tests.measures.test_children_in_care import in_care, review


def permanence(r: Records, pid: str, child: str, cla: str, **dates: str) -> None:
    r.add("ssd_permanence", perm_table_id=pid, perm_person_id=child, perm_cla_id=cla, **dates)


class TestAdoptionPlanBySecondReview:
    def test_plan_on_or_before_the_second_review(self) -> None:
        r = Records()
        for c in ("c1", "c2", "c3"):
            r.person(c, team="t1")
            in_care(r, c, "2015-01-01", cla=f"cla-{c}")
            review(r, f"{c}-1", f"cla-{c}", None, "2015-01-20")
            review(r, f"{c}-2", f"cla-{c}", None, "2015-04-20")
            permanence(r, f"pm-{c}", c, f"cla-{c}", perm_adm_decision_date="2015-06-01")
        for c, start in (("c1", "2015-04-20"), ("c2", "2015-04-21")):
            r.add(
                "ssd_cla_care_plan",
                lacp_table_id=f"cp-{c}",
                lacp_person_id=c,
                lacp_cla_care_plan_start_date=start,
                lacp_cla_care_plan_json='{"ADOPTION": "Y"}',
            )
        # c1: plan on the day of the second review; c2: a day later; c3: no plan.
        assert r.result("adoption-plan-by-2nd-review", "2016-03") == (1, 3)


class TestAdoptionTimeliness:
    def build(self) -> Records:
        r = Records()
        r.person("c1", team="t1").person("c2", team="t1").person("c3", team="t1")
        in_care(r, "c1", "2014-01-01", "2016-03-31", reason="E11", cla="k1")
        in_care(r, "c2", "2015-01-01", "2016-02-29", reason="E12", cla="k2")
        in_care(r, "c3", "2015-01-01", "2016-03-01", reason="E4A", cla="k3")
        # c1: in care 1 Jan 2014, placed 11 Apr 2015 = 465 days; order to match 100 days.
        permanence(
            r,
            "p1",
            "c1",
            "k1",
            perm_placement_order_date="2014-09-01",
            perm_matched_date="2014-12-10",
            perm_placed_for_adoption_date="2015-04-11",
            perm_permanence_order_date="2016-03-31",
            perm_permanence_order_type="Adoption",
        )
        # c2: adopted by foster carers it moved in with on 1 Mar 2015; A1 counts to its
        # placement for adoption on 29 Feb 2016 (424 days; counting to 1 March 2015
        # would be the adjusted measure A10);
        # order 1 Feb 2016 to match 29 Feb 2016 = 28 days.
        permanence(
            r,
            "p2",
            "c2",
            "k2",
            perm_placement_order_date="2016-02-01",
            perm_matched_date="2016-02-29",
            perm_placed_for_adoption_date="2016-02-29",
            perm_placed_foster_carer_date="2015-03-01",
            perm_permanence_order_date="2016-02-29",
            perm_permanence_order_type="Adoption",
        )
        permanence(
            r,
            "p3",
            "c3",
            "k3",
            perm_permanence_order_date="2016-03-01",
            perm_permanence_order_type="Special Guardianship",
        )
        return r

    def test_days_from_care_to_moving_in(self) -> None:
        assert self.build().result("adoption-entry-to-placement-days", "2016-03") == (889, 2)

    def test_days_from_authority_to_match(self) -> None:
        assert self.build().result("adoption-authority-to-match-days", "2016-03") == (128, 2)

    def test_leaving_care_adopted(self) -> None:
        assert self.build().result("cic-leavers-adopted", "2016-03") == (2, 3)


def leaver(
    r: Records,
    rid: str,
    child: str,
    contact: str,
    touch: str = "YES",
    suitable: str = "1",
    activity: str = "F2",
    eligibility: str = "Former Relevant",
) -> None:
    r.add(
        "ssd_care_leavers",
        clea_table_id=rid,
        clea_person_id=child,
        clea_care_leaver_eligibility=eligibility,
        clea_care_leaver_in_touch=touch,
        clea_care_leaver_latest_contact=contact,
        clea_care_leaver_accom_suitable=suitable,
        clea_care_leaver_activity=activity,
    )


class TestCareLeavers:
    def build(self) -> Records:
        r = Records()
        # c1 turns 19 on 1 April 2015 (first day of the year); in touch, suitable, EET.
        r.person("c1", dob="1996-04-01", team="t1")
        leaver(r, "l1", "c1", "2015-03-15")
        # c2 turns 21 on 31 March 2016 (last day); not in touch since an older record.
        r.person("c2", dob="1995-03-31", team="t1")
        leaver(r, "l2", "c2", "2015-06-01", touch="YES", activity="F1")  # too old
        leaver(r, "l3", "c2", "2016-03-01", touch="NO", suitable="2", activity="G4")
        # c3, born on a leap day, turns 20 on 28 February 2016 and is UASC.
        r.person("c3", dob="1996-02-29", team="t1", uasc_from="2012-01-01")
        leaver(r, "l4", "c3", "2016-01-10", touch="YES", suitable="2", activity="P5")
        # c4 turns 22 this year, and c5 is only 'Relevant': both left out.
        r.person("c4", dob="1993-06-01", team="t1")
        leaver(r, "l5", "c4", "2016-01-01")
        r.person("c5", dob="1997-06-01", team="t1")
        leaver(r, "l6", "c5", "2016-01-01", eligibility="Relevant")
        return r

    def test_in_touch(self) -> None:
        got = self.build().run("care-leavers-in-touch", "2016-03")
        assert got[("county", "2016-03", "all")] == (2, 3)
        assert got[("county", "2016-03", "excl-uasc")] == (1, 2)

    def test_suitable_accommodation(self) -> None:
        assert self.build().result("care-leavers-accommodation", "2016-03") == (1, 3)

    def test_education_employment_training(self) -> None:
        assert self.build().result("care-leavers-eet", "2016-03") == (2, 3)

    def test_no_status_record_near_the_birthday_counts_as_not_known(self) -> None:
        r = Records().person("c1", dob="1996-12-01", team="t1")
        leaver(r, "l1", "c1", "2015-08-31")  # more than 3 months before the birthday
        assert r.result("care-leavers-in-touch", "2016-03") == (0, 1)
        assert r.result("care-leavers-in-touch", "2015-11") == (0, 0)
