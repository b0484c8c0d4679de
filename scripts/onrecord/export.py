"""data/transcripts.json: the archive as data, for readers and tools. Its shape is a promise:
add fields, never rename or remove one (README, "Data export")."""
from __future__ import annotations

import json

from .links import newest_first
from .records import Archive

FORMAT_VERSION = 1


def transcripts_json(archive: Archive, memo: dict | None = None) -> str:
    """`memo` (updated in place) keeps each document's JSON between runs, by its digest."""
    memo = {} if memo is None else memo
    used = {}
    fragments = []
    for t in newest_first(archive.transcripts, archive):
        key = (archive.digests.get(t.id), tuple(archive.speakers[s] for s in t.speaker_ids()))
        if key[0] and key in memo:
            fragments.append(memo[key])
            used[key] = memo[key]
            continue
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
        text = "  " + json.dumps(doc, ensure_ascii=False, indent=1).replace("\n", "\n  ")
        fragments.append(text)
        used[key] = text
    memo.clear()
    memo.update(used)
    return f'{{\n "format": {FORMAT_VERSION},\n "documents": [\n' + ",\n".join(fragments) + "\n ]\n}\n"
