"""The search indexes' plan: which page goes into which index, in which order they are asked."""

from __future__ import annotations

import json

from onrecord import search


def test_documents_go_to_their_year_newest_first_after_speakers_and_events(tmp_path):
    """Lists (home, years, the speaker and event indexes) and the 404 page are not searched."""
    site = tmp_path
    rows = [
        {
            "id": "b",
            "title": "B",
            "date": "2023-05-01",
            "url": "transcripts/b/",
            "json": "data/transcripts/b.json",
        },
        {
            "id": "a",
            "title": "A",
            "date": "2021-01-02",
            "url": "transcripts/a/",
            "json": "data/transcripts/a.json",
        },
        {
            "id": "d",
            "title": "D",
            "date": "2023-01-09",
            "url": "transcripts/d/",
            "json": "data/transcripts/d.json",
        },
        {
            "id": "c",
            "title": "C",
            "date": None,
            "url": "transcripts/c/",
            "json": "data/transcripts/c.json",
        },
    ]
    (site / "data").mkdir()
    (site / "data" / "index.json").write_text(json.dumps({"format": 1, "documents": rows}))
    for page in (
        "index.html",
        "speakers/x/index.html",
        "speakers/index.html",
        "events/e/index.html",
        "about/index.html",
        "transcripts/index.html",
        "transcripts/year-2023/index.html",
        "transcripts/a/index.html",
        "transcripts/b/index.html",
        "transcripts/c/index.html",
        "transcripts/d/index.html",
        "pagefind/2023/stale.html",
        "404.html",
    ):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<html></html>")
    assert [(s.name, s.pages) for s in search.plan(site)] == [
        ("pages", ("events/e/index.html", "speakers/x/index.html", "about/index.html")),
        ("2023", ("transcripts/b/index.html", "transcripts/d/index.html")),
        ("2021", ("transcripts/a/index.html",)),
        ("undated", ("transcripts/c/index.html",)),
    ]
