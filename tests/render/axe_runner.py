"""Run axe-core over an HTML page in Debian's headless Chromium.

The page is copied with axe-core and a few lines of script added at the end;
the script runs axe and writes the violations, as JSON, into a ``<pre>`` that
``--dump-dom`` then prints.  No browser is downloaded: Chromium comes from the
system (``apt-get install chromium``) and axe-core from ``package.json``
(``npm ci`` at the repository root).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--virtual-time-budget=60000",
]
RUNNER = """
<script>
axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  var pre = document.createElement("pre");
  pre.id = "axe-results";
  pre.textContent = JSON.stringify(r.violations);
  document.body.appendChild(pre);
}, function (e) {
  var pre = document.createElement("pre");
  pre.id = "axe-error";
  pre.textContent = String(e);
  document.body.appendChild(pre);
});
</script>
"""


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_axe() -> Path:
    """axe-core from package.json, installed with ``npm ci`` if it is not there yet."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed to install axe-core (see package.json)")
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, capture_output=True
        )
    return AXE


def run_axe(page_html: str, browser: str) -> list[dict]:
    """The axe violations for ``page_html`` (an empty list when there are none)."""
    axe = ensure_axe().read_text(encoding="utf-8")
    injected = page_html.replace("</body>", f"<script>{axe}</script>{RUNNER}</body>")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "pack.html"
        page.write_text(injected, encoding="utf-8")
        profile = Path(tmp) / "profile"
        done = subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    found = re.search(r'<pre id="axe-(results|error)">(.*?)</pre>', done.stdout, re.S)
    if not found:
        raise RuntimeError(f"axe produced no results; chromium said:\n{done.stderr[-2000:]}")
    if found.group(1) == "error":
        raise RuntimeError(f"axe failed: {html.unescape(found.group(2))}")
    return json.loads(html.unescape(found.group(2)))  # type: ignore[no-any-return]


def summarise(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:300]}")
    return "\n".join(lines)
