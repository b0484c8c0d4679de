"""Hostile data renders as text: a payload corpus built into a real site, checked page by page.

tests/fixtures/payloads/ holds the sources of a small archive, built with the repository's own
mkdocs.yml, docs/about.md and docs/assets/, whose one cleaned transcript, speaker and event carry script tags,
event handlers, javascript:/data: links, Jinja and snippet syntax, Markdown emphasis and
images, CDATA ends and entities in every field a page shows. The site must show each of
them as the characters they are, and nothing on any page may run but the theme's scripts.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlparse, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from onrecord.archive import Layout, load_archive
from onrecord.settings import MAX_ISSUE_URL, Settings, _Loader

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "payloads"
TID = "2024-01-02-payload-test"
SPEAKER = "payload-speaker"
EVENT = "payload-event"
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[y](data:text/html,<script>alert(2)</script>)",
    "{{ config }}",
    "{% raw %}",
    '--8<-- "README.md"',
    "*emphasis*",
    "![img](http://evil.example/x.png)",
    "]]>",
    "</script>",
    "&amp;",
]
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "xlink:href",
    "background",
    "cite",
    "longdesc",
    "manifest",
    "ping",
)
# what a rendered page may never show: a dump of the MkDocs config ({{ config }} expanded)
CONFIG_LEAKS = (
    "docs_dir",
    "site_dir",
    "markdown_extensions",
    "'site_name'",
    '"site_name"',
    "MkDocsConfig",
    "mkdocs.config",
)
pytestmark = pytest.mark.build


def normal(text: str) -> str:
    return " ".join(text.split())


def _config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


@pytest.fixture(scope="module")
def archive_root(tmp_path_factory) -> Path:
    """The fixture's sources with the repository's own site settings and assets, its
    mkdocs.yml pointing at the real theme overrides and hooks."""
    root = tmp_path_factory.mktemp("payloads") / "archive"
    shutil.copytree(FIXTURE / "source_texts", root / "source_texts")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    config = root / "mkdocs.yml"
    shutil.copy(ROOT / "mkdocs.yml", config)
    text = config.read_text(encoding="utf-8")
    data = _config(config)
    relative = [data["theme"]["custom_dir"], *data.get("hooks", [])]
    for rel in relative:
        assert not Path(rel).is_absolute() and (ROOT / rel).exists(), rel
        text, count = re.subn(
            rf"(?m)^(\s*(?:custom_dir:|-)\s*){re.escape(rel)}\s*$", rf"\g<1>{ROOT / rel}", text
        )
        assert count == 1, f"{rel} not found once in the fixture's mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(archive_root) -> Path:
    out = archive_root / "site"
    env = dict(
        os.environ,
        ONRECORD_ROOT=str(archive_root),
        NO_MKDOCS_2_WARNING="1",
        SOURCE_DATE_EPOCH="1700000000",
    )
    done = subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "build", "--site-dir", str(out)],
        cwd=archive_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    assert (out / "transcripts" / TID / "index.html").is_file()
    return out


@pytest.fixture(scope="module")
def data(archive_root):
    """The fixture's records as the archive reads them: what the pages must show."""
    archive = load_archive(Layout(archive_root))
    t = next(t for t in archive.transcripts if t.id == TID)
    return t, archive.speakers[SPEAKER], archive.events[EVENT]


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(site.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def transcript(pages) -> BeautifulSoup:
    return pages[f"transcripts/{TID}/index.html"]


def _text(node) -> str:
    return normal(node.get_text(" "))


# ---------------------------------------------------------------- the fixture itself


def test_fixture_carries_every_payload(data):
    t, speaker, event = data
    fields = {
        "title": t.title,
        "location": t.location,
        "turns": "\n".join(p for x in t.turns for p in x.paragraphs),
        "editorial": "\n".join(n for _, n in t.editorial),
        "speaker name": speaker.name,
    }
    everything = "\n".join(
        [
            *fields.values(),
            *t.notes,
            *(c.summary for c in t.corrections),
            speaker.note or "",
            event.name,
            event.description or "",
            event.location or "",
        ]
    )
    for payload in PAYLOADS:
        assert payload in everything
    for name in ("title", "turns"):
        for payload in PAYLOADS:
            assert payload in fields[name], (name, payload)
    for name, value in fields.items():
        assert sum(p in value for p in PAYLOADS) >= 4, name


# ---------------------------------------------------------------- text is text


def test_transcript_page_shows_every_payload_as_text(transcript, data):
    t, speaker, _ = data
    article = transcript.select_one("article")
    shown = _text(article)
    for payload in PAYLOADS:
        assert payload in shown, payload
    h1 = article.find("h1")
    assert normal(h1.get_text().rstrip("¶")) == normal(t.title)
    assert normal(t.location) in shown
    for _, note in t.editorial:
        assert normal(note) in shown
    for note in t.notes:
        assert normal(note) in shown
    for turn in t.turns:
        heading = transcript.find(id=turn.id)
        assert heading is not None and heading.name == "h3"
        assert normal(speaker.name if turn.speaker == SPEAKER else "Antony J. Blinken") in _text(
            heading
        )
        for paragraph in turn.paragraphs:
            assert normal(paragraph) in shown, paragraph
        if turn.label:
            labels = [_text(s) for s in article.select("span.or-label")]
            assert normal(turn.label) in labels
    # the source link goes exactly where the data says (entities and backticks kept)
    assert t.source_url in [a.get("href") for a in article.find_all("a")]


def test_other_pages_show_payloads_as_text(pages, data):
    t, speaker, event = data
    page = pages[f"speakers/{SPEAKER}/index.html"].select_one("article")
    assert normal(page.find("h1").get_text().rstrip("¶")) == normal(speaker.name)
    for value in (speaker.note, speaker.roles[0].title, speaker.roles[0].org, t.title):
        assert normal(value) in _text(page), value
    page = pages[f"events/{EVENT}/index.html"].select_one("article")
    assert normal(page.find("h1").get_text().rstrip("¶")) == normal(event.name)
    for value in (event.description, event.location, t.title):
        assert normal(value) in _text(page), value
    for index in ("index.html", "transcripts/index.html", "transcripts/year-2024/index.html"):
        assert normal(t.title) in _text(pages[index].select_one("article")), index


def test_report_links_carry_the_document_as_encoded_inert_data(site, transcript, data):
    # the page's own "Report a problem", and what cite.js builds each turn's from (its words it
    # reads from the turn: tests/browser/test_corrections.py): URL-safe, inert, payloads as text
    t, _, _ = data
    repo = Settings(repo_url="https://github.com/OWNER/onrecord")
    raw = (site / "transcripts" / TID / "index.html").read_text(encoding="utf-8")
    (href,) = re.findall(r'<a class="md-button" href="([^"]*/issues/new\?[^"]*)"', raw)
    assert re.fullmatch(
        r"https://github\.com/OWNER/onrecord/issues/new\?[\w%.~=-]+(&amp;[\w%.~=-]+)*", href
    )
    (link,) = transcript.select("article a.md-button[href*='/issues/new']")
    assert link.get_text() == "Report a problem" and link.find(True) is None
    assert link["rel"] == ["nofollow"]
    query = dict(parse_qsl(urlsplit(link["href"]).query))
    assert query == {
        "template": "correction.yml",
        "title": query["title"],
        "document": t.path,
        "permalink": f"{repo.pages_url}transcripts/{TID}/",
    }
    assert not transcript.select("article a.or-report")  # cite.js makes the turns' own
    shared = transcript.find(id="or-report")
    assert shared.find(True) is None and shared.has_attr("hidden")
    assert shared["data-form"] == f"{repo.repo_url}/issues/new?template=correction.yml"
    assert shared["data-page"] == f"{repo.pages_url}transcripts/{TID}/"
    assert shared["data-document"] == t.path and shared["data-max"] == str(MAX_ISSUE_URL)
    title = shared["data-title"].removesuffix(" …")
    assert title == query["title"].removesuffix(" …")
    assert title.startswith("Correction: ") and normal(t.title).startswith(title[12:])
    assert "<img" in title  # the payload kept as text in the attribute, not as an element


def test_corrections_log_and_marks_show_payloads_as_text(transcript, data):
    t, _, _ = data
    (c,) = t.corrections
    log = transcript.find(id="correction-1")
    assert log is not None and log.name == "h3"
    entry = _text(log.find_parent("article"))
    for value in (c.summary, c.source, c.removed):
        assert normal(value) in entry, value
    marks = transcript.select("a.or-corrected")
    assert [m["href"] for m in marks] == ["#correction-1"] * 4  # the place and its three turns
    for anchor in c.turns:
        assert transcript.find(id=anchor).find_next("p")["class"] == ["or-turn-tools"]
    source_links = [a["href"] for a in log.find_all_next("a") if "example.org/source" in a["href"]]
    assert source_links == ["https://example.org/source?a=1&b=2"]


def test_title_and_meta_are_escaped_text(transcript, data):
    t, speaker, _ = data
    title = transcript.find("title")
    assert title.find(True) is None, "a tag inside <title>"
    assert title.get_text() == f"{t.title} - On the Record"
    raw = str(transcript)
    inside = raw[raw.index("<title>") + 7 : raw.index("</title>")]
    assert "<" not in inside and ">" not in inside
    metas = {
        m.get("property") or m.get("name"): m.get("content") for m in transcript.find_all("meta")
    }
    assert metas["og:title"] == t.title
    description = f"Antony J. Blinken, {speaker.name} · 2 January 2024"
    for key in ("description", "og:description"):
        assert description.startswith(metas[key]) and len(metas[key]) > 40, key
    feed_titles = [link.get("title") for link in transcript.find_all("link", rel="alternate")]
    assert all((title and "<" not in title) or title == t.title for title in feed_titles), (
        feed_titles
    )


def test_structured_data_and_citation_round_trip(transcript, data):
    t, speaker, event = data
    blocks = transcript.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    ld = json.loads(blocks[0].string)
    assert ld["name"] == t.title and ld["contentLocation"]["name"] == t.location
    assert speaker.name in [a["name"] for a in ld["author"]]
    assert ld["about"]["name"] == event.name and ld["isBasedOn"] == t.source_url
    cite = transcript.find(id="or-cite")
    plain = json.loads(cite["data-cite"])["plain"]
    assert t.title in plain and speaker.name in plain
    assert t.title in cite.find("pre").get_text()


# ---------------------------------------------------------------- nothing runs


def _allowed_inline_scripts(archive_root: Path) -> list[re.Pattern]:
    """The inline scripts the theme's templates print (Material's and our overrides), Jinja
    expressions standing for a quoted relative path or URL."""
    import material

    templates = [
        *Path(material.__file__).parent.joinpath("templates").rglob("*.html"),
        *(ROOT / "scripts" / "onrecord" / "theme").rglob("*.html"),
    ]
    patterns = []
    for path in templates:
        for body in re.findall(r"<script>(.*?)</script>", path.read_text(encoding="utf-8"), re.S):
            parts = re.split(r"\{\{.*?\}\}", body.strip())
            patterns.append(re.compile(r"[\w./:-]*".join(re.escape(p) for p in parts), re.S))
    return patterns


def test_every_script_is_the_theme_s(site, pages, archive_root):
    allowed = _allowed_inline_scripts(archive_root)
    config = _config(archive_root / "mkdocs.yml")
    extra = [str(s) for s in config.get("extra_javascript", [])]
    base = Settings(repo_url=config["repo_url"]).pages_url  # 404.html links from the site's root
    seen_ld = 0
    for name, soup in pages.items():
        page_url = base + name
        for script in soup.find_all("script"):
            attrs = dict(script.attrs)
            body = script.string or ""
            if "src" in attrs:
                assert set(attrs) <= {"src", "defer", "async"} and not body.strip(), (name, attrs)
                target = urlparse(urljoin(page_url, attrs["src"]))
                assert target.netloc == urlparse(base).netloc, (name, attrs["src"])
                assert target.path.startswith(urlparse(base).path)
                path = target.path.removeprefix(urlparse(base).path)
                assert (
                    re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", path)
                    or path in extra
                ), (name, attrs["src"])
                assert (site / path).is_file(), path
            elif attrs == {"id": "__config", "type": "application/json"}:
                config = json.loads(body)
                assert set(config) <= {
                    "base",
                    "features",
                    "translations",
                    "search",
                    "annotate",
                    "tags",
                    "version",
                }
            elif attrs == {"type": "application/ld+json"}:
                json.loads(body)
                assert "</" not in body
                seen_ld += 1
            else:
                assert not attrs, (name, attrs)
                assert any(p.fullmatch(body.strip()) for p in allowed), (name, body[:200])
    assert seen_ld >= 1


def test_no_event_handlers_or_script_urls(pages, archive_root):
    # "Report a problem" carries the turn's words, payloads too, as encoded data in the query
    # of a link to the repository's new issue: what the link goes to is checked, not that
    issues = Settings(repo_url=_config(archive_root / "mkdocs.yml")["repo_url"]).issue_url("x", ())
    issues = issues.split("?")[0].lower() + "?"
    for name, soup in pages.items():
        for tag in soup.find_all(True):
            for key, value in tag.attrs.items():
                assert not key.lower().startswith("on"), (name, str(tag)[:200])
                if key.lower() in URL_ATTRIBUTES:
                    for v in value if isinstance(value, list) else [value]:
                        url = re.sub(r"[\x00-\x20]", "", html.unescape(v)).lower()
                        if key.lower() == "href" and url.startswith(issues):
                            url = issues
                        assert not url.startswith(("javascript:", "data:", "vbscript:")), (
                            name,
                            key,
                            v,
                        )
                        assert "evil.example" not in url, (name, key, v)
            assert tag.name not in ("iframe", "object", "embed", "img", "base", "frame"), (
                name,
                str(tag)[:200],
            )


def test_config_is_never_expanded(site, transcript):
    assert "{{ config }}" in _text(transcript.select_one("article"))
    assert "{% raw %}" in _text(transcript.select_one("article"))
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            for leak in CONFIG_LEAKS:
                assert leak not in text, (path.relative_to(site), leak)


# ---------------------------------------------------------------- search, feeds, data


def test_search_index_holds_payloads_only_as_text(site, data):
    """The index holds words (folded, no markup can survive) and the names and article text as
    JSON strings; docs/assets/search.js builds results from text nodes around <mark> elements."""
    _, speaker, _ = data
    folder = site / "search-index"
    names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
    assert [speaker.id, speaker.name] in names["speakers"]
    for path in folder.rglob("*.json"):
        for key in _keys(json.loads(path.read_text(encoding="utf-8"))):
            assert "<" not in key and ">" not in key, (path.relative_to(site), key)
    search_js = (ROOT / "docs" / "assets" / "search.js").read_text()
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "DOMParser",
        "eval(",
    ):
        assert sink not in search_js, sink
    assert "textContent" in search_js and "createTextNode" in search_js


def _keys(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v)


def test_feeds_sitemap_and_data_export(site, data):
    t, speaker, _ = data
    atom = "{http://www.w3.org/2005/Atom}"
    feeds = sorted((site / "feeds").glob("*.xml"))
    assert feeds
    titles = []
    for feed in feeds:
        tree = ET.parse(feed)
        titles += [e.text for e in tree.iter(f"{atom}title")]
    assert t.title in titles
    assert f"On the Record: {speaker.name}" in titles
    ET.parse(site / "sitemap.xml")
    import gzip

    export = json.loads(gzip.decompress((site / "data" / "transcripts.json.gz").read_bytes()))
    values = set(_strings(export))
    for value in (t.title, t.location, speaker.name):
        assert value in values, value
    for paragraph in (p for turn in t.turns for p in turn.paragraphs):
        assert any(paragraph in v for v in values), paragraph


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
