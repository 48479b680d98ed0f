"""docs/web.md documents every setting, role and audit event."""

from __future__ import annotations

from pathlib import Path

from scorepack.service.audit import EVENTS
from scorepack.web.access import Role
from scorepack.web.settings import setting_names

DOC = (Path(__file__).parents[2] / "docs" / "web.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    assert [n for n in setting_names() if f"| `{n}` |" not in DOC] == []


def test_every_role_is_documented() -> None:
    assert [r.value for r in Role if f"| `{r.value}` |" not in DOC] == []


def test_every_audit_event_kind_is_described() -> None:
    words = {
        "sign_in": "sign-ins",
        "sign_in_failed": "failed sign-ins",
        "sign_out": "sign-ins",
        "account_added": "account and role changes",
        "account_locked": "locks",
        "role_granted": "account and role changes",
        "role_revoked": "account and role changes",
        "commentary_saved": "every commentary step",
        "commentary_submitted": "every commentary step",
        "commentary_returned": "every commentary step",
        "commentary_approved": "every commentary step",
        "signed_off": "sign-offs",
        "published": "Publishing",
        "revised": "Publishing",
    }
    assert set(words) == set(EVENTS)
    assert [e for e, w in words.items() if w not in DOC] == []
