"""The simulated records are as messy as real ones, deterministically (docs/simulation.md)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from scorepack.simulate import config as C
from scorepack.simulate import simulate
from scorepack.simulate.journey import plan_length


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("messy")
    simulate(folder, seed=11, scale=0.05)
    return folder


def read(out: Path, name: str) -> dict[str, list]:
    return pq.read_table(out / f"{name}.parquet").to_pydict()


def test_short_breaks_are_episodes_with_a_v3_or_v4_legal_status(out: Path) -> None:
    legal = read(out, "ssd_legal_status")
    codes = Counter(legal["lega_legal_status"])
    assert codes["V4"] > 50 and codes["V3"] > 0 and codes["C2"] > codes["V2"] > 0
    episodes = read(out, "ssd_cla_episodes")
    starts = set(
        zip(episodes["clae_person_id"], episodes["clae_cla_episode_start_date"], strict=True)
    )
    breaks = [
        (p, s, e)
        for p, c, s, e in zip(
            legal["lega_person_id"],
            legal["lega_legal_status"],
            legal["lega_legal_status_start_date"],
            legal["lega_legal_status_end_date"],
            strict=True,
        )
        if c in ("V3", "V4")
    ]
    assert all((p, s) in starts for p, s, _ in breaks)
    assert all(e is None or 1 <= (e - s).days <= 3 for _, s, e in breaks)


def test_distances_include_999_9_and_blanks(out: Path) -> None:
    miles = read(out, "ssd_cla_placement")["clap_cla_placement_distance"]
    assert miles.count(999.9) > 0.05 * len(miles)  # UASC nearly always
    assert 0 < miles.count(None) < 0.05 * len(miles)


def test_blank_due_and_entered_care_dates(out: Path) -> None:
    due = read(out, "ssd_cla_reviews")["clar_cla_review_due_date"]
    assert 0 < due.count(None) < 0.1 * len(due)
    entered = read(out, "ssd_cla_episodes")["clae_entered_care_date"]
    assert 0 < entered.count(None) < 0.1 * len(entered)


def test_several_roles_beside_the_social_worker(out: Path) -> None:
    inv = read(out, "ssd_involvements")
    roles = Counter(inv["invo_professional_role_id"])
    for role in (C.SOCIAL_WORKER_ROLE, C.IRO_ROLE, C.PA_ROLE, C.FAMILY_SUPPORT_ROLE):
        assert roles[role] > 0, role
    assert roles[C.SOCIAL_WORKER_ROLE] > roles[C.IRO_ROLE]
    iro_teams = {
        t
        for t, r in zip(
            inv["invo_professional_team"], inv["invo_professional_role_id"], strict=True
        )
        if r == C.IRO_ROLE
    }
    assert iro_teams == {C.COUNTY[0]}


def test_earlier_and_other_authority_plans(out: Path) -> None:
    plans = read(out, "ssd_cp_plans")
    ola = Counter(plans["cppl_cp_plan_ola"])
    assert ola["Y"] > 0 and ola["N"] > ola["Y"] and ola[None] == 0
    early = [s for s in plans["cppl_cp_plan_start_date"] if s < C.FULL_START]
    assert early, "plans from before the simulation starts give 'ever' its history"
    open_ola = [
        e
        for e, o in zip(plans["cppl_cp_plan_end_date"], plans["cppl_cp_plan_ola"], strict=True)
        if o == "Y" and e is None
    ]
    assert open_ola == []


def test_same_carer_changes_follow_a_placement_directly(out: Path) -> None:
    episodes = read(out, "ssd_cla_episodes")
    reasons = Counter(episodes["clae_cla_episode_start_reason"])
    assert reasons["T"] > 0 and reasons["P"] > reasons["T"] and reasons["S"] > 0
    ends = {
        (p, e)
        for p, e in zip(
            episodes["clae_person_id"], episodes["clae_cla_episode_ceased_date"], strict=True
        )
    }
    for p, s, r in zip(
        episodes["clae_person_id"],
        episodes["clae_cla_episode_start_date"],
        episodes["clae_cla_episode_start_reason"],
        strict=True,
    ):
        if r == "T":
            assert (p, s) in ends
    changes = read(out, "ssd_cla_placement")["clap_cla_placement_change_reason"]
    assert "OTHER" in changes and "CARPL" in changes


def test_care_leaver_records_have_gaps_and_history(out: Path) -> None:
    leavers = read(out, "ssd_care_leavers")
    contacts = leavers["clea_care_leaver_latest_contact"]
    assert 0 < contacts.count(None) < 0.1 * len(contacts)
    per_person = Counter(leavers["clea_person_id"])
    assert max(per_person.values()) > 3  # more than one record a year for some


def test_the_extract_says_which_authority_it_is(out: Path) -> None:
    note = yaml.safe_load((out / "authority.yaml").read_text(encoding="utf-8"))
    assert note == C.AUTHORITY


@pytest.mark.parametrize(
    ("u", "months"),
    [
        (0.0, None),
        (0.259, None),
        (0.26, 3.0),
        (0.30, 6.0),
        (0.72, 9.0),
        (0.81, 12.0),
        (0.985, 24.0),
    ],
)
def test_plan_lengths_follow_the_survival_table(u: float, months: float | None) -> None:
    days = plan_length(u)
    if months is None:
        assert days is None  # ends at the first review conference
    else:
        assert days is not None and abs(days - months * 30.44) <= 1


def test_plan_lengths_never_shrink_as_the_draw_grows() -> None:
    lengths = [plan_length(i / 1000) or 0 for i in range(260, 1000)]
    assert lengths == sorted(lengths)
    assert max(lengths) <= 30 * 30.44 + 1


def test_by_person_history_is_deterministic(out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    simulate(again, seed=11, scale=0.05)
    for name in ("ssd_legal_status", "ssd_care_leavers", "ssd_involvements"):
        assert (out / f"{name}.parquet").read_bytes() == (again / f"{name}.parquet").read_bytes()
