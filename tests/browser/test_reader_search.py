"""Search as a reader uses it: known phrases find their turn first, the search page's filters,
sort, shareable address and back/forward, the turn a result opens, and axe-core on all of it.

Every page opened through `open_page` also fails its test on a console error, a failed request
or a request that would leave 127.0.0.1 (see conftest.py).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from test_site import PRESS, RESULTS_SHOWN, serious_violations

from onrecord import records, search
from tools import knownitem

pytestmark = pytest.mark.browser

PAGE_DONE = """() => {
  const list = document.querySelector('.or-results');
  const status = document.querySelector('.or-search-status');
  return list && list.getAttribute('aria-busy') === 'false' && /results?\\b|No results/.test(status.textContent);
}"""


def type_in_dialog(page, query: str) -> list[str]:
    """The query typed into the header search box; the result links, best first."""
    page.keyboard.press("/")
    page.keyboard.type(query, delay=5)
    page.wait_for_function(RESULTS_SHOWN, timeout=15_000)
    return page.locator(".md-search-result__list > li a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)"
    )


def results(page) -> list[str]:
    page.wait_for_function(PAGE_DONE, timeout=15_000)
    return page.locator(".or-results > li .or-result__title a").evaluate_all(
        "links => links.map(a => a.href)"
    )


def status(page) -> str:
    return page.locator(".or-search-status").inner_text()


def count(page) -> int:
    m = re.match(r"(?:at most )?([\d,]+) results?", status(page))
    return int(m.group(1).replace(",", "")) if m else 0


@pytest.fixture(scope="module")
def units(archive):
    """Every unit the index holds, with what the filters see: (document, anchor, words, speaker,
    year, kind, event)."""
    out = []
    for d in search.plan(archive):
        for u in d.units:
            out.append(
                (d.id, u.anchor, set(search.tokens(u.text)), u.speaker, d.year, d.kind, d.event)
            )
    return out


# ---------------------------------------------------------------- the dialog


@pytest.mark.parametrize("target", knownitem.targets(6, seed=11), ids=lambda t: t.phrase[:30])
def test_a_known_phrase_puts_its_turn_first(open_page, target):
    page, _ = open_page("")
    for query in (target.phrase, f'"{target.phrase}"'):
        page.locator(".md-search__input").fill("")
        links = type_in_dialog(page, query)
        assert links, query
        assert knownitem.rank([[h] for h in links], target) == 1, (query, links[:3])
        page.keyboard.press("Escape")


def test_the_dialog_shows_who_when_and_the_sentence_and_links_to_all_results(open_page):
    page, _ = open_page("")
    links = type_in_dialog(page, "unprecedented level of unity")
    first = page.locator(".md-search-result__list > li").first
    assert re.search(rf"/transcripts/{PRESS}/\?hl=[^#]+#t-\d{{3}}$", links[0])
    text = first.inner_text()
    assert "Jens Stoltenberg · 1 June 2022 · official transcript" in text
    assert "Press conference by NATO Secretary General" in text
    # the phrase is marked as one; function words elsewhere are not
    assert first.locator("mark").all_inner_texts() == ["unprecedented level of unity"]
    more = page.locator(".md-search-result__meta a.or-search-all")
    assert parse_qs(urlsplit(more.get_attribute("href")).query) == {
        "q": ["unprecedented level of unity"]
    }


def test_a_name_shows_the_speaker_beside_the_turns_not_above(open_page):
    page, _ = open_page("")
    links = type_in_dialog(page, "Stoltenberg")
    assert links and all("/transcripts/" in h for h in links)  # the list holds turns only
    speaker = page.locator(".or-search-names a", has_text="Jens Stoltenberg")
    assert speaker.get_attribute("href").endswith("/speakers/jens-stoltenberg/")
    # a common word is no name: "of" lists no speaker or event
    page.locator(".md-search__input").fill("")
    type_in_dialog(page, "of the")
    assert page.locator(".or-search-names").count() == 0


def test_opening_a_result_lands_on_the_turn_with_the_words_marked(open_page):
    page, _ = open_page("")
    type_in_dialog(page, "nuclear sabre rattling")
    page.locator(".md-search-result__list > li a").first.click()
    page.wait_for_url(re.compile(rf"/transcripts/{PRESS}/\?hl=.*#t-005$"))
    assert page.evaluate("document.querySelector(':target')?.id") == "t-005"
    page.wait_for_function(
        "document.querySelectorAll('.md-content mark').length > 0", timeout=5_000
    )
    marks = page.locator(".md-content mark").all_inner_texts()
    assert "nuclear sabre rattling" in marks  # the phrase as one
    assert set(m.lower() for m in marks) <= {
        "nuclear sabre rattling",
        "nuclear",
        "sabre",
        "rattling",
    }
    # only in that turn: the marks follow its heading, before the next turn's
    inside = page.evaluate("""() => [...document.querySelectorAll('.md-content mark')].every(m => {
      const h = document.getElementById('t-005'), next = document.getElementById('t-006');
      return (h.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING)
        && (!next || (next.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_PRECEDING));
    })""")
    assert inside


# ---------------------------------------------------------------- the search page


def test_each_filter_narrows_the_results_and_counts_them(open_page, units):
    """Every filter value shown for "nato" is counted right, and choosing it leaves only results
    with that value, as many as it said."""
    query = "nato"
    page, _ = open_page("search/?q=nato")
    results(page)
    matching = [u for u in units if "nato" in u[2]]
    assert count(page) == len(matching)
    column = {"speaker": 3, "year": 4, "kind": 5, "event": 6}
    for facet, col in column.items():
        results(page)
        options = page.locator(f"#or-facet-{facet} ~ ul li a").evaluate_all(
            "links => links.map(a => ({href: a.href, count: +a.querySelector('.or-facet-count').textContent.replace(/,/g, '')}))"
        )
        assert options, facet
        for option in options[:3]:
            value = parse_qs(urlsplit(option["href"]).query)[facet][0]
            expected = [
                u
                for u in matching
                if str(u[col] if u[col] is not None else ("undated" if facet == "year" else "none"))
                == value
            ]
            assert option["count"] == len(expected), (facet, value)
            page.goto(option["href"])
            shown = results(page)
            assert count(page) == len(expected), (facet, value, status(page))
            allowed = {(u[0], u[1]) for u in expected}
            for href in shown:
                path, _, anchor = href.partition("#")
                doc = path.split("/transcripts/")[1].split("/")[0]
                assert (doc, anchor) in allowed or (doc, "") in allowed, (facet, value, href)
            assert page.locator(f"#or-facet-{facet} ~ ul a[aria-current='true']").count() == 1
            page.goto(page.url.split("?")[0] + "?q=" + query)
            results(page)


def test_sort_newest_and_oldest_order_the_results_by_date(open_page, archive):
    order = {t.id: i for i, t in enumerate(records.newest_first(archive.transcripts, archive))}

    def docs(hrefs):
        return [order[h.split("/transcripts/")[1].split("/")[0]] for h in hrefs]

    page, _ = open_page("search/?q=nato&sort=newest")
    newest = docs(results(page))
    assert newest == sorted(newest) and len(newest) == 20
    page.select_option("#or-search-sort", "oldest")
    page.wait_for_url(re.compile(r"sort=oldest"))
    oldest = docs(results(page))
    assert oldest == sorted(oldest, reverse=True)
    assert "sorted by oldest first" in status(page)


def test_a_shared_address_gives_the_same_results(open_page, contexts, base_url):
    page, _ = open_page("search/")
    page.locator("#or-search-q").fill("support for ukraine")
    page.locator("#or-search-q").press("Enter")
    results(page)
    page.locator("#or-facet-speaker ~ ul li a").first.click()
    page.wait_for_url(re.compile(r"speaker="))
    page.locator("#or-facet-year ~ ul li a").first.click()
    page.wait_for_url(re.compile(r"year="))
    mine, said = results(page), status(page)
    query = parse_qs(urlsplit(page.url).query)
    assert set(query) == {"q", "speaker", "year"} and query["q"] == ["support for ukraine"]
    other = contexts(390, 844, "dark", True).new_page()  # another reader, on a phone
    try:
        other.goto(page.url)
        assert results(other) == mine and status(other) == said
        assert other.locator("#or-search-q").input_value() == "support for ukraine"
    finally:
        other.close()


def test_back_and_forward_walk_the_searches(open_page):
    page, _ = open_page("search/?q=unity")
    first = results(page)
    page.locator("#or-search-q").fill("nuclear")
    page.locator("#or-search-q").press("Enter")
    page.wait_for_url(re.compile(r"q=nuclear"))
    second = results(page)
    page.locator("#or-facet-year ~ ul li a").first.click()
    page.wait_for_url(re.compile(r"year="))
    third = results(page)
    assert first != second
    page.go_back()
    page.wait_for_url(re.compile(r"q=nuclear$"))
    assert results(page) == second and page.locator("#or-search-q").input_value() == "nuclear"
    page.go_back()
    page.wait_for_url(re.compile(r"q=unity$"))
    assert results(page) == first and page.locator("#or-search-q").input_value() == "unity"
    page.go_forward()
    page.go_forward()
    page.wait_for_url(re.compile(r"year="))
    assert results(page) == third


def test_quoted_phrases_are_exact(open_page, units):
    page, _ = open_page("search/?q=%22level+of+unity%22")
    shown = results(page)
    phrase = search.tokens("level of unity")
    assert shown and count(page) == len(shown)
    for href in shown:
        text = (
            page.locator(".or-results > li")
            .nth(shown.index(href))
            .locator(".or-search-excerpt")
            .inner_text()
        )
        assert "level of unity" in text.lower()
    unquoted = [u for u in units if {"level", "unity"} <= u[2]]
    page.goto(page.url.split("?")[0] + "?q=level+of+unity")
    results(page)
    assert count(page) >= len(unquoted) >= len(shown)
    assert phrase == ["level", "of", "unity"]


def test_nothing_leaves_the_machine_and_the_index_is_fetched_in_small_parts(open_page):
    page, traffic = open_page("search/?q=nuclear+sabre+rattling")
    results(page)
    index = [u for u in traffic.requests if "/search-index/" in u]
    assert index and not traffic.remote
    assert not any(u.endswith("search_index.json") for u in traffic.requests)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_the_search_page(open_page, axe, scheme):
    page, _ = open_page("search/?q=the&kind=official+transcript", color_scheme=scheme)
    results(page)
    assert page.locator(".or-facet-toggle").count()  # more speakers than fit: a "Show all" button
    page.locator(".or-facet-toggle").first.click()  # every filter value shown
    page.wait_for_selector(".or-facet-open")
    page.mouse.move(0, 0)  # no link left hovered (the theme's hover colour is its own)
    bad = serious_violations(page, axe)
    assert not bad, bad


def test_the_search_page_works_from_the_keyboard(open_page):
    page, _ = open_page("search/")
    page.locator("#or-search-q").focus()
    page.keyboard.type("unity")
    page.keyboard.press("Enter")
    results(page)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.or-facet')"):
            break
    else:
        pytest.fail("Tab never reached a filter")
    page.keyboard.press("Enter")
    page.wait_for_function("/[?&](speaker|year|kind|event)=/.test(location.search)", timeout=5_000)
    results(page)


TRICKY = [
    "Russia’s NATO-ization: déjà vu",
    "İSTANBUL’S ＇x＇ Ǆ ﬁne Ⅻ ½",
    "Støre and Zieliński, Åberg",
    "we’re ‘here’ — it's 'quoted' O'Neill's",
    "ΟΔΟΣ Straße naïve café 40% 2,000",
    "(Laughter.) Q: …and",
]


def test_the_browser_and_the_index_split_words_alike(open_page, root):
    """docs/assets/search.js's `tokens` against onrecord.search.tokens, on text that differs
    between naive implementations (curly quotes, accents, ligatures, final sigma, possessives)."""
    source = (root / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    word = re.search(r"^  var WORD = .*$", source, re.M).group(0)
    function = re.search(r"^  function tokens\(text\) \{.*?^  \}$", source, re.M | re.S).group(0)
    page, _ = open_page("")
    got = page.evaluate(f"texts => {{ {word}\n{function}\n return texts.map(tokens); }}", TRICKY)
    assert got == [search.tokens(t) for t in TRICKY]
