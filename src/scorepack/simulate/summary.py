"""Headline figures of a simulated extract, counted straight from the buffered rows.

These are quick sanity figures for the command line and the tests (open cases, CP plans,
children looked after and UASC among them at the extract date, referrals in its month);
the scorecard's own definitions live in the measures SQL, not here.
"""

from __future__ import annotations

from datetime import date

from .context import END
from .store import Store


def _open_people(person: list, start: list, end: list, day: int) -> set:
    return {
        p for p, s, e in zip(person, start, end, strict=True) if s <= day and (e is None or e > day)
    }


def headline(store: Store, day: int = END) -> dict[str, float]:
    """Open cases, CP plans, looked-after children (and UASC), referrals in the month."""
    inv = store["ssd_involvements"].columns
    cp = store["ssd_cp_plans"].columns
    cla = store["ssd_cla_episodes"].columns
    cine = store["ssd_cin_episodes"].columns
    immi = store["ssd_immigration_status"].columns
    caseload = _open_people(
        inv["invo_person_id"],
        inv["invo_involvement_start_date"],
        inv["invo_involvement_end_date"],
        day,
    )
    plans = _open_people(
        cp["cppl_person_id"], cp["cppl_cp_plan_start_date"], cp["cppl_cp_plan_end_date"], day
    )
    lac = _open_people(
        cla["clae_person_id"],
        cla["clae_cla_episode_start_date"],
        cla["clae_cla_episode_ceased_date"],
        day,
    )
    uasc = set(immi["immi_person_id"]) & lac
    d = date.fromordinal(day)
    first = date(d.year, d.month, 1).toordinal()
    referrals = sum(1 for r in cine["cine_referral_date"] if first <= r <= day)
    return {
        "caseloads": len(caseload),
        "cp_plans": len(plans),
        "looked_after": len(lac),
        "uasc_looked_after": len(uasc),
        "referrals_in_month": referrals,
    }
