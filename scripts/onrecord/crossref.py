"""Matching words across documents: news quotes to transcript turns, and two versions of one event.

Fuzzy, because reporters and transcribers differ in small ways: "defence"/"defense",
"1 billion"/"one billion", an ellipsis, a sentence cut off. A quote is verified when a
turn of an official transcript of the same event (or its parent or child events)
contains it nearly word for word; it is flagged when those words belong to someone else.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from .records import Quote, Transcript, Turn

MATCH = 88  # partial-ratio score from which a quote counts as found in a turn
SAME_TURN = 60  # % of the shorter turn's word triples found in the other: the same passage
_SPELLING = {
    "defence": "defense",
    "organisation": "organization",
    "recognise": "recognize",
    "centre": "center",
    "programme": "program",
    "indispensible": "indispensable",
    "likeminded": "like-minded",
    "labour": "labor",
    "favour": "favor",
    "honour": "honor",
}


def normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\[?…\]?|\.\.\.", " ", text)
    words = re.findall(r"[a-z0-9']+", text)
    return " ".join(_SPELLING.get(w, w) for w in words)


def shingles(normalised: str) -> frozenset[tuple[str, ...]]:
    """Overlapping word triples: a fast first look at whether two texts share passages."""
    words = normalised.split()
    if len(words) < 3:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(zip(words, words[1:], words[2:], strict=False))


@dataclass
class TurnIndex:
    """Each turn's normalised text and word triples, computed once per run."""

    _cache: dict | None = None

    def get(self, t: Transcript, turn: Turn) -> tuple[str, frozenset]:
        if self._cache is None:
            self._cache = {}
        key = (t.id, turn.id)
        if key not in self._cache:
            text = normalise(turn.speech)
            self._cache[key] = (text, shingles(text))
        return self._cache[key]


def containment(small: frozenset, large: frozenset) -> float:
    return len(small & large) / len(small) if small else 0.0


Best = tuple[float, "str | None", "str | None"]  # (score, transcript id, turn id)


def best_turns(quotes: list[Quote], candidates: list[Transcript]) -> list[Best]:
    """For each quote, the turn of `candidates` (official transcripts, in order) that holds its
    words best: the highest partial-ratio score, ties going to the earlier candidate and turn.

    Only turns that share at least 30% of a quote's word triples are scored. They are found by
    walking each turn's triples once against the triples of all the quotes, so the cost grows
    with the words of the candidates, not with quotes × turns."""
    needles = [normalise(q.text) for q in quotes]
    grams = [shingles(n) if len(n.split()) >= 3 else frozenset() for n in needles]
    wanted: dict[tuple[str, ...], list[int]] = {}
    for n, g in enumerate(grams):
        for gram in g:
            wanted.setdefault(gram, []).append(n)
    best: list[Best] = [(0.0, None, None) for _ in quotes]
    if not wanted:
        return best
    for t in candidates:
        if t.is_article:
            continue
        for turn in t.turns:
            hits: Counter = Counter()
            hay = normalise(turn.speech)
            words = hay.split()
            seen = set()
            for gram in (
                zip(words, words[1:], words[2:], strict=False)
                if len(words) >= 3
                else [tuple(words)]
                if words
                else []
            ):
                if gram in wanted and gram not in seen:
                    seen.add(gram)
                    hits.update(wanted[gram])
            if not hits:
                continue
            for n, count in hits.items():
                if count / len(grams[n]) < 0.3:  # shares too few word triples to be the source
                    continue
                needle = needles[n]
                score = (
                    fuzz.partial_ratio(needle, hay)
                    if len(needle) <= len(hay)
                    else fuzz.ratio(needle, hay)
                )
                if score > best[n][0]:
                    best[n] = (score, t.id, turn.id)
    return best


# ---------------------------------------------------------------- versions


@dataclass(frozen=True)
class Row:
    left: Turn | None
    right: Turn | None
    score: float


def participants(t: Transcript, surnames: dict[str, str]) -> set[str]:
    """Who speaks, and who the title names: NATO's text of a joint press conference may leave
    the other principal's words out, but its title still names them."""
    named = {surnames[w] for w in re.findall(r"[a-zà-ÿ]+", t.title.lower()) if w in surnames}
    return set(t.speaker_ids()) | named


def are_versions(a: Transcript, b: Transcript, surnames: dict[str, str]) -> bool:
    """Two transcripts of one event are versions of one text when they come from different
    publishers (or kinds of source) and have the same principals: nato.int's and state.gov's
    text of the same press conference, not two different speeches at a summit."""
    if a.is_article or b.is_article or a.origin == b.origin:
        return False
    shared = participants(a, surnames) & participants(b, surnames)
    return len(shared) >= 2 or bool(set(a.speaker_ids()) & set(b.speaker_ids()))


def align(a: Transcript, b: Transcript, index: TurnIndex | None = None) -> list[Row]:
    """Turns of two versions paired in order: same speaker and shared passages, or one side alone."""
    index = index or TurnIndex()
    sa = [index.get(a, t)[1] for t in a.turns]
    sb = [index.get(b, t)[1] for t in b.turns]
    pairs: list[tuple[int, int, float]] = []
    j0 = 0
    for i, ta in enumerate(a.turns):
        best = (0.0, -1)
        for j in range(j0, len(b.turns)):
            if b.turns[j].speaker != ta.speaker:
                continue
            small, large = sorted((sa[i], sb[j]), key=len)
            score = 100 * containment(small, large)
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
