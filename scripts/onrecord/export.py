"""The archive as JSON, for readers and tools. Its shape is a promise: fields are only ever
added; a change that renames or removes one raises FORMAT_VERSION (README, "Data export").

    data/transcripts/<id>.json  one document                  (convert: one file per document,
                                                              so a correction rewrites one)
    data/index.json          every document, listed           (convert)
    data/transcripts.json.gz every document in full, gzipped  (downloads, at build time: the
                                                              same documents, once uncompressed)
    data/people.json         the speakers as Popolo           (downloads, at build time)

FORMAT_VERSION is stated by every data file, these and the data package, the database and
Datasette's metadata (onrecord.downloads): one number, raised once for all of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .incremental import Output
from .records import Archive, Speaker, Transcript

if TYPE_CHECKING:  # the MkDocs hooks import this module: it stays free of the matching libraries
    from .links import Links, Listing

FORMAT_VERSION = 1
FOLDER = "data"
INDEX = f"{FOLDER}/index.json"


def document_path(tid: str) -> str:
    return f"{FOLDER}/transcripts/{tid}.json"


def document(t: Transcript, speakers: tuple[Speaker, ...]) -> dict:
    """`speakers`: the document's, in order of appearance."""
    doc: dict[str, object] = {
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
    # the corrections log, oldest first: entry n is #correction-n of the page (added in format 1)
    doc["corrections"] = [
        {
            "number": n,
            "date": c.date.isoformat(),
            "summary": c.summary,
            "turns": list(c.turns),
            "fields": list(c.fields),
            "source": c.source,
            "link": c.link,
            "removed": c.removed,
        }
        for n, c in enumerate(t.corrections, 1)
    ]
    return doc


def index_json(documents: tuple[Listing, ...]) -> str:
    """The list of documents, newest first: a catalogue for tools, and what search indexes."""
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


def document_json(t: Transcript, speakers: tuple[Speaker, ...]) -> str:
    return json.dumps(document(t, speakers), ensure_ascii=False, indent=1) + "\n"


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


def bundle(archive: Archive, links: Links) -> Iterator[str]:
    """transcripts.json: every document, newest first, as one JSON value, in pieces (one per
    document) so that a large archive is never one string in memory."""
    yield f'{{\n "format": {FORMAT_VERSION},\n "documents": ['
    for n, t in enumerate(links.newest):
        speakers = tuple(archive.speakers[s] for s in t.speaker_ids())
        text = json.dumps(document(t, speakers), ensure_ascii=False, indent=1)
        yield ("\n  " if n == 0 else ",\n  ") + text.replace("\n", "\n  ")
    yield "\n ]\n}\n"


# ---------------------------------------------------------------- Popolo


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "organization"


def popolo(archive: Archive, pages_url: str) -> dict:
    """The speakers as Popolo (https://www.popoloproject.com/): persons, the organisations of
    their roles and outlets, and memberships with their dates, in the shape TheyWorkForYou's
    people.json has. Groups (unnamed journalists) are not persons, and are left out."""
    people = [s for _, s in sorted(archive.speakers.items()) if s.kind == "person"]
    names = sorted(
        {r.org for s in people for r in s.roles if r.org} | {s.outlet for s in people if s.outlet}
    )
    org_ids: dict[str, str] = {}
    for name in names:  # sorted: two names of one slug are told apart the same way every time
        slug, n = _slug(name), 1
        while (slug if n == 1 else f"{slug}-{n}") in org_ids.values():
            n += 1
        org_ids[name] = slug if n == 1 else f"{slug}-{n}"
    outlets = {s.outlet for s in people if s.outlet}
    persons, memberships = [], []
    for s in people:
        person: dict = {"id": s.id, "name": s.name}
        if s.labels:
            person["other_names"] = [
                {"name": label, "note": "label as printed"} for label in s.labels
            ]
        person["identifiers"] = [{"scheme": "onrecord", "identifier": s.id}]
        person["links"] = [{"url": f"{pages_url}speakers/{s.id}/", "note": "On the Record"}]
        persons.append(person)
        for n, r in enumerate(s.roles, 1):
            m: dict = {
                "id": f"{s.id}-{n}",
                "person_id": s.id,
                "role": r.title,
                "label": r.describe(),
            }
            if r.org:
                m["organization_id"] = org_ids[r.org]
            if r.start:
                m["start_date"] = r.start.isoformat()
            if r.end:
                m["end_date"] = r.end.isoformat()
            memberships.append(m)
        if s.outlet:
            memberships.append(
                {"id": f"{s.id}-outlet", "person_id": s.id, "organization_id": org_ids[s.outlet]}
            )
    organizations = [
        {"id": org_ids[name], "name": name}
        | ({"classification": "news outlet"} if name in outlets else {})
        for name in names
    ]
    return {
        "format": FORMAT_VERSION,
        "persons": persons,
        "organizations": organizations,
        "memberships": memberships,
    }


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"
