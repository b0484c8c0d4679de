"""Matching words across documents: news quotes to transcript turns, and two versions of one event.

Fuzzy, because reporters and transcribers differ in small ways: "defence"/"defense",
"1 billion"/"one billion", an ellipsis, a sentence cut off. A quote is verified when a
turn of an official transcript of the same event (or its parent or child events)
contains it nearly word for word; it is flagged when those words belong to someone else.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .records import Quote, Transcript, Turn

MATCH = 88  # partial-ratio score from which a quote counts as found in a turn
SAME_TURN = 75  # score from which two versions' turns count as the same passage
_SPELLING = {"defence": "defense", "organisation": "organization", "recognise": "recognize",
             "centre": "center", "programme": "program", "indispensible": "indispensable",
             "likeminded": "like-minded", "labour": "labor", "favour": "favor", "honour": "honor"}


def normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\[?…\]?|\.\.\.", " ", text)
    words = re.findall(r"[a-z0-9']+", text)
    return " ".join(_SPELLING.get(w, w) for w in words)


@dataclass(frozen=True)
class QuoteMatch:
    article: Transcript
    quote: Quote
    transcript: Transcript | None  # None: unverified
    turn: Turn | None
    score: float
    misattributed: bool  # the transcript gives these words to someone else


def match_quotes(article: Transcript, candidates: list[Transcript]) -> list[QuoteMatch]:
    turns = [(t, turn, normalise(turn.speech)) for t in candidates if not t.is_article for turn in t.turns]
    out = []
    for q in article.quotes:
        needle = normalise(q.text)
        best = (0.0, None, None)
        if len(needle.split()) >= 3:
            for t, turn, hay in turns:
                score = fuzz.partial_ratio(needle, hay) if len(needle) <= len(hay) else fuzz.ratio(needle, hay)
                if score > best[0]:
                    best = (score, t, turn)
        score, t, turn = best
        if score >= MATCH:
            out.append(QuoteMatch(article, q, t, turn, score, turn.speaker != q.speaker))
        else:
            out.append(QuoteMatch(article, q, None, None, score, False))
    return out


# ---------------------------------------------------------------- versions

@dataclass(frozen=True)
class Row:
    left: Turn | None
    right: Turn | None
    score: float


def align(a: Transcript, b: Transcript) -> list[Row]:
    """Turns of two versions paired in order: same speaker and similar words, or one side alone."""
    na = [normalise(t.speech) for t in a.turns]
    nb = [normalise(t.speech) for t in b.turns]
    pairs: list[tuple[int, int, float]] = []
    j0 = 0
    for i, ta in enumerate(a.turns):
        best = (0.0, -1)
        for j in range(j0, len(b.turns)):
            if b.turns[j].speaker != ta.speaker:
                continue
            shorter, longer = sorted((na[i], nb[j]), key=len)
            score = fuzz.partial_ratio(shorter, longer) if shorter else 0.0
            if score > best[0]:
                best = (score, j)
        if best[0] >= SAME_TURN:
            pairs.append((i, best[1], best[0]))
            j0 = best[1] + 1
    rows: list[Row] = []
    i = j = 0
    for pi, pj, score in pairs:
        rows.extend(Row(a.turns[k], None, 0) for k in range(i, pi))
        rows.extend(Row(None, b.turns[k], 0) for k in range(j, pj))
        rows.append(Row(a.turns[pi], b.turns[pj], score))
        i, j = pi + 1, pj + 1
    rows.extend(Row(a.turns[k], None, 0) for k in range(i, len(a.turns)))
    rows.extend(Row(None, b.turns[k], 0) for k in range(j, len(b.turns)))
    return rows


def word_diff(left: str, right: str) -> list[tuple[str, str]]:
    """(op, words) runs: 'same', 'left' (only in the left text), 'right' (only in the right)."""
    a, b = left.split(), right.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("left", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("right", " ".join(b[j1:j2])))
    return out
