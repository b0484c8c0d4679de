"""Reporting and corrections as a reader meets them: "Report a problem" beside a turn's "Cite"
opens GitHub's correction form with that turn's address and words filled in (the navigation is
caught here: nothing leaves the machine), and a corrected turn's mark leads to its entry in
the corrections log. The shipped archive has no correction: a copy with a corrections log
(tests/correcting.py) is built for the second half."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from test_site import JS_UNCOVERED, PHRASE, serious_violations

from correcting import PRESS, add_corrections
from onrecord import settings
from onrecord.archive import Layout, load_archive
from tools import browser as harness

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PAGE = f"transcripts/{PRESS}/"


@pytest.fixture(scope="module")
def corrected_url(tmp_path_factory):
    """The site of a copy of the archive whose press conference has a corrections log."""
    copy = tmp_path_factory.mktemp("corrected") / "archive"
    for name in ("source_texts", "scripts"):
        # the copy's mkdocs.yml names its theme and hooks by relative path
        shutil.copytree(ROOT / name, copy / name)
    shutil.copytree(ROOT / "docs" / "assets", copy / "docs" / "assets")
    for name in ("about.md", "search.md"):
        shutil.copy(ROOT / "docs" / name, copy / "docs" / name)
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    add_corrections(copy)
    out = copy / "site"
    done = subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "build", "--site-dir", str(out)],
        cwd=copy,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ONRECORD_ROOT": str(copy)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    with harness.serve(out) as url:
        yield url


def catch_github(page) -> list[str]:
    """Every request to github.com, answered here with an empty page (never sent)."""
    caught: list[str] = []

    def answer(route):
        caught.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>caught</title>")

    page.route("https://github.com/**", answer)  # registered last: asked before block_remote
    return caught


def test_report_a_problem_opens_the_form_with_the_turn(open_page):
    page, traffic = open_page(PAGE)
    head = page.locator("h3#t-005").locator("xpath=..")
    assert head.get_attribute("class") == "or-turn-head"
    # beside "Cite", on the turn's line: an ordinary link, reached and followed by keyboard
    cite = head.get_by_role("button", name="Cite Jens Stoltenberg, t-005: copy a citation")
    report = head.get_by_role("link", name="Report a problem with Jens Stoltenberg, t-005")
    assert cite.is_visible() and report.is_visible()
    assert report.inner_text() == "Report a problem"
    left = cite.bounding_box()
    right = report.bounding_box()
    assert left and right and left["x"] < right["x"] and abs(left["y"] - right["y"]) < 20
    caught = catch_github(page)
    report.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert len(caught) == 1, caught
    url = urlsplit(caught[0])
    site = settings.load(ROOT)
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{site.repo_url}/issues/new"
    query = dict(parse_qsl(url.query))
    assert query["template"] == "correction.yml"
    assert query["permalink"] == f"{site.pages_url}transcripts/{PRESS}/#t-005"
    assert query["document"] == f"source_texts/transcripts/{PRESS}.txt"
    assert query["speaker"] == "Jens Stoltenberg"
    turn = next(
        x
        for t in load_archive(Layout(ROOT)).transcripts
        if t.id == PRESS
        for x in t.turns
        if x.id == "t-005"
    )
    assert query["text"] == "\n\n".join(turn.paragraphs)
    assert PHRASE in query["text"]
    traffic.remote.clear()  # none: caught before block_remote, and answered locally


def test_a_long_turn_is_cut_in_the_address_its_permalink_kept(open_page):
    page, _ = open_page(PAGE)
    hrefs = page.eval_on_selector_all("a.or-report", "els => els.map(a => a.href)")
    assert len(hrefs) == page.locator("h3[id^='t-']").count()
    queries = [dict(parse_qsl(urlsplit(h).query)) for h in hrefs]
    assert all(len(h) <= settings.MAX_ISSUE_URL for h in hrefs)
    cut = [q for q in queries if q["text"].endswith(" …")]
    assert cut, "no turn of the press conference is long enough to be cut"
    for q in queries:
        assert q["permalink"].endswith(f"/transcripts/{PRESS}/#" + q["title"].rsplit(", ", 1)[1])


def test_a_corrected_turn_s_mark_leads_to_its_log_entry(open_page, corrected_url):
    page, _ = open_page(PAGE, base=corrected_url)
    head = page.locator("h3#t-005").locator("xpath=..")
    mark = head.get_by_role("link", name="Corrected 2 December 2026")
    assert mark.is_visible()
    assert page.locator("h3#t-002").locator("xpath=..").locator("a.or-corrected").count() == 0
    mark.click()
    page.wait_for_url(f"**/{PAGE}#correction-2")
    entry = page.locator("h3#correction-2")
    page.wait_for_function(JS_UNCOVERED, arg=entry.element_handle(), timeout=5_000)
    assert entry.inner_text().startswith("Correction 2, 2 December 2026")
    details = entry.locator("xpath=following-sibling::ul[1]")
    assert "Facts: place" in details.inner_text()
    assert "state.gov" in details.get_by_role("link").last.get_attribute("href")
    # and back: the entry's turn links to the turn
    details.get_by_role("link", name="t-007").click()
    page.wait_for_url(f"**/{PAGE}#t-007")
    page.wait_for_function(
        JS_UNCOVERED, arg=page.locator("h3#t-007").element_handle(), timeout=5_000
    )
    # the fact it changed is marked too, and leads to the same entry
    place = page.locator(".or-facts li", has_text="Place:")
    assert place.get_by_role("link", name="corrected").get_attribute("href") == "#correction-2"
    first = page.locator("h3#t-001").locator("xpath=..").get_by_role("link", name="Corrected 1")
    assert first.get_attribute("href") == "#correction-1"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_corrected_page_has_no_serious_axe_violation(open_page, axe, corrected_url, scheme):
    page, _ = open_page(PAGE, base=corrected_url, color_scheme=scheme)
    bad = serious_violations(page, axe)
    assert not bad, bad


def test_a_corrected_page_fits_a_phone(open_page, corrected_url):
    page, _ = open_page(PAGE, base=corrected_url, width=390, height=844, mobile=True)
    width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, f"page is {width}px wide at a {inner}px viewport"
