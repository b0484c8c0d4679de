"""Extraction: one raw capture in, the draft of a cleaned transcript out, with a report.

    extract(text, url, registry)
      1. front matter     a Markdown copy's YAML header (title, date, source) is metadata
      2. people           who the title, the URL and the header name (people.py)
      3. classify lines   chrome, time stamps, labels (also glued to chrome, or inside a
                          page flattened into one line); duplicated copies of the text
      4. header           title, dateline, venue, bylines and captions above the speech (header.py)
      5. body             turns from labels (or the article's paragraphs and quotes)
      6. metadata         event date and place where the text (or the address) states them (metadata.py)
      7. speakers         labels resolved against the registry and the people named (speakers.py)
Every line of the capture ends up in a turn or in the report, with its reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import yaml
from rapidfuzz import fuzz

from ..records import is_stage_direction
from ..registry import UNIDENTIFIED, Registry, fold
from . import header as head
from . import metadata as meta
from . import people as names
from . import places
from . import speakers as who
from .lines import (
    END_OF_DOCUMENT,
    STAMP_PREFIX,
    TIME_LINE,
    TIMESTAMP_LINE,
    Label,
    Line,
    flattened_parts,
    glued_label,
    is_chrome,
    match_label,
)
from .quotes import FOREIGN_VERBS, find_quotes
from .quotes import VERBS as SPEECH_VERBS

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
    basis: str | None = (
        None  # for the draft's editorial note, when the speaker is inferred or undecided
    )

    @property
    def text(self) -> str:
        spoken = [
            p for p in self.paragraphs if not is_stage_direction(p) and not TIMESTAMP_LINE.match(p)
        ]
        if not spoken:  # "QUESTION: (Off-mike.)": the turn is there, its words were not caught
            spoken = [p for p in self.paragraphs if not TIMESTAMP_LINE.match(p)]
        return "\n".join(spoken)


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
    # (first line, last line, reason, text): text is set when only part of a line is omitted
    removed: list[tuple[int, int, str, str | None]] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)
    not_used: list[str] = field(
        default_factory=list
    )  # dates and places seen and why they were not taken
    speakers_note: str | None = (
        None  # for the draft's editorial note on speakers, when one basis covers many turns
    )
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


def extract(text: str, registry: Registry, url: str | None = None) -> Extraction:
    lines = [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]
    front = _front_matter(lines)
    named = _people(lines, front, url)
    lines = _classify(lines, registry, named, meta.title_from_url(url))
    duplicate = _mark_duplicates(lines)
    lines = _unflatten(lines, registry, named)
    kind = _document_kind(lines)
    if kind == "news article":
        for ln in lines:  # an article's "Name:" lines are headings or bullets, not turns
            if ln.kind == "label":
                ln.kind, ln.label = "text", None
    first_label = next((i for i, ln in enumerate(lines) if ln.kind == "label"), None)
    x = Extraction(kind=kind, duplicate=duplicate)
    if duplicate:
        x.notes.append(duplicate)
    front_title = re.sub(r"\s+", " ", str(front["title"])).strip() if front.get("title") else None
    h = head.read(lines, first_label, front_title, url, kind, named)
    x.title = h.title
    x.title_source = (
        "the capture's front matter"
        if front_title
        else (f"line {lines[h.title_line].number}" if h.title_line is not None else None)
    )
    body = lines[h.end :]
    _end_of_document(body, kind)
    meta.read(lines, h.end, front, url, x, named)
    context = who.context(
        x.title,
        url,
        x.date,
        [(ln.text, f"line {ln.number}") for ln in lines[: h.end] if ln.kind == "header"],
        text,
    )
    if kind == "news article":
        x.paragraphs = [p for _, p in _paragraphs([ln for ln in body if ln.kind == "text"])]
        for q in find_quotes(x.paragraphs, registry, x.date, context):
            x.quotes.append(DraftQuote(q.speaker_id, q.name, q.text, q.how))
            if not q.name:
                x.undecided.append(f"quote not attributed: “{q.text[:60]}…”")
    else:
        x.turns = _turns(body)
        if not x.turns:
            x.undecided.append("no speech found: nothing in the capture reads as a transcript")
    _speakers(x, registry, context)
    x.removed = _removed(lines)
    return x


# ---------------------------------------------------------------- 1. front matter


def _front_matter(lines: list[Line]) -> dict:
    """A Markdown copy's YAML header: metadata, never speech."""
    if not lines or lines[0].text.strip() != "---":
        return {}
    end = next((ln for ln in lines[1:40] if ln.text.strip() == "---"), None)
    if end is None:
        return {}
    block = "\n".join(ln.text for ln in lines[1 : end.number - 1])
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        return {}
    for ln in lines[: end.number]:
        ln.kind, ln.reason = "front", "front matter (metadata)"
    return data


# ---------------------------------------------------------------- 2. people named outside the speech


def _people(lines: list[Line], front: dict, url: str | None) -> tuple[str, ...]:
    """Full names the front matter, the URL slug and the first lines give with a role
    ('Russian Foreign Minister Sergey Lavrov'): labels naming them are labels, registry or not."""
    texts = [
        (str(front.get("title") or ""), "front matter"),
        (meta.title_from_url(url) or "", "the source URL"),
    ]
    texts += [(ln.text[:600], f"line {ln.number}") for ln in lines[:60] if ln.kind == "text"][:15]
    found: list[str] = []
    for t, where in texts:
        for n in names.named(t, where):
            if not any(names.same_person(n.name, f) for f in found):
                found.append(n.name)
    return tuple(found)


# ---------------------------------------------------------------- 3. classify


def _headline(text: str, label: Label, first: bool, url_title: str | None) -> bool:
    """'Blinken: NATO door remains open' is a news headline, not a turn: the line is the title
    the address gives, or the first line of the page is a one-name label before a heading."""
    if url_title and fuzz.token_set_ratio(fold(text), fold(url_title)) >= 90:
        return True
    rest = label.rest.strip()
    return (
        first
        and label.style == "mixed"
        and len(label.name.split()) == 1
        and 0 < len(rest.split()) <= 15
        and not rest.endswith(TERMINAL)
    )


def _classify(
    lines: list[Line], registry: Registry, named: tuple[str, ...], url_title: str | None = None
) -> list[Line]:
    out: list[Line] = []
    first = True  # no text or label line yet
    previous_blank = True
    # a capture without blank lines starts a paragraph on every line
    filled = [i for i, ln in enumerate(lines) if ln.kind != "front" and ln.text.strip()]
    spaced = bool(filled) and filled[-1] - filled[0] + 1 > len(filled)
    for ln in lines:
        out.append(ln)
        if ln.kind == "front":
            continue
        stripped = ln.text.strip()
        if not stripped:
            ln.kind = "blank"
            previous_blank = True
            continue
        if is_chrome(ln.text):
            ln.kind, ln.reason = "chrome", "page chrome"
        elif TIME_LINE.match(ln.text):
            ln.kind, ln.reason = "time", "time of day (metadata)"
        else:
            label = match_label(ln.text, registry, previous_blank, named)
            if label and _headline(ln.text, label, first, url_title):
                label = None
            first = False
            if label:
                ln.kind, ln.label = "label", label
            else:
                # a time stamp starts a paragraph of its own, blank line or not
                starts = previous_blank or not spaced or bool(STAMP_PREFIX.match(ln.text))
                glued = glued_label(ln.text, registry, named) if starts else None
                stamp = re.match(
                    r"^\s*(?:date|Date|DATE)[: ]\s*((?:19|20)\d\d-\d\d-\d\d)\s+(?=\S)", ln.text
                )
                if glued:  # "[Via State DepartmentSECRETARY TILLERSON: Well, …"
                    prefix, label = glued
                    why = (
                        "time stamp before the label"
                        if STAMP_PREFIX.match(prefix + "x")
                        else "page chrome glued to the label"
                    )
                    out[-1] = Line(ln.number, prefix, "chrome", why, whole=False)
                    out.append(
                        Line(ln.number, ln.text[len(prefix) :], "label", label=label, whole=False)
                    )
                elif (
                    stamp
                ):  # a scraper's date stamp glued to the text: " date 2025-04-03 BRUSSELS — …"
                    out[-1] = Line(
                        ln.number,
                        ln.text[: stamp.end()],
                        "header",
                        "date stamp of the copy",
                        whole=False,
                    )
                    out.append(Line(ln.number, ln.text[stamp.end() :], whole=False))
        previous_blank = False
    return out


def _unflatten(lines: list[Line], registry: Registry, named: tuple[str, ...]) -> list[Line]:
    """A page flattened into one or two long lines: cut before each label it holds."""
    out: list[Line] = []
    for ln in lines:
        parts = (
            flattened_parts(ln.text, registry, named)
            if ln.kind in ("text", "label") and ln.whole
            else [ln.text]
        )
        if len(parts) == 1:
            out.append(ln)
            continue
        for part in parts:
            label = match_label(part, registry, True, named)
            out.append(
                Line(ln.number, part, "label" if label else "text", label=label, whole=False)
            )
    return out


def _mark_duplicates(lines: list[Line]) -> str | None:
    """A repost glued to its own copy: keep the copy with the better structure, once."""

    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip().casefold()

    candidates = [ln for ln in lines if ln.kind in ("text", "label") and len(ln.text.strip()) >= 40]
    note = None
    for ln in candidates:  # a run-together copy: one long line holding several later paragraphs
        if len(ln.text) < 300:
            continue
        whole = norm(ln.text)
        inside = [
            o
            for o in candidates
            if o is not ln and len(norm(o.text)) >= 40 and _body(norm(o.text)) in whole
        ]
        if len(inside) >= 2 and sum(len(o.text) for o in inside) >= 0.5 * len(ln.text):
            ln.kind, ln.reason = "duplicate", "duplicate: the same text run together in one line"
            note = (
                f"the capture repeats its text (line {ln.number} runs the transcript together; "
                f"lines {inside[0].number}–{inside[-1].number} give it in paragraphs): published once"
            )
    seen: dict[str, int] = {}
    for ln in candidates:
        if ln.kind not in ("text", "label"):
            continue
        key = norm(ln.text)
        if key in seen and len(key) >= 80:
            ln.kind, ln.reason = "duplicate", f"duplicate of line {seen[key]}"
            note = note or f"line {ln.number} repeats line {seen[key]}: published once"
        seen.setdefault(key, ln.number)
    return note


def _body(text: str) -> str:
    """A line without its label, to find it inside a run-together copy."""
    return re.sub(r"^[^:]{1,80}:\s*", "", text)


def _document_kind(lines: list[Line]) -> str:
    """A news article quotes people in its own sentences; a transcript prints labels."""
    labels = [ln for ln in lines if ln.kind == "label"]
    attributed = 0
    verbs = SPEECH_VERBS
    for ln in lines:
        if ln.kind != "text":
            continue
        attributed += len(
            re.findall(
                rf"[”\"’'],?\s+(?:{verbs})\b|\b(?:{verbs})\b[^“\"]{{0,40}}[“\"]|"
                rf"^\s*•?\s*[A-Z][a-z]+:\s*['‘“\"]|\bsaying\b[^“\"]{{0,40}}[“\"]|"
                # "…," Name verbed / "…" - verb Name: any verb, any language
                r",[”\"]\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}\s+[a-z]{3,}(?:ed|s)\b|"
                r"[”\"]\s+[-–—]\s+\w+\s+(?:\w+\s+){0,3}[A-Z]\w+|"
                # the verb first: « … », a déclaré … / „…“, sagte …
                rf"[»”“\"],\s*(?:(?:a|ont|ha|han|hat)\s+[^\W\d_]{{3,}}|{FOREIGN_VERBS})\s|"
                # a quote never closed: '"We will …, Blinken added.'
                rf"(?:^|\s)[\"“][^\"“”]{{12,}}?,\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,2}}\s+(?:{verbs})\b",
                ln.text,
            )
        )
    distinct = {fold(ln.label.name) for ln in labels if ln.label}
    # one label (an opening statement) quoting someone once is still a transcript
    if attributed and (not labels or (len(distinct) <= 2 and attributed >= 3 * len(labels))):
        return "news article"
    return "transcript"


# ---------------------------------------------------------------- 4. header (header.py) and the end


def _end_of_document(body: list[Line], kind: str) -> None:
    """Related links and the site's footer after the document are not part of it."""
    for i, ln in enumerate(body):
        if ln.kind in ("chrome", "text") and END_OF_DOCUMENT.match(ln.text):
            for rest in body[i:]:
                if rest.kind not in ("blank",):
                    rest.kind, rest.reason = "chrome", "after the end of the document (site links)"
            break
    # captions: a line before "Credit: ..." in the same paragraph describes a photo
    for i, ln in enumerate(body):
        if (
            ln.kind == "chrome"
            and re.match(r"^\s*Credit:", ln.text)
            and i > 0
            and body[i - 1].kind == "text"
        ):
            body[i - 1].kind, body[i - 1].reason = "chrome", "photo caption"
    if kind == "news article":
        return
    # trailing titles after a wide gap: links to other pages ("The Lessons of 1989: ...")
    content = [ln for ln in body if ln.kind in ("text", "label")]
    trailing: list[Line] = []
    for ln in reversed(content):
        if ln.kind == "text" and _title_like(ln.text):
            trailing.append(ln)
            continue
        break
    if trailing and trailing[-1] is not content[0]:
        first = trailing[-1]
        gap = 0
        for ln in reversed(body[: next(i for i, b in enumerate(body) if b is first)]):
            if ln.kind == "blank":
                gap += 1
            else:
                break
        if gap >= 2:
            for ln in trailing:
                ln.kind, ln.reason = "chrome", "after the end of the document (site links)"


def _title_like(text: str) -> bool:
    text = text.strip()
    return len(text.split()) <= 15 and not text.endswith(TERMINAL) and text[:1].isupper()


# ---------------------------------------------------------------- 5. body


def _paragraphs(lines: list[Line]) -> list[tuple[int, str]]:
    """Lines -> paragraphs. Hard-wrapped copies (lines cut at ~72 columns) are joined back."""
    if not lines:
        return []
    lengths = [len(ln.text.rstrip()) for ln in lines]
    wrapped = sum(55 <= n <= 80 for n in lengths) >= 0.5 * len(lengths) and max(lengths) <= 90
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    previous = None
    for ln in lines:
        text = _clean(ln.text)
        gap = previous is not None and ln.number - previous.number > 1
        join = (
            current
            and not gap
            and (wrapped or (not current[-1].endswith(TERMINAL) and text[:1].islower()))
        )
        if (
            is_stage_direction(text)
            or TIMESTAMP_LINE.match(text)
            or (current and is_stage_direction(current[-1]))
        ):
            join = False
        if join:
            current.append(text)
        else:
            if current:
                out.append((start, " ".join(current)))
            current, start = [text], ln.number
        previous = ln
    if current:
        out.append((start, " ".join(current)))
    return out


def _clean(text: str) -> str:
    """Layout whitespace goes; a single no-break space between two words stays."""
    text = text.strip(" \t\u00a0")
    return re.sub(r"[ \t\u00a0]{2,}|[ \t]", " ", text)


def _turns(body: list[Line]) -> list[DraftTurn]:
    turns: list[DraftTurn] = []
    label_lines: dict[int, Line] = {}
    pending: list[Line] = []
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

    for ln in body:
        if ln.kind == "label":
            flush()
            current = DraftTurn(ln.label, None, None, [], ln.number)
            turns.append(current)
            label_lines[id(current)] = ln
            if ln.label and ln.label.rest:
                pending.append(Line(ln.number, ln.label.rest, "text"))
        elif ln.kind == "text":
            pending.append(ln)
    flush()
    for t in turns:
        if not t.paragraphs:  # a label with nothing said after it: the capture dropped the words
            ln = label_lines[id(t)]
            ln.kind, ln.reason = "chrome", "speaker label with no words after it"
    return [t for t in turns if t.paragraphs]


# ---------------------------------------------------------------- 7. speakers


def _speakers(x: Extraction, registry: Registry, c: who.Context) -> None:
    interviewer = who.interviewer(c)
    host = who.principal(c, registry)
    known = frozenset(places.plain(w) for n in c.people for w in n.split())
    called: tuple[str, str] | None = None  # (name, label of whoever called on them)
    for turn in x.turns:
        if turn.label is None:  # only the first turn can be: later unlabeled text continues a turn
            _unlabeled(turn, x, registry, c, host, known)
            continue
        if turn.label.style == "change":
            turn.basis = "The captions mark a new speaker ('>>') without a name: review."
            x.undecided.append(
                f"line {turn.line}: the captions mark a new speaker ('>>') without a name"
            )
            continue
        if turn.label.style == "q" and turn.label.name == "A":
            _answer(turn, x, host, interviewer)
            continue
        paren = None if turn.label.style == "caption" else turn.label.paren
        d = who.resolve(turn.label.name, paren, turn.label.printed, c, registry)
        turn.speaker_id, turn.speaker, turn.how, turn.outlet = d.speaker_id, d.name, d.how, d.outlet
        for item, target in ((d.inferred, x.inferred), (d.undecided, x.undecided)):
            if item and item not in target:
                target.append(item)
        if d.speaker_id == UNIDENTIFIED:
            _questioner(turn, x, registry, c, interviewer, called, known)
        else:
            name = who.called_on(turn.text, known)
            called = (
                (name, turn.label.printed)
                if name
                else (called if called and called[1] != turn.label.printed else None)
            )
    _respell(x)


def _respell(x: Extraction) -> None:
    """A label that names nobody known, spelt like the label of someone the capture names more
    often or knows ('SECRETARY BLINKIN' once, 'SECRETARY BLINKEN' twice): that speaker, said so."""
    printed = Counter(t.label.printed for t in x.turns if t.label)
    for turn in x.turns:
        if not (turn.label and turn.how == "new speaker: not in the registry"):
            continue
        this = turn.label.printed
        others = [
            (t.speaker_id, t.speaker or "", t.label.printed)
            for t in x.turns
            if t.label and _spelt_right(t, this, printed)
        ]
        match = who.respelled(turn.label.name, others)
        if match is None:
            continue
        sid, name, label, score = match
        note = (
            f"'{this}' read as {name}: spelt close ({score:.0f}%) to the label '{label}' of "
            "the same capture"
        )
        turn.speaker_id, turn.speaker, turn.how = sid, name, "spelling close to another label"
        x.undecided[:] = [u for u in x.undecided if f"'{this}'" not in u]
        if note not in x.inferred:
            x.inferred.append(note)


def _spelt_right(t: DraftTurn, misspelt: str, printed: Counter[str]) -> bool:
    """Whether turn `t`'s label may stand for the label `misspelt`: another label naming someone,
    printed more often, or one the registry or the title knows while `misspelt` is printed once."""
    if not (t.label and t.speaker and t.speaker_id != UNIDENTIFIED) or t.label.printed == misspelt:
        return False
    known = not t.how.startswith("new")
    return printed[t.label.printed] > printed[misspelt] or (known and printed[misspelt] == 1)


def _answer(
    turn: DraftTurn,
    x: Extraction,
    host: tuple[str | None, str, str] | None,
    interviewer: tuple[str, str] | None,
) -> None:
    """'A:' in a Q-and-A: the answers of the person the title announces, never its interviewer;
    with nobody announced, undecided."""
    if host and not (interviewer and names.same_person(interviewer[0], host[1])):
        turn.speaker_id, turn.speaker = host[0], host[1]
        turn.how = f"'A:' answers the questions: the person {host[2]} names"
        turn.basis = f"Printed as 'A:' (an answer); {host[2]} names {host[1]}, who is interviewed."
        note = f"'A:' (the answers) given to {host[1]}, whom {host[2]} names"
        if note not in x.inferred:
            x.inferred.append(note)
        return
    turn.speaker_id, turn.speaker, turn.how = None, None, "'A:' with nobody announced"
    turn.basis = "Printed as 'A:' (an answer); the capture does not say who answers: review."
    x.undecided.append(f"line {turn.line}: 'A:' answers, but the capture does not say who")


def _unlabeled(
    turn: DraftTurn,
    x: Extraction,
    registry: Registry,
    c: who.Context,
    host: tuple[str | None, str, str] | None,
    known: frozenset,
) -> None:
    """An opening statement printed without a label: the person the title announces, unless the
    speaker introduces someone else as themself ('I'm Steven Knapp, president of …')."""
    intro = who.self_introduction(turn.text, known)
    if intro and host and not names.same_person(intro[0], host[1]):
        x.notes.append(
            f"line {turn.line}: {host[2]} names {host[1]}, but the speaker introduces themself "
            f"as {intro[0]}"
        )
        host = None
    if host:
        turn.speaker_id, turn.speaker = host[0], host[1]
        turn.how = f"no label: the speaker {host[2]} names"
        turn.basis = f"Printed without a label; {host[2]} names the speaker."
        x.inferred.append(
            f"line {turn.line}: unlabeled opening statement given to {host[1]}, whom {host[2]} names"
        )
    elif intro:
        person = registry.match_name(intro[0], c.day)
        turn.speaker_id, turn.speaker = (person.id, person.name) if person else (None, intro[0])
        turn.how = "no label: the speaker introduces themself"
        turn.basis = f"Printed without a label; the speaker introduces themself ('{intro[0]}')."
        x.inferred.append(
            f"line {turn.line}: text without a label given to {turn.speaker}, who introduces "
            "themself in it"
        )
        if not person:
            x.undecided.append(
                f"new speaker '{turn.speaker}' (introduces themself, line {turn.line}): "
                "added to the registry as a draft"
            )
    else:
        turn.basis = "Printed without a label and the capture does not say who speaks: review."
        x.undecided.append(
            f"line {turn.line}: text without a speaker label; who speaks is not stated"
        )


def _questioner(
    turn: DraftTurn,
    x: Extraction,
    registry: Registry,
    c: who.Context,
    interviewer: tuple[str, str] | None,
    called: tuple[str, str] | None,
    known: frozenset,
) -> None:
    """An unnamed questioner the capture names after all: the interviewer of the title, the
    reporter who introduces themself, or the one a moderator has just called on."""
    printed = turn.label.printed if turn.label else "(no label)"
    intro = who.self_introduction(turn.text, known)
    if interviewer:
        name, basis = interviewer[0], f"the interviewer {interviewer[1]} names"
    elif intro:
        name, basis = intro[0], f"the questioner gives the name '{intro[0]}' in the turn"
        turn.outlet = intro[1] or turn.outlet
    elif called and _first_after_call(turn, x, called):
        name, basis = called[0], f"'{called[1]}' calls on {called[0]} by name in the turn before"
    else:
        return
    person = registry.match_name(name, c.day)
    turn.speaker_id, turn.speaker = (person.id, person.name) if person else (None, name)
    turn.how = basis
    if interviewer:  # one note for all the questions
        x.speakers_note = f"The questions are labelled '{printed}'; {basis}: {turn.speaker}."
    else:
        turn.basis = f"Labelled '{printed}': {turn.speaker}; {basis}."
    note = f"'{printed}' turn{'s' if interviewer else ''} (line {turn.line}) given to {turn.speaker}: {basis}"
    if interviewer:
        note = f"'{printed}' turns given to {turn.speaker}, {basis}"
    if note not in x.inferred:
        x.inferred.append(note)
    if not person and not interviewer:
        msg = (
            f"new speaker '{turn.speaker}' (named in the text, labelled '{printed}'): added to the "
            "registry as a draft"
        )
        if msg not in x.undecided:
            x.undecided.append(msg)


def _first_after_call(turn: DraftTurn, x: Extraction, called: tuple[str, str]) -> bool:
    """The first questioner turn after a moderator's call (later ones may be someone else)."""
    i = x.turns.index(turn)
    call_at = max(j for j, t in enumerate(x.turns[:i]) if t.label and t.label.printed == called[1])
    return not any(
        t.speaker_id == UNIDENTIFIED or (t.speaker == called[0]) for t in x.turns[call_at + 1 : i]
    )


def _removed(lines: list[Line]) -> list[tuple[int, int, str, str | None]]:
    """Non-speech lines with the same reason, as (first, last, reason, None); a part of a line
    as (line, line, reason, the part's text)."""
    spans: list[tuple[int, int, str, str | None]] = []
    for ln in lines:
        if ln.kind not in ("front", "chrome", "time", "duplicate", "header"):
            continue
        reason = ln.reason or ln.kind
        if not ln.whole:
            spans.append((ln.number, ln.number, reason, ln.text))
        elif (
            spans
            and spans[-1][2] == reason
            and spans[-1][3] is None
            and spans[-1][1] >= ln.number - 2
        ):
            spans[-1] = (spans[-1][0], ln.number, reason, None)
        else:
            spans.append((ln.number, ln.number, reason, None))
    return spans
