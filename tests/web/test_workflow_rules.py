"""The commentary workflow's rules, case by case (golden table)."""

from __future__ import annotations

import pytest

from scorepack.service.workflow_rules import MonthStatus, State, Step, month_status, next_state

S, P = State, Step
CASES = [
    # from, step, to (None: refused)
    (S.none, P.save, S.draft),
    (S.none, P.submit, S.submitted),
    (S.none, P.approve, None),
    (S.none, P.give_back, None),
    (S.draft, P.save, S.draft),
    (S.draft, P.submit, S.submitted),
    (S.draft, P.approve, None),
    (S.draft, P.give_back, None),
    (S.submitted, P.save, None),
    (S.submitted, P.submit, None),
    (S.submitted, P.approve, S.approved),
    (S.submitted, P.give_back, S.returned),
    (S.returned, P.save, S.draft),
    (S.returned, P.submit, S.submitted),
    (S.returned, P.approve, None),
    (S.returned, P.give_back, None),
    (S.approved, P.save, None),
    (S.approved, P.submit, None),
    (S.approved, P.approve, None),
    (S.approved, P.give_back, S.returned),
]


@pytest.mark.parametrize(("current", "step", "expected"), CASES)
def test_each_step_from_each_state(current, step, expected) -> None:
    assert next_state(current, step) is expected


def test_the_table_covers_every_state_and_step() -> None:
    assert {(c, s) for c, s, _ in CASES} == {(c, s) for c in State for s in Step}


@pytest.mark.parametrize(
    ("reds_open", "to_sign", "versions", "expected"),
    [
        (3, 4, 0, MonthStatus.awaiting_commentary),
        (0, 4, 0, MonthStatus.awaiting_sign_off),
        (0, 0, 0, MonthStatus.draft),
        (0, 0, 1, MonthStatus.published),
        (2, 1, 1, MonthStatus.published),
        (0, 0, 2, MonthStatus.revised),
    ],
)
def test_month_status(reds_open, to_sign, versions, expected) -> None:
    assert month_status(reds_open, to_sign, versions) is expected
