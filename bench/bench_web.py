"""Load benchmark of the web app: signed-in clients reading scorecard and indicator pages.

    .venv/bin/python bench/bench_web.py [--clients 50] [--seconds 60] [--think SECONDS]
                                        [--workers N] [--no-postgres] [--json]

Starts ``scorepack serve`` (the Kent 2016 preset) as a separate process on
loopback, once on a fresh SQLite store and once on a throwaway PostgreSQL
server (``tests/pgserver.py``).  Each of ``--clients`` concurrent clients
(httpx, asyncio) signs in with its own account and then, for ``--seconds``,
reads a unit's scorecard and an indicator page in turn, over the units and
indicators of the month.  Every month is read once before the clock starts
(the app judges a month on its first read).  Prints requests, errors and the
p50/p95/p99 latency per store, and the load average when each run began and ended.

The clients send each request as soon as the last returns (a closed loop: the
most the server can be asked).  With ``--think SECONDS`` each store is also run
a second time with each client pausing between pages, as a reader does: a pause
drawn uniformly from 0.5 to 1.5 times SECONDS.  Both are printed, one row each.
``--workers N`` (N > 1) serves the same app from N uvicorn worker processes
(:func:`web_app`, as ``scorepack serve`` builds it) instead of ``scorepack serve``'s one.
The goal (issue 10): p95 under 50 ms and no errors on the 2-core machine;
docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.pgserver

PASSWORD = "bench password, long enough"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
MONTH = "2016-03"
PAGES = [
    f"/months/{MONTH}/units/{unit}" + (f"/indicators/{ind}" if ind else "")
    for unit in ("kent", "east-kent", "dover-ait-fst", "north-kent", "west-kent")
    for ind in (None, "cic-health-assessments", "pf-initial-visit-7d")
]
"""What the clients read: scorecards and indicator pages, in turn."""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _scorepack() -> str:
    found = Path(sys.executable).parent / "scorepack"
    return str(found) if found.exists() else (shutil.which("scorepack") or "scorepack")


def add_accounts(url: str, clients: int) -> list[str]:
    """One viewer account per client, each signed in (through the service, one address each,
    since the app allows one address only so many sign-ins a minute): their session tokens."""
    from scorepack.service import accounts
    from scorepack.service.site import open_store
    from scorepack.web.access import Role

    engine = open_store(url)
    tokens = []
    for n in range(clients):
        name = f"bench-{n}"
        accounts.add_account(engine, name, name, PASSWORD)
        accounts.grant(engine, name, Role.viewer, "kent", actor="bench")
        tokens.append(accounts.sign_in(engine, name, PASSWORD, address=f"bench-{n}").token)
    engine.dispose()
    return tokens


def web_app():  # type: ignore[no-untyped-def]
    """The app ``scorepack serve --insecure-cookies`` serves, on ``SCOREPACK_STORE``, its
    months judged before it starts: what each uvicorn worker builds with ``--workers``."""
    from scorepack.service.site import open_site
    from scorepack.web.app import create_app
    from scorepack.web.settings import WebSettings

    site = open_site(os.environ["SCOREPACK_STORE"])
    for month in site.months.months():  # what the warm-up's first reads do for one process
        site.months.scorecard("kent", month)
    return create_app(site.engine, site.months, WebSettings(secure_cookies=False))


def _command(port: int, workers: int) -> list[str]:
    if workers <= 1:
        return [_scorepack(), "serve", "--port", str(port), "--insecure-cookies"]
    return [
        sys.executable, "-m", "uvicorn", "--app-dir", str(Path(__file__).parent),
        "--factory", "bench_web:web_app", "--port", str(port), "--workers", str(workers),
        "--log-level", "warning", "--no-proxy-headers",
    ]  # fmt: skip


@contextmanager
def serving(url: str, workers: int = 1) -> Iterator[str]:
    """``scorepack serve`` (or ``workers`` uvicorn workers) on a free loopback port, stopped
    afterwards."""
    port = _free_port()
    env = {**os.environ, "SCOREPACK_STORE": url}
    argv = _command(port, workers)
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the server stopped: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
            try:
                httpx.get(base + "/sign-in", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


async def _sign_in(client, name: str) -> None:  # type: ignore[no-untyped-def]
    form = await client.get("/sign-in")
    token = TOKEN.search(form.text)
    assert token, "no CSRF token on the sign-in page"
    done = await client.post(
        "/sign-in", data={"username": name, "password": PASSWORD, "csrf_token": token.group(1)}
    )
    if done.status_code != 303:
        raise RuntimeError(f"{name} could not sign in: {done.status_code}")


def pause(think: float, rng: random.Random) -> float:
    """A reader's pause between pages: uniformly 0.5 to 1.5 times ``think`` (0: none)."""
    return rng.uniform(0.5 * think, 1.5 * think) if think > 0 else 0.0


async def _client(
    base: str,
    n: int,
    token: str,
    until: float,
    times: list[float],
    errors: list[str],
    think: float = 0.0,
) -> None:
    import httpx

    from scorepack.web.security import SESSION_COOKIE

    cookies = {SESSION_COOKIE: token}
    rng = random.Random(n)
    async with httpx.AsyncClient(base_url=base, timeout=30, cookies=cookies) as client:
        i = n
        if think > 0:  # readers do not all arrive in the same instant
            await asyncio.sleep(rng.uniform(0, think))
        while time.monotonic() < until:
            page = PAGES[i % len(PAGES)]
            i += 1
            start = time.perf_counter()
            try:
                got = await client.get(page)
                ok = got.status_code == 200
                if not ok:
                    errors.append(f"{page}: {got.status_code}")
            except httpx.HTTPError as exc:
                ok = False
                errors.append(f"{page}: {exc!r}")
            if ok:
                times.append(time.perf_counter() - start)
            if think > 0:
                await asyncio.sleep(pause(think, rng))


async def warm_up(base: str, workers: int) -> None:
    """Sign in through the form once and read every page (the app judges a month on its
    first read): once, or with more than one worker several times at once, so that each
    worker is likely to have read it."""
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=300) as warm:
        await _sign_in(warm, "bench-0")
        for page in PAGES:
            got = await asyncio.gather(*(warm.get(page) for _ in range(4 * max(workers, 1) - 3)))
            for response in got:
                response.raise_for_status()


async def load(
    base: str, tokens: list[str], seconds: float, think: float = 0.0
) -> tuple[list[float], list[str], float]:
    times: list[float] = []
    errors: list[str] = []
    start = time.monotonic()
    await asyncio.gather(
        *(_client(base, n, t, start + seconds, times, errors, think) for n, t in enumerate(tokens))
    )
    return times, errors, time.monotonic() - start


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(
    store: str, mode: str, clients: int, measured: tuple[list[float], list[str], float]
) -> dict[str, object]:
    times, errors, took = measured
    ms = [t * 1000 for t in times]
    return {
        "store": store,
        "mode": mode,
        "clients": clients,
        "seconds": round(took, 1),
        "requests": len(ms),
        "per_second": round(len(ms) / took, 1) if took else 0.0,
        "errors": len(errors),
        "first_errors": errors[:5],
        "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "mean_ms": round(statistics.fmean(ms), 1) if ms else float("nan"),
    }


def _timed(
    store: str, mode: str, base: str, tokens: list[str], seconds: float, think: float
) -> dict[str, object]:
    before = os.getloadavg()[0]
    found = summary(store, mode, len(tokens), asyncio.run(load(base, tokens, seconds, think)))
    return {**found, "load_before": round(before, 2), "load_after": round(os.getloadavg()[0], 2)}


def run(
    store: str, url: str, clients: int, seconds: float, think: float = 0.0, workers: int = 1
) -> list[dict[str, object]]:
    """The closed loop, then (with ``think``) the readers' loop, on one server."""
    tokens = add_accounts(url, clients)
    if workers > 1:
        store = f"{store} x{workers}"
    with serving(url, workers) as base:
        asyncio.run(warm_up(base, workers))
        results = [_timed(store, "closed", base, tokens, seconds, 0.0)]
        if think > 0:
            results.append(_timed(store, f"think {think:g} s", base, tokens, seconds, think))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="also run with each client pausing 0.5-1.5 x SECONDS between pages",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="uvicorn worker processes (default: 1)"
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = f"sqlite:///{Path(tmp) / 'store.sqlite'}"
        results += run("sqlite", sqlite, args.clients, args.seconds, args.think, args.workers)
    if not args.no_postgres:
        from tests.pgserver import running_server

        with running_server() as server:
            url = server.database()
            results += run("postgresql", url, args.clients, args.seconds, args.think, args.workers)
            server.drop(url)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(
        f"{'store':<14} {'mode':<11} {'requests':>8} {'req/s':>7} {'errors':>6} "
        f"{'p50':>9} {'p95':>9} {'p99':>9}  load average"
    )
    for r in results:
        print(
            f"{r['store']:<14} {r['mode']:<11} {r['requests']:>8} {r['per_second']:>7} "
            f"{r['errors']:>6} {r['p50_ms']:>6} ms {r['p95_ms']:>6} ms {r['p99_ms']:>6} ms"
            f"  {r['load_before']} -> {r['load_after']}"
        )
        for e in r["first_errors"]:  # type: ignore[attr-defined]
            print(f"  error: {e}")


if __name__ == "__main__":
    main()
