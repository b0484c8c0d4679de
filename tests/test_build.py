"""A real build of the shipped archive with MkDocs, checked page by page."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(root, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    done = subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "build", "--site-dir", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "WARNING" not in done.stderr, done.stderr
    return out


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_seed_is_published(site, archive):
    for t in archive.transcripts:
        page = (site / "transcripts" / t.id / "index.html").read_text(encoding="utf-8")
        for turn in t.turns:
            assert f'id="{turn.id}"' in page
        for q in t.quotes:
            assert f'id="{q.id}"' in page


def test_no_broken_internal_link_or_anchor(site):
    parsed = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, links in parsed.items():
        base = "file://" + page.as_posix()
        for link in links.links:
            if link.startswith("/onrecord/"):  # 404.html links from the Pages root (site_url)
                link = (site / link.removeprefix("/onrecord/")).as_uri()
            url = urlparse(urljoin(base, link))
            if url.scheme != "file":
                continue
            target = Path(unquote(url.path))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif (
                url.fragment and target.suffix == ".html" and url.fragment not in parsed[target].ids
            ):
                broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
    assert not broken, "\n".join(broken[:20])


def test_no_third_party_requests(site):
    """Nothing is loaded from another server: fonts, scripts, styles and images are all local."""
    outside = []
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r"<(script|link|img|iframe|source|video|audio)\b[^>]*>", text):
            tag = m.group(0)
            if m.group(1) == "link" and re.search(r'rel="(?:canonical|alternate|prev|next)"', tag):
                continue  # a link that names an address; the browser fetches nothing
            found = re.search(r'(?:src|href)="(?:https?:)?//([^"/]+)', tag)
            if found:
                outside.append(f"{page.relative_to(site)}: {found.group(1)}")
    assert not outside, outside[:10]
    assert not any("fonts.googleapis" in p.read_text(errors="ignore") for p in site.rglob("*.css"))


def test_search_index_lands_on_turns(site):
    """A phrase's pairs of words lead to the one turn that says it; the browser reads a handful
    of small files, never the whole index."""
    folder = site / "search-index"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    words = "nuclear sabre rattling rhetoric is dangerous".split()
    found = None
    for a, b in itertools.pairwise(words):
        key = f"{a} {b}"
        h = zlib.crc32(key.encode())
        bucket = json.loads(
            (folder / "pairs" / f"{h % index['buckets']['pairs']:04d}.json").read_text(
                encoding="utf-8"
            )
        )
        units, total = set(), 0
        for gap in bucket[key]:
            total += gap
            units.add(total)
        found = units if found is None else found & units
    assert len(found) == 1
    unit = found.pop()
    d = next(i for i in range(len(index["units"])) if sum(index["units"][: i + 1]) > unit)
    doc_id, anchors = json.loads(
        (folder / "docs" / f"{d // 64:04d}.json").read_text(encoding="utf-8")
    )[d % 64]
    assert (doc_id, anchors[unit - sum(index["units"][:d])]) == (
        "2022-06-01-stoltenberg-blinken-press-conference",
        "t-005",
    )
    assert not (site / "search" / "search_index.json").exists() and not (site / "pagefind").exists()


def test_search_page_and_index_are_built(site, archive):
    """The search page is there, and every document is in the index, in the data's order."""
    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert "data-onrecord-search-page" in page and 'id="or-search-q"' in page
    index = json.loads((site / "search-index" / "index.json").read_text(encoding="utf-8"))
    listed = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))["documents"]
    blocks = sorted((site / "search-index" / "docs").glob("*.json"))
    ids = [row[0] for b in blocks for row in json.loads(b.read_text(encoding="utf-8"))]
    assert ids == [d["id"] for d in listed] and len(index["units"]) == len(archive.transcripts)


def test_json_export(site, archive):
    import gzip

    data = json.loads(gzip.decompress((site / "data" / "transcripts.json.gz").read_bytes()))
    docs = {d["id"]: d for d in data["documents"]}
    assert set(docs) == {t.id for t in archive.transcripts}
    d = docs["2022-04-06-blinken-stoltenberg-before-meeting"]
    assert d["url"] == "transcripts/2022-04-06-blinken-stoltenberg-before-meeting/"
    assert (site / d["url"] / "index.html").exists()
    assert d["speakers"][0] == {
        "id": "jens-stoltenberg",
        "name": "Jens Stoltenberg",
        "role": "NATO Secretary General",
    }
    assert (
        d["turns"][1]["label"] == "SECRETARY BLINKEN:"
        and d["turns"][1]["speaker"] == "antony-blinken"
    )
    assert {
        q["speaker"] for q in docs["2022-06-stoltenberg-washington-visit-article"]["quotes"]
    } == {"jens-stoltenberg", "antony-blinken", "lloyd-austin"}
    assert "quotes" not in d


def test_edit_links_open_the_cleaned_source(site):
    page = (
        site / "transcripts" / "2022-04-06-blinken-stoltenberg-before-meeting" / "index.html"
    ).read_text()
    edit = "https://github.com/OWNER/onrecord/edit/main/source_texts/transcripts/2022-04-06-blinken-stoltenberg-before-meeting.txt"
    assert page.count(edit) >= 2  # the theme's edit button and "Suggest a correction"


def test_two_builds_of_the_same_commit_are_byte_identical(site, root, tmp_path):
    again = tmp_path / "again"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "build", "--site-dir", str(again)],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_feeds_are_valid_atom(site, archive):
    import xml.etree.ElementTree as ET
    from datetime import date

    from onrecord.records import sort_day

    ns = {"a": "http://www.w3.org/2005/Atom"}
    dated = {
        sid
        for t in archive.transcripts
        if sort_day(t, archive) != date.min
        for sid in t.speaker_ids()
    }
    for feed in (site / "feeds").glob("*.xml"):
        root = ET.parse(feed).getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        for required in ("a:id", "a:title", "a:updated", "a:author/a:name", "a:link[@rel='self']"):
            assert root.find(required, ns) is not None, (feed.name, required)
        entries = root.findall("a:entry", ns)
        # a feed lists dated documents: it is empty (valid Atom) only while all of a speaker's are undated
        assert entries or (feed.stem != "all" and feed.stem not in dated), feed.name
        for e in entries:
            for required in ("a:id", "a:title", "a:updated", "a:link[@rel='alternate']"):
                assert e.find(required, ns) is not None, (feed.name, required)
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", e.find("a:updated", ns).text)


def test_quotes_link_to_turns_and_back(site):
    article = (
        site / "transcripts" / "2022-06-stoltenberg-washington-visit-article" / "index.html"
    ).read_text()
    assert 'href="../2022-06-01-stoltenberg-blinken-press-conference/#t-001"' in article
    assert (
        'href="../2022-06-01-blinken-stoltenberg-joint-press-availability/#t-001"' in article
    )  # Blinken's words
    assert "Unverified" in article  # Austin's Pentagon remarks are not in the archive
    nato = (
        site / "transcripts" / "2022-06-01-stoltenberg-blinken-press-conference" / "index.html"
    ).read_text()
    assert 'href="../2022-06-stoltenberg-washington-visit-article/#q-002"' in nato


def test_versions_of_one_event_are_compared(site):
    page = (
        site / "events" / "2022-06-01-blinken-stoltenberg-press-conference" / "index.html"
    ).read_text()
    assert "Versions compared" in page
    assert "Only in ge.usembassy.gov: Antony J. Blinken" in page  # NATO's text leaves his words out
    assert "Only in www.nato.int: Jens Stoltenberg" in page


def test_data_page_lists_every_download_with_its_size(site):
    """Each file of site/data/ is on the Data page, linked, with its real size; the page's
    schema has every column of every table (the descriptor's, never written twice)."""
    from onrecord import downloads, tables

    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    files = sorted(
        p.name for p in (site / "data").iterdir() if p.is_file() and p.name != "index.html"
    )
    assert (
        "turns.csv.gz" in files and "onrecord.sqlite.gz" in files and "transcripts.json.gz" in files
    )
    assert "transcripts.json" not in files  # the words uncompressed once: the files per document
    per_document = sorted((site / "data" / "transcripts").glob("*.json"))
    assert len(per_document) == len(
        json.loads((site / "data" / "index.json").read_text())["documents"]
    )
    assert f"{len(per_document)} files" in page and "transcripts/&lt;id&gt;.json" in page
    for name in files:
        size = downloads.size((site / "data" / name).stat().st_size)
        assert re.search(
            rf'<a href="{re.escape(name)}">{re.escape(name)}</a>.*?{size}', page, re.S
        ), name
    for t in tables.TABLES:
        for c in t.columns:
            assert f"<code>{c.name}</code>" in page, (t.name, c.name)
