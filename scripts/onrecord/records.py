"""The typed records passed between stages. Frozen: a stage returns new records, never edits."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import urlparse

SOURCE_KINDS = ("official transcript", "repost", "news article", "other")
UNIDENTIFIED = "unidentified-journalist"  # the speaker of unnamed questioners' turns

# A paragraph that is wholly a stage direction or an elision note, in round or square brackets:
# "(Laughter.)", "(Cross-talk.)", "[inaudible]". The importer, the pages and the export all ask
# here: what is not speech is decided once.
_STAGE = re.compile(r"^[\[(][^()\[\]]{1,80}[\])]$")


def is_stage_direction(paragraph: str) -> bool:
    return bool(_STAGE.match(paragraph.strip()))


@dataclass(frozen=True)
class Role:
    title: str
    org: str | None = None
    start: date | None = None
    end: date | None = None
    labels: tuple[str, ...] = ()

    def active_on(self, day: date | None) -> bool:
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def describe(self) -> str:
        return (
            f"{self.title}, {self.org}" if self.org and self.org not in self.title else self.title
        )


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    kind: str = "person"  # "person", or "group" for e.g. unidentified journalists
    roles: tuple[Role, ...] = ()
    labels: tuple[str, ...] = ()
    outlet: str | None = None  # journalists: the outlet they asked for
    draft: bool = False
    note: str | None = None
    line: int = 0

    def role_on(self, day: date | None) -> Role | None:
        """The role held on `day`; with no date, the only role if there is just one."""
        active = [r for r in self.roles if r.active_on(day)]
        if active:
            return active[-1]
        if day is None and len(self.roles) == 1:
            return self.roles[0]
        return None

    def role_text(self, day: date | None) -> str | None:
        """The role held on `day` as pages and the export show it: 'Secretary of State, U.S.
        Department of State'; None when no role is recorded for that day."""
        role = self.role_on(day)
        return role.describe() if role else None


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    start: date | None = None
    end: date | None = None
    location: str | None = None
    parent: str | None = None
    description: str | None = None
    line: int = 0
    draft: bool = False  # added by hand or a tool and not yet complete: check fails until removed


@dataclass(frozen=True)
class Turn:
    id: str  # stable anchor, e.g. "t-007"; kept when other turns are corrected
    speaker: str  # speaker id
    label: str | None  # the label as printed ("SECRETARY BLINKEN:"), None if the capture has none
    paragraphs: tuple[str, ...]
    timestamp: str | None = None  # e.g. "00:04" from a transcription service's label
    line: int = 0

    @property
    def speech(self) -> str:
        """What was said: paragraphs without stage directions, one per line."""
        return "\n".join(p for p in self.paragraphs if not is_stage_direction(p))


@dataclass(frozen=True)
class Quote:
    id: str  # "q-003"
    speaker: str
    text: str  # exactly the characters inside the quotation marks
    line: int = 0


# What a correction may change besides turns: the facts a reader cites a document by.
CORRECTABLE_FIELDS = ("title", "date", "time", "location", "event", "source_url")


@dataclass(frozen=True)
class Correction:
    """One entry of a transcript's corrections log. A change to a turn's words or speaker names
    the turn in `turns`; a change to a fact names the field in `fields`: a review holds every
    change against these names (onrecord review)."""

    date: date
    summary: str
    link: str | None = None  # the pull request or commit
    removed: str | None = None  # words of the capture this correction takes out, said out loud
    turns: tuple[str, ...] = ()  # anchors of the turns whose words or speaker it changes
    fields: tuple[str, ...] = ()  # of CORRECTABLE_FIELDS
    source: str | None = None  # where the corrected version can be checked
    line: int = 0  # of the entry in the cleaned file


@dataclass(frozen=True)
class Omission:
    """Raw-capture lines that are deliberately not in the transcript, and why; `text`: only
    that part of the line is omitted (page chrome glued to a label, a flattened page's header)."""

    first: int
    last: int
    reason: str
    text: str | None = None


@dataclass(frozen=True)
class Transcript:
    id: str
    title: str
    source_kind: str
    raw: str  # path of the unmodified capture, relative to the archive root
    path: str  # path of the cleaned file, relative to the archive root
    date: date | None = None
    time: str | None = None
    location: str | None = None
    event: str | None = None
    source_url: str | None = None
    raw_sha256: str | None = None
    truncated: bool = False
    speakers: tuple[tuple[str, str], ...] = ()  # (label name, speaker id), in file order
    editorial: tuple[tuple[str, str], ...] = ()  # (field or turn id, basis of the inference)
    turns: tuple[Turn, ...] = ()
    paragraphs: tuple[str, ...] = ()  # news articles: the article text
    quotes: tuple[Quote, ...] = ()
    corrections: tuple[Correction, ...] = ()
    omitted: tuple[Omission, ...] = ()
    notes: tuple[str, ...] = ()
    field_lines: tuple[tuple[str, int], ...] = ()  # (front-matter key, its line), for messages
    digest: str = (
        ""  # of the cleaned file this record was read from: the record is a function of it
    )

    @property
    def is_article(self) -> bool:
        return self.source_kind == "news article"

    def line_of(self, key: str) -> int | None:
        """The line of a front-matter field in the cleaned file, if it has one."""
        return next((line for k, line in self.field_lines if k == key), None)

    def editorial_note(self, key: str) -> str | None:
        return dict(self.editorial).get(key)

    @property
    def origin(self) -> str:
        """Who published it: the source's web host, else its kind. Two versions of one text come
        from different origins."""
        return (urlparse(self.source_url).netloc if self.source_url else "") or self.source_kind

    # Derived once per record (frozen records keep them in their __dict__) and pickled with it
    # in the convert cache, so lists and speaker pages never recount.
    @cached_property
    def _speaker_ids(self) -> tuple[str, ...]:
        items: tuple[Turn | Quote, ...] = (*self.turns, *self.quotes)
        return tuple(dict.fromkeys(item.speaker for item in items))

    @cached_property
    def _counts(self) -> dict[str, tuple[int, int, int]]:
        found: dict[str, tuple[int, int, int]] = {}
        for x in self.turns:
            turns, quotes, words = found.get(x.speaker, (0, 0, 0))
            found[x.speaker] = (turns + 1, quotes, words + len(x.speech.split()))
        for q in self.quotes:
            turns, quotes, words = found.get(q.speaker, (0, 0, 0))
            found[q.speaker] = (turns, quotes + 1, words)
        return found

    def speaker_ids(self) -> tuple[str, ...]:
        """Everyone who speaks or is quoted, in order of first appearance."""
        return self._speaker_ids

    def counts(self) -> dict[str, tuple[int, int, int]]:
        """Per speaker: turns, quotes and words spoken."""
        return self._counts


@dataclass(frozen=True)
class Archive:
    """Everything read from disk: the input of every later stage."""

    transcripts: tuple[Transcript, ...]
    speakers: dict[str, Speaker] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    read: int = 0  # transcript files read afresh (not known unchanged from an earlier run)


def sort_day(t: Transcript, archive: Archive) -> date:
    """A document's place on the timeline: its date, else its event's start."""
    if t.date:
        return t.date
    event = archive.events.get(t.event or "")
    return event.start if event and event.start else date.min


def year(t: Transcript, archive: Archive) -> int | None:
    """The year a document is listed under, everywhere (year pages, speaker pages, search):
    that of its place on the timeline; None for a document with neither date nor dated event."""
    day = sort_day(t, archive)
    return day.year if day != date.min else None


def newest_first(transcripts: Iterable[Transcript], archive: Archive) -> list[Transcript]:
    return sorted(transcripts, key=lambda t: (sort_day(t, archive), t.id), reverse=True)


def year_of(day: date) -> str:
    """The year a document is listed (and searched) under, from its place on the timeline
    (`sort_day`): lists, speaker pages, feeds and search all take it from here."""
    return str(day.year) if day != date.min else "undated"
