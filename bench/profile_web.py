"""What one scorecard and one indicator page cost in process: time per page, and a profile.

    .venv/bin/python bench/profile_web.py [--reads 50] [--profile]

The web app on a fresh SQLite store (the Kent 2016 preset, as ``scorepack serve``
builds it), one viewer of Kent signed in, reading East Kent's scorecard and its
"CiC health assessments" page for March 2016 (a draft month).  The app is called
through ``httpx.ASGITransport`` in this thread, with sync routes run in place
rather than in the thread pool, so that cProfile (which sees one thread) sees
the routes.  Prints wall-clock and CPU time per page after one read to warm;
``--profile`` adds the 40 costliest calls of 20 more reads of each page.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import tempfile
import time
from pathlib import Path
from typing import Any

PASSWORD = "profile password, long enough"
PAGES = {
    "scorecard": "/months/2016-03/units/east-kent",
    "indicator": "/months/2016-03/units/east-kent/indicators/cic-health-assessments",
}


async def _in_place(func: Any, *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


async def measure(folder: Path, reads: int, profile: bool) -> None:
    import fastapi.routing
    import httpx

    from scorepack.service import accounts
    from scorepack.service.site import open_site
    from scorepack.web.access import Role
    from scorepack.web.app import create_app
    from scorepack.web.security import SESSION_COOKIE
    from scorepack.web.settings import WebSettings

    fastapi.routing.run_in_threadpool = _in_place  # type: ignore[assignment]
    site = open_site(f"sqlite:///{folder / 'store.sqlite'}")
    accounts.add_account(site.engine, "profiler", "Profiler", PASSWORD)
    accounts.grant(site.engine, "profiler", Role.viewer, "kent", actor="profile")
    token = accounts.sign_in(site.engine, "profiler", PASSWORD, address="profile").token
    app = create_app(site.engine, site.months, WebSettings(secure_cookies=False))
    transport = httpx.ASGITransport(app=app)
    cookies = {SESSION_COOKIE: token}
    async with httpx.AsyncClient(transport=transport, base_url="http://t", cookies=cookies) as c:
        for url in PAGES.values():
            (await c.get(url)).raise_for_status()
        for name, url in PAGES.items():
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(reads):
                await c.get(url)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(
                f"{name:<10} {wall / reads * 1000:6.1f} ms a page wall-clock, "
                f"{cpu / reads * 1000:6.1f} ms CPU"
            )
        if profile:
            for name, url in PAGES.items():
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(20):
                    await c.get(url)
                profiler.disable()
                print(f"--- {name}")
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    site.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reads", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(measure(Path(tmp), args.reads, args.profile))


if __name__ == "__main__":
    main()
