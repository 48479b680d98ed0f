"""``scorepack serve`` and ``scorepack users``: the web app and its accounts."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated

import typer

from scorepack.cli.main import (
    CatalogueOpt,
    FiguresOpt,
    PdfEngineOpt,
    PresetOpt,
    UnitsOpt,
    app,
    err,
    out,
    reports_problems,
)
from scorepack.errors import InputError, Problem
from scorepack.service.render import DEFAULT_PDF_ENGINE, pdf_engine_problems
from scorepack.service.site import (
    STORE_ENV,
    add_demo_accounts,
    add_user,
    demo_plan,
    grant_role,
    open_site,
    open_store,
    units_for,
)
from scorepack.web.access import Role

_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+$|^[0-9a-fA-F:]+$")
"""A host name (labels of letters, digits and hyphens) or an IPv4/IPv6 address."""

users = typer.Typer(help="Accounts and roles for the web app.", no_args_is_help=True)
app.add_typer(users, name="users")


StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store", help=f"Store URL (SQLAlchemy); default ${STORE_ENV} or the data folder."
    ),
]


def _role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        raise InputError(
            [
                Problem(
                    "--role",
                    None,
                    None,
                    f"unknown role {text!r}; choose from {', '.join(r.value for r in Role)}",
                )
            ]
        ) from None


@users.command("add")
@reports_problems
def users_add(
    username: Annotated[str, typer.Argument(help="Sign-in name (lower case).")],
    name: Annotated[str, typer.Option("--name", help="Name shown in the app.")] = "",
    role: Annotated[
        list[str] | None,
        typer.Option("--role", help="ROLE:UNIT, e.g. author:TEAM-ID; repeatable."),
    ] = None,
    oidc_subject: Annotated[
        str | None, typer.Option("--oidc-subject", help="Identity provider subject to link.")
    ] = None,
    password_env: Annotated[
        str,
        typer.Option("--password-env", help="Read the password from this environment variable."),
    ] = "SCOREPACK_PASSWORD",
    store: StoreOpt = None,
    preset: PresetOpt = None,
    units: UnitsOpt = None,
) -> None:
    """Add a local account; the password comes from an environment variable or a prompt."""
    grants = [_split(g) for g in role or []]
    password: str | Callable[[], str] | None = os.environ.get(password_env)
    if password is None and oidc_subject is None:
        password = _prompt_password
    add_user(
        open_store(store),
        units_for(preset, units),
        username,
        name or username,
        password,
        grants,
        oidc_subject,
        actor="cli",
    )
    err.print(f"added {username}")


def _prompt_password() -> str:
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def _split(text: str) -> tuple[Role, str]:
    role, _, unit = text.partition(":")
    if not unit:
        raise InputError([Problem("--role", None, None, f"expected ROLE:UNIT, got {text!r}")])
    return _role(role), unit


@users.command("grant")
@reports_problems
def users_grant(
    username: str,
    role: Annotated[str, typer.Argument(help="viewer, author, approver, analyst or admin.")],
    unit: Annotated[str, typer.Argument(help="Unit id; the role covers everything below it.")],
    store: StoreOpt = None,
    preset: PresetOpt = None,
    units: UnitsOpt = None,
) -> None:
    """Grant a role on a unit (a unit of the preset's or the --units file's tree)."""
    grant_role(
        open_store(store), units_for(preset, units), username, _role(role), unit, actor="cli"
    )
    err.print(f"granted {role} on {unit} to {username}")


@users.command("revoke")
@reports_problems
def users_revoke(username: str, role: str, unit: str, store: StoreOpt = None) -> None:
    """Take back a role on a unit."""
    from scorepack.service import accounts

    accounts.revoke(open_store(store), username, _role(role), unit, actor="cli")
    err.print(f"revoked {role} on {unit} from {username}")


@users.command("demo")
@reports_problems
def users_demo(
    store: StoreOpt = None,
    preset: PresetOpt = None,
    units: UnitsOpt = None,
    county: Annotated[str | None, typer.Option("--county", help="Default: the top unit.")] = None,
    area: Annotated[
        str | None, typer.Option("--area", help="Default: the first unit below the top one.")
    ] = None,
    team: Annotated[
        str | None, typer.Option("--team", help="demo-author's unit (default: the area).")
    ] = None,
) -> None:
    """Add one demo account per role (for trying the app), printing their passwords."""
    plan = demo_plan(units_for(preset, units), county, area, team)
    for made in add_demo_accounts(open_store(store), plan, actor="cli"):
        if made.password is None:
            out.print(f"{made.username:<14} already exists", markup=False)
        else:
            out.print(
                f"{made.username:<14} {made.role.value:<9} on {made.unit:<16} "
                f"password {made.password}",
                markup=False,
            )


@app.command()
@reports_problems
def serve(
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    store: StoreOpt = None,
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    units: UnitsOpt = None,
    figures: FiguresOpt = None,
    oidc_issuer: Annotated[
        str | None,
        typer.Option("--oidc-issuer", help="Identity provider issuer URL (OpenID Connect)."),
    ] = None,
    oidc_client_id: Annotated[str, typer.Option("--oidc-client-id")] = "scorepack",
    public_url: Annotated[
        str | None,
        typer.Option("--public-url", help="This app's public base URL (for the OpenID callback)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Check the store, the figures and the options, then exit."),
    ] = False,
    insecure_cookies: Annotated[
        bool,
        typer.Option(
            "--insecure-cookies",
            help="Cookies without Secure, for plain HTTP on a host other than localhost (testing only).",
        ),
    ] = False,
    pdf_engine: PdfEngineOpt = DEFAULT_PDF_ENGINE,
) -> None:
    """Run the web app (sign in at http://HOST:PORT/)."""
    import uvicorn

    from scorepack.web.app import create_app
    from scorepack.web.settings import WebSettings

    if not _HOST.match(host) or any(not label for label in host.split(".")):
        raise InputError(
            [Problem("--host", None, None, f"expected an IP address or host name, got {host!r}")]
        )
    settings = WebSettings(secure_cookies=not insecure_cookies, pdf_engine=pdf_engine)
    engine_problems = pdf_engine_problems(pdf_engine, settings.publish_formats)
    if engine_problems:
        raise InputError(engine_problems)
    site = open_site(store, preset, catalogue, units, figures)
    oidc = None
    if oidc_issuer:
        from scorepack.web.settings import OidcSettings

        oidc = OidcSettings(
            oidc_issuer,
            oidc_client_id,
            os.environ.get("SCOREPACK_OIDC_SECRET", ""),
            public_url or f"http://{host}:{port}",
        )
    web = create_app(site.engine, site.months, replace(settings, oidc=oidc))
    if check:
        err.print(f"ok: the store, {len(site.months.months())} months and the options are usable")
        return
    err.print(f"scorepack is serving on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(web, host=host, port=port, log_level="warning", proxy_headers=False)
