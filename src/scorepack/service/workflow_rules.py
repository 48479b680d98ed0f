"""The commentary workflow's rules, as data: draft → submitted → approved, or returned.

Pure: no database, no clock.  :data:`TRANSITIONS` says which step moves a piece
of commentary from which state to which, and which permission the step needs.
"""

from __future__ import annotations

from enum import StrEnum

from scorepack.web.access import Action


class State(StrEnum):
    none = "none"
    draft = "draft"
    submitted = "submitted"
    returned = "returned"
    approved = "approved"


class Step(StrEnum):
    save = "save"
    submit = "submit"
    approve = "approve"
    give_back = "return"


TRANSITIONS: dict[tuple[State, Step], State] = {
    (State.none, Step.save): State.draft,
    (State.none, Step.submit): State.submitted,
    (State.draft, Step.save): State.draft,
    (State.draft, Step.submit): State.submitted,
    (State.returned, Step.save): State.draft,
    (State.returned, Step.submit): State.submitted,
    (State.submitted, Step.approve): State.approved,
    (State.submitted, Step.give_back): State.returned,
    (State.approved, Step.give_back): State.returned,
}
"""(from, step) → to.  Anything not listed is refused."""

NEEDS: dict[Step, Action] = {
    Step.save: Action.write_commentary,
    Step.submit: Action.write_commentary,
    Step.approve: Action.approve_commentary,
    Step.give_back: Action.approve_commentary,
}
"""The permission each step needs on the commentary's unit."""

EVENT: dict[Step, str] = {
    Step.save: "commentary_saved",
    Step.submit: "commentary_submitted",
    Step.approve: "commentary_approved",
    Step.give_back: "commentary_returned",
}


def next_state(current: State, step: Step) -> State | None:
    """Where ``step`` takes commentary in state ``current``; None when it may not."""
    return TRANSITIONS.get((current, step))


class MonthStatus(StrEnum):
    draft = "draft"
    awaiting_commentary = "awaiting commentary"
    awaiting_sign_off = "awaiting sign-off"
    published = "published"
    revised = "revised"


def month_status(
    reds_without_approval: int, units_to_sign: int, published_versions: int
) -> MonthStatus:
    """A month's status from what is still outstanding."""
    if published_versions > 1:
        return MonthStatus.revised
    if published_versions == 1:
        return MonthStatus.published
    if reds_without_approval:
        return MonthStatus.awaiting_commentary
    if units_to_sign:
        return MonthStatus.awaiting_sign_off
    return MonthStatus.draft
