"""Cross-links, computed once for the whole archive before any page is made (Pelican's first
phase: gather every context, then write).

Everything here costs at most linear time in the number of documents of an event, so a summit
of hundreds of documents costs what hundreds of separate meetings cost:

    appearances     each speaker's documents, newest first
    by_event        each event's documents, newest first; `related` takes the newest of a family
    quotes          news quotes matched with the turns of the official transcripts of the same
                    event family, through the word triples the quotes contain (never every quote
                    against every turn), and kept between runs: a correction re-scores the quotes
                    of its family against the corrected document only
    versions        two or three publishers' transcripts of one event, aligned turn by turn
"""

from __future__ import annotations

import datetime
import hashlib
import heapq
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import crossref
from .records import Archive, Event, Quote, Transcript, Turn, newest_first, sort_day

# An event with more official transcripts than this is a gathering of separate remarks (a summit),
# not one text published by several sources: its documents are not compared as versions.
MAX_VERSIONS = 3
RELATED = 12  # other documents of the same event family listed on a transcript page


@dataclass(frozen=True)
class Listing:
    """A document as lists show it: no words, so a correction of words leaves lists alone."""

    id: str
    title: str
    date: datetime.date | None
    day: datetime.date  # its place on the timeline (records.sort_day)
    source_kind: str
    event: str | None  # an event of the registry, or None
    event_name: str | None
    names: tuple[str, ...]  # everyone who speaks or is quoted, in order of appearance
    people: tuple[str, ...]  # the same, persons only (no groups such as unidentified journalists)


@dataclass(frozen=True)
class Appearance:
    transcript: Transcript
    turns: int
    quotes: int
    day: date  # the document's place on the timeline
    event: Event | None


@dataclass(frozen=True)
class QuoteMatch:
    """A news quote and the turn of an official transcript that has its words (None: unverified)."""

    article: str  # article id
    quote: Quote
    transcript: str | None  # transcript id
    turn: str | None  # turn id
    score: float
    misattributed: bool  # the transcript gives these words to someone else


@dataclass
class Links:
    documents: dict[str, Transcript] = field(default_factory=dict)  # by id
    listings: dict[str, Listing] = field(default_factory=dict)  # by document id
    newest: list[Transcript] = field(default_factory=list)  # every document, newest first
    appearances: dict[str, list[Appearance]] = field(default_factory=lambda: defaultdict(list))
    co_speakers: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_event: dict[str, list[Transcript]] = field(default_factory=lambda: defaultdict(list))
    children: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    quote_matches: dict[str, list[QuoteMatch]] = field(default_factory=dict)  # by article id
    quoted_in: dict[tuple[str, str], list[QuoteMatch]] = field(
        default_factory=lambda: defaultdict(list)
    )
    versions: dict[str, list[tuple[Transcript, Transcript, list[crossref.Row]]]] = field(
        default_factory=dict
    )
    events: dict[str, Event] = field(default_factory=dict)
    _families: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def family(self, event_id: str | None) -> tuple[str, ...]:
        """The event, its ancestors and its descendants: where related documents are found."""
        if not event_id or event_id not in self.events:
            return ()
        if event_id not in self._families:
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
            self._families[event_id] = tuple(found)
        return self._families[event_id]

    def family_documents(self, event_id: str | None) -> list[Transcript]:
        """The documents of the event's family, event by event (each newest first)."""
        return [t for eid in self.family(event_id) for t in self.by_event.get(eid, [])]

    def related(self, t: Transcript, limit: int = RELATED) -> tuple[tuple[Listing, ...], int]:
        """The newest `limit` other documents of t's event family, and how many there are in all."""
        family = self.family(t.event)
        total = sum(len(self.by_event.get(eid, ())) for eid in family) - (
            1 if t.event in self.by_event else 0
        )
        lists = [self.by_event.get(eid, []) for eid in family]
        newest = heapq.merge(*lists, key=lambda o: (self.listings[o.id].day, o.id), reverse=True)
        top = tuple(
            self.listings[o.id]
            for o in itertools.islice((o for o in newest if o.id != t.id), limit)
        )
        return top, total


def listing(t: Transcript, archive: Archive) -> Listing:
    names = tuple(archive.speakers[s].name for s in t.speaker_ids())
    people = tuple(
        archive.speakers[s].name for s in t.speaker_ids() if archive.speakers[s].kind == "person"
    )
    event = archive.events.get(t.event or "")
    return Listing(
        t.id,
        t.title,
        t.date,
        sort_day(t, archive),
        t.source_kind,
        event.id if event else None,
        event.name if event else None,
        names,
        people,
    )


def compute(
    archive: Archive, memo: Mapping[Any, Any] | None = None
) -> tuple[Links, dict[Any, Any]]:
    """The cross-links, and what to remember for the next run. `memo` is the previous run's:
    quote matches and version alignments, by the digests of the documents they came from."""
    memo = memo or {}
    links = Links(events=archive.events)
    links.newest = newest_first(archive.transcripts, archive)
    for t in links.newest:
        links.documents[t.id] = t
        links.listings[t.id] = listing(t, archive)
        day = links.listings[t.id].day
        event = archive.events.get(t.event or "")
        people = t.speaker_ids()
        counts = t.counts()
        for sid in people:
            links.appearances[sid].append(Appearance(t, counts[sid][0], counts[sid][1], day, event))
            for other in people:
                if other != sid:
                    links.co_speakers[sid][other] += 1
        if t.event:
            links.by_event[t.event].append(t)
    for event in sorted(archive.events.values(), key=lambda e: (e.start or date.min, e.id)):
        if event.parent:
            links.children[event.parent].append(event)
    remembered: dict[Any, Any] = {}
    _quotes(archive, links, memo, remembered)
    _versions(archive, links, memo, remembered, crossref.TurnIndex())
    return links, remembered


# ---------------------------------------------------------------- news quotes


def _digest(signature: tuple[tuple[str, str], ...]) -> str:
    return hashlib.blake2b(repr(signature).encode("utf-8"), digest_size=16).hexdigest()


def _quotes(
    archive: Archive, links: Links, memo: Mapping[Any, Any], remembered: dict[Any, Any]
) -> None:
    """Match every article's quotes; articles of one event share their candidates, and the quotes
    that must be looked for everywhere are looked for in one pass over the candidates' words."""
    families: dict[str | None, list[Transcript]] = {}
    for t in archive.transcripts:
        if t.is_article and t.quotes:
            families.setdefault(t.event, []).append(t)
    for event, articles in families.items():
        candidates = [o for o in links.family_documents(event) if not o.is_article]
        signature = tuple((o.id, o.digest) for o in candidates)
        signed = _digest(signature)
        remembered[("candidates", event)] = signature
        before_signature = memo.get(("candidates", event))
        found: dict[str, list[crossref.Best]] = {}
        everywhere: list[
            tuple[str, int]
        ] = []  # (article, quote index) to look for in every candidate
        for t in articles:
            found[t.id], missing = _remembered(
                t, candidates, signed, memo.get(("quotes", t.id)), before_signature
            )
            everywhere.extend((t.id, n) for n in missing)
        if everywhere:
            by_article = {t.id: t for t in articles}
            bests = crossref.best_turns(
                [by_article[a].quotes[n] for a, n in everywhere], candidates
            )
            for (a, n), best in zip(everywhere, bests, strict=True):
                found[a][n] = best
        by_id = {o.id: o for o in candidates}
        for t in articles:
            matches = []
            for q, (score, tid, turn_id) in zip(t.quotes, found[t.id], strict=True):
                if tid is not None and score >= crossref.MATCH:
                    turn = next(x for x in by_id[tid].turns if x.id == turn_id)
                    matches.append(
                        QuoteMatch(t.id, q, tid, turn_id, score, turn.speaker != q.speaker)
                    )
                else:
                    matches.append(QuoteMatch(t.id, q, None, None, score, False))
            remembered[("quotes", t.id)] = (t.digest, signed, tuple(found[t.id]))
            links.quote_matches[t.id] = matches
            for m in matches:
                if m.transcript and m.turn:
                    links.quoted_in[(m.transcript, m.turn)].append(m)


def _remembered(
    article: Transcript, candidates: list[Transcript], signed: str, previous, before_signature
) -> tuple[list[crossref.Best], list[int]]:
    """What is known of the article's quotes from the last run, and which quotes must be looked
    for in every candidate.

    Remembered per article: its digest, the digest of its candidates (id and digest of each, in
    order; the candidates themselves are remembered once per event) and each quote's best
    (score, transcript, turn). When only some candidates changed since, each quote is scored
    against those alone and compared with its remembered best: the result is the one a full
    computation gives, ties going to the earlier candidate as there."""
    unknown: list[crossref.Best] = [(0.0, None, None)] * len(article.quotes)
    if not previous or previous[0] != article.digest:
        return list(unknown), list(range(len(article.quotes)))
    if previous[1] == signed:
        return list(previous[2]), []
    if (
        before_signature is None
        or _digest(before_signature) != previous[1]
        or not _same_order(before_signature, candidates)
    ):
        return list(unknown), list(range(len(article.quotes)))
    before = dict(before_signature)
    rank = {o.id: n for n, o in enumerate(candidates)}
    now = {o.id: o.digest for o in candidates}
    changed = [o for o in candidates if before.get(o.id) != o.digest]
    bests, everywhere = [], []
    for n, (q, (score, tid, turn_id)) in enumerate(zip(article.quotes, previous[2], strict=True)):
        if tid is not None and (tid not in now or before.get(tid) != now[tid]):
            everywhere.append(n)  # its best source changed or went: look again everywhere
        else:
            for score2, tid2, turn2 in crossref.best_turns([q], changed):
                if tid2 is not None and (
                    tid is None or score2 > score or (score2 == score and rank[tid2] < rank[tid])
                ):
                    score, tid, turn_id = score2, tid2, turn2
        bests.append((score, tid, turn_id))
    return bests, everywhere


def _same_order(before: Iterable[tuple[str, str]], now: list[Transcript]) -> bool:
    """Whether the documents both runs have are in the same relative order (ranks comparable)."""
    now_ids = [o.id for o in now]
    kept = set(now_ids) & {i for i, _ in before}
    return [i for i, _ in before if i in kept] == [i for i in now_ids if i in kept]


# ---------------------------------------------------------------- versions


def _versions(
    archive: Archive, links: Links, memo, remembered: dict, index: crossref.TurnIndex
) -> None:
    surnames: dict[str, str] = {}
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
            for b in official[i + 1 :]:
                if not crossref.are_versions(a, b, surnames):
                    continue
                key = ("versions", a.digest, b.digest)
                if key in memo:
                    rows = [
                        crossref.Row(_turn(a, left), _turn(b, right), score)
                        for left, right, score in memo[key]
                    ]
                else:
                    rows = crossref.align(a, b, index)
                remembered[key] = tuple(
                    (r.left.id if r.left else None, r.right.id if r.right else None, r.score)
                    for r in rows
                )
                pairs.append((a, b, rows))
        if pairs:
            links.versions[event_id] = pairs


def _turn(t: Transcript, turn_id: str | None) -> Turn | None:
    if turn_id is None:
        return None
    return next(x for x in t.turns if x.id == turn_id)
