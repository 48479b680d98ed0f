"""Care leavers: leaving-care support from 18 and their status records, with real gaps.

A young person in care on their 18th birthday (and for 13 weeks before) moves to the Care
Leaver Service (18+).  Near their 19th, 20th and 21st birthdays a status record is written
(in touch, accommodation, activity).  As in real extracts, some records have no contact
date, and there is history around them: an older record from months before the birthday
and, for some, a later one after the DfE's window (3 months before to 1 month after the
birthday), so a definition must choose the record for the birthday.
"""

from __future__ import annotations

from . import config as C
from .context import END, Child, Sim


def leaving_care(sim: Sim, child: Child, eighteen: int, start: int) -> None:
    """Leaving-care support from 18 and the yearly care leaver records at 19, 20 and 21."""
    if eighteen - start < 91:
        return
    team = C.slug(C.LEAVING_CARE)
    stay = child.birthday(21) if sim.chance(0.6) else eighteen + sim.days(120, 900)
    if sim.chance(0.08):
        stay = child.birthday(23)
    sim.hold(child, team, eighteen, stay)
    in_touch = 0.63 if child.uasc else 0.76
    for years in (19, 20, 21):
        day = child.birthday(years)
        if day > END:
            break
        if sim.chance(C.LEAVER_EARLIER_RECORD):
            _record(sim, child, team, day - sim.days(120, 300), in_touch)
        touch = sim.chance(in_touch)
        contact: int | None = day + sim.days(-30, 20) if touch else day - sim.days(90, 400)
        if sim.chance(C.LEAVER_CONTACT_BLANK):
            contact = None
        _status(sim, child, team, contact, touch)
        later = day + sim.days(40, 120)
        if later <= END and sim.chance(C.LEAVER_LATER_RECORD):
            _record(sim, child, team, later, in_touch)


def _record(sim: Sim, child: Child, team: str, day: int, in_touch: float) -> None:
    """A status record from a contact on ``day`` (outside the birthday's window)."""
    touch = sim.chance(in_touch)
    _status(sim, child, team, day if touch else day - sim.days(30, 200), touch)


def _status(sim: Sim, child: Child, team: str, contact: int | None, touch: bool) -> None:
    suitable = sim.chance(0.91 if not child.uasc else 0.90)
    eet = sim.chance(0.575)
    sim.store["ssd_care_leavers"].add(
        clea_table_id=sim.new_id("clea"),
        clea_person_id=child.pid,
        clea_care_leaver_eligibility="Former Relevant",
        clea_care_leaver_in_touch="YES"
        if touch
        else sim.pick((("NO", 0.6), ("REFU", 0.25), ("NREQ", 0.15))),
        clea_care_leaver_latest_contact=None if contact is None else min(contact, END),
        clea_care_leaver_accom_suitable=("1" if suitable else "2") if touch else None,
        clea_care_leaver_activity=(
            sim.pick((("F2", 0.4), ("F4", 0.3), ("F1", 0.1), ("P4", 0.2)))
            if eet
            else sim.pick((("G4", 0.6), ("G5", 0.2), ("G6", 0.2)))
        )
        if touch
        else None,
        clea_care_leaver_allocated_team=team,
    )
