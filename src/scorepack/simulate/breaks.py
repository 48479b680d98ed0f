"""Short breaks: looked-after episodes that the DfE leaves out of children looked after.

Some disabled children on a plan have an agreed series of short breaks (legal status V4):
a stay of one to three nights every three to six weeks, each written as its own period of
care with one episode (start reason ``S``), one placement and a V4 legal status.  A few
other children in need have one single short break (V3).  They are written from
``VISITS_FROM`` on, like visits.
"""

from __future__ import annotations

from . import config as C
from .context import END, VISITS_FROM, Child, Sim
from .placements import legal_status


def short_breaks(sim: Sim, child: Child, start: int, end: int) -> None:
    """The breaks of ``child`` during a plan from ``start`` to ``end``."""
    if child.disabled:
        if not sim.chance(C.SHORT_BREAK_SHARE):
            return
        day = start + sim.days(*C.SHORT_BREAK_GAP)
        stop = min(end, END)
        while day <= stop:
            if day >= VISITS_FROM:
                _break(sim, child, day, "V4")
            day += sim.days(*C.SHORT_BREAK_GAP)
    elif sim.chance(C.SINGLE_SHORT_BREAK):
        day = start + sim.days(14, 90)
        if VISITS_FROM <= day <= min(end, END):
            _break(sim, child, day, "V3")


def _break(sim: Sim, child: Child, day: int, code: str) -> None:
    nights = sim.days(*C.SHORT_BREAK_NIGHTS)
    back = day + nights
    closed = sim.known(back)
    cla = sim.new_id("cla")
    sim.store["ssd_cla_episodes"].add(
        clae_cla_episode_id=sim.new_id("epi"),
        clae_person_id=child.pid,
        clae_cla_id=cla,
        clae_cla_episode_start_date=day,
        clae_cla_episode_ceased_date=closed,
        clae_cla_episode_ceased_reason=None if closed is None else "E13",
        clae_entered_care_date=day,
        clae_cla_episode_start_reason="S",
    )
    sim.store["ssd_cla_placement"].add(
        clap_cla_placement_id=sim.new_id("plc"),
        clap_person_id=child.pid,
        clap_cla_id=cla,
        clap_cla_placement_start_date=day,
        clap_cla_placement_end_date=closed,
        clap_cla_placement_type="K1" if code == "V4" else "U4",
        clap_cla_placement_provider="PR1",
        clap_cla_placement_distance=round(2 + 18 * sim.rng.random(), 1),
    )
    legal_status(sim, child, code, day, back)
