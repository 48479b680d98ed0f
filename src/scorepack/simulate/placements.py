"""Placements of a period of care: one episode each, with the codes real extracts carry.

Every placement is one episode of care.  The first episode of a period starts with reason
``S``; a move to a new carer with ``P``; a change of placement with the same carer (the
carer moves house, the provider changes, or the foster carers become the adopters) with
``T``.  Distances are miles from home, or 999.9 where a postcode is not known (most UASC,
whose home is outside England) or blank.  The period's legal status (C2, V2) is written to
``ssd_legal_status``, and some periods leave the entered-care date blank.
"""

from __future__ import annotations

from . import config as C
from .context import END, YEAR, Child, Sim

IN_HOUSE_FOSTER = {"north-kent": 0.86, "east-kent": 0.93, "south-kent": 0.87, "west-kent": 0.83}
WITHIN_20_MILES = {"north-kent": 0.79, "east-kent": 0.89, "south-kent": 0.81, "west-kent": 0.74}
LEAVE_AT_18 = (("E5", 0.35), ("E6", 0.15), ("E13", 0.10), ("E17", 0.25), ("E8", 0.15))
#: SSDA903 reasons for a placement change, recorded on the placement that ends.
MOVE_REASONS = (
    ("CARPL", 0.35),
    ("CREQB", 0.15),
    ("CREQO", 0.10),
    ("CHILD", 0.10),
    ("LAREQ", 0.10),
    ("CLOSE", 0.05),
    ("STAND", 0.05),
    ("OTHER", 0.10),
)
UNKNOWN_MILES = 999.9

Row = tuple[int, int, str, str, float | None, str]
"""(start, end, placement type, provider, miles, reason for the new episode)."""


def _first_placement(sim: Sim, child: Child, age: float, later: bool) -> tuple[str, str, float]:
    """(placement type, provider, miles from home) for a new placement."""
    rng = sim.rng
    if child.uasc:
        if not later:
            return ("H5" if age >= 16 else "U4"), "PR1", 5 + 30 * rng.random()
        if sim.chance(0.85 if age < 16 else 0.30):
            return "U4", ("PR1" if sim.chance(0.375) else "PR4"), 3 + 40 * rng.random()
        return "H5", "PR4", 3 + 40 * rng.random()
    near = sim.chance(WITHIN_20_MILES[child.area])
    miles = 0.3 + 19 * rng.random() if near else 20.5 + 100 * rng.random()
    if child.disabled:
        kind = sim.pick((("K2", 0.55), ("U4", 0.45)))
    elif age < 10:
        kind = sim.pick((("U4", 0.93), ("K2", 0.01), ("P1", 0.06)))
    elif age < 16:
        kind = sim.pick((("U4", 0.80), ("K2", 0.14), ("P1", 0.03), ("R1", 0.03)))
    else:
        kind = sim.pick((("U4", 0.50), ("H5", 0.38), ("K2", 0.08), ("P1", 0.04)))
    if kind == "U4":
        if not sim.chance(IN_HOUSE_FOSTER[child.area]):
            return "U4", sim.pick((("PR4", 0.8), ("PR5", 0.2))), miles
        return ("U1" if sim.chance(0.2) else "U4"), "PR1", miles
    if kind == "P1":
        return "P1", "PR0", min(miles, 10.0)
    return kind, ("PR1" if sim.chance(0.3) else "PR4"), miles


def _recorded_miles(sim: Sim, child: Child, miles: float) -> float | None:
    """The distance as recorded: 999.9 when a postcode is not known, sometimes blank."""
    if sim.chance(C.UASC_DISTANCE_UNKNOWN if child.uasc else C.DISTANCE_UNKNOWN):
        return UNKNOWN_MILES
    if sim.chance(C.DISTANCE_BLANK):
        return None
    return round(miles, 1)


def placement_rows(
    sim: Sim, child: Child, start: int, end: int, placed_adoption: int | None
) -> list[Row]:
    """The placements of a period of care from ``start`` to ``end``."""
    t = start
    later = False
    reception_end = start + (
        sim.days(20, 90) if start >= C.UASC_SURGE[0].toordinal() else sim.days(10, 56)
    )
    rows: list[Row] = []
    while t < end:
        age = child.age(t)
        kind, provider, miles = _first_placement(sim, child, age, later)
        reason = "P" if later else "S"
        if placed_adoption is not None and t >= placed_adoption:
            kind, provider = "A5", "PR1"
            reason = "T" if child.adopter_is_carer else "P"
        hazard = C.MOVE_HAZARD_EARLY if t - start < 182 else C.MOVE_HAZARD_LATER
        hazard *= (
            (C.TEEN_MOVE_FACTOR if age >= 12 else 1.0)
            * C.AREA_MOVE_FACTOR.get(child.area, 1.0)
            * (C.UASC_MOVE_FACTOR if child.uasc else 1.0)
        )
        nxt = t + 1 + sim.expo(YEAR / hazard)
        if child.uasc and not later:
            nxt = min(nxt, reception_end)
        if placed_adoption is not None and t < placed_adoption:
            nxt = min(nxt, placed_adoption)
        seventeen_half = child.birthday(17) + 182
        if kind == "U4" and age >= 16 and t < seventeen_half < nxt and sim.chance(0.3):
            nxt = seventeen_half  # move on to a leaving-care placement
        nxt = min(nxt, end)
        recorded = _recorded_miles(sim, child, miles)
        if kind[0] in "UK" and nxt - t >= 60 and sim.chance(C.SAME_CARER_CHANGE):
            split = t + sim.days(30, nxt - t - 30)
            rows.append((t, split, kind, provider, recorded, reason))
            if provider == "PR4" and sim.chance(0.5):
                provider = "PR1"  # the carer moves from an agency to the council
            t, reason = split, "T"
            recorded = _recorded_miles(sim, child, miles + sim.rng.random() * 3)
        rows.append((t, nxt, kind, provider, recorded, reason))
        t = nxt
        later = True
    return rows


def write_placements(
    sim: Sim,
    child: Child,
    cla: int,
    start: int,
    end: int,
    outcome: str,
    placed_adoption: int | None,
) -> None:
    """Placements and their episodes; the last episode carries the reason care ended."""
    store = sim.store
    rows = placement_rows(sim, child, start, end, placed_adoption)
    entered = None if sim.chance(C.ENTERED_CARE_BLANK) else start
    for i, (s, e, kind, provider, miles, reason) in enumerate(rows):
        if s > END:
            break
        last = i == len(rows) - 1
        closed = sim.known(e)
        change = None
        if closed is not None and not last:
            change = "OTHER" if rows[i + 1][5] == "T" else sim.pick(MOVE_REASONS)
        store["ssd_cla_placement"].add(
            clap_cla_placement_id=sim.new_id("plc"),
            clap_person_id=child.pid,
            clap_cla_id=cla,
            clap_cla_placement_start_date=s,
            clap_cla_placement_end_date=closed,
            clap_cla_placement_type=kind,
            clap_cla_placement_provider=provider,
            clap_cla_placement_distance=miles,
            clap_cla_placement_change_reason=change,
        )
        if closed is None:
            ceased = None
        elif not last:
            ceased = "X1"
        else:
            ceased = _ceased_reason(sim, outcome)
        store["ssd_cla_episodes"].add(
            clae_cla_episode_id=sim.new_id("epi"),
            clae_person_id=child.pid,
            clae_cla_id=cla,
            clae_cla_episode_start_date=s,
            clae_cla_episode_ceased_date=closed,
            clae_cla_episode_ceased_reason=ceased,
            clae_entered_care_date=entered,
            clae_cla_episode_start_reason=reason,
        )
    if start <= END:
        code = "V2" if child.uasc or sim.chance(C.VOLUNTARY_SHARE) else "C2"
        legal_status(sim, child, code, start, end)


def legal_status(sim: Sim, child: Child, code: str, start: int, end: int) -> None:
    """One legal status of ``child`` from ``start`` to ``end`` (open if after the extract)."""
    sim.store["ssd_legal_status"].add(
        lega_legal_status_id=sim.new_id("lega"),
        lega_person_id=child.pid,
        lega_legal_status=code,
        lega_legal_status_start_date=start,
        lega_legal_status_end_date=sim.known(end),
    )


def _ceased_reason(sim: Sim, outcome: str) -> str:
    if outcome == "home":
        return "E4A"
    if outcome == "adopted":
        return "E11" if sim.chance(0.4) else "E12"
    if outcome == "sgo":
        return "E43" if sim.chance(0.6) else "E44"
    if outcome == "cao":
        return "E45"
    if outcome == "transfer":
        return "E8"
    return sim.pick(LEAVE_AT_18)
