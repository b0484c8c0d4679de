"""Browser tests: one build of the site, served on 127.0.0.1, driven by Debian's Chromium.

Needs /usr/bin/chromium (or $CHROMIUM), and for the accessibility tests axe-core from
tests/browser/package-lock.json:

    apt-get install chromium
    npm ci --prefix tests/browser

Without Chromium every test here is skipped with a message saying so, and `make test` passes
on a machine with only Python. Without axe-core only the tests that ask for the `axe` fixture
are skipped: the others, among them every check that no page requests anything from another
server, need only Chromium.

$ONRECORD_AXE names another axe.min.js; $ONRECORD_SITE_DIR a site already built by
`onrecord build` to test instead of building one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tools import browser as harness

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
AXE = Path(os.environ.get("ONRECORD_AXE") or HERE / "node_modules" / "axe-core" / "axe.min.js")


def missing_browser() -> str | None:
    """Why no browser test can run here, or None."""
    chromium = harness.chromium_path()
    if not Path(chromium).exists():
        return (
            f"no Chromium at {chromium}: `apt-get install chromium` "
            "(or set $CHROMIUM to a Chromium binary)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is missing: `make test` installs requirements/dev.txt"
    return None


def pytest_collection_modifyitems(config, items):
    reason = missing_browser()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def axe() -> Path:
    """axe-core's script, for the accessibility tests: only they are skipped without it."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed ({AXE}): `npm ci --prefix tests/browser`")
    return AXE


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The site, built once per session into a temporary directory (never site/)."""
    if os.environ.get("ONRECORD_SITE_DIR"):
        return Path(os.environ["ONRECORD_SITE_DIR"])
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ONRECORD_ROOT": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "build", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(
            f"onrecord build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    assert (out / "index.html").is_file()
    return out


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    with harness.serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = harness.launch(pw)
        yield browser
        browser.close()


@dataclass
class Traffic:
    """What the pages of one test did on the network and the console."""

    requests: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)  # would have left 127.0.0.1 (aborted)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions

    def problems(self) -> list[str]:
        """Each problem once, in the order of its kind (a failed request also logs an error)."""
        return list(
            dict.fromkeys(
                [f"request leaving 127.0.0.1: {u}" for u in self.remote]
                + [f"failed request: {u}" for u in self.failed]
                + [f"console: {e}" for e in self.errors]
            )
        )


@pytest.fixture(scope="session")
def contexts(browser):
    """One browser context per kind of reader (screen size, colour scheme, touch), shared by
    the tests: a context costs far more to start than a page. Storage is cleared after each
    test, and the server forbids caching, so no test leaves anything to the next."""
    made = {}

    def get(width: int, height: int, color_scheme: str, mobile: bool):
        key = (width, height, color_scheme, mobile)
        if key not in made:
            made[key] = browser.new_context(
                viewport={"width": width, "height": height},
                color_scheme=color_scheme,
                is_mobile=mobile,
                has_touch=mobile,
                reduced_motion="reduce",
            )
        return made[key]

    yield get
    for context in made.values():
        context.close()


@pytest.fixture
def open_page(contexts, base_url, request):
    """open_page(path, width=1280, height=800, color_scheme="light", mobile=False, base=None)
    -> (page, traffic): a new page, opened at `path` under the served site (or under `base`).

    Every page opened here is watched: at the end of a test that passed, any console error,
    failed request (network error or HTTP status >= 400) or request that would leave
    127.0.0.1 fails it. Such requests are aborted, so nothing leaves the machine either way.
    """
    pages = []
    traffic = Traffic()

    def _open(
        path: str = "",
        *,
        width: int = 1280,
        height: int = 800,
        color_scheme: str = "light",
        mobile: bool = False,
        base: str | None = None,
    ):
        page = contexts(width, height, color_scheme, mobile).new_page()
        pages.append(page)
        harness.block_remote(page, traffic.remote)
        page.on("request", lambda r: traffic.requests.append(r.url))
        page.on(
            "requestfailed",
            # ERR_ABORTED: the browser itself dropped the request because the page moved on (a
            # link followed while an icon or a search chunk was loading): not a fault of the site
            lambda r: (
                harness.is_local(r.url)
                and "ERR_ABORTED" not in (r.failure or "")
                and traffic.failed.append(f"{r.url} ({r.failure})")
            ),
        )
        page.on(
            "response", lambda r: r.status >= 400 and traffic.failed.append(f"{r.url} ({r.status})")
        )
        page.on(
            "console",
            lambda m: (
                m.type == "error" and traffic.errors.append(f"{m.text} at {m.location.get('url')}")
            ),
        )
        page.on("pageerror", lambda e: traffic.errors.append(f"uncaught {e}"))
        page.goto((base or base_url) + path, wait_until="load")
        return page, traffic

    yield _open
    for page in pages:
        if not page.is_closed():
            try:
                page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            except Exception:
                pass
            page.close()
    call = getattr(request.node, "rep_call", None)
    problems = traffic.problems()
    if call is not None and call.passed and problems:
        pytest.fail(
            "the pages of this test were not clean:\n  " + "\n  ".join(problems), pytrace=False
        )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # lets open_page's teardown see whether the test itself passed: its traffic check then
    # reports only what the test did not already fail on
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
