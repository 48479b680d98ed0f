"""``scorepack users``: accounts for the web app, with roles only on units that exist."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from scorepack.cli.main import app
from scorepack.service import accounts
from scorepack.service.site import open_store
from scorepack.web.access import Role

runner = CliRunner()


def _store(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def test_demo_makes_one_account_per_role_on_the_presets_units(tmp_path: Path) -> None:
    url = _store(tmp_path)
    first = runner.invoke(app, ["users", "demo", "--store", url])
    assert first.exit_code == 0, first.output
    assert first.stdout.count("password") == 5
    engine = open_store(url)
    found = {
        name: accounts.find(engine, name)
        for name in ("demo-viewer", "demo-author", "demo-approver", "demo-analyst", "demo-admin")
    }
    grants = {name: a.grants for name, a in found.items() if a is not None}
    # The top unit and its first unit with units below it (units.csv order), the author's too.
    assert [(g.role, g.unit) for g in grants["demo-viewer"]] == [(Role.viewer, "kent")]
    assert [(g.role, g.unit) for g in grants["demo-approver"]] == [(Role.approver, "north-kent")]
    assert [(g.role, g.unit) for g in grants["demo-author"]] == [(Role.author, "north-kent")]
    again = runner.invoke(app, ["users", "demo", "--store", url])
    assert again.exit_code == 0 and again.stdout.count("already exists") == 5


def test_demo_refuses_a_unit_the_tree_does_not_hold(tmp_path: Path) -> None:
    result = runner.invoke(app, ["users", "demo", "--store", _store(tmp_path), "--team", "dovr"])
    assert result.exit_code != 0
    assert "no unit 'dovr'" in result.stderr
    assert accounts.find(open_store(_store(tmp_path)), "demo-viewer") is None


def test_add_checks_every_role_unit_before_writing(tmp_path: Path) -> None:
    url = _store(tmp_path)
    result = runner.invoke(
        app,
        [
            "users",
            "add",
            "sam",
            "--role",
            "author:nowhere",
            "--role",
            "viewer:elsewhere",
            "--store",
            url,
        ],
        env={"SCOREPACK_PASSWORD": "a long enough password"},
    )
    assert result.exit_code != 0
    assert "no unit 'nowhere'" in result.stderr and "no unit 'elsewhere'" in result.stderr
    assert accounts.find(open_store(url), "sam") is None
    ok = runner.invoke(
        app,
        ["users", "add", "sam", "--role", "author:south-kent", "--store", url],
        env={"SCOREPACK_PASSWORD": "a long enough password"},
    )
    assert ok.exit_code == 0, ok.output
    made = accounts.find(open_store(url), "sam")
    assert made is not None and [(g.role, g.unit) for g in made.grants] == [
        (Role.author, "south-kent")
    ]


def test_grant_refuses_a_mistyped_unit(tmp_path: Path) -> None:
    url = _store(tmp_path)
    runner.invoke(
        app, ["users", "add", "sam", "--store", url], env={"SCOREPACK_PASSWORD": "x" * 16}
    )
    result = runner.invoke(app, ["users", "grant", "sam", "viewer", "kentt", "--store", url])
    assert result.exit_code != 0 and "no unit 'kentt'" in result.stderr
    made = accounts.find(open_store(url), "sam")
    assert made is not None and made.grants == ()
