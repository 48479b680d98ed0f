"""Properties over random record sets: units add up and children are counted once.

Every case is held by exactly one team at any date, so for every measure a
unit's numerator and denominator are the sums over the teams below it.  Stock
counts of children equal the number of distinct children, however many
plans or moves each has.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.measures.kit import Records

MEASURES = [
    "referrals",
    "rereferrals-12m",
    "cp-plans",
    "cp-starts",
    "cp-ends",
    "cp-plans-18m-plus",
    "cp-repeat-24m",
    "caseloads",
    "lac",
    "cic-3-placements-12m",
]
PERIODS = ("2015-09", "2016-03")
TEAMS = ("t1", "t2", "t3")
BASE = date(2014, 1, 1)

day = st.integers(min_value=0, max_value=900)

child = st.fixed_dictionaries(
    {
        "team": st.sampled_from(TEAMS),
        "move": st.none() | st.tuples(st.sampled_from(TEAMS), day),
        "referrals": st.lists(day, max_size=3),
        "plans": st.lists(st.tuples(day, st.none() | st.integers(0, 400)), max_size=3),
        "care": st.none() | st.tuples(day, st.lists(day, max_size=3)),
        "uasc": st.booleans(),
    }
)


def iso(offset: int) -> str:
    return (BASE + timedelta(days=offset)).isoformat()


def build(children: list[dict]) -> Records:
    r = Records()
    for n, c in enumerate(children):
        cid = f"c{n}"
        r.person(cid, uasc_from="2013-01-01" if c["uasc"] else None)
        if c["move"]:
            r.allocate(cid, c["team"], "2013-01-01", iso(c["move"][1]))
            r.allocate(cid, c["move"][0], iso(c["move"][1]))
        else:
            r.allocate(cid, c["team"], "2013-01-01")
        for k, ref in enumerate(c["referrals"]):
            r.add(
                "ssd_cin_episodes",
                cine_referral_id=f"{cid}r{k}",
                cine_person_id=cid,
                cine_referral_date=iso(ref),
            )
        for k, (start, length) in enumerate(c["plans"]):
            end = None if length is None else iso(start + length)
            r.add(
                "ssd_cp_plans",
                cppl_cp_plan_id=f"{cid}p{k}",
                cppl_person_id=cid,
                cppl_cp_plan_start_date=iso(start),
                cppl_cp_plan_end_date=end,
            )
        if c["care"]:
            start, moves = c["care"]
            r.add(
                "ssd_cla_episodes",
                clae_cla_episode_id=f"{cid}e",
                clae_person_id=cid,
                clae_cla_id=f"{cid}k",
                clae_cla_episode_start_date=iso(start),
            )
            for k, move in enumerate(sorted({start, *[start + m for m in moves]})):
                r.add(
                    "ssd_cla_placement",
                    clap_cla_placement_id=f"{cid}pl{k}",
                    clap_person_id=cid,
                    clap_cla_placement_start_date=iso(move),
                )
    return r


def cell(got: dict, unit: str, period: str, cohort: str) -> tuple[float, float]:
    num, den = got.get((unit, period, cohort), (0, 0))
    return (num or 0, den or 0)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(child, max_size=8))
def test_units_are_the_sum_of_their_teams(children: list[dict]) -> None:
    r = build(children)
    for measure in MEASURES:
        got = r.run(measure, *PERIODS)
        for period in PERIODS:
            for cohort in ("all", "excl-uasc"):
                teams = [cell(got, t, period, cohort) for t in TEAMS]
                north = cell(got, "north", period, cohort)
                county = cell(got, "county", period, cohort)
                assert north == tuple(map(sum, zip(*teams[:2], strict=True))), measure
                assert county == tuple(map(sum, zip(*teams, strict=True))), measure


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(child, max_size=8))
def test_children_on_a_plan_are_counted_once(children: list[dict]) -> None:
    r = build(children)
    got = r.run("cp-plans", *PERIODS)
    for period, end in (("2015-09", date(2015, 9, 30)), ("2016-03", date(2016, 3, 31))):
        on_plan = {
            n
            for n, c in enumerate(children)
            for start, length in c["plans"]
            if BASE + timedelta(days=start) <= end
            and (length is None or BASE + timedelta(days=start + length) > end)
        }
        assert cell(got, "county", period, "all")[0] == len(on_plan)
