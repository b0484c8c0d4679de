"""Readers see corrections: a corrected turn and a corrected fact are marked on the page and
link to their entry of the corrections log, which says what changed and where to check it.
The shipped archive has no correction: the log is added to a copy (tests/correcting.py)."""

from __future__ import annotations

import json

import pytest

from correcting import PRESS, SOURCE, add_corrections
from onrecord import convert, settings
from onrecord.archive import Layout, load_archive


@pytest.fixture()
def files(archive_copy) -> dict[str, str]:
    add_corrections(archive_copy)
    return convert.render(load_archive(Layout(archive_copy)), settings.load(archive_copy))


def tools(page: str, anchor: str) -> str:
    """The line under a turn's heading: its correction marks (cite.js adds "Cite" and "Report a
    problem" to it in the browser: tests/browser/test_corrections.py)."""
    lines = page.splitlines()
    at = next(i for i, line in enumerate(lines) if line.endswith(f"{{ #{anchor} }}"))
    return lines[at + 2] if lines[at + 2].startswith('<p class="or-turn-tools">') else ""


def test_a_corrected_turn_is_marked_and_links_to_its_entry(files):
    page = files[f"transcripts/{PRESS}.md"]
    one = '<a class="or-corrected" href="#correction-1">Corrected 1 December 2026</a>'
    two = '<a class="or-corrected" href="#correction-2">Corrected 2 December 2026</a>'
    assert tools(page, "t-001") == f'<p class="or-turn-tools">{one}</p>'
    assert two in tools(page, "t-005") and two in tools(page, "t-007")
    assert tools(page, "t-002") == tools(page, "t-006") == ""  # not corrected: no line
    # what cite.js makes every turn's "Report a problem" from, once; the page's own report link
    assert page.count('<div id="or-report" hidden data-form="https://github.com/OWNER/') == 1
    assert page.count("[Report a problem](https://github.com/OWNER/onrecord/issues/new?") == 1
    # the fact it changed: the place, not the date
    facts = {line.split(":**")[0]: line for line in page.splitlines() if line.startswith("- **")}
    assert facts["- **Place"].endswith(
        ' <a class="or-corrected" href="#correction-2">corrected</a>'
    )
    assert "or-corrected" not in facts["- **Date"] + facts["- **Event"]


def test_the_log_lists_each_entry_at_its_anchor(files):
    page = files[f"transcripts/{PRESS}.md"]
    log = page[page.index("## Corrections\n") :]
    assert log.index("### Correction 1, 1 December 2026 { #correction-1 }") < log.index(
        "### Correction 2, 2 December 2026 { #correction-2 }"
    )
    first, second = log.split("{ #correction-2 }")
    assert "- **Turns:** [t-001](#t-001) (Jens Stoltenberg)" in first
    assert (
        "- **Pull request:** [https://github.com/OWNER/onrecord/pull/7]"
        "(<https://github.com/OWNER/onrecord/pull/7>)" in first
    )
    assert "**Facts:**" not in first and "**Source:**" not in first
    assert (
        "- **Turns:** [t-005](#t-005) (Jens Stoltenberg), [t-007](#t-007) (Jens Stoltenberg)"
        in (second)
    )
    assert "- **Facts:** place" in second
    # the source's address is a link, the full stop after it is not part of it
    assert f"- **Source:** the State Department's transcript, [{SOURCE}](<{SOURCE}>)." in second
    assert "No correction since" not in log


def test_the_document_json_has_the_corrections(files):
    doc = json.loads(files[f"data/transcripts/{PRESS}.json"])
    assert [c["number"] for c in doc["corrections"]] == [1, 2]
    assert doc["corrections"][1] | {"summary": "", "source": ""} == {
        "number": 2,
        "date": "2026-12-02",
        "summary": "",
        "turns": ["t-005", "t-007"],
        "fields": ["location"],
        "source": "",
        "link": None,
        "removed": None,
    }


def test_no_report_link_without_a_repository(archive_copy):
    add_corrections(archive_copy)
    archive = load_archive(Layout(archive_copy))
    page = convert.render(archive, settings.Settings(repo_url=""))[f"transcripts/{PRESS}.md"]
    assert "Report a problem" not in page and "issues/new" not in page
    # the marks stay: they need no repository
    assert '<p class="or-turn-tools"><a class="or-corrected" href="#correction-1">' in page
    assert tools(page, "t-002") == ""
