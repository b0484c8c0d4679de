"""Cross-links, computed once for the whole archive before any page is written."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from . import crossref
from .records import Archive, Event, Transcript, newest_first


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
    appearances: dict[str, list[Appearance]] = field(default_factory=lambda: defaultdict(list))  # newest first
    co_speakers: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_event: dict[str, list[Transcript]] = field(default_factory=lambda: defaultdict(list))
    children: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    quote_matches: dict[str, list[crossref.QuoteMatch]] = field(default_factory=dict)  # by article id
    quoted_in: dict[tuple[str, str], list[crossref.QuoteMatch]] = field(default_factory=lambda: defaultdict(list))
    versions: dict[str, list[tuple[Transcript, Transcript, list[crossref.Row]]]] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)

    def family(self, event_id: str | None) -> list[str]:
        """The event, its ancestors and its descendants: where related documents are found."""
        if not event_id or event_id not in self.events:
            return []
        found = [event_id]
        cursor = self.events[event_id].parent
        while cursor and cursor in self.events and cursor not in found:
            found.append(cursor)
            cursor = self.events[cursor].parent
        queue = [event_id]
        while queue:
            for child in self.children.get(queue.pop(), []):
                if child.id not in found:
                    found.append(child.id)
                    queue.append(child.id)
        return found


def compute(archive: Archive, memo: dict | None = None) -> Links:
    """`memo` (updated in place) keeps quote matches and version alignments between runs,
    keyed by the digests of the documents they were computed from."""
    memo = {} if memo is None else memo
    used: dict = {}
    links = Links()
    links.events = archive.events
    for t in newest_first(archive.transcripts, archive):
        people = t.speaker_ids()
        counts = t.counts()
        for sid in people:
            links.appearances[sid].append(Appearance(t, counts[sid][0], counts[sid][1]))
            for other in people:
                if other != sid:
                    links.co_speakers[sid][other] += 1
        if t.event:
            links.by_event[t.event].append(t)
    for event in sorted(archive.events.values(), key=lambda e: (e.start or date.min, e.id)):
        if event.parent:
            links.children[event.parent].append(event)
    index = crossref.TurnIndex()
    digests = archive.digests
    by_id = {t.id: t for t in archive.transcripts}
    for t in archive.transcripts:
        if t.is_article and t.quotes:
            related = [o for eid in links.family(t.event) for o in links.by_event.get(eid, [])]
            key = ("quotes", digests.get(t.id), tuple(sorted(digests.get(o.id, o.id) for o in related)))
            if key[1] and key in memo:
                matches = [crossref.QuoteMatch(t, q, by_id.get(tid), _turn(by_id.get(tid), turn_id), score, wrong)
                           for q, (tid, turn_id, score, wrong) in zip(t.quotes, memo[key])]
            else:
                matches = crossref.match_quotes(t, related, index)
            used[key] = tuple((m.transcript.id if m.transcript else None, m.turn.id if m.turn else None,
                               m.score, m.misattributed) for m in matches)
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
        pairs = []
        for i, a in enumerate(official):
            for b in official[i + 1:]:
                if not crossref.are_versions(a, b, surnames):
                    continue
                key = ("versions", digests.get(a.id), digests.get(b.id))
                if key[1] and key[2] and key in memo:
                    rows = [crossref.Row(_turn(a, l), _turn(b, r), score) for l, r, score in memo[key]]
                else:
                    rows = crossref.align(a, b, index)
                used[key] = tuple((r.left.id if r.left else None, r.right.id if r.right else None, r.score)
                                  for r in rows)
                pairs.append((a, b, rows))
        if pairs:
            links.versions[event_id] = pairs
    memo.clear()
    memo.update(used)
    return links


def _turn(t: Transcript | None, turn_id: str | None):
    if t is None or turn_id is None:
        return None
    return next(x for x in t.turns if x.id == turn_id)
