"""Cross-links, computed once for the whole archive before any page is written."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from . import crossref
from .records import Archive, Event, Transcript


# An event with more official transcripts than this is a gathering of separate remarks (a summit),
# not one text published by several sources: its documents are not compared as versions.
MAX_VERSIONS = 3


@dataclass(frozen=True)
class Appearance:
    transcript: Transcript
    turns: int
    quotes: int


@dataclass
class Links:
    appearances: dict[str, list[Appearance]] = field(default_factory=lambda: defaultdict(list))
    co_speakers: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_event: dict[str, list[Transcript]] = field(default_factory=lambda: defaultdict(list))
    children: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    quote_matches: dict[str, list[crossref.QuoteMatch]] = field(default_factory=dict)  # by article id
    quoted_in: dict[tuple[str, str], list[crossref.QuoteMatch]] = field(default_factory=lambda: defaultdict(list))
    versions: dict[str, list[tuple[Transcript, Transcript, list[crossref.Row]]]] = field(default_factory=dict)


def sort_day(t: Transcript, archive: Archive) -> date:
    """A document's place on the timeline: its date, else its event's start."""
    if t.date:
        return t.date
    event = archive.events.get(t.event or "")
    return (event.start if event and event.start else date.min)


def newest_first(transcripts, archive: Archive) -> list[Transcript]:
    return sorted(transcripts, key=lambda t: (sort_day(t, archive), t.id), reverse=True)


def compute(archive: Archive) -> Links:
    links = Links()
    for t in newest_first(archive.transcripts, archive):
        people = t.speaker_ids()
        for sid in people:
            links.appearances[sid].append(Appearance(
                t, sum(1 for x in t.turns if x.speaker == sid), sum(1 for q in t.quotes if q.speaker == sid)))
            for other in people:
                if other != sid:
                    links.co_speakers[sid][other] += 1
        if t.event:
            links.by_event[t.event].append(t)
    for event in sorted(archive.events.values(), key=lambda e: (e.start or date.min, e.id)):
        if event.parent:
            links.children[event.parent].append(event)
    index = crossref.TurnIndex()
    for t in archive.transcripts:
        if t.is_article and t.quotes:
            related = [o for eid in family(t.event, archive) for o in links.by_event.get(eid, [])]
            matches = crossref.match_quotes(t, related, index)
            links.quote_matches[t.id] = matches
            for m in matches:
                if m.turn:
                    links.quoted_in[(m.transcript.id, m.turn.id)].append(m)
    surnames = {}
    for s in archive.speakers.values():
        if s.kind == "person":
            surnames.setdefault(s.name.lower().replace(".", "").split()[-1], s.id)
    surnames = {k: v for k, v in surnames.items() if k not in {"iii", "jr", "sr"} and len(k) > 2}
    for event_id, docs in links.by_event.items():
        official = sorted((d for d in docs if not d.is_article), key=lambda d: d.id)
        if not 2 <= len(official) <= MAX_VERSIONS:
            continue
        pairs = [(a, b, crossref.align(a, b, index)) for i, a in enumerate(official) for b in official[i + 1:]
                 if crossref.are_versions(a, b, surnames)]
        if pairs:
            links.versions[event_id] = pairs
    return links


def family(event_id: str | None, archive: Archive) -> list[str]:
    """The event, its ancestors and its descendants: where related documents are found."""
    if not event_id or event_id not in archive.events:
        return []
    found = [event_id]
    cursor = archive.events[event_id].parent
    while cursor and cursor in archive.events and cursor not in found:
        found.append(cursor)
        cursor = archive.events[cursor].parent
    queue = [event_id]
    while queue:
        current = queue.pop()
        for e in archive.events.values():
            if e.parent == current and e.id not in found:
                found.append(e.id)
                queue.append(e.id)
    return found
