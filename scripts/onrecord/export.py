"""The archive as data, for readers and tools. Its shape is a promise: add fields, never rename
or remove one (README, "Data export").

    docs/data/transcripts/<id>.json   one document              (written by convert, one per transcript)
    docs/data/index.json              every document, listed    (written by convert)
    data/transcripts.json             every document, in full   (bundled by the MkDocs hook at build time)

Convert writes one file per document so that a correction rewrites one small file, not the
whole archive; the bundle is a concatenation, made once per build.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .incremental import Output
from .records import Archive, Speaker, Transcript

if TYPE_CHECKING:  # the MkDocs hooks import this module: it stays free of the matching libraries
    from .links import Links, Listing

FORMAT_VERSION = 1
FOLDER = "data"
INDEX = f"{FOLDER}/index.json"
BUNDLE = f"{FOLDER}/transcripts.json"


def document_path(tid: str) -> str:
    return f"{FOLDER}/transcripts/{tid}.json"


def document(t: Transcript, speakers: tuple[Speaker, ...]) -> dict:
    """`speakers`: the document's, in order of appearance."""
    doc = {
        "id": t.id,
        "url": f"transcripts/{t.id}/",
        "title": t.title,
        "date": t.date.isoformat() if t.date else None,
        "location": t.location,
        "event": t.event,
        "source_url": t.source_url,
        "source_kind": t.source_kind,
        "truncated": t.truncated,
        "speakers": [{"id": s.id, "name": s.name, "role": s.role_text(t.date)} for s in speakers],
        "turns": [
            {"id": x.id, "speaker": x.speaker, "label": x.label, "text": x.speech} for x in t.turns
        ],
    }
    if t.is_article:
        doc["quotes"] = [{"id": q.id, "speaker": q.speaker, "text": q.text} for q in t.quotes]
    return doc


def document_json(t: Transcript, speakers: tuple[Speaker, ...]) -> str:
    return json.dumps(document(t, speakers), ensure_ascii=False, indent=1) + "\n"


def index_json(documents: tuple[Listing, ...]) -> str:
    """The list of documents, newest first: what the bundle concatenates, and a catalogue for tools."""
    rows = [
        {
            "id": t.id,
            "title": t.title,
            "date": t.date.isoformat() if t.date else None,
            "url": f"transcripts/{t.id}/",
            "json": document_path(t.id),
        }
        for t in documents
    ]
    return (
        json.dumps({"format": FORMAT_VERSION, "documents": rows}, ensure_ascii=False, indent=1)
        + "\n"
    )


def _document_file(t: Transcript, speakers: tuple[Speaker, ...]) -> dict[str, str]:
    return {document_path(t.id): document_json(t, speakers)}


def _index_file(documents: tuple[Listing, ...]) -> dict[str, str]:
    return {INDEX: index_json(documents)}


def outputs(archive: Archive, links: Links) -> Iterator[Output]:
    for t in archive.transcripts:
        yield Output(
            document_path(t.id),
            _document_file,
            (t, tuple(archive.speakers[s] for s in t.speaker_ids())),
        )
    yield Output(INDEX, _index_file, (tuple(links.listings[t.id] for t in links.newest),))


def bundle(docs: Path) -> bytes:
    """site/data/transcripts.json: every document file, in the index's order, as one JSON value."""
    listed = json.loads((docs / INDEX).read_text(encoding="utf-8"))["documents"]
    parts = []
    for row in listed:
        text = (docs / row["json"]).read_text(encoding="utf-8").rstrip("\n")
        parts.append("  " + text.replace("\n", "\n  "))
    return (
        f'{{\n "format": {FORMAT_VERSION},\n "documents": [\n' + ",\n".join(parts) + "\n ]\n}\n"
    ).encode("utf-8")
