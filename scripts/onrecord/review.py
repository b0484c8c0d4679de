"""What a change does to the archive, set out for the person who reviews it, and the changes it
may not make (`onrecord review BASE`).

Per transcript: the turns whose words change, each with a word-level diff; every change of
speaker, loudly (by an inline `[t-002 speaker-id]` or by a label remapped in `speakers:`: the
speaker each turn resolves to is compared); the facts a reader cites it by; turns added, removed
or renumbered; and the corrections log's new entries. Then the registry's new or changed speakers
and events, and the raw captures.

The base is the reference. Each of these is a problem (`file:line: problem — fix`):
  - a turn's words (added or removed) or speaker changed, or a turn added to a published
    transcript, with no new correction entry naming the turn in `turns:`;
  - a fact (CORRECTABLE_FIELDS) changed with no new entry naming it in `fields:`;
  - an anchor of the base removed, or reused for another turn (readers cite anchors);
  - a raw capture of the base changed or removed (new ones may be added);
  - an entry of the base's corrections log removed or edited (the log only grows);
  - a new entry with no `source:`, or a transcript of the base removed.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from difflib import SequenceMatcher

from . import cleaned
from .errors import Problem, formatted
from .records import CORRECTABLE_FIELDS, Correction, Event, Speaker, Turn
from .revision import EVENTS, SPEAKERS, Document, Snapshot

GUIDE = "CONTRIBUTING.md, 'Correct a transcript'"
CONTEXT = 6  # words shown on either side of a change
SAME_TURN = 0.5  # below this share of words in common a turn is another turn, not a corrected one
MOVED = 0.8  # at or above it a turn's words are taken to be those of another anchor

Segment = tuple[str, str]  # ('=' same, '-' removed, '+' inserted, '…' words left out; text)


@dataclass(frozen=True)
class TurnChange:
    anchor: str
    line: int  # of the turn in the new file (for a removed turn: where it was)
    what: str  # 'changed', 'added', 'removed', 'reused'
    speaker: str  # who says it now (who said it, for a removed turn), as 'Name (id)'
    words: tuple[Segment, ...] = ()  # the word diff; () when the words are the same
    speaker_change: tuple[str, str] | None = None  # (before, after) as 'Name (id)'
    how: str | None = None  # how the new speaker is given
    label_change: tuple[str | None, str | None] | None = None  # the printed label
    covered: tuple[int, ...] = ()  # numbers of the new corrections naming the turn
    note: str | None = None  # e.g. 'holds the words of t-004 in the base'


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: str | None
    new: str | None
    line: int
    covered: tuple[int, ...] = ()
    correctable: bool = True  # one a correction must name (else only reported)


@dataclass(frozen=True)
class DocumentReview:
    path: str
    id: str
    title: str
    status: str  # 'changed', 'added', 'removed'
    fields: tuple[FieldChange, ...] = ()
    labels: tuple[tuple[str, str | None, str | None, int], ...] = ()  # label, before, after, line
    turns: tuple[TurnChange, ...] = ()
    new_corrections: tuple[tuple[int, Correction], ...] = ()  # (number in the log, entry)
    dropped_corrections: tuple[Correction, ...] = ()
    relaid: tuple[str, ...] = ()  # turns whose paragraph breaks alone changed
    summary: str = ""  # for a new transcript: what it holds


@dataclass(frozen=True)
class RegistryChange:
    file: str
    what: str  # 'added', 'removed', 'changed'
    id: str
    name: str
    details: tuple[str, ...] = ()
    draft: bool = False
    line: int = 0


@dataclass(frozen=True)
class Review:
    base: str
    head: str
    documents: tuple[DocumentReview, ...]
    registry: tuple[RegistryChange, ...]
    raw_added: tuple[str, ...]
    raw_changed: tuple[str, ...]
    raw_removed: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def empty(self) -> bool:
        return not (self.documents or self.registry or self.raw_added or self.problems)


# ---------------------------------------------------------------- words


def words(paragraphs: Iterable[str]) -> list[str]:
    """A text's words as printed (punctuation kept): what a correction of words changes."""
    return " ".join(paragraphs).split()


def word_diff(old: list[str], new: list[str], context: int = CONTEXT) -> tuple[Segment, ...]:
    """Removed and inserted words, with `context` words of the unchanged text around each."""
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    out: list[Segment] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "equal":
            if i2 > i1:
                out.append(("-", " ".join(old[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(new[j1:j2])))
            continue
        same = old[i1:i2]
        before = same[:context] if n > 0 else []  # after the change before it
        after = same[-context:] if n < len(ops) - 1 else []  # before the next change
        if len(same) <= len(before) + len(after) + 1 and n > 0 and n < len(ops) - 1:
            out.append(("=", " ".join(same)))
            continue
        if before:
            out.append(("=", " ".join(before)))
        if len(same) > len(before) + len(after):
            out.append(("…", ""))
        if after:
            out.append(("=", " ".join(after)))
    return tuple(out)


def similarity(a: list[str], b: list[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def containment(a: list[str], b: list[str]) -> float:
    """How much of the shorter text is in the other, in order: 1.0 for a turn cut in two."""
    if not a or not b:
        return 0.0
    matched = sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return matched / min(len(a), len(b))


# ---------------------------------------------------------------- one transcript


def _who(sid: str, speakers: dict[str, Speaker]) -> str:
    s = speakers.get(sid)
    return f"{s.name} ({sid})" if s else f"{sid} (not in speakers.yml)"


def _how(turn: Turn, doc: Document) -> str:
    """How the turn's speaker is given in the file: by its label's mapping, or named outright."""
    if turn.label:
        name = cleaned.label_name(turn.label)
        if dict(doc.transcript.speakers).get(name) == turn.speaker:
            line = doc.label_lines.get(name, doc.front_line)
            return f"by the label '{name}' in speakers: (line {line})"
    return f"by [{turn.id} {turn.speaker}] on line {turn.line}"


def _key(c: Correction) -> tuple:
    return (c.date, c.summary, c.link, c.removed, c.turns, c.fields, c.source)


def _corrections(
    base: Document, head: Document
) -> tuple[tuple[tuple[int, Correction], ...], tuple[Correction, ...]]:
    """The head's entries that are not in the base (with their number in the log), and the
    base's entries the head no longer has as they were."""
    left = Counter(_key(c) for c in base.transcript.corrections)
    new = []
    for number, c in enumerate(head.transcript.corrections, start=1):
        if left[_key(c)]:
            left[_key(c)] -= 1
        else:
            new.append((number, c))
    kept = Counter(_key(c) for c in head.transcript.corrections)
    dropped = []
    for c in base.transcript.corrections:
        if kept[_key(c)]:
            kept[_key(c)] -= 1
        else:
            dropped.append(c)
    return tuple(new), tuple(dropped)


def _moved_from(turn: Turn, base: dict[str, Turn], head: dict[str, Turn]) -> str | None:
    """The base anchor whose words `turn` now holds, if another anchor's turn moved here: one
    whose words are no longer at their own anchor."""
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words(turn.paragraphs))  # what is known of the second text is kept
    best, found = MOVED, None
    for other in base.values():
        if other.id == turn.id:
            continue
        there = head.get(other.id)
        if there is not None and words(there.paragraphs) == words(other.paragraphs):
            continue
        matcher.set_seq1(words(other.paragraphs))
        # the bounds first: a long briefing's turns are mostly far apart
        if matcher.real_quick_ratio() >= best and matcher.quick_ratio() >= best:
            score = matcher.ratio()
            if score >= best:
                best, found = score, other.id
    return found


def _turns(
    base: Document,
    head: Document,
    speakers: tuple[dict[str, Speaker], dict[str, Speaker]],
    naming: dict[str, tuple[int, ...]],
) -> tuple[list[TurnChange], list[str]]:
    old_turns = {t.id: t for t in base.transcript.turns}
    new_turns = {t.id: t for t in head.transcript.turns}
    changes: list[TurnChange] = []
    relaid: list[str] = []
    for turn in head.transcript.turns:
        covered = naming.get(turn.id, ())
        who = _who(turn.speaker, speakers[1])
        old = old_turns.get(turn.id)
        if old is None:
            source = _moved_from(turn, old_turns, new_turns)
            note = f"holds the words of {source} in the base" if source else None
            changes.append(TurnChange(turn.id, turn.line, "added", who, covered=covered, note=note))
            continue
        before, after = words(old.paragraphs), words(turn.paragraphs)
        label = (
            (old.label, turn.label)
            if (old.label, old.timestamp)
            != (
                turn.label,
                turn.timestamp,
            )
            else None
        )
        if before == after and old.speaker == turn.speaker and label is None:
            if old.paragraphs != turn.paragraphs:
                relaid.append(turn.id)
            continue
        speaker = (_who(old.speaker, speakers[0]), who) if old.speaker != turn.speaker else None
        source = _moved_from(turn, old_turns, new_turns)
        own = containment(before, after)
        reused = (
            source is not None and similarity(words(old_turns[source].paragraphs), after) > own
        ) or (own < SAME_TURN and min(len(before), len(after)) >= 8)
        changes.append(
            TurnChange(
                turn.id,
                turn.line,
                "reused" if reused else "changed",
                who,
                word_diff(before, after) if before != after else (),
                speaker,
                _how(turn, head) if speaker else None,
                label,
                covered,
                f"holds the words of {source} in the base"
                if reused and source
                else ("holds other words than in the base" if reused else None),
            )
        )
    following = None
    for old in reversed(base.transcript.turns):  # a removed turn is shown where it was
        if old.id in new_turns:
            following = new_turns[old.id].line
            continue
        changes.append(
            TurnChange(
                old.id,
                following or (head.transcript.turns[-1].line if head.transcript.turns else 1),
                "removed",
                _who(old.speaker, speakers[0]),
            )
        )
    changes.sort(key=lambda c: (c.line, c.what != "removed"))
    return changes, relaid


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def compare_document(
    base: Document,
    head: Document,
    speakers: tuple[dict[str, Speaker], dict[str, Speaker]],
) -> DocumentReview:
    b, h = base.transcript, head.transcript
    new, dropped = _corrections(base, head)
    naming: dict[str, tuple[int, ...]] = {}
    for number, c in new:
        for anchor in c.turns:
            naming[anchor] = (*naming.get(anchor, ()), number)
    changed_fields = []
    for name in (*CORRECTABLE_FIELDS, "source_kind", "raw", "raw_sha256"):
        old, now = _text(getattr(b, name)), _text(getattr(h, name))
        if old != now:
            changed_fields.append(
                FieldChange(
                    name,
                    old,
                    now,
                    head.field_lines.get(name, head.front_line),
                    tuple(n for n, c in new if name in c.fields),
                    name in CORRECTABLE_FIELDS,
                )
            )
    labels = []
    before, after = dict(b.speakers), dict(h.speakers)
    for label in dict.fromkeys([*before, *after]):
        if before.get(label) != after.get(label):
            labels.append(
                (label, before.get(label), after.get(label), head.label_lines.get(label, 0))
            )
    if b.is_article or h.is_article:
        turns = _article(base, head, speakers, new)
        relaid: list[str] = []
    else:
        turns, relaid = _turns(base, head, speakers, naming)
    return DocumentReview(
        head.transcript.path,
        h.id,
        h.title,
        "changed",
        tuple(changed_fields),
        tuple(labels),
        tuple(turns),
        new,
        dropped,
        tuple(relaid),
    )


def _article(
    base: Document,
    head: Document,
    speakers: tuple[dict[str, Speaker], dict[str, Speaker]],
    new: tuple[tuple[int, Correction], ...],
) -> list[TurnChange]:
    """A news article has no turns: its text is compared whole, and each quote's speaker; any new
    correction covers them."""
    b, h = base.transcript, head.transcript
    covered = tuple(n for n, _ in new)
    line = min((d.line for d in head.transcript.quotes), default=head.front_line)
    out = []
    if words(b.paragraphs) != words(h.paragraphs):
        out.append(
            TurnChange(
                "the article text",
                line,
                "changed",
                "",
                word_diff(words(b.paragraphs), words(h.paragraphs)),
                covered=covered,
            )
        )
    old_quotes = {q.id: q for q in b.quotes}
    for q in h.quotes:
        old = old_quotes.get(q.id)
        if old and old.speaker != q.speaker:
            out.append(
                TurnChange(
                    q.id,
                    q.line,
                    "changed",
                    _who(q.speaker, speakers[1]),
                    speaker_change=(_who(old.speaker, speakers[0]), _who(q.speaker, speakers[1])),
                    how=f"by the quote's speaker: on line {q.line}",
                    covered=covered,
                )
            )
    return out


# ---------------------------------------------------------------- the registry


def _described(value: object) -> str:
    if isinstance(value, tuple):
        return "; ".join(_described(v) for v in value) or "none"
    if hasattr(value, "describe"):
        role = value
        span = f"{getattr(role, 'start', None) or '…'} to {getattr(role, 'end', None) or '…'}"
        return f"{role.describe()} ({span})"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "none" if value in (None, "") else str(value)


def _entries(
    file: str,
    old: dict[str, Speaker] | dict[str, Event],
    new: dict[str, Speaker] | dict[str, Event],
) -> list[RegistryChange]:
    out = []
    for rid in sorted({*old, *new}):
        was, now = old.get(rid), new.get(rid)
        draft = bool(getattr(now, "draft", False))
        if was is None and now is not None:
            out.append(RegistryChange(file, "added", rid, now.name, (), draft, now.line))
        elif now is None and was is not None:
            out.append(RegistryChange(file, "removed", rid, was.name))
        elif was is not None and now is not None:
            details = tuple(
                f"{f.name}: {_described(getattr(was, f.name))} → {_described(getattr(now, f.name))}"
                for f in fields(now)
                if f.name not in ("id", "line") and getattr(was, f.name) != getattr(now, f.name)
            )
            if details:
                out.append(RegistryChange(file, "changed", rid, now.name, details, draft, now.line))
    return out


# ---------------------------------------------------------------- the whole archive


def compare(base: Snapshot, head: Snapshot, first_difference: Callable[[str], int]) -> Review:
    """The review of `head` against `base`; `first_difference(path)`: the first line at which a
    raw capture of both sides differs."""
    problems: list[Problem] = []
    speakers = (base.speakers, head.speakers)
    documents = []
    for path in sorted({*base.documents, *head.documents, *head.unreadable}):
        b, h = base.documents.get(path), head.documents.get(path)
        if path in head.unreadable:
            first = next((p for p in head.problems if p.path == path), None)
            problems.append(
                Problem(
                    path,
                    first.line if first else None,
                    "the transcript does not validate, so it cannot be compared with "
                    f"{base.name}" + (f" ({first.problem})" if first else ""),
                    "run `make check` (onrecord check) and fix what it lists",
                )
            )
        elif b is None and h is not None:
            t = h.transcript
            documents.append(
                DocumentReview(
                    path,
                    t.id,
                    t.title,
                    "added",
                    summary=f"{len(t.turns)} turns; speakers: "
                    + ", ".join(_who(s, head.speakers) for s in t.speaker_ids()),
                )
            )
        elif h is None and b is not None:
            documents.append(DocumentReview(path, b.transcript.id, b.transcript.title, "removed"))
            problems.append(
                Problem(
                    path,
                    None,
                    f"the transcript of {base.name} is gone: its pages and anchors are cited",
                    "restore the file; correct it instead, with a corrections: entry",
                )
            )
        elif b is not None and h is not None:
            review = compare_document(b, h, speakers)
            if _changed(review):
                documents.append(review)
                problems.extend(_document_problems(review, base.name))
    registry = []
    for file, old, new in (
        (SPEAKERS, base.speakers, head.speakers),
        (EVENTS, base.events, head.events),
    ):
        broken = next((p for p in head.problems if p.path == file), None)
        if broken:
            problems.append(
                Problem(
                    file,
                    broken.line,
                    f"the registry does not validate ({broken.problem}), so its changes may be "
                    "shown wrong",
                    "run `make check` (onrecord check) and fix what it lists",
                )
            )
        if not (broken and old and not new):  # unread, not emptied: nothing to list
            registry += _entries(file, old, new)
    added = tuple(sorted(set(head.raw) - set(base.raw)))
    changed = tuple(p for p in sorted(base.raw) if p in head.raw and head.raw[p] != base.raw[p])
    removed = tuple(p for p in sorted(base.raw) if p not in head.raw)
    for path in changed:
        problems.append(
            Problem(
                path,
                first_difference(path),
                f"the raw capture differs from {base.name}'s (first at this line)",
                "restore it as it was: a capture is kept as obtained, never edited; correct the "
                "cleaned transcript instead, with a corrections: entry",
            )
        )
    for path in removed:
        problems.append(
            Problem(
                path,
                None,
                f"the raw capture of {base.name} is gone",
                "restore it: a capture is kept as obtained, never removed",
            )
        )
    unique = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.problem))
    return Review(
        base.name,
        head.name,
        tuple(documents),
        tuple(registry),
        added,
        changed,
        removed,
        tuple(unique),
    )


def _changed(d: DocumentReview) -> bool:
    return bool(
        d.fields or d.labels or d.turns or d.new_corrections or d.dropped_corrections or d.relaid
    )


def _names(numbers: tuple[int, ...]) -> str:
    return ", ".join(f"#{n}" for n in numbers)


def _document_problems(d: DocumentReview, base: str) -> list[Problem]:
    out = []
    fix_turn = (
        "add an entry under corrections: that names it (turns: [{a}]), with the source that "
        f"shows it ({GUIDE})"
    )
    for c in d.turns:
        a = c.anchor
        if c.what == "removed":
            out.append(
                Problem(
                    d.path,
                    c.line,
                    f"turn {a} of {base} is gone: readers cite its anchor",
                    f"restore [{a}]: an anchor is never removed; correct its words or speaker "
                    "instead, with a correction naming it",
                )
            )
            continue
        if c.what == "reused":
            out.append(
                Problem(
                    d.path,
                    c.line,
                    f"anchor {a} now {c.note}: an anchor is never reused",
                    f"give {a} back its own turn; a new turn takes the next unused number",
                )
            )
            continue
        if c.covered:
            continue
        article = not a.startswith("t-")
        fix = (
            f"add an entry under corrections: with the source that shows it ({GUIDE})"
            if article
            else fix_turn.format(a=a)
        )
        if c.what == "added":
            out.append(
                Problem(d.path, c.line, f"{a} is a new turn, and no new correction names it", fix)
            )
            continue
        if c.speaker_change:
            out.append(
                Problem(
                    d.path,
                    c.line,
                    f"SPEAKER CHANGED in {a}: {c.speaker_change[0]} → {c.speaker_change[1]} "
                    f"({c.how}), and no new correction names it",
                    fix,
                )
            )
        if c.words:
            out.append(
                Problem(
                    d.path, c.line, f"the words of {a} changed, and no new correction names it", fix
                )
            )
        elif c.label_change:
            out.append(
                Problem(
                    d.path,
                    c.line,
                    f"the printed label of {a} changed, and no new correction names it",
                    fix,
                )
            )
    for f in d.fields:
        if f.correctable and not f.covered:
            out.append(
                Problem(
                    d.path,
                    f.line,
                    f"'{f.name}' changed ({f.old or 'none'} → {f.new or 'none'}), and no new "
                    "correction names it",
                    f"add an entry under corrections: with fields: [{f.name}] and the source "
                    f"that shows it ({GUIDE})",
                )
            )
    for entry in d.dropped_corrections:
        out.append(
            Problem(
                d.path,
                None,
                f"the correction of {entry.date} in {base}'s log is gone or was edited "
                f"('{entry.summary[:60]}')",
                "restore it as it was: the log only grows; add a new entry instead",
            )
        )
    for _, entry in d.new_corrections:
        if not entry.source:
            out.append(
                Problem(
                    d.path,
                    entry.line,
                    "the new correction has no source",
                    "add source: where the corrected version can be checked (an official "
                    "transcript's address, a video and its time)",
                )
            )
    return out


# ---------------------------------------------------------------- as text


def _plain_diff(segments: tuple[Segment, ...]) -> str:
    shown = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}", "…": "…"}
    return " ".join(shown[op].format(text) for op, text in segments)


def _status(covered: tuple[int, ...], needed: bool = True) -> str:
    if covered:
        return f"named by correction {_names(covered)}"
    return "NO NEW CORRECTION NAMES IT" if needed else "reported only"


def text(r: Review) -> str:
    """The review for a terminal."""
    out = [f"Review of {r.head} against {r.base}", ""]
    if r.empty:
        out.append("No change to the archive's transcripts, registry or raw captures.")
    for d in r.documents:
        out.append(f"{d.id}  ({d.path})")
        if d.status == "added":
            out.append(f"  new transcript: {d.title}; {d.summary}")
        elif d.status == "removed":
            out.append("  REMOVED")
        for c in d.turns:
            if c.speaker_change:
                out.append(
                    f"  !!! SPEAKER CHANGED in {c.anchor}: {c.speaker_change[0]} -> "
                    f"{c.speaker_change[1]}, {c.how} [{_status(c.covered)}]"
                )
        for f in d.fields:
            out.append(
                f"  {f.name}: {f.old or 'none'} -> {f.new or 'none'} (line {f.line}) "
                f"[{_status(f.covered, f.correctable)}]"
            )
        for label, was, now, line in d.labels:
            out.append(
                f"  speakers: label '{label}': {was or 'none'} -> {now or 'none'} (line {line})"
            )
        for c in d.turns:
            out.append(f"  {_turn_head(c)} [{_turn_status(c)}]")
            if c.words:
                out.append(f"      {_plain_diff(c.words)}")
        if d.relaid:
            out.append(f"  paragraph breaks only: {', '.join(d.relaid)}")
        if d.status == "changed":
            out.append(f"  corrections log: {_log_line(d)}")
            for number, entry in d.new_corrections:
                out.append(f"    #{number} {_entry(entry)}")
        out.append("")
    for g in r.registry:
        draft = " (draft: true — check fails until it is completed)" if g.draft else ""
        out.append(f"{g.file}: {g.what} {g.id} ({g.name}){draft}")
        out.extend(f"    {detail}" for detail in g.details)
    for label, paths in (
        ("new raw capture", r.raw_added),
        ("RAW CAPTURE CHANGED", r.raw_changed),
        ("RAW CAPTURE REMOVED", r.raw_removed),
    ):
        out.extend(f"{label}: {p}" for p in paths)
    if r.registry or r.raw_added or r.raw_changed or r.raw_removed:
        out.append("")
    out.append(_verdict(r))
    out.extend(str(p) for p in r.problems)
    return "\n".join(out).rstrip("\n") + "\n"


def _turn_head(c: TurnChange) -> str:
    what = {
        "added": "added",
        "removed": "REMOVED",
        "reused": f"ANCHOR REUSED: {c.note}",
        "changed": ", ".join(
            x
            for x, on in (
                ("words changed", bool(c.words)),
                ("speaker changed", bool(c.speaker_change)),
                ("label changed", bool(c.label_change and not c.speaker_change)),
            )
            if on
        ),
    }[c.what]
    if c.what == "added" and c.note:
        what += f" ({c.note})"
    who = f" · {c.speaker}" if c.speaker else ""
    return f"{c.anchor}{who}, line {c.line}: {what}"


def _turn_status(c: TurnChange) -> str:
    if c.what in ("removed", "reused"):
        return "an anchor is never removed or reused"
    return _status(c.covered)


def _log_line(d: DocumentReview) -> str:
    n = len(d.new_corrections)
    gained = f"{n} new entr{'y' if n == 1 else 'ies'}" if n else "no new entry"
    if d.dropped_corrections:
        gained += f"; {len(d.dropped_corrections)} of the base's entries gone or edited"
    return gained


def _entry(c: Correction) -> str:
    parts = [str(c.date)]
    if c.turns:
        parts.append("turns " + ", ".join(c.turns))
    if c.fields:
        parts.append("fields " + ", ".join(c.fields))
    parts.append(f"“{c.summary}”")
    parts.append(f"source: {c.source}" if c.source else "NO SOURCE")
    if c.removed:
        parts.append(f"removed: “{c.removed}”")
    if c.link:
        parts.append(c.link)
    return " · ".join(parts)


def _verdict(r: Review) -> str:
    n = len(r.problems)
    if n:
        return f"{n} problem{'s' if n != 1 else ''}:"
    if r.empty:
        return "No problems."
    return "No problems: every change of words, speakers and facts is named by a new correction."


# ---------------------------------------------------------------- as Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(value: str) -> str:
    """Text from the archive as Markdown that shows it as it is: no markup, links or HTML of its
    own (GitHub renders the job summary)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))
    escaped = re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)  # not a numbered list
    return re.sub(r"^([#+=>-])", r"\\\1", escaped)  # nor a heading, a list or a quote


def _md_diff(segments: tuple[Segment, ...]) -> str:
    shown = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>", "…": "…"}
    return " ".join(shown[op].format(md(text)) for op, text in segments)


def _md_status(covered: tuple[int, ...], needed: bool = True) -> str:
    if covered:
        return f"✔ named by correction {_names(covered)}"
    return "**✘ no new correction names it**" if needed else "reported only"


def markdown(r: Review) -> str:
    """The review as GitHub renders it in a pull request's job summary."""
    out = [f"## Review against {md(r.base)}", ""]
    n = len(r.problems)
    out.append(f"**{n} problem{'s' if n != 1 else ''}**, listed at the end." if n else _verdict(r))
    out.append("")
    if r.empty:
        out.append("No change to the archive's transcripts, registry or raw captures.")
    if r.documents:
        out += [
            "| Transcript | Turns changed | Speakers changed | Facts changed | New corrections |",
            "| --- | --- | --- | --- | --- |",
        ]
        for d in r.documents:
            speakers = sum(1 for c in d.turns if c.speaker_change)
            out.append(
                f"| `{d.id}` | {d.status if d.status != 'changed' else len(d.turns)} "
                f"| {'**' + str(speakers) + '**' if speakers else 0} "
                f"| {', '.join(f.name for f in d.fields) or '–'} | {len(d.new_corrections)} |"
            )
        out.append("")
    for d in r.documents:
        out += _md_document(d)
    if r.registry:
        out += ["### Registry", ""]
        for g in r.registry:
            draft = " — **draft: true**, `check` fails until it is completed" if g.draft else ""
            out.append(f"- `{g.file}`: {g.what} `{g.id}` ({md(g.name)}){draft}")
            out.extend(f"  - {md(detail)}" for detail in g.details)
        out.append("")
    if r.raw_added or r.raw_changed or r.raw_removed:
        out += ["### Raw captures", ""]
        out.extend(f"- new: `{p}`" for p in r.raw_added)
        out.extend(f"- **changed**: `{p}`" for p in r.raw_changed)
        out.extend(f"- **removed**: `{p}`" for p in r.raw_removed)
        out.append("")
    if r.problems:
        out += ["### Problems", ""]
        out.extend(
            f"- `{p.path}{f':{p.line}' if p.line else ''}`: {md(p.problem)} — {md(p.fix)}"
            for p in r.problems
        )
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_document(d: DocumentReview) -> list[str]:
    out = [f"### `{d.id}`", "", f"{md(d.title)} · `{d.path}`", ""]
    if d.status == "added":
        return [*out, f"New transcript: {md(d.summary)}.", ""]
    if d.status == "removed":
        return [*out, "**Removed.**", ""]
    for c in d.turns:
        if c.speaker_change:
            out += [
                "> [!CAUTION]",
                f"> **SPEAKER CHANGED** in {c.anchor}: {md(c.speaker_change[0])} → "
                f"**{md(c.speaker_change[1])}**, {md(c.how or '')} — {_md_status(c.covered)}",
                "",
            ]
    if d.fields:
        out += ["**Facts**", ""]
        out += [
            f"- {f.name}: {md(f.old or 'none')} → **{md(f.new or 'none')}** (line {f.line}) — "
            f"{_md_status(f.covered, f.correctable)}"
            for f in d.fields
        ]
        out.append("")
    if d.labels:
        out += ["**Labels** (`speakers:`)", ""]
        out += [
            f"- {md(label)}: `{was or 'none'}` → `{now or 'none'}` (line {line})"
            for label, was, now, line in d.labels
        ]
        out.append("")
    if d.turns:
        out += ["**Turns**", ""]
        for c in d.turns:
            status = (
                "**✘ an anchor is never removed or reused**"
                if c.what in ("removed", "reused")
                else _md_status(c.covered)
            )
            out.append(f"- {md(_turn_head(c))} — {status}")
            if c.words:
                out.append(f"  > {_md_diff(c.words)}")
        out.append("")
    if d.relaid:
        out += [f"Paragraph breaks only: {', '.join(d.relaid)}.", ""]
    out += [f"**Corrections log**: {_log_line(d)}", ""]
    out += [f"- #{number} {md(_entry(c))}" for number, c in d.new_corrections]
    if d.new_corrections:
        out.append("")
    return out


# ---------------------------------------------------------------- as workflow annotations


def github_annotations(r: Review, prefix: str = "") -> str:
    """Each problem as a GitHub workflow command, shown on the pull request's changed line
    (written as `onrecord check --format github` writes its own: errors.annotation)."""
    lines = formatted(list(r.problems), "github", "review", prefix)
    return "\n".join(lines) + ("\n" if lines else "")
