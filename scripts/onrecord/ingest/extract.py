"""Extraction: one raw capture in, the draft of a cleaned transcript out, with a report.

    extract(text, url, registry)
      1. front matter     a Markdown copy's YAML header (title, date, source) is metadata
      2. classify lines   chrome, time stamps, labels; duplicated copies of the text
      3. header           title, dateline, venue and bylines above the speech
      4. body             turns from labels (or the article's paragraphs and quotes)
      5. metadata         event date and place where the text (or the address) states them
      6. speakers         labels resolved against the registry, dated
Every line of the capture ends up in a turn or in the report, with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import yaml

from ..registry import TITLE_WORDS, UNIDENTIFIED, Registry, display_name, fold, tokens
from . import metadata as meta
from . import places
from .lines import (
    BYLINE,
    END_OF_DOCUMENT,
    STAGE,
    TIME_LINE,
    TIMESTAMP_LINE,
    Label,
    dates_in,
    is_chrome,
    is_date_line,
    match_label,
)
from .quotes import find_quotes

VENUE = re.compile(
    r"(?i)\b(?:Headquarters|Office|Center|Centre|Hall|House|Room|Building|Palace|Ministry|"
    r"Embassy|Hotel|Airport|Base|Ferial|Residence)\b"
)
TERMINAL = tuple('.?!…:;"”’—–-)]')


@dataclass
class DraftTurn:
    label: Label | None
    speaker_id: str | None
    speaker: str | None  # display name
    paragraphs: list[str]
    line: int  # line of the capture where the turn starts
    how: str = ""  # how the speaker was decided, for the report
    outlet: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(
            p for p in self.paragraphs if not STAGE.match(p) and not TIMESTAMP_LINE.match(p)
        )


@dataclass
class DraftQuote:
    speaker_id: str | None
    speaker: str | None
    text: str
    how: str


@dataclass
class Extraction:
    kind: str  # "transcript" or "news article"
    title: str | None = None
    title_source: str | None = None
    date: date | None = None
    date_source: str | None = None
    location: str | None = None
    location_source: str | None = None
    time: str | None = None
    turns: list[DraftTurn] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # articles
    quotes: list[DraftQuote] = field(default_factory=list)
    removed: list[tuple[int, int, str]] = field(
        default_factory=list
    )  # first line, last line, reason
    inferred: list[str] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    duplicate: str | None = None

    def record(self) -> dict:
        """The JSON record of the scoring contract."""
        return {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "location": self.location,
            "turns": [
                {
                    "speaker": t.speaker,
                    "label": t.label.printed if t.label else None,
                    "text": t.text,
                }
                for t in self.turns
            ],
            "quotes": [{"speaker": q.speaker, "text": q.text} for q in self.quotes],
        }


@dataclass
class _Line:
    number: int
    text: str
    kind: str = "text"  # text | blank | front | chrome | time | duplicate | label | header
    reason: str = ""
    label: Label | None = None


def extract(text: str, registry: Registry, url: str | None = None) -> Extraction:
    lines = [_Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]
    front = _front_matter(lines)
    _classify(lines, registry)
    duplicate = _mark_duplicates(lines)
    labels = [l for l in lines if l.kind == "label"]
    body_start = labels[0].number if labels else None
    kind = _document_kind(lines, labels)
    if kind == "news article":
        for l in labels:  # an article's "Name:" lines are headings or bullets, not turns
            l.kind, l.label = "text", None
        body_start = None
    x = Extraction(kind=kind, duplicate=duplicate)
    if duplicate:
        x.notes.append(duplicate)
    header_end = _read_header(lines, body_start, front, x, registry)
    body = [l for l in lines if l.number >= header_end]
    _end_of_document(body, kind)
    _metadata(lines, header_end, front, url, x)
    if kind == "news article":
        x.paragraphs = [p for _, p in _paragraphs([l for l in body if l.kind == "text"])]
        for q in find_quotes(x.paragraphs, registry, x.date):
            x.quotes.append(DraftQuote(q.speaker_id, q.name, q.text, q.how))
            if not q.name:
                x.undecided.append(f"quote not attributed: “{q.text[:60]}…”")
    else:
        x.turns = _turns(body, registry, x)
        if not x.turns:
            x.undecided.append("no speech found: nothing in the capture reads as a transcript")
    _speakers(x, registry, url, text)
    x.removed = _removed(lines)
    return x


# ---------------------------------------------------------------- 1. front matter


def _front_matter(lines: list[_Line]) -> dict:
    """A Markdown copy's YAML header: metadata, never speech."""
    if not lines or lines[0].text.strip() != "---":
        return {}
    end = next((l for l in lines[1:40] if l.text.strip() == "---"), None)
    if end is None:
        return {}
    block = "\n".join(l.text for l in lines[1 : end.number - 1])
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        return {}
    for l in lines[: end.number]:
        l.kind, l.reason = "front", "front matter (metadata)"
    return data


# ---------------------------------------------------------------- 2. classify


def _classify(lines: list[_Line], registry: Registry) -> None:
    previous_blank = True
    for l in lines:
        if l.kind == "front":
            continue
        stripped = l.text.strip()
        if not stripped:
            l.kind = "blank"
            previous_blank = True
            continue
        if is_chrome(l.text):
            l.kind, l.reason = "chrome", "page chrome"
        elif TIME_LINE.match(l.text):
            l.kind, l.reason = "time", "time of day (metadata)"
        else:
            label = match_label(l.text, registry, previous_blank)
            if label:
                l.kind, l.label = "label", label
        previous_blank = False


def _mark_duplicates(lines: list[_Line]) -> str | None:
    """A repost glued to its own copy: keep the copy with the better structure, once."""

    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip().casefold()

    candidates = [l for l in lines if l.kind in ("text", "label") and len(l.text.strip()) >= 40]
    note = None
    for l in candidates:  # a run-together copy: one long line holding several later paragraphs
        if len(l.text) < 300:
            continue
        whole = norm(l.text)
        inside = [
            o
            for o in candidates
            if o is not l and len(norm(o.text)) >= 40 and _body(norm(o.text)) in whole
        ]
        if len(inside) >= 2 and sum(len(o.text) for o in inside) >= 0.5 * len(l.text):
            l.kind, l.reason = "duplicate", "duplicate: the same text run together in one line"
            note = (
                f"the capture repeats its text (line {l.number} runs the transcript together; "
                f"lines {inside[0].number}–{inside[-1].number} give it in paragraphs): published once"
            )
    seen: dict[str, int] = {}
    for l in candidates:
        if l.kind not in ("text", "label"):
            continue
        key = norm(l.text)
        if key in seen and len(key) >= 80:
            l.kind, l.reason = "duplicate", f"duplicate of line {seen[key]}"
            note = note or f"line {l.number} repeats line {seen[key]}: published once"
        seen.setdefault(key, l.number)
    return note


def _body(text: str) -> str:
    """A line without its label, to find it inside a run-together copy."""
    return re.sub(r"^[^:]{1,80}:\s*", "", text)


def _document_kind(lines: list[_Line], labels: list[_Line]) -> str:
    """A news article quotes people in its own sentences; a transcript prints labels."""
    attributed = 0
    verbs = r"said|says|added|stressed|underlined|emphasi[sz]ed|continued|concluded|told|noted"
    for l in lines:
        if l.kind == "text":
            attributed += len(
                re.findall(
                    rf"[”\"’'],?\s+(?:{verbs})\b|\b(?:{verbs})\b[^“\"]{{0,40}}[“\"]|"
                    rf"^\s*•?\s*[A-Z][a-z]+:\s*['‘“\"]|\bsaying\b[^“\"]{{0,40}}[“\"]",
                    l.text,
                )
            )
    distinct = {fold(l.label.name) for l in labels}
    if attributed and (len(labels) <= 1 or (len(distinct) <= 2 and attributed >= 3 * len(labels))):
        return "news article"
    return "transcript"


# ---------------------------------------------------------------- 3. header


def _read_header(
    lines: list[_Line], body_start: int | None, front: dict, x: Extraction, registry: Registry
) -> int:
    """Reads title, dateline and venue above the speech; returns the first line of the body."""
    if front.get("title"):
        x.title = re.sub(r"\s+", " ", str(front["title"])).strip()
        x.title_source = "the capture's front matter"
    candidates = [
        l for l in lines if l.kind == "text" and (body_start is None or l.number < body_start)
    ]
    title_line: _Line | None = None
    early_dates: list[_Line] = []  # dates above the title are widgets; with no title, the dateline

    def settle() -> None:
        for d in early_dates:
            d.kind, d.reason = (
                ("chrome", "page widget above the title") if title_line else ("header", "dateline")
            )

    for index, l in enumerate(candidates):
        text = l.text.strip()
        if l.kind == "header":
            continue
        if x.title is None and title_line is None:
            nxt = candidates[index + 1] if index + 1 < len(candidates) else None
            continues = bool(
                nxt
                and re.match(r"^(?:by|with|and|of|at|on|in)\s", nxt.text.strip())
                and nxt.number - l.number <= 2
            )
            if is_date_line(text):
                early_dates.append(l)
                continue
            if (len(text.split()) < 2 and not continues) or len(text) > 250:
                l.kind, l.reason = "chrome", "section tag"
                continue
            title_line = l
            x.title, x.title_source = text, f"line {l.number}"
            l.kind, l.reason = "header", "title"
            if continues:
                x.title = f"{text} {nxt.text.strip()}"
                nxt.kind, nxt.reason = "header", "title (second line)"
            continue
        role = _header_role(text, x.title, registry)
        if role is None:
            # the speech starts here: an opening statement printed without a label
            settle()
            return l.number
        l.kind, l.reason = "header", role
    settle()
    return body_start or (lines[-1].number + 1)


def _header_role(text: str, title: str | None, registry: Registry) -> str | None:
    """What a non-speech line above the speech is, or None if it reads as speech."""
    if title and fold(text) == fold(title):
        return "title repeated"
    if is_date_line(text):
        return "dateline"
    if dates_in(text) and (
        BYLINE.search(text) or len(text.split()) <= 14 or _overlap(text, title) >= 0.5
    ):
        return "byline or caption with a date"
    if text.endswith(","):
        return None  # a salutation: "Prime Minister Gahr Støre,"
    words = text.split()
    if len(words) <= 8 and not text.endswith((".", "?", "!")):
        if places.PLACE_RE.search(text) or VENUE.search(text):
            return "venue"
        if (
            registry.match_name(text.split(",")[0], None)
            or "," in text
            and _is_role(text.split(",", 1)[1])
        ):
            return "byline"
        if len(words) <= 3:
            return "note"
    if _overlap(text, title) >= 0.8:
        return "caption repeating the title"
    return None


def _is_role(text: str) -> bool:
    return bool(
        re.search(
            r"\b(?:Secretary|President|Minister|Ambassador|Spokesperson|General|Director)\b", text
        )
    )


def _overlap(text: str, title: str | None) -> float:
    if not title:
        return 0.0
    a, b = set(tokens(text)), set(tokens(title))
    return len(a & b) / max(1, len(a))


def _end_of_document(body: list[_Line], kind: str) -> None:
    """Related links and the site's footer after the document are not part of it."""
    for i, l in enumerate(body):
        if l.kind in ("chrome", "text") and END_OF_DOCUMENT.match(l.text):
            for rest in body[i:]:
                if rest.kind not in ("blank",):
                    rest.kind, rest.reason = "chrome", "after the end of the document (site links)"
            break
    # captions: a line before "Credit: ..." in the same paragraph describes a photo
    for i, l in enumerate(body):
        if (
            l.kind == "chrome"
            and re.match(r"^\s*Credit:", l.text)
            and i > 0
            and body[i - 1].kind == "text"
        ):
            body[i - 1].kind, body[i - 1].reason = "chrome", "photo caption"
    if kind == "news article":
        return
    # trailing titles after a wide gap: links to other pages ("The Lessons of 1989: ...")
    content = [l for l in body if l.kind in ("text", "label")]
    trailing: list[_Line] = []
    for l in reversed(content):
        if l.kind == "text" and _title_like(l.text):
            trailing.append(l)
            continue
        break
    if trailing and trailing[-1] is not content[0]:
        first = trailing[-1]
        gap = 0
        for l in reversed([b for b in body if b.number < first.number]):
            if l.kind == "blank":
                gap += 1
            else:
                break
        if gap >= 2:
            for l in trailing:
                l.kind, l.reason = "chrome", "after the end of the document (site links)"


def _title_like(text: str) -> bool:
    text = text.strip()
    return len(text.split()) <= 15 and not text.endswith(TERMINAL) and text[:1].isupper()


# ---------------------------------------------------------------- 4. body


def _paragraphs(lines: list[_Line]) -> list[tuple[int, str]]:
    """Lines -> paragraphs. Hard-wrapped copies (lines cut at ~72 columns) are joined back."""
    if not lines:
        return []
    lengths = [len(l.text.rstrip()) for l in lines]
    wrapped = sum(55 <= n <= 80 for n in lengths) >= 0.5 * len(lengths) and max(lengths) <= 90
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    previous = None
    for l in lines:
        text = _clean(l.text)
        gap = previous is not None and l.number - previous.number > 1
        join = (
            current
            and not gap
            and (wrapped or (not current[-1].endswith(TERMINAL) and text[:1].islower()))
        )
        if (
            STAGE.match(text)
            or TIMESTAMP_LINE.match(text)
            or (current and STAGE.match(current[-1]))
        ):
            join = False
        if join:
            current.append(text)
        else:
            if current:
                out.append((start, " ".join(current)))
            current, start = [text], l.number
        previous = l
    if current:
        out.append((start, " ".join(current)))
    return out


def _clean(text: str) -> str:
    """Layout whitespace goes; a single no-break space between two words stays."""
    text = text.strip(" \t\u00a0")
    return re.sub(r"[ \t\u00a0]{2,}|[ \t]", " ", text)


def _turns(body: list[_Line], registry: Registry, x: Extraction) -> list[DraftTurn]:
    turns: list[DraftTurn] = []
    pending: list[_Line] = []
    current: DraftTurn | None = None

    def flush() -> None:
        nonlocal pending
        if pending:
            paragraphs = [p for _, p in _paragraphs(pending)]
            if current is None:
                turns.append(DraftTurn(None, None, None, paragraphs, pending[0].number))
            else:
                current.paragraphs.extend(paragraphs)
        pending = []

    for l in body:
        if l.kind == "label":
            flush()
            current = DraftTurn(l.label, None, None, [], l.number)
            turns.append(current)
            if l.label.rest:
                pending.append(_Line(l.number, l.label.rest, "text"))
        elif l.kind == "text":
            pending.append(l)
    flush()
    for t in turns:
        if not t.paragraphs:  # a label with nothing said after it: the capture dropped the words
            for l in body:
                if l.number == t.line:
                    l.kind, l.reason = "chrome", "speaker label with no words after it"
    return [t for t in turns if t.paragraphs]


# ---------------------------------------------------------------- 5. metadata


def _metadata(
    lines: list[_Line], header_end: int, front: dict, url: str | None, x: Extraction
) -> None:
    header = [l for l in lines if l.number < header_end and l.kind in ("header", "chrome", "text")]
    # event date
    if front.get("date"):
        try:
            x.date = date.fromisoformat(str(front["date"])[:10])
            x.date_source = "the capture's front matter"
        except ValueError:
            pass
    if x.date is None:
        for l in header:
            if l.kind != "header" or BYLINE.search(l.text) and not is_date_line(l.text):
                continue
            found = dates_in(l.text)
            if found:
                x.date, x.date_source = found[0].day, f"dateline, line {l.number}"
                break
    if x.date and x.kind == "news article" and x.date_source.startswith("dateline"):
        # an article's date line is when it was published; it is the event's date only when
        # the article says the event happened that day ("today", "this morning")
        lead = " ".join(l.text for l in lines if l.number >= header_end and l.kind == "text")[:1500]
        explicit = meta.event_date_in_lead(lead)
        if explicit or not re.search(
            r"(?i)\b(?:today|this (?:morning|afternoon|evening)|tonight)\b", lead
        ):
            x.notes.append(f"publication date {x.date} (not taken as the event's date)")
            x.date, x.date_source = None, None
    if x.date is None:
        for l in lines:  # nato.int's date widget: "• 21 Jan. 2015 -"; never its "Last updated"
            if re.match(r"^\s*•\s*\d{1,2}\s+\w+\.?\s+\d{4}\s*-?\s*$", l.text):
                x.date, x.date_source = dates_in(l.text)[0].day, f"date line {l.number}"
                l.kind, l.reason = "header", "date"
                break
    if x.date is None and x.title:
        found = dates_in(x.title)
        if found:
            x.date, x.date_source = found[0].day, "the title"
    if x.date is None and x.kind == "news article":
        lead = (
            " ".join(x.paragraphs[:3])
            if x.paragraphs
            else " ".join(l.text for l in lines if l.number >= header_end and l.kind == "text")[
                :1500
            ]
        )
        found = meta.event_date_in_lead(lead)
        if found:
            x.date, x.date_source = found, "the article's opening paragraphs"
    if x.date is None:
        found = meta.date_from_url(url)
        if found:
            x.date, x.date_source = found, "the source URL"
            x.inferred.append(f"date {found} from the source URL")
    # place
    venue = [l.text.strip() for l in header if l.reason == "venue"]
    if venue:
        x.location, x.location_source = ", ".join(dict.fromkeys(venue)), "venue lines of the header"
    if x.location is None:
        for l in (
            header
        ):  # "NATO HEADQUARTERS Brussels, Belgium March 4, 2022"; "... in Brussels, April 5, 2023."
            if l.reason not in ("dateline", "byline or caption with a date"):
                continue
            rest = l.text
            for f in reversed(dates_in(rest)):
                rest = rest[: f.start] + rest[f.end :]
            rest = re.sub(r"\s+", " ", rest).strip(" ,.-–•|")
            if BYLINE.search(rest):
                continue
            spot = meta.location_in_line(rest)
            if (
                not spot
                and len(rest.split()) <= 8
                and (places.PLACE_RE.search(rest) or VENUE.search(rest))
            ):
                spot = rest
            if spot:
                x.location, x.location_source = spot.strip(" ,"), f"dateline, line {l.number}"
                break
    if x.location is None and x.title:
        spot = meta.location_in_title(x.title)
        if spot:
            x.location, x.location_source = spot, "the title"
    if x.location is None and x.kind == "news article":
        # a news agency's dateline: "BRUSSELS, March 4 (Reuters) - ..."
        first = next((l.text for l in lines if l.number >= header_end and l.kind == "text"), "")
        m = re.match(
            r"^\s*(?P<place>[A-Z][A-Z .'’-]{2,30}?)(?:,\s*[A-Z][a-zA-Z.]+)?,\s*[A-Z][a-z]+\.?\s+\d{1,2}"
            r"(?:,\s*\d{4})?\s*\((?:[A-Za-z .]{2,20})\)\s*[-–—]",
            first,
        )
        if m:
            x.location = m["place"].strip().title()
            x.location_source = "the article's dateline"
    if x.location is None:
        speech = [l for l in lines if l.number >= header_end and l.kind in ("text", "label")][:12]
        text = " ".join((l.label.rest if l.label else l.text) for l in speech)
        patterns = places.LEAD_HERE if x.kind == "news article" else places.SPEECH_HERE
        spot = places.stated_place(text, patterns)
        if spot:
            x.location, x.location_source = (
                spot,
                "stated in the opening " + ("paragraphs" if x.kind == "news article" else "speech"),
            )
    times = [l.text.strip() for l in lines if l.kind == "time"]
    if times:
        x.time = times[0] if len(times) == 1 else f"{times[0]} – {times[-1]}"


# ---------------------------------------------------------------- 6. speakers


def _speakers(x: Extraction, registry: Registry, url: str | None, text: str = "") -> None:
    interviewer = _interviewer(x.title, url)
    host = _principal(x.title, registry, x.date)
    for turn in x.turns:
        if turn.label is None:
            if host:
                turn.speaker_id, turn.speaker = host
                turn.how = "no label: the speaker the title names"
                x.inferred.append(
                    f"line {turn.line}: unlabeled opening statement given to {host[1]}, "
                    "whom the title names"
                )
            else:
                x.undecided.append(
                    f"line {turn.line}: text without a speaker label; who speaks is not stated"
                )
            continue
        if turn.label.style == "change":
            x.undecided.append(
                f"line {turn.line}: the captions mark a new speaker ('>>') without a name"
            )
            continue
        name = turn.label.name
        if turn.label.style == "caption" or turn.label.style == "q":
            paren = None
        else:
            paren = turn.label.paren
        r = registry.resolve_label(name, paren, x.date)
        turn.speaker_id, turn.speaker, turn.how, turn.outlet = r.speaker_id, r.name, r.how, r.outlet
        if r.speaker_id == UNIDENTIFIED and interviewer:
            person = registry.match_name(interviewer, x.date)
            turn.speaker_id, turn.speaker = (
                (person.id, person.name) if person else (None, interviewer)
            )
            turn.how = "the interviewer the title names"
            note = f"'{turn.label.printed}' turns given to {turn.speaker}, the interviewer the title names"
            if note not in x.inferred:
                x.inferred.append(note)
        elif r.speaker_id is None and r.name:
            r_name = display_name(name)
            full = _full_name(r_name, " ".join(filter(None, [x.title, text[:3000]])))
            if full:  # "PRIME MINISTER KISHIDA" and the title names "Prime Minister Fumio Kishida"
                x.inferred.append(f"'{turn.label.printed}' is {full}, as the capture names them")
                r_name = full
            turn.speaker = r_name
            msg = f"new speaker '{r_name}' (label '{turn.label.printed}'): added to the registry as a draft"
            if msg not in x.undecided:
                x.undecided.append(msg)


def _full_name(label_name: str, text: str) -> str | None:
    """The full name a title-and-surname label stands for, when the capture spells it out once."""
    words = label_name.split()
    named = [w for w in words if w.lower().strip(".") not in TITLE_WORDS]
    if len(named) != 1 or len(words) > 4:
        return None
    surname = named[0]
    found = {
        m.group(1)
        for m in re.finditer(
            rf"\b((?:[A-Z][\w’'-]+\s+)(?:[A-Z]\.\s+)?{re.escape(surname)})\b",
            text,
            re.I if surname.isupper() else 0,
        )
        if m.group(1).split()[0].lower().strip(".") not in TITLE_WORDS
    }
    found = {f for f in found if f.split()[-1].lower() == surname.lower() and not f.isupper()}
    return found.pop() if len(found) == 1 else None


def _interviewer(title: str | None, url: str | None) -> str | None:
    """'Secretary Blinken With Gayle King of CBS Mornings' -> 'Gayle King'."""
    for text in (title, meta.title_from_url(url)):
        if not text:
            continue
        m = re.search(
            r"\b(?:[Ww]ith|[Ii]nterview(?:ed)? by|[Ii]nterview with)\s+(?P<who>[A-Z][\w’'-]+"
            r"(?:\s+[A-Z][\w’'-]+){1,2})\s+(?:[Oo]f|[Oo]n|[Ff]rom|[Ff]or)\s+[A-Z0-9]",
            text,
        )
        if m and not re.search(r"(?i)secretary|president|minister|general", m["who"]):
            return m["who"]
    return None


def _principal(
    title: str | None, registry: Registry, day: date | None
) -> tuple[str | None, str] | None:
    """Whose statement a title announces: 'Press conference by NATO Secretary General Jens Stoltenberg
    with ...' -> Stoltenberg; otherwise the first person the title names."""
    if not title:
        return None
    m = re.search(
        r"\bby\s+(?P<who>.+?)(?:\s+(?:with|and|at|in|on|during|ahead|before|after)\b|,|$)", title
    )
    texts = [m["who"]] if m else []
    texts.append(title)
    for text in texts:
        words = text.split()
        for size in (4, 3, 2, 1):
            for i in range(len(words) - size + 1):
                person = registry.match_name(" ".join(words[i : i + size]), day)
                if person and len(words[i + size - 1]) > 2 and words[i + size - 1][0].isupper():
                    return person.id, person.name
    return None


def _removed(lines: list[_Line]) -> list[tuple[int, int, str]]:
    """Consecutive non-speech lines with the same reason, as (first, last, reason)."""
    spans: list[tuple[int, int, str]] = []
    for l in lines:
        if l.kind in ("front", "chrome", "time", "duplicate", "header"):
            reason = l.reason or l.kind
            if spans and spans[-1][2] == reason and spans[-1][1] >= l.number - 2:
                spans[-1] = (spans[-1][0], l.number, reason)
            else:
                spans.append((l.number, l.number, reason))
    return spans
