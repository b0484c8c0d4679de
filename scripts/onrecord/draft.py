"""An Extraction -> the files of a new transcript: the cleaned draft and registry additions.

Pure functions: `importer` does the writing, all or nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from . import yamlio
from .cleaned import label_name, render
from .ingest.extract import DraftQuote, DraftTurn, Extraction
from .ingest.metadata import title_from_url
from .records import Quote, Transcript, Turn
from .registry import Registry, fold
from .validate import slugify

OFFICIAL = ("state.gov", "nato.int", "whitehouse.gov", "archives.gov", "defense.gov")
MIRRORS = ("usembassy.gov", "usmission.gov")


@dataclass(frozen=True)
class Draft:
    id: str
    text: str  # the cleaned file
    new_speakers: tuple[dict, ...]  # registry entries to add, marked draft


def source_kind(url: str | None, x: Extraction) -> str:
    if x.kind == "news article":
        return "news article"
    host = urlparse(url).netloc.lower() if url else ""
    if any(host == h or host.endswith("." + h) for h in OFFICIAL):
        return "official transcript"
    if any(host.endswith(h) for h in MIRRORS):
        return "repost"
    return "other"


def suggest_id(x: Extraction, url: str | None) -> str:
    stem = date.isoformat(x.date) if x.date else "undated"
    names: list[str] = []
    said: list[DraftTurn | DraftQuote] = [*x.turns, *x.quotes]
    for t in said:
        if t.speaker and t.speaker_id != "unidentified-journalist":
            surname = slugify(t.speaker.split()[-1])
            if surname and surname not in names:
                names.append(surname)
    words = (
        names[:2]
        + [
            w
            for w in slugify(x.title or title_from_url(url) or "").split("-")
            if w
            in {
                "remarks",
                "interview",
                "briefing",
                "press",
                "conference",
                "meeting",
                "availability",
                "statement",
                "greeting",
                "bilateral",
                "doorstep",
            }
        ][:2]
    )
    return "-".join([stem, *(words or ["transcript"])])


def build(
    x: Extraction, raw_bytes: bytes, raw_path: str, tid: str, url: str | None, registry: Registry
) -> Draft:
    new: dict[str, dict] = {}
    editorial: dict[str, str] = {}

    def speaker_id(sid: str | None, name: str | None, outlet: str | None) -> str:
        if sid:
            return sid
        slug = slugify(name or "unknown-speaker")
        while slug in registry.speakers and fold(registry.speakers[slug].name) != fold(name or ""):
            slug += "-2"
        if slug not in registry.speakers and slug not in new:
            entry = {"id": slug, "name": name or "Unknown speaker", "draft": True}
            if outlet:
                entry["outlet"] = outlet
            new[slug] = entry
        elif slug in new and outlet and "outlet" not in new[slug]:  # a later turn names the outlet
            new[slug] = {"id": slug, "name": new[slug]["name"], "outlet": outlet, "draft": True}
        return slug

    turns: list[Turn] = []
    labels: dict[str, str] = {}
    for number, t in enumerate(x.turns, start=1):
        tid_ = f"t-{number:03d}"
        sid = (
            speaker_id(t.speaker_id, t.speaker, t.outlet)
            if (t.speaker or t.speaker_id)
            else "unknown-speaker"
        )
        if sid == "unknown-speaker" and sid not in registry.speakers:
            new.setdefault(sid, {"id": sid, "name": "Unknown speaker", "draft": True})
        if t.basis:
            editorial[tid_] = t.basis
        elif t.label is None:
            editorial[tid_] = (
                "Printed without a label; the title names the speaker."
                if t.speaker
                else "Printed without a label and the capture does not say who speaks: review."
            )
        if t.label is not None:
            key = label_name(t.label.printed)
            labels.setdefault(key, sid)
        turns.append(
            Turn(tid_, sid, t.label.printed if t.label else None, tuple(t.paragraphs), None)
        )
    if x.speakers_note:
        editorial["speakers"] = x.speakers_note
    quotes = tuple(
        Quote(f"q-{n:03d}", speaker_id(q.speaker_id, q.speaker, None), q.text)
        for n, q in enumerate((q for q in x.quotes if q.speaker), start=1)
    )

    title = x.title
    if not title:
        title = title_from_url(url) or "Untitled capture"
        editorial["title"] = (
            "The capture has no title; taken from the source URL."
            if url
            else "The capture has no title: write the document's title."
        )
    if x.date and x.date_source and "URL" in x.date_source:
        editorial["date"] = "Stated only in the source URL."
    elif (
        x.date
        and x.date_source
        and not x.date_source.startswith(
            ("dateline", "the capture's front matter", "date line", "the title")
        )
    ):
        editorial["date"] = (
            f"Not in a dateline: from {x.date_source}."  # a caption, an article's lead
        )
    if (
        x.location
        and x.location_source
        and x.location_source.startswith(("stated in", "the article's"))
    ):
        editorial["location"] = f"Not in a dateline: {x.location_source}."
    last_line = (
        x.turns[-1].paragraphs[-1] if x.turns else (x.paragraphs[-1] if x.paragraphs else "")
    ).rstrip()
    truncated = bool(last_line) and not last_line.endswith(tuple('.?!…"”’—–)]'))
    if truncated:
        editorial["truncated"] = "The capture ends mid-sentence."

    front: dict = {"id": tid, "title": title}
    if x.date:
        front["date"] = x.date.isoformat()
    if x.time:
        front["time"] = x.time
    if x.location:
        front["location"] = x.location
    if url:
        front["source_url"] = url
    front["source_kind"] = source_kind(url, x)
    front["raw"] = raw_path
    front["raw_sha256"] = hashlib.sha256(raw_bytes).hexdigest()
    if truncated:
        front["truncated"] = True
    if labels:
        front["speakers"] = labels
    if editorial:
        front["editorial"] = editorial
    if quotes:
        front["quotes"] = [{"id": q.id, "speaker": q.speaker, "text": q.text} for q in quotes]
    front["omitted"] = [
        {"lines": f"{a}-{b}" if a != b else str(a), **({"text": part} if part else {}), "reason": r}
        for a, b, r, part in x.removed
    ]
    notes = [f"Imported by onrecord; review before publishing: {n}" for n in x.undecided]
    notes += [f"Imported by onrecord; inferred: {n}" for n in x.inferred]
    notes += [f"Imported by onrecord; seen in the capture but not used: {n}" for n in x.not_used]
    if notes:
        front["notes"] = notes
    record = Transcript(
        id=tid,
        title=title,
        source_kind=front["source_kind"],
        raw=raw_path,
        path="",
        speakers=tuple(labels.items()),
        turns=tuple(turns),
        paragraphs=tuple(x.paragraphs),
        quotes=quotes,
    )
    return Draft(tid, render(record, front), tuple(new.values()))


def registry_addition(entries: tuple[dict, ...]) -> str:
    """YAML to append to speakers.yml: appending keeps the file's comments and order."""
    if not entries:
        return ""
    return (
        "\n# added by `onrecord import`: review, complete the roles, then remove `draft`\n"
        + yamlio.dump(list(entries))
    )
