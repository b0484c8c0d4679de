"""Every rule the cleaned transcripts and the registries follow, in one place.

Each function turns parsed YAML into records and collects problems rather than
stopping at the first: a contributor sees everything to fix in one run.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import cleaned, pages
from .errors import Collector, Problem
from .records import (
    CORRECTABLE_FIELDS,
    SOURCE_KINDS,
    Correction,
    Event,
    Omission,
    Quote,
    Role,
    Speaker,
    Transcript,
    Turn,
)
from .yamlio import LineDict

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# letters that Unicode does not take apart into a base letter and a mark: ø is not o + a stroke
_UNDECOMPOSED = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)


def slugify(text: str, limit: int | None = None) -> str:
    """An id (SLUG) made of text: 'Jonas Gahr Støre' -> 'jonas-gahr-store'; '' if nothing is left."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
        .encode("ascii", "ignore")
        .decode()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") if limit else slug


TURN_ID = re.compile(r"^t-[0-9]{3,}$")  # ASCII digits: '\d' would take any script's
QUOTE_ID = re.compile(r"^q-[0-9]{3,}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
# a capture is a file directly in source_texts/raw/: no absolute path, no '..', no sub-folder
RAW_PATH = re.compile(r"^source_texts/raw/[A-Za-z0-9][A-Za-z0-9._-]*$")
EARLIEST = date(1945, 1, 1)

# Sizes no real file comes near, so that a mistake or an attack is refused before it is parsed
# and the memory and time of a check stay bounded. Measured: the largest cleaned transcript
# shipped is 22 KB (a long State Department briefing is about 150 KB) and the largest at
# 10,000 synthetic transcripts 71 KB; the largest turn is 3 KB shipped, 11 KB synthetic;
# speakers.yml is 8 KB shipped, events.yml 280 KB at 10,000 synthetic transcripts.
MAX_TRANSCRIPT_BYTES = 2 * 1024 * 1024  # a cleaned transcript file
MAX_REGISTRY_BYTES = 5 * 1024 * 1024  # speakers.yml, events.yml
MAX_TURN_CHARS = (
    200_000  # one turn, or one paragraph of a news article: 30,000 words, hours of speech
)

TRANSCRIPT_FIELDS = (
    "id",
    "title",
    "date",
    "time",
    "location",
    "event",
    "source_url",
    "source_kind",
    "raw",
    "raw_sha256",
    "truncated",
    "speakers",
    "editorial",
    "quotes",
    "corrections",
    "omitted",
    "notes",
)
REQUIRED = ("id", "title", "source_kind", "raw")
SPEAKER_FIELDS = ("id", "name", "kind", "labels", "roles", "outlet", "draft", "note")
ROLE_FIELDS = ("title", "org", "from", "to", "labels")
EVENT_FIELDS = ("id", "name", "start", "end", "location", "parent", "description", "draft")


# ---------------------------------------------------------------- what a reader compares by eye

# Characters a reader cannot see or that reorder what is shown: format characters (zero-width
# space and joiners, bidi marks, embeddings, overrides and isolates, soft hyphen, tags),
# controls, private-use, unassigned and surrogate code points, line and paragraph separators,
# and the letters that print as nothing (Hangul fillers, the blank Braille pattern).
_HIDDEN_CATEGORIES = {"Cf", "Cc", "Co", "Cn", "Cs", "Zl", "Zp"}
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
# Titles and places come from captures, whose text keeps joiners and soft hyphens (they belong
# to it): there only what the importer strips from every capture is refused (controls,
# zero-width space, bidi marks, embeddings, overrides and isolates, byte-order marks).
_STRIPPED = re.compile(
    "[\x00-\x1f\x7f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe]"
)


def hidden_character(text: str, strict: bool = True) -> str | None:
    """The first character of `text` that cannot be seen or that changes the direction of the
    text around it, as 'U+200B ZERO WIDTH SPACE'; None if there is none. Not `strict`: only
    those the importer strips from captures."""
    if text.isascii() and text.isprintable():
        return None
    if not strict:
        found = _STRIPPED.search(text)
        return (
            f"U+{ord(found[0]):04X} {unicodedata.name(found[0], 'control character')}"
            if found
            else None
        )
    for c in text:
        if c in _BLANK_LETTERS or unicodedata.category(c) in _HIDDEN_CATEGORIES:
            return f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')}"
    return None


def shown(text: str, limit: int = 60) -> str:
    """`text` for a message, cut at `limit` (the message itself writes what cannot be seen as
    escapes: errors.Problem)."""
    return text if len(text) <= limit else text[:limit] + "…"


def label_key(label: str) -> str:
    """How a label looks: compatibility forms folded (NFKC: 'ＢＬＩＮＫＥＮ' is 'BLINKEN', a
    no-break space is a space) and runs of spaces as one. Two labels with the same key look the same."""
    return " ".join(unicodedata.normalize("NFKC", label).split())


def _script(c: str) -> str | None:
    """The alphabet of a letter, from its Unicode name ('CYRILLIC CAPITAL LETTER A' -> CYRILLIC),
    after NFKC (a full-width 'Ｓ' is a Latin S); Chinese, Japanese and Korean count as one, as
    they are written together."""
    c = unicodedata.normalize("NFKC", c)[:1]
    if not c.isalpha() or unicodedata.category(c) == "Lm":  # modifier letters (ʼ) go with any
        return None
    if c.isascii():
        return "LATIN"
    word = unicodedata.name(c, "").split(" ", 1)[0]
    return (
        "CJK" if word in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC") else word or None
    )


def mixed_scripts(text: str) -> tuple[str, str] | None:
    """A letter of `text` from another alphabet than its first letter's ('SECRETАRY' with a Cyrillic
    А looks like the Latin word), as (the first alphabet, the odd letter described); or None."""
    if text.isascii():  # Latin letters only
        return None
    first = None
    for c in text:
        script = _script(c)
        if script is None:
            continue
        if first is None:
            first = script
        elif script != first:
            return first, f"'{c}' U+{ord(c):04X} {unicodedata.name(c, '')}"
    return None


def kind_of(value: object) -> str:
    """What a YAML value is, in the words of someone editing the file: never a Python type."""
    if isinstance(value, bool):  # before int: True is an int too
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    if isinstance(value, str):
        return "text"
    return "an empty value" if value is None else "a value of another kind"


class _Fields:
    """Typed access to one YAML mapping; wrong types and unknown keys become problems."""

    def __init__(
        self, data: object, known: tuple[str, ...], what: str, path: str, line: int, out: Collector
    ):
        self.path, self.out, self.what = path, out, what
        if not isinstance(data, dict):
            out.add(
                path, line, f"{what} is not a mapping of fields", "write it as 'key: value' lines"
            )
            data = LineDict()
        self.data = data
        self.line = getattr(data, "line", line)
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                fix = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else f"allowed fields: {', '.join(known)}"
                )
                out.add(path, self.line_of(key), f"unknown field '{shown(key)}' in {what}", fix)

    def line_of(self, key: str) -> int:
        return self.data.line_of(key) if isinstance(self.data, LineDict) else self.line

    def problem(self, key: str, problem: str, fix: str) -> None:
        self.out.add(self.path, self.line_of(key), problem, fix)

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.out.add(
                    self.path, self.line, f"{self.what} has no '{key}'", f"add '{key}: ...'"
                )
            return None
        if not isinstance(value, str):
            self.problem(
                key,
                f"'{key}' should be text, not {kind_of(value)}",
                "write it as one value, in quotes"
                if isinstance(value, (list, dict))
                else "quote the value",
            )
            return str(value)
        return value

    def plain(self, key: str, required: bool = False, strict: bool = True) -> str | None:
        """One line a reader compares by eye (a name, a role, a title, a place): text with no
        invisible or direction-changing character (see hidden_character for `strict`)."""
        value = self.text(key, required)
        if value is not None:
            visible(value, f"'{key}'", self.path, self.line_of(key), self.out, strict)
        return value

    def slug(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is not None and not SLUG.match(value):
            self.problem(
                key,
                f"'{key}' {value!r} is not a slug",
                "use lower-case letters, digits and single hyphens, e.g. 'jens-stoltenberg'",
            )
        return value

    def day(self, key: str) -> date | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            parsed = date.fromisoformat(value)
            if len(value) != 10:
                raise ValueError
        except ValueError:
            self.problem(
                key, f"'{key}' {value!r} is not a date", "write it as 'YYYY-MM-DD', quoted"
            )
            return None
        if not EARLIEST <= parsed <= date(date.today().year + 1, 12, 31):
            self.problem(key, f"'{key}' {value} is not a plausible date", "check the year")
        return parsed

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.problem(
                key, f"'{key}' should be true or false, not {kind_of(value)}", "write true or false"
            )
            return False
        return value

    def mapping(self, key: str) -> LineDict:
        value = self.data.get(key)
        if value is None:
            return LineDict()
        if not isinstance(value, dict):
            self.problem(
                key,
                f"'{key}' should be a mapping, not {kind_of(value)}",
                "write one 'key: value' per line under it",
            )
            return LineDict()
        if not isinstance(value, LineDict):  # a mapping from the strict loader always is one
            value = LineDict(value)
        return value

    def items(self, key: str) -> list[tuple[int, object]]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(
                key,
                f"'{key}' should be a list, not {kind_of(value)}",
                "write one '- item' per line under it",
            )
            return []
        lines = getattr(value, "item_lines", [self.line_of(key)] * len(value))
        return list(zip(lines, value, strict=True))

    def text_list(self, key: str, labels: bool = False, one: bool = False) -> tuple[str, ...]:
        """The list's entries; `labels`: each is a label, checked as one (see label_problem);
        `one`: a single entry may be written without the list (turns: t-004)."""
        out = []
        value = self.data.get(key)
        entries = (
            [(self.line_of(key), value)] if one and isinstance(value, str) else self.items(key)
        )
        for line, item in entries:
            if not isinstance(item, str):
                self.out.add(
                    self.path,
                    line,
                    f"'{key}' entries should be text, not {kind_of(item)}",
                    "quote the entry",
                )
                continue
            if labels and visible(item, f"label '{shown(item)}'", self.path, line, self.out):
                bad = label_problem(item)
                if bad:
                    self.out.add(self.path, line, *bad)
            out.append(item)
        return tuple(out)


def visible(
    value: str, what: str, path: str, line: int, out: Collector, strict: bool = True
) -> bool:
    """Refuses a value with a character that cannot be seen or that reverses the text around it:
    a label with a zero-width space looks like another label, a name with U+202E shows reversed."""
    hidden = hidden_character(value, strict)
    if hidden:
        out.add(
            path,
            line,
            f"{what} contains an invisible or direction-changing character ({hidden})",
            "delete it (retype the value if you cannot see where it is)",
        )
    return hidden is None


def label_problem(label: str) -> tuple[str, str] | None:
    """(problem, fix) for a label that could pass for another, else None."""
    mixed = mixed_scripts(label)
    if mixed:
        return (
            f"label '{shown(label)}' mixes alphabets: {mixed[1]} among {mixed[0].title()} letters, so it looks "
            "like a label it is not",
            "retype the label in one alphabet",
        )
    return None


def _reserved(kind: str, rid: str | None, f: _Fields) -> None:
    clash = pages.generated_clash(kind, rid) if rid else None
    if clash:
        f.problem(
            "id",
            f"{kind} id '{rid}' is taken by a page the site makes itself (docs/{clash}), "
            f"which would replace this {kind}'s page",
            "choose another id"
            + (", e.g. one that starts with the date" if kind == "transcript" else ""),
        )


# ---------------------------------------------------------------- registries


def _entries(data: object, what: str, path: str, out: Collector) -> list[tuple[int, object]]:
    """A registry's entries with their lines; a registry that is not a list is a problem."""
    if not isinstance(data, list):
        out.add(
            path, 1, f"the {what} registry is not a list", f"write one '- id: ...' entry per {what}"
        )
        return []
    return list(zip(getattr(data, "item_lines", [1] * len(data)), data, strict=True))


def speakers_from(data: object, path: str, out: Collector) -> dict[str, Speaker]:
    speakers: dict[str, Speaker] = {}
    label_owner: dict[str, tuple[str, int]] = {}
    for line, entry in _entries(data, "speaker", path, out):
        f = _Fields(entry, SPEAKER_FIELDS, "speaker", path, line, out)
        sid = f.slug("id", required=True)
        _reserved("speaker", sid, f)
        name = f.plain("name", required=True)
        kind = f.text("kind") or "person"
        if kind not in ("person", "group"):
            f.problem("kind", f"kind {kind!r} is unknown", "use 'person' or 'group'")
        roles = []
        for rline, raw in f.items("roles"):
            r = _Fields(raw, ROLE_FIELDS, "role", path, rline, out)
            start, end = r.day("from"), r.day("to")
            if start and end and end < start:
                r.problem("to", "the role ends before it starts", "swap or fix 'from' and 'to'")
            roles.append(
                Role(
                    r.plain("title", required=True) or "",
                    r.plain("org"),
                    start,
                    end,
                    r.text_list("labels", labels=True),
                )
            )
        labels = f.text_list("labels", labels=True)
        if not sid or not name:
            continue
        if sid in speakers:
            f.problem(
                "id",
                f"duplicate speaker id '{sid}' (first on line {speakers[sid].line})",
                "give each speaker a unique id, or merge the two entries",
            )
            continue
        for label in labels:
            key = label_key(label).casefold()  # the importer matches labels without regard to case
            if key in label_owner and label_owner[key][0] != sid:
                f.problem(
                    "labels",
                    f"label '{shown(label)}' is also listed for '{label_owner[key][0]}' "
                    f"(line {label_owner[key][1]})",
                    "a label must name one person; remove one",
                )
            label_owner[key] = (sid, f.line)
        speakers[sid] = Speaker(
            sid,
            name,
            kind,
            tuple(roles),
            labels,
            f.plain("outlet"),
            f.flag("draft"),
            f.text("note"),
            f.line,
        )
    return speakers


def events_from(data: object, path: str, out: Collector) -> dict[str, Event]:
    events: dict[str, Event] = {}
    for line, entry in _entries(data, "event", path, out):
        f = _Fields(entry, EVENT_FIELDS, "event", path, line, out)
        eid = f.slug("id", required=True)
        _reserved("event", eid, f)
        name = f.plain("name", required=True)
        start, end = f.day("start"), f.day("end")
        if start and end and end < start:
            f.problem("end", "the event ends before it starts", "fix 'start' or 'end'")
        if not eid or not name:
            continue
        if eid in events:
            f.problem(
                "id",
                f"duplicate event id '{eid}' (first on line {events[eid].line})",
                "give each event a unique id",
            )
            continue
        events[eid] = Event(
            eid,
            name,
            start,
            end,
            f.plain("location"),
            f.slug("parent"),
            f.text("description"),
            f.line,
            f.flag("draft"),
        )
    for event in events.values():
        if event.parent and event.parent not in events:
            out.add(
                path,
                event.line,
                f"event '{event.id}' has unknown parent '{event.parent}'",
                "use the id of an event in this file",
            )
        seen, cursor = {event.id}, event.parent
        while cursor in events:
            if cursor in seen:
                out.add(
                    path,
                    event.line,
                    f"event '{event.id}' is its own ancestor",
                    "break the loop of 'parent' links",
                )
                break
            seen.add(cursor)
            cursor = events[cursor].parent
    return events


def drafts(
    speakers: dict[str, Speaker], events: dict[str, Event], speakers_path: str, events_path: str
) -> list[Problem]:
    """An entry still marked `draft: true` is not ready to publish: `onrecord import` adds the
    speakers it does not know that way, and check fails until someone has completed them."""
    found = [
        Problem(
            speakers_path,
            s.line,
            f"speaker '{s.id}' is still a draft",
            "complete its name and roles, then delete 'draft: true'",
        )
        for s in speakers.values()
        if s.draft
    ]
    found += [
        Problem(
            events_path,
            e.line,
            f"event '{e.id}' is still a draft",
            "complete its name, dates and place, then delete 'draft: true'",
        )
        for e in events.values()
        if e.draft
    ]
    return found


# ---------------------------------------------------------------- transcripts


def transcript_from(split: cleaned.SplitFile, path: str, out: Collector) -> Transcript | None:
    out.extend(list(split.problems))
    if split.front is None:
        return None
    f = _Fields(split.front, TRANSCRIPT_FIELDS, "the front matter", path, 2, out)
    tid = f.slug("id", required=True)
    _reserved("transcript", tid, f)
    expected = path.rsplit("/", 1)[-1].removesuffix(".txt")
    if tid and tid != expected:
        f.problem(
            "id",
            f"id '{tid}' does not match the file name '{expected}.txt'",
            f"rename the file to {tid}.txt or set id: {expected}",
        )
    kind = f.text("source_kind", required=True)
    if kind and kind not in SOURCE_KINDS:
        f.problem(
            "source_kind",
            f"source_kind {kind!r} is unknown",
            f"use one of: {', '.join(SOURCE_KINDS)}",
        )
    url = f.text("source_url")
    if url and not re.match(r"^https?://[^\s<>\"']+$", url):
        f.problem(
            "source_url", f"source_url {url!r} is not a web address", "use an http(s):// address"
        )
    raw = f.text("raw", required=True)
    if raw and not RAW_PATH.match(raw):
        f.problem(
            "raw",
            f"'raw' {raw[:80]!r} is not a file in source_texts/raw/",
            "point 'raw:' at the capture kept there, as source_texts/raw/FILE (no folder, no '..')",
        )
    sha = f.text("raw_sha256")
    if sha and not SHA256.match(sha):
        f.problem(
            "raw_sha256",
            "raw_sha256 is not a SHA-256 hex digest",
            "write the capture's digest as `sha256sum source_texts/raw/FILE` prints it",
        )
    elif not sha:
        f.problem(
            "raw_sha256",
            "the front matter has no raw_sha256",
            "add the capture's digest as `sha256sum source_texts/raw/FILE` prints it",
        )

    speakers = f.mapping("speakers")
    speaker_pairs = []
    looks: dict[str, tuple[str, str]] = {}  # label_key -> (label, speaker id)
    for label, sid in speakers.items():
        if not isinstance(sid, str) or not SLUG.match(sid):
            value = shown(repr(sid))
            out.add(
                path,
                speakers.line_of(label),
                f"label '{shown(label)}' maps to {value}, not a speaker id",
                "write 'LABEL: speaker-id' with an id from source_texts/speakers.yml",
            )
            continue
        if not visible(label, f"label '{shown(label)}'", path, speakers.line_of(label), out):
            continue
        bad = label_problem(label)
        if bad:
            out.add(path, speakers.line_of(label), *bad)
            continue
        if label.endswith(":"):
            out.add(
                path,
                speakers.line_of(label),
                f"label '{shown(label)}' ends with a colon",
                "write the label without its colon; the colon stays in the text",
            )
        other = looks.setdefault(label_key(label), (label, sid))
        if other[1] != sid:
            out.add(
                path,
                speakers.line_of(label),
                f"label '{shown(label)}' looks the same as '{shown(other[0])}' "
                f"(line {speakers.line_of(other[0])}) but names another speaker",
                "keep one label per speaker: delete one of the two, or correct the speaker id",
            )
            continue
        speaker_pairs.append((label, sid))

    editorial = f.mapping("editorial")
    notes = []
    for key, note in editorial.items():
        if not isinstance(note, str) or not note.strip():
            out.add(
                path,
                editorial.line_of(key),
                f"editorial note for '{key}' is empty",
                "say what the value is inferred from",
            )
            continue
        notes.append((key, note))

    turns = _turns(split.blocks, dict(speaker_pairs), path, out) if kind != "news article" else ()
    paragraphs = (
        tuple(line for b in split.blocks for line in b.lines) if kind == "news article" else ()
    )
    if kind == "news article":
        for block in split.blocks:
            for number, line in enumerate(block.lines, start=block.line):
                if len(line) > MAX_TURN_CHARS:
                    out.add(
                        path,
                        number,
                        f"a paragraph of {len(line):,} characters, over the limit of "
                        f"{MAX_TURN_CHARS:,}",
                        "check that nothing was pasted into it by mistake",
                    )
        if any(cleaned.MARKER.match(p) and p.startswith("[t-") for p in paragraphs):
            out.add(
                path,
                split.blocks[0].line,
                "a news article has turn markers",
                "set source_kind to the transcript's kind, or remove the [t-NNN] markers",
            )
    elif kind and not turns and split.blocks == ():
        out.add(path, f.line, "the transcript has no turns", "add the turns after the front matter")

    turn_ids = {t.id for t in turns}
    for key, _ in notes:
        if key.startswith("t-") and key not in turn_ids:
            out.add(
                path,
                editorial.line_of(key),
                f"editorial note for unknown turn '{key}'",
                "use the anchor of a turn in this file",
            )
        elif not key.startswith("t-") and key not in TRANSCRIPT_FIELDS:
            out.add(
                path,
                editorial.line_of(key),
                f"editorial note for unknown field '{key}'",
                f"use a field name ({', '.join(TRANSCRIPT_FIELDS[:8])}) or a turn anchor",
            )
    for turn in turns:
        if turn.label is None and turn.id not in dict(notes):
            out.add(
                path,
                turn.line,
                f"turn {turn.id} has no printed label and no editorial note",
                f"add under editorial: '{turn.id}: how we know who speaks'",
            )

    return Transcript(
        id=tid or expected,
        title=f.plain("title", required=True, strict=False) or "",
        source_kind=kind or "other",
        raw=raw or "",
        path=path,
        date=f.day("date"),
        time=f.text("time"),
        location=f.plain("location", strict=False),
        event=f.slug("event"),
        source_url=url,
        raw_sha256=sha,
        truncated=f.flag("truncated"),
        speakers=tuple(speaker_pairs),
        editorial=tuple(notes),
        turns=turns,
        paragraphs=paragraphs,
        quotes=_quotes(f, paragraphs, path, out),
        corrections=_corrections(f, path, turn_ids, out),
        omitted=_omitted(f, path, out),
        notes=f.text_list("notes"),
        field_lines=tuple((str(key), f.line_of(str(key))) for key in f.data),
    )


def _turns(
    blocks: tuple[cleaned.Block, ...], speakers: dict[str, str], path: str, out: Collector
) -> tuple[Turn, ...]:
    pattern = cleaned.label_pattern(list(speakers)) if speakers else None
    turns: list[Turn] = []
    seen: dict[str, int] = {}
    for block in blocks:
        m = cleaned.MARKER.match(block.lines[0])
        if not m:
            out.add(
                path,
                block.line,
                f"paragraph without a turn anchor: {block.lines[0][:50]!r}",
                "start a new turn with '[t-NNN] LABEL: ...', or join it to the turn above "
                "(remove the blank line)",
            )
            continue
        tid, explicit, rest = m["id"], m["speaker"], m["rest"]
        if not TURN_ID.match(tid):
            out.add(
                path,
                block.line,
                f"turn anchor [{shown(tid)}] is not of the form t-NNN",
                "use the next free number, e.g. [t-012]",
            )
        if tid in seen:
            out.add(
                path,
                block.line,
                f"duplicate turn anchor {tid} (first on line {seen[tid]})",
                "give the new turn the next unused number; never reuse or renumber anchors",
            )
        seen[tid] = block.line
        label = ts = None
        speaker = explicit
        lm = pattern.match(rest) if pattern else None
        if lm:
            label = lm.group(0)
            ts = lm["ts"]
            speaker = explicit or speakers[lm["name"]]
            rest = rest[lm.end() :].lstrip()
        elif not explicit:
            guess = re.match(r"^([^:]{1,60}):", rest)
            printed = f" ('{guess.group(1)}')" if guess else ""
            out.add(
                path,
                block.line,
                f"turn {tid} starts with no known label{printed}",
                "add the label under 'speakers:' in the front matter, or write "
                f"[{tid} speaker-id] for a turn printed without a label",
            )
            continue
        if explicit and not SLUG.match(explicit):
            out.add(
                path,
                block.line,
                f"speaker {explicit!r} in [{tid} ...] is not a speaker id",
                "use an id from source_texts/speakers.yml",
            )
        paragraphs = tuple(p.strip() for p in (rest, *block.lines[1:]) if p.strip())
        if not paragraphs:
            out.add(
                path, block.line, f"turn {tid} is empty", "add the words spoken, or delete the turn"
            )
        size = sum(map(len, paragraphs))
        if size > MAX_TURN_CHARS:
            out.add(
                path,
                block.line,
                f"turn {tid} is {size:,} characters long, over the limit of {MAX_TURN_CHARS:,}",
                "check that nothing was pasted into it by mistake; a speech that "
                "long is split where the capture has a break, each part a turn of its own",
            )
        turns.append(Turn(tid, speaker or "", label, paragraphs, ts, block.line))
    return tuple(turns)


def _quotes(
    f: _Fields, paragraphs: tuple[str, ...], path: str, out: Collector
) -> tuple[Quote, ...]:
    quotes, ids = [], set()
    body = "\n".join(paragraphs)
    for line, raw in f.items("quotes"):
        q = _Fields(raw, ("id", "speaker", "text"), "quote", path, line, out)
        qid, speaker, text = (
            q.text("id", required=True),
            q.slug("speaker", required=True),
            q.text("text", required=True),
        )
        if qid and not QUOTE_ID.match(qid):
            q.problem(
                "id",
                f"quote id {qid!r} is not of the form q-NNN",
                "use the next free number, e.g. q-012",
            )
        if qid in ids:
            q.problem("id", f"duplicate quote id {qid}", "give each quote its own number")
        ids.add(qid)
        if text and text not in body:
            q.problem(
                "text",
                "the quote is not in the article text word for word",
                "copy the characters between the quotation marks exactly",
            )
        if qid and speaker and text:
            quotes.append(Quote(qid, speaker, text, q.line))
    return tuple(quotes)


def _corrections(
    f: _Fields, path: str, turn_ids: set[str], out: Collector
) -> tuple[Correction, ...]:
    result = []
    known = ("date", "summary", "turns", "fields", "source", "link", "removed")
    for line, raw in f.items("corrections"):
        c = _Fields(raw, known, "correction", path, line, out)
        day, summary, link = c.day("date"), c.text("summary", required=True), c.text("link")
        if link and not re.match(r"^https?://", link):
            c.problem(
                "link",
                "the correction's link is not a web address",
                "link the pull request or commit",
            )
        turns = c.text_list("turns", one=True)
        for tid in turns:
            if tid not in turn_ids:
                c.problem(
                    "turns",
                    f"the correction names turn '{shown(tid)}', which is not in this file",
                    "name the turn by its anchor, e.g. turns: [t-004]",
                )
        fields = c.text_list("fields", one=True)
        for name in fields:
            if name not in CORRECTABLE_FIELDS:
                c.problem(
                    "fields",
                    f"the correction names the field '{shown(name)}', which a correction does not change",
                    f"use one of {', '.join(CORRECTABLE_FIELDS)}",
                )
        if day and summary:
            result.append(
                Correction(
                    day,
                    summary,
                    link,
                    c.text("removed"),
                    turns,
                    fields,
                    c.text("source"),
                    c.line,
                )
            )
    return tuple(sorted(result, key=lambda c: c.date))


def _omitted(f: _Fields, path: str, out: Collector) -> tuple[Omission, ...]:
    result = []
    for line, raw in f.items("omitted"):
        o = _Fields(raw, ("lines", "text", "reason"), "omission", path, line, out)
        span, reason, part = o.data.get("lines"), o.text("reason", required=True), o.text("text")
        m = re.fullmatch(r"([0-9]{1,9})(?:-([0-9]{1,9}))?", str(span)[:40])
        if not m:
            o.problem(
                "lines",
                f"lines {shown(repr(span), 40)} is not a line or range",
                "write e.g. 12 or 1-9",
            )
            continue
        first, last = int(m[1]), int(m[2] or m[1])
        if part is not None and first != last:
            o.problem(
                "text",
                "an omitted part of a line names more than one line",
                "give the one line the text is on, e.g. lines: 12",
            )
        result.append(Omission(first, last, reason or "", part))
    return tuple(result)


# ---------------------------------------------------------------- across files


def cross_check(
    transcripts: Iterable[Transcript],
    speakers: dict[str, Speaker],
    events: dict[str, Event],
    out: Collector,
    unread: frozenset[str] = frozenset(),
) -> None:
    """References between files: ids unique, every speaker and event known, roles held on the day.
    `unread`: the registries ('speakers', 'events') that could not be read, whose problem is
    already reported: what refers to them is not checked."""
    seen: dict[str, str] = {}
    for t in transcripts:
        if t.id in seen:
            out.add(
                t.path,
                t.line_of("id"),
                f"duplicate transcript id '{t.id}' (also {seen[t.id]})",
                "give each transcript a unique id",
            )
        seen[t.id] = t.path
        if t.event and t.event not in events and "events" not in unread:
            out.add(
                t.path,
                t.line_of("event"),
                f"unknown event '{t.event}'",
                "add it to source_texts/events.yml or fix the id",
            )
        for sid in t.speaker_ids() if "speakers" not in unread else ():
            who = speakers.get(sid)
            if who is not None and not (
                t.date
                and who.kind == "person"
                and any(r.start for r in who.roles)
                and who.role_on(t.date) is None
            ):
                continue  # checked once per speaker and document: the items are listed only if wrong
            items: tuple[Turn | Quote, ...] = (*t.turns, *t.quotes)
            for item in items:
                if item.speaker != sid:
                    continue
                if who is None:
                    out.add(
                        t.path,
                        item.line,
                        f"unknown speaker '{item.speaker}' in {item.id}",
                        "add the speaker to source_texts/speakers.yml or fix the id",
                    )
                else:
                    out.add(
                        t.path,
                        item.line,
                        f"{who.name} held no recorded role on {t.date} ({item.id})",
                        "check the attribution and the date, or add the role to speakers.yml",
                    )


# ---------------------------------------------------------------- nothing spoken lost

WORD = re.compile(r"\w+")
REMOVED, ADDED = "removed", "added"


@dataclass(frozen=True)
class Passage:
    """A run of words in which the cleaned text and its capture differ, in the order written:
    words of the capture the text lacks (REMOVED) or words of the text the capture lacks
    (ADDED). `raw_line`: the capture's line where they are, or would be; `line` and `turn`: the
    cleaned file's line (and its turn) where they are, or were."""

    kind: str
    words: tuple[str, ...]
    raw_line: int | None
    line: int | None
    turn: str | None
    text: str = ""  # the words as written, with what stands between them ("It’s", "U.S.")


@dataclass(frozen=True)
class _Words:
    """The words of a text in order: case-folded (compared), as written (shown), each's line and
    turn."""

    keys: list[str]
    shown: list[str]
    gaps: list[str]  # what stands before each word on its line, after the word before it
    lines: list[int]
    turns: list[str | None]

    def text(self, i: int, j: int) -> str:
        """Words i to j as written: the gaps between them kept when they are short punctuation."""
        out = [self.shown[i]]
        for k in range(i + 1, j):
            gap = self.gaps[k] if self.lines[k] == self.lines[k - 1] else " "
            out.append((" " if len(gap) > 3 else gap) + self.shown[k])
        return " ".join("".join(out).split())

    def at(self, i: int) -> tuple[int | None, str | None]:
        """The line and turn of word `i`, or of the nearest word before it (there is none in an
        empty text)."""
        if not self.keys:
            return None, None
        i = min(max(i, 0), len(self.keys) - 1)
        return self.lines[i], self.turns[i]


def _words(numbered: Iterable[tuple[int, str, str | None]]) -> _Words:
    words = _Words([], [], [], [], [])
    for line, text, turn in numbered:
        end = 0
        for m in WORD.finditer(text):
            w = m[0]
            words.keys.append(w.casefold())
            words.shown.append(w)
            words.gaps.append(text[end : m.start()])
            words.lines.append(line)
            words.turns.append(turn)
            end = m.end()
    return words


def _raw_lines(raw_text: str, t: Transcript) -> Iterable[tuple[int, str, str | None]]:
    """The capture's lines that are not omitted, numbered; an omitted part of a line is taken
    out of it."""
    lines = raw_text.split("\n")
    # lines under an omission, counted from where each starts and ends: linear in the lines and
    # the omissions, however wide a range is written ('1-999999999')
    starts = [0] * (len(lines) + 2)
    parts: dict[int, list[str]] = {}
    for o in t.omitted:
        if o.text is not None:
            parts.setdefault(o.first, []).append(o.text)
            continue
        first, last = max(o.first, 1), min(o.last, len(lines))
        if first <= last:
            starts[first] += 1
            starts[last + 1] -= 1
    depth = 0
    for n, line in enumerate(lines, start=1):
        depth += starts[n]
        if depth:
            continue
        for part in parts.get(n, ()):
            line = line.replace(part, " ", 1)
        yield n, line, None


def _cleaned_lines(
    t: Transcript, blocks: tuple[cleaned.Block, ...]
) -> Iterable[tuple[int, str, str | None]]:
    """The cleaned text's lines, numbered as in the file, with their turn; a turn's anchor is
    not text."""
    for block in blocks:
        anchor = None if t.is_article else cleaned.MARKER.match(block.lines[0])
        for i, line in enumerate(block.lines):
            text = anchor["rest"] if i == 0 and anchor else line
            yield block.line + i, text, anchor["id"] if anchor else None


def _in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (sorted by their first) whose second rises too: the words both
    texts hold once that stand in the same order in each (patience sorting, n log n)."""
    ends: list[int] = []  # ends[k]: the smallest second that ends a run of k + 1 pairs...
    last: list[int] = []  # ...and the index in pairs of the pair that ends it
    before = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(ends, j)
        if k:
            before[n] = last[k - 1]
        if k == len(ends):
            ends.append(j)
            last.append(n)
        else:
            ends[k], last[k] = j, n
    run, n = [], last[-1] if last else -1
    while n >= 0:
        run.append(pairs[n])
        n = before[n]
    return run[::-1]


def _anchors(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int, most: int
) -> list[tuple[int, int]]:
    """Words that stand as often in a[alo:ahi] as in b[blo:bhi], at most `most` times, the n-th
    of one paired with the n-th of the other, kept where they stand in the same order. With
    `most` 1 these are the words each holds once; more finds anchors in a text that repeats
    itself (a passage read twice), where no word is said only once."""
    in_a, in_b = Counter(a[alo:ahi]), Counter(b[blo:bhi])
    where_b: dict[str, list[int]] = {}
    for j in range(blo, bhi):
        if in_b[b[j]] <= most and in_a[b[j]] == in_b[b[j]]:
            where_b.setdefault(b[j], []).append(j)
    seen: Counter[str] = Counter()
    pairs = []
    for i in range(alo, ahi):
        spots = where_b.get(a[i])
        if spots:
            pairs.append((i, spots[seen[a[i]]]))
            seen[a[i]] += 1
    return _in_order(pairs)


def _differing(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """The (a start, a end, b start, b end) spans where two word sequences differ, in order.

    A patience diff: the words each span holds exactly once, in the same order in both, are
    matched first and cut the texts into short stretches between them, and only a stretch with
    no such word goes to difflib's matcher. The matcher alone, on a whole document, looks up
    every occurrence of every word: at 16,000 words of speech with thirty edits, over a second;
    cut up first, a few milliseconds."""
    found = []
    todo = [(0, len(a), 0, len(b))]
    while todo:
        alo, ahi, blo, bhi = todo.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:  # what both begin and end with
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
        if alo == ahi or blo == bhi:
            if alo < ahi or blo < bhi:
                found.append((alo, ahi, blo, bhi))
            continue
        anchors = _anchors(a, b, alo, ahi, blo, bhi, 1) or _anchors(a, b, alo, ahi, blo, bhi, 16)
        if anchors:
            cuts = [(alo - 1, blo - 1), *anchors, (ahi, bhi)]
            todo.extend((i0 + 1, i1, j0 + 1, j1) for (i0, j0), (i1, j1) in itertools.pairwise(cuts))
            continue
        matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi])
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                found.append((alo + i1, alo + i2, blo + j1, blo + j2))
    return sorted(found)


def word_diff(raw_text: str, t: Transcript, blocks: tuple[cleaned.Block, ...]) -> list[Passage]:
    """Where the cleaned text (`blocks`, as `cleaned.split` found them) and the words of its
    capture differ, lines the capture records as omitted set aside: each passage removed or
    added, in order, case-folded words compared."""
    raw = _words(_raw_lines(raw_text, t))
    text = _words(_cleaned_lines(t, blocks))
    found = []
    for i1, i2, j1, j2 in _differing(raw.keys, text.keys):
        if i2 > i1:  # at the text's word before the gap: the removed words were after it
            line, turn = text.at(j1 - 1 if j1 else 0)
            found.append(
                Passage(
                    REMOVED, tuple(raw.shown[i1:i2]), raw.lines[i1], line, turn, raw.text(i1, i2)
                )
            )
        if j2 > j1:
            raw_line, _ = raw.at(i1 - 1 if i1 else 0)
            found.append(
                Passage(
                    ADDED,
                    tuple(text.shown[j1:j2]),
                    raw_line,
                    text.lines[j1],
                    text.turns[j1],
                    text.text(j1, j2),
                )
            )
    return found


def _without(p: Passage, taken: Counter[str]) -> list[Passage]:
    """`p` less the words `taken` still holds (each taken once), split where words went."""
    runs: list[list[str]] = [[]]
    for w in p.words:
        if taken[w.casefold()] > 0:
            taken[w.casefold()] -= 1
            runs.append([])
        else:
            runs[-1].append(w)
    if len(runs) == 1:  # nothing taken
        return [p]
    return [dataclasses.replace(p, words=tuple(run), text=" ".join(run)) for run in runs if run]


def unexplained(passages: list[Passage], t: Transcript) -> list[Passage]:
    """The passages no record of the transcript accounts for. Removed words are accounted for by
    a correction's `removed:` (word by word, each once); words added to a turn by a correction
    naming the turn in `turns:` (the capture dropped a word the official text has); in a news
    article, which has no turns, by any correction entry."""
    taken = Counter(
        w.casefold() for c in t.corrections if c.removed for w in WORD.findall(c.removed)
    )
    corrected = {tid for c in t.corrections for tid in c.turns}
    left = []
    for p in passages:
        if p.kind == REMOVED:
            left.extend(_without(p, taken))
        elif not (p.turn in corrected or (t.is_article and t.corrections)):
            left.append(p)
    return left
