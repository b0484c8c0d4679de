"""The archive as tables: the one schema of the data downloads, and the rows of each table.

    TABLES    every table: its columns (name, type, description), primary and foreign keys.
              The CSV files, datapackage.json, the SQLite database, Datasette's descriptions
              and the Data page are all made from it: a column is described here and nowhere else.
    rows()    the rows of every table, from the records and the cross-links (pure)

Columns are only ever added, at the end of a table; a change that renames or removes one raises
export.FORMAT_VERSION, which every data file states.

Only the standard library here: the MkDocs hooks render the Data page's schema from this module
under any engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .records import SOURCE_KINDS

if TYPE_CHECKING:
    from .links import Links
    from .records import Archive

Value = str | int | float | bool | date | None
Row = tuple[Value, ...]

# Frictionless field types, and how SQLite stores them
SQL_TYPES = {
    "string": "TEXT",
    "date": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless type: string, date, integer, number, boolean
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    format: str | None = None  # "uri" for addresses


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str  # the table referred to (may be the table itself)
    references: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    # gzipped for download: the tables whose size follows the words of the archive
    compressed: bool = False

    @property
    def file(self) -> str:
        return f"{self.name}.csv" + (".gz" if self.compressed else "")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


_ID = "Stable identifier: never changes once published"

DOCUMENTS = Table(
    "documents",
    "Documents",
    "One row per document: an official transcript, a repost of one, or a news article. Newest "
    "first. A value the capture itself does not state is empty, or filled in as an editorial "
    "inference whose basis is in the editorial table.",
    (
        Column("id", "string", f"{_ID}; also the page's address and the cleaned file's name", True),
        Column("title", "string", "Title of the document", True),
        Column("date", "date", "Date of the remarks (YYYY-MM-DD); empty when not known"),
        Column("time", "string", "Time of day as the source gives it; empty when not stated"),
        Column("place", "string", "Where the remarks were made; empty when not known"),
        Column("event", "string", "The event the document belongs to (events.id); may be empty"),
        Column("source_url", "string", "Address of the page the capture was taken from", False),
        Column(
            "source_kind",
            "string",
            "What the source is (a repost republishes an official transcript)",
            True,
            SOURCE_KINDS,
        ),
        Column(
            "truncated",
            "boolean",
            "True when the capture stops before the end of the document",
            True,
        ),
        Column(
            "raw_sha256",
            "string",
            "SHA-256 of the unmodified capture this transcript was cleaned from",
        ),
        Column("url", "string", "The document's page in the archive", True, format="uri"),
    ),
    ("id",),
    (ForeignKey(("event",), "events", ("id",)),),
)

TURNS = Table(
    "turns",
    "Turns",
    "One row per speaker turn, in the order spoken: what was said and who said it. The text "
    "leaves out stage directions such as '(Laughter.)' and keeps one paragraph per line.",
    (
        Column("document", "string", "The document (documents.id)", True),
        Column(
            "turn",
            "string",
            "The turn's permanent anchor within its document (t-001, t-002…): it never changes "
            "when other turns are corrected",
            True,
        ),
        Column("position", "integer", "Place of the turn in its document, from 1", True),
        Column("speaker", "string", "Who speaks (speakers.id)", True),
        Column(
            "label",
            "string",
            "The speaker's label exactly as printed in the source ('SECRETARY BLINKEN:'); empty "
            "when the source prints none (the editorial table then says how the speaker is known)",
        ),
        Column(
            "text",
            "string",
            "What was said: one paragraph per line, without stage directions; empty when the "
            "capture has only a stage direction for the turn ('(Off-mike.)')",
        ),
        Column(
            "timestamp", "string", "Time into the recording, when the source gives one ('00:04')"
        ),
        Column("url", "string", "Permalink of the turn on the document's page", True, format="uri"),
    ),
    ("document", "turn"),
    (
        ForeignKey(("document",), "documents", ("id",)),
        ForeignKey(("speaker",), "speakers", ("id",)),
    ),
    compressed=True,
)

SPEAKERS = Table(
    "speakers",
    "Speakers",
    "Everyone who speaks or is quoted, and the groups the transcripts do not name (such as "
    "unidentified journalists).",
    (
        Column("id", "string", _ID, True),
        Column("name", "string", "Full name (or the group's description)", True),
        Column("kind", "string", "person, or group", True, ("person", "group")),
        Column("outlet", "string", "For journalists: the outlet they report for"),
        Column("url", "string", "The speaker's page in the archive", format="uri"),
    ),
    ("id",),
)

ROLES = Table(
    "roles",
    "Roles",
    "The roles each speaker held, with their dates. A transcript's speaker held the role whose "
    "dates include the document's date.",
    (
        Column("speaker", "string", "Who held the role (speakers.id)", True),
        Column("position", "integer", "Order of the role in the speaker's record, from 1", True),
        Column("role", "string", "Title of the role ('Secretary of State')", True),
        Column("organisation", "string", "Organisation the role belongs to, when recorded"),
        Column("start", "date", "First day in the role; empty when not recorded"),
        Column("end", "date", "Last day in the role; empty when still held or not recorded"),
    ),
    ("speaker", "position"),
    (ForeignKey(("speaker",), "speakers", ("id",)),),
)

EVENTS = Table(
    "events",
    "Events",
    "Meetings, press conferences and visits, and the larger events that contain them: a "
    "meeting during a ministerial has the ministerial as its parent.",
    (
        Column("id", "string", _ID, True),
        Column("name", "string", "What the event was called", True),
        Column("start", "date", "First day; empty when not known"),
        Column("end", "date", "Last day, for events of more than one day"),
        Column("place", "string", "Where it took place"),
        Column("parent", "string", "The event this one is part of (events.id)"),
        Column("description", "string", "A note on the event"),
        Column("url", "string", "The event's page in the archive", True, format="uri"),
    ),
    ("id",),
    (ForeignKey(("parent",), "events", ("id",)),),
)

QUOTES = Table(
    "quotes",
    "Quotes",
    "Direct quotes in news articles, and the turn of an official transcript in the archive "
    "that holds their words (found by fuzzy matching within the same event). Empty document "
    "and turn: the words are in no transcript of the archive (unverified).",
    (
        Column("article", "string", "The news article (documents.id)", True),
        Column("quote", "string", "The quote's anchor within its article (q-001…)", True),
        Column("speaker", "string", "Whom the article attributes the words to (speakers.id)", True),
        Column("text", "string", "The words exactly as between the quotation marks", True),
        Column("document", "string", "The transcript that holds the words (documents.id)"),
        Column("turn", "string", "The turn of that transcript (turns.turn)"),
        Column("score", "number", "How closely the turn matches the quote, from 0 to 100"),
        Column(
            "misattributed",
            "boolean",
            "True when the transcript gives these words to someone other than the article does",
            True,
        ),
        Column("url", "string", "Permalink of the quote in its article", True, format="uri"),
    ),
    ("article", "quote"),
    (
        ForeignKey(("article",), "documents", ("id",)),
        ForeignKey(("speaker",), "speakers", ("id",)),
        ForeignKey(("document", "turn"), "turns", ("document", "turn")),
    ),
)

EDITORIAL = Table(
    "editorial",
    "Editorial notes",
    "Every value the capture itself does not state, and how it is known: a date from the "
    "source's address, a speaker from the title, and so on.",
    (
        Column("document", "string", "The document (documents.id)", True),
        Column(
            "subject",
            "string",
            "What the note is about: a field of documents (date, place, title…) or a turn (t-003)",
            True,
        ),
        Column("basis", "string", "How the value is known", True),
    ),
    ("document", "subject"),
    (ForeignKey(("document",), "documents", ("id",)),),
)

CORRECTIONS = Table(
    "corrections",
    "Corrections",
    "Every correction made to a document since it was published, oldest first: what it "
    "changed and where the corrected version can be checked. The page of the document marks "
    "the turns and facts it changed.",
    (
        Column("document", "string", "The document corrected (documents.id)", True),
        Column(
            "number",
            "integer",
            "Place of the correction in its document's log, from 1, oldest first",
            True,
        ),
        Column("date", "date", "When the correction was made (YYYY-MM-DD)", True),
        Column("summary", "string", "What was corrected, in a sentence", True),
        Column(
            "turns",
            "string",
            "The turns whose words or speaker it changed (turns.turn), separated by spaces",
        ),
        Column(
            "fields",
            "string",
            "The columns of documents it changed (date, place, event…), separated by spaces",
        ),
        Column("source", "string", "Where the corrected version can be checked"),
        Column("link", "string", "The pull request or commit that made it", format="uri"),
        Column("removed", "string", "Words of the capture the correction took out of the text"),
        Column(
            "url", "string", "The correction's entry on the document's page", True, format="uri"
        ),
    ),
    ("document", "number"),
    (ForeignKey(("document",), "documents", ("id",)),),
)

# In the order a reader meets them, and the order the database creates them (keys refer back).
TABLES = (DOCUMENTS, TURNS, SPEAKERS, ROLES, EVENTS, QUOTES, EDITORIAL, CORRECTIONS)
BY_NAME = {t.name: t for t in TABLES}

# the cleaned file's field names, as the editorial notes and corrections use them, and the
# columns they fill
_EDITORIAL_FIELDS = {"location": "place"}


# ---------------------------------------------------------------- rows


def rows(archive: Archive, links: Links, pages_url: str) -> dict[str, list[Row]]:
    """Every table's rows, each row in its table's column order. `pages_url` is the site's
    address (settings.pages_url): the pages' addresses are given in full when it is known."""
    out: dict[str, list[Row]] = {t.name: [] for t in TABLES}
    docs, turns, quotes, notes = out["documents"], out["turns"], out["quotes"], out["editorial"]
    for t in links.newest:
        page = f"{pages_url}transcripts/{t.id}/"
        docs.append(
            (
                t.id,
                t.title,
                t.date,
                t.time,
                t.location,
                t.event,
                t.source_url,
                t.source_kind,
                t.truncated,
                t.raw_sha256,
                page,
            )
        )
        for n, x in enumerate(t.turns, 1):
            turns.append(
                (t.id, x.id, n, x.speaker, x.label, x.speech, x.timestamp, f"{page}#{x.id}")
            )
        for m in links.quote_matches.get(t.id, ()):
            quotes.append(
                (
                    t.id,
                    m.quote.id,
                    m.quote.speaker,
                    m.quote.text,
                    m.transcript,
                    m.turn,
                    round(m.score, 1) if m.transcript else None,
                    m.misattributed,
                    f"{page}#{m.quote.id}",
                )
            )
        for subject, basis in t.editorial:
            notes.append((t.id, _EDITORIAL_FIELDS.get(subject, subject), basis))
        for n, c in enumerate(t.corrections, 1):
            out["corrections"].append(
                (
                    t.id,
                    n,
                    c.date,
                    c.summary,
                    " ".join(c.turns) or None,
                    " ".join(_EDITORIAL_FIELDS.get(f, f) for f in c.fields) or None,
                    c.source,
                    c.link,
                    c.removed,
                    f"{page}#correction-{n}",
                )
            )
    for sid in sorted(archive.speakers):
        s = archive.speakers[sid]
        appears = bool(links.appearances.get(sid))
        out["speakers"].append(
            (s.id, s.name, s.kind, s.outlet, f"{pages_url}speakers/{s.id}/" if appears else None)
        )
        for n, r in enumerate(s.roles, 1):
            out["roles"].append((s.id, n, r.title, r.org, r.start, r.end))
    for eid in sorted(archive.events):
        e = archive.events[eid]
        out["events"].append(
            (
                e.id,
                e.name,
                e.start,
                e.end,
                e.location,
                e.parent,
                e.description,
                f"{pages_url}events/{e.id}/",
            )
        )
    return out


def counts(tables: dict[str, list[Row]]) -> dict[str, int]:
    return {name: len(found) for name, found in tables.items()}


def check(tables: Mapping[str, Iterable[Row]]) -> None:
    """Every row has its table's width: a column added to a table but not to its rows (or the
    other way round) stops the build instead of shifting every value after it."""
    for name, found in tables.items():
        width = len(BY_NAME[name].columns)
        for row in found:
            if len(row) != width:
                raise ValueError(f"{name}: a row of {len(row)} values for {width} columns: {row!r}")
