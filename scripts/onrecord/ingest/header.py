"""The header: what stands above the speech — the title, datelines, venue, bylines, captions.

The title is the heading line that best matches the source URL's slug or a heading the page
repeats (a caption, the end of a breadcrumb), and reads as a heading; what stands above it is
page chrome (weather and date widgets, tag lists, a breadcrumb ending in "…", a mangled first
copy of the title). An official site's own date and venue lines may stand above its title.

Below the title, only first- or second-person speech or a greeting starts the speech: a
third-person caption or standfirst ("Earlier today the Secretary delivered …", "This is a
transcript of …"), a notice ("The video is available …") or a second title line is header,
and a source of the date and place, never an opening statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..registry import fold, tokens
from . import places
from .lines import Line, dates_in, is_date_line
from .metadata import official, title_from_url
from .people import ROLE_WORDS

HEADLINE = re.compile(
    r"(?i)\b(?:remarks|briefing|press|interview|conference|statement|meeting|availability|"
    r"stake-?out|transcript|speech|address|doorstep|points?|greeting|conversation|discussion|"
    r"visit|talks|summit|ministerial|hearing|readout|roundtable|town hall|Q&A|op-ed)\b"
)
_PERSON = re.compile(
    r"(?i)(?<![\w’'])(?:i|i'm|im|i’m|i've|i’ve|i'll|i’ll|i'd|i’d|we|we're|we’re|we've|we’ve|"
    r"we'll|we’ll|us|our|ours|my|me|you|your|you're|you’re|let's|let’s)(?![\w’'])"
)
_GREETING = re.compile(
    r"(?i)^(?:well,?\s+|so,?\s+|and\s+|okay,?\s+|um,?\s+)?(?:good (?:morning|afternoon|evening|day)|"
    r"hello|hi\b|thank you|thanks|welcome|ladies and gentlemen|dear\b|excellenc|mr\.?\s|madam|"
    r"colleagues|friends|yes\b|no\b|sure\b|bonjour|guten tag)"
)
AS_DELIVERED = re.compile(
    r"(?i)^\s*\((?:as delivered|check against delivery|as prepared for delivery)\.?\)\s*$"
)
AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,30}(?:,\s*[^—–(]{1,30})?(?:\s*\([A-Za-z .]{2,20}\))?\s*[-–—]\s"
)
PUBLICATION = re.compile(
    r"(?i)\b(?:posted|published|updated|written|last modified|publié|mis à jour|publicado|"
    r"actualizado|veröffentlicht|aktualisiert|opublikowano|aktualizacja)\b|"
    r"(?:^|\d{4}\s*|\|\s*)by\s+[A-Z]"
)


@dataclass(frozen=True)
class Header:
    title: str | None
    title_line: int | None  # index into the lines, None for a title from front matter
    end: int  # index of the first line of the body


def is_speech(text: str) -> bool:
    """First- or second-person words, a greeting or a salutation: someone is speaking."""
    text = re.sub(
        r"^\s*(?:[\[(][^\])]{1,40}[\])]\s*)+", "", text
    ).strip()  # "[applause] good morning"
    if not text:
        return False
    outside = re.sub(
        r"“[^”]*”|\"[^\"]*\"", " ", text
    )  # a quoted phrase in a caption is not the caption speaking
    cased = text != text.lower()  # in cased text a lower-case "i" is not English's "I"
    person = any(
        m.group(0) not in ("US", "U.S") and not (cased and m.group(0) == "i")
        for m in _PERSON.finditer(outside)
    )  # "US" is the country; "i" is Polish, Czech or Italian for "and"
    return bool(_GREETING.match(text) or (person and not _title_case(text)) or text.endswith(","))


def _title_case(text: str) -> bool:
    """'What We Can Do for Ukraine': a heading, whatever its pronouns."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def title_like(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 30 or len(text) > 250 or is_date_line(text) or is_speech(text):
        return False
    if text.endswith(".") and len(words) > 12:
        return False  # a sentence: a standfirst, not a heading
    if places.is_venue_line(text):
        return False
    return not all(w.lower().strip(".,") in ROLE_WORDS for w in words)


def read(
    lines: list[Line],
    body_start: int | None,
    front_title: str | None,
    url: str | None,
    kind: str,
    people: tuple[str, ...] = (),
) -> Header:
    """Marks the header lines (kind 'header' or 'chrome', with their reason) and finds the title.
    `body_start`: index of the first speaker label, if any."""
    stop = body_start if body_start is not None else len(lines)
    # "(As delivered)" announces the speech: what follows it is spoken, whatever its grammar
    delivered = next(
        (i for i in range(stop) if lines[i].kind == "chrome" and AS_DELIVERED.match(lines[i].text)),
        None,
    )
    if delivered is not None and kind != "news article":
        stop = next((i for i in range(delivered + 1, stop) if lines[i].kind == "text"), stop)
    zone = [i for i in range(stop) if lines[i].kind == "text"]
    # the speech (or, in an article, the text) starts at the first line that is not header
    end = stop
    for i in zone:
        text = lines[i].text.strip()
        if kind == "news article":
            prose = (
                len(text.split()) >= 8 and text.endswith((".", "”", '"'))
            ) or AGENCY_DATELINE.match(text)
            if prose or not (
                title_like(text)
                or is_date_line(text)
                or (PUBLICATION.search(text) and len(text) < 120)
                or places.is_venue_line(text, frozenset())
                or len(text.split()) <= 3
            ):
                end = i
                break
        elif is_speech(text):
            end = i
            break
    if end == stop and body_start is None and kind != "news article":
        # no label and no line that reads as speech (captions, an unpunctuated auto-transcript):
        # the speech starts at the first line too long for a heading
        end = next((i for i in zone if len(lines[i].text.strip()) > 250), stop)
    zone = [i for i in zone if i < end]
    title_at = None if front_title else _choose_title(lines, zone, url)
    title = front_title
    if title_at is not None:
        title = lines[title_at].text.strip()
        lines[title_at].kind, lines[title_at].reason = "header", "title"
        nxt = next((i for i in zone if i > title_at), None)
        if (
            nxt is not None
            and lines[nxt].number - lines[title_at].number <= 2
            and _continues(lines[nxt].text)
        ):
            title = f"{title} {lines[nxt].text.strip()}"
            lines[nxt].kind, lines[nxt].reason = "header", "title (second line)"
    own_site = official(url)
    for i in zone:
        line = lines[i]
        if line.kind != "text":
            continue
        text = line.text.strip()
        if title_at is not None and i < title_at:
            if is_date_line(text):
                line.kind, line.reason = (
                    "header",
                    ("dateline" if own_site else "date above the title"),
                )
            elif own_site and places.is_venue_line(text, frozenset(people)):
                line.kind, line.reason = "header", "venue"
            else:
                line.kind, line.reason = "chrome", "above the title (page chrome)"
            continue
        line.kind, line.reason = "header", role(text, title, people)
    return Header(re.sub(r"\s+", " ", title).strip() if title else None, title_at, end)


def role(text: str, title: str | None, people: tuple[str, ...] = ()) -> str:
    """What a header line below the title is."""
    if title and fold(text) == fold(title):
        return "title repeated"
    if is_date_line(text):
        return "dateline"
    if places.is_venue_line(text, frozenset(places.plain(p.split()[-1]) for p in people)):
        return "venue"
    if title and len(text) > 12 and fold(text) in fold(title):
        return "title repeated"
    if dates_in(text):
        return (
            "publication line"
            if PUBLICATION.search(text)
            and not re.search(r"(?i)\b(?:was|were) (?:interviewed|held|delivered|speaking)\b", text)
            else "byline or caption with a date"
        )
    words = text.split()
    if title and _overlap(text, title) >= 0.8 and len(words) <= 30:
        return "caption repeating the title"
    if len(words) <= 6 and all(
        w[:1].isupper() or w.lower() in {"of", "the", "and", "for"} for w in words
    ):
        return "byline" if any(w.lower().strip(".,") not in ROLE_WORDS for w in words) else "role"
    if len(words) <= 3:
        return "note"
    return "caption or standfirst (not speech)"


def _choose_title(lines: list[Line], zone: list[int], url: str | None) -> int | None:
    def continued(i: int) -> bool:  # "Remarks" / "by NATO Secretary General …"
        nxt = next((j for j in zone if j > i), None)
        return (
            nxt is not None
            and lines[nxt].number - lines[i].number <= 2
            and _continues(lines[nxt].text)
        )

    candidates = [
        i
        for i in zone
        if (
            title_like(lines[i].text.strip())
            or (
                len(lines[i].text.split()) == 1
                and lines[i].text.strip()[:1].isupper()
                and continued(i)
            )
        )
        and not (_continues(lines[i].text) and lines[i].text.strip()[:1].islower())
    ]  # "by …" goes on a title
    if not candidates:
        return None
    slug = title_from_url(url)
    texts = [fold(lines[i].text.strip()) for i in zone]

    def score(i: int) -> float:
        text = lines[i].text.strip()
        folded = fold(text)
        s = 0.0
        if slug:
            s += 3 * max(0.0, fuzz.ratio(_bare(folded), _bare(fold(slug))) / 100 - 0.4)
        if (
            len(folded) >= 25 and any(t != folded and t.endswith(folded) for t in texts)
        ) or texts.count(folded) > 1:
            s += 1.0  # the page repeats this heading (a caption, the end of a breadcrumb)
        if any(t != folded and t.startswith(folded) and len(t) > len(folded) for t in texts):
            s -= 1.0  # a cut copy of a longer heading
        if HEADLINE.search(text):
            s += 0.5
        s += (
            min(len(text.split()), 10) / 20
        )  # a specific heading over a generic one ("Special Briefing")
        after = [j for j in zone if j > i][:6]
        if any(is_date_line(lines[j].text.strip()) for j in after):
            s += 0.5  # a dateline block follows
        if text.isupper():
            s -= 0.75  # a kicker in capitals over the real heading
        if text.endswith(("…", "...")):
            s -= 2.0  # a breadcrumb or a cut copy
        if re.search(r"\s[|›»>]\s", text):
            s -= 0.5
        return s

    best = max(candidates, key=lambda i: (score(i), -i))
    return best


def _bare(text: str) -> str:
    return " ".join(tokens(text))


def _overlap(text: str, title: str | None) -> float:
    if not title:
        return 0.0
    a, b = set(tokens(text)), set(tokens(title))
    return len(a & b) / max(1, len(a))


def _continues(text: str) -> bool:
    """A second title line: 'by NATO Spokesman, James Appathurai', 'after his meetings at …'."""
    text = text.strip()
    return (
        bool(
            re.match(
                r"^(?:by|with|and|of|at|on|in|after|before|during|following|ahead|for|to)\s", text
            )
        )
        and not is_speech(text)
        and len(text) <= 160
    )
