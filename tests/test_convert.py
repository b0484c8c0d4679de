"""Conversion: deterministic, incremental, cross-linked both ways, text rendered as data."""

from __future__ import annotations

import html
import re
import time

import markdown
import yaml

from onrecord import archive as archive_io
from onrecord import convert, settings


def test_same_input_same_bytes(archive, root):
    site = settings.load(root)
    assert convert.render(archive, site) == convert.render(archive, site)


def test_a_correction_rewrites_only_the_pages_that_depend_on_it(archive_copy):
    first = convert.convert(archive_copy)
    assert first.written and not first.removed
    docs = archive_copy / "docs"
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    again = convert.convert(archive_copy)
    assert again.written == () and again.removed == ()
    time.sleep(0.01)
    source = (
        archive_copy
        / "source_texts"
        / "transcripts"
        / "2022-04-06-blinken-stoltenberg-before-meeting.txt"
    )
    source.write_text(
        source.read_text()
        .replace("apartments available at NATO", "flats available at NATO")
        .replace(
            "omitted:",
            "corrections:\n- date: '2026-11-20'\n  turns: [t-002]\n"
            "  summary: t-002 flats, not apartments\n  removed: apartments\nomitted:",
        )
    )
    result = convert.convert(archive_copy)
    # the whole-archive data files are made at build time, from the records: not here
    assert result.written == (
        "data/transcripts/2022-04-06-blinken-stoltenberg-before-meeting.json",
        "transcripts/2022-04-06-blinken-stoltenberg-before-meeting.md",
    )
    unchanged = [p for p in mtimes if p.relative_to(docs).as_posix() not in result.written]
    assert all(p.stat().st_mtime_ns == mtimes[p] for p in unchanged)


def test_removed_transcript_removes_its_pages(archive_copy):
    convert.convert(archive_copy)
    (
        archive_copy
        / "source_texts"
        / "transcripts"
        / "2022-06-stoltenberg-washington-visit-article.txt"
    ).unlink()
    result = convert.convert(archive_copy)
    assert "transcripts/2022-06-stoltenberg-washington-visit-article.md" in result.removed
    assert "speakers/lloyd-austin.md" in result.removed  # he appears in no other document


def test_transcript_speaker_and_event_pages_link_both_ways(archive, root):
    files = convert.render(archive, settings.load(root))
    t = files["transcripts/2022-06-01-stoltenberg-blinken-press-conference.md"]
    assert (
        "(../speakers/jens-stoltenberg.md)" in t
        and "(../events/2022-06-01-blinken-stoltenberg-press-conference.md)" in t
    )
    assert (
        "(../transcripts/2022-06-01-stoltenberg-blinken-press-conference.md)"
        in files["speakers/jens-stoltenberg.md"]
    )
    event = files["events/2022-06-stoltenberg-washington-visit.md"]
    assert "(../transcripts/2022-06-stoltenberg-washington-visit-article.md)" in event
    assert "(2022-06-01-blinken-stoltenberg-press-conference.md)" in event  # child event
    # the article and the press conference belong to the same visit: each lists the other
    assert "(2022-06-stoltenberg-washington-visit-article.md)" in t
    assert "{ #t-007 }" in t and "Vivian Salama" in t and "(The Wall Street Journal)" in t


def test_role_at_the_date_and_editorial_marks(archive, root):
    t = convert.render(archive, settings.load(root))[
        "transcripts/2022-04-06-blinken-stoltenberg-before-meeting.md"
    ]
    assert "(Secretary of State, U.S. Department of State)" in t and "(NATO Secretary General)" in t
    assert "editorial inference" in t and "Not stated in the capture" in t
    assert (
        "edit/main/source_texts/transcripts/2022-04-06-blinken-stoltenberg-before-meeting.txt" in t
    )


PAYLOADS = [
    "<script>alert(1)</script>",
    "{{ config }}",
    "[x](javascript:alert(1))",
    "*emphasis*",
    '--8<-- "README.md"',
    "<img src=x onerror=alert(1)>",
]


def test_text_is_data(archive_copy):
    """Transcript text with markup renders as those characters, never as markup or code."""
    path = (
        archive_copy
        / "source_texts"
        / "transcripts"
        / "2022-04-06-blinken-stoltenberg-before-meeting.txt"
    )
    text = path.read_text()
    text = text.replace(
        "[t-002] SECRETARY BLINKEN: ", "[t-002] SECRETARY BLINKEN: " + " ".join(PAYLOADS) + " "
    )
    text = text.replace(
        "title: Secretary Antony", "title: <script>alert(2)</script> {{ config }} Secretary Antony"
    ).replace(  # words added to a turn are a correction's, naming the turn
        "omitted:",
        "corrections:\n- date: '2026-11-20'\n  turns: [t-002]\n  summary: payloads\nomitted:",
    )
    path.write_text(text)
    a = archive_io.load_archive(archive_io.Layout(archive_copy))
    page = convert.render(a, settings.load(archive_copy))[
        "transcripts/2022-04-06-blinken-stoltenberg-before-meeting.md"
    ]
    config = (
        yaml.safe_load((archive_copy / "mkdocs.yml").read_text().split("\ntheme:")[0] + "\n") or {}
    )
    body = page.split("---\n", 2)[2]
    rendered = markdown.markdown(
        body, extensions=["toc", "attr_list", "md_in_html", "admonition", "tables"]
    )
    assert "<script" not in rendered and "<img" not in rendered and "<em>" not in rendered
    assert 'href="javascript' not in rendered
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert " ".join(PAYLOADS) in visible
    assert "<script>alert(2)</script> {{ config }} Secretary Antony" in visible
    meta = yaml.safe_load(page.split("---\n", 2)[1])
    assert meta["title"].startswith(
        "&lt;script&gt;alert(2)&lt;/script&gt;"
    )  # themes print meta unescaped
    assert config.get("site_name", "On the Record") not in visible.split("Secretary Antony")[0]


def test_links_between_pages_are_relative_to_the_page():
    from onrecord.pages import rel

    assert rel("transcripts/year-2022.md", "transcripts/a.md") == "a.md"
    assert rel("index.md", "speakers/x.md") == "speakers/x.md"
    assert rel("speakers/x.md", "events/e.md") == "../events/e.md"
    assert rel("speakers/index.md", "about.md") == "../about.md"
    assert rel("a/b/c.md", "a/x.md") == "../x.md"


def test_a_new_title_rewrites_the_lists_and_pages_that_show_it(archive_copy):
    convert.convert(archive_copy)
    source = (
        archive_copy
        / "source_texts"
        / "transcripts"
        / "2022-04-06-blinken-stoltenberg-before-meeting.txt"
    )
    source.write_text(
        source.read_text().replace(
            "title: Secretary Antony J. Blinken and NATO Secretary General Jens Stoltenberg Before Their Meeting",
            "title: Blinken and Stoltenberg Before Their Meeting",
        )
    )
    written = set(convert.convert(archive_copy).written)
    tid = "2022-04-06-blinken-stoltenberg-before-meeting"
    assert {
        f"transcripts/{tid}.md",
        "data/index.json",
        "transcripts/year-2022.md",
        "events/2022-04-06-blinken-stoltenberg-meeting.md",
        "speakers/antony-blinken.md",
    } <= written
    assert all(
        "Blinken and Stoltenberg Before Their Meeting" in (archive_copy / "docs" / p).read_text()
        for p in written
        if not p.startswith("feeds/")
    )


def test_questions_put_to_a_speaker_come_from_journalists_not_moderators(archive, root):
    files = convert.render(archive, settings.load(root))
    assert (
        "Questions put to them" not in files["speakers/sergey-lavrov.md"]
    )  # only the moderator opens
    pompeo = files["speakers/mike-pompeo.md"]
    assert "- Michelle Nichols (Reuters), [26 January 2019]" in pompeo
    assert "Robert Palladino" not in pompeo.split("## Questions put to them")[1].split("##")[0]


def test_every_generated_entry_of_docs_is_ignored_by_git(root):
    """convert.GENERATED is the one list of what convert owns in docs/; .gitignore must agree."""
    import subprocess

    for top in convert.GENERATED:
        done = subprocess.run(["git", "check-ignore", "-q", f"docs/{top}"], cwd=root)
        assert done.returncode == 0, f"docs/{top} is generated but not in .gitignore"
    assert subprocess.run(["git", "check-ignore", "-q", "docs/about.md"], cwd=root).returncode == 1
