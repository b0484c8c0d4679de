"""The Data page as a reader meets it: accessible in both schemes, usable on a phone, and every
download it lists there to fetch from the site itself (offline), whole and as big as it says."""

from __future__ import annotations

import gzip
import json

import pytest
from test_site import serious_violations

from tools import browser as harness

pytestmark = pytest.mark.browser

DATA = "data/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_data_page_has_no_serious_axe_violation(open_page, axe, scheme):
    page, _ = open_page(DATA, color_scheme=scheme)
    bad = serious_violations(page, axe)
    assert not bad, bad


def test_every_download_on_the_data_page_works_offline(open_page, site_dir):
    page, traffic = open_page(DATA)
    links = page.eval_on_selector_all(
        "article table a[href]",
        "els => els.map(a => [a.getAttribute('href'), a.href, a.closest('tr').innerText])",
    )
    listed = {href for href, _, _ in links}
    on_disk = {
        p.name for p in (site_dir / "data").iterdir() if p.is_file() and p.name != "index.html"
    }
    assert listed == on_disk  # every file of site/data/ is offered, and nothing else
    for href, url, row in links:
        assert harness.is_local(url), url
        response = page.request.get(url)
        assert response.status == 200, (href, response.status)
        body = response.body()
        assert body == (site_dir / "data" / href).read_bytes(), href
        if href.endswith(".gz"):
            body = gzip.decompress(body)  # whole: the gzip stream ends where it should
        if href.endswith((".json", ".json.gz")):
            assert json.loads(body)
        assert href in row
    # the datapackage's resources are the CSV files the page offers
    package = json.loads((site_dir / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} <= listed
    assert not traffic.remote


def test_data_page_fits_a_phone(open_page):
    page, _ = open_page(DATA, width=390, height=844, mobile=True)
    width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, f"page is {width}px wide at a {inner}px viewport"


def test_the_data_page_is_in_the_navigation(open_page):
    page, _ = open_page("")
    page.get_by_role("link", name="Data", exact=True).first.click()
    page.wait_for_url("**/data/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Data"
    assert page.locator("#downloads").count() == 1 and page.locator("#schema").count() == 1
