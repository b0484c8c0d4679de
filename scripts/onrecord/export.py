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
from pathlib import Path

from .records import Archive, Transcript, newest_first

FORMAT_VERSION = 1
INDEX = "data/index.json"
BUNDLE = "data/transcripts.json"


def document_path(tid: str) -> str:
    return f"data/transcripts/{tid}.json"


def document(t: Transcript, archive: Archive) -> dict:
    speakers = []
    for sid in t.speaker_ids():
        s = archive.speakers[sid]
        role = s.role_on(t.date)
        speakers.append({"id": sid, "name": s.name, "role": role.describe() if role else None})
    doc = {
        "id": t.id, "url": f"transcripts/{t.id}/", "title": t.title,
        "date": t.date.isoformat() if t.date else None, "location": t.location, "event": t.event,
        "source_url": t.source_url, "source_kind": t.source_kind, "truncated": t.truncated,
        "speakers": speakers,
        "turns": [{"id": x.id, "speaker": x.speaker, "label": x.label, "text": x.speech} for x in t.turns],
    }
    if t.is_article:
        doc["quotes"] = [{"id": q.id, "speaker": q.speaker, "text": q.text} for q in t.quotes]
    return doc


def document_json(t: Transcript, archive: Archive) -> str:
    return json.dumps(document(t, archive), ensure_ascii=False, indent=1) + "\n"


def index_json(archive: Archive) -> str:
    """The list of documents, newest first: what the bundle concatenates, and a catalogue for tools."""
    rows = [{"id": t.id, "title": t.title, "date": t.date.isoformat() if t.date else None,
             "url": f"transcripts/{t.id}/", "json": document_path(t.id)}
            for t in newest_first(archive.transcripts, archive)]
    return json.dumps({"format": FORMAT_VERSION, "documents": rows}, ensure_ascii=False, indent=1) + "\n"


def bundle(docs: Path) -> bytes:
    """site/data/transcripts.json: every document file, in the index's order, as one JSON value."""
    listed = json.loads((docs / INDEX).read_text(encoding="utf-8"))["documents"]
    parts = []
    for row in listed:
        text = (docs / row["json"]).read_text(encoding="utf-8").rstrip("\n")
        parts.append("  " + text.replace("\n", "\n  "))
    return (f'{{\n "format": {FORMAT_VERSION},\n "documents": [\n' + ",\n".join(parts) + "\n ]\n}\n").encode("utf-8")
