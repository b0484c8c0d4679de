"""Line-level reading of a capture: what each line is, before anything is assembled.

A capture is a page's text, so most of what is not speech is recognisable on its own
line: government banners, date widgets, share buttons, "(As delivered)", captions,
related-article links. Speaker labels are recognised in every form transcripts print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..cleaned import (
    TIMESTAMP,  # the label grammar of cleaned files: one definition of a time stamp
)
from ..registry import QUESTIONER_LABELS, TITLE_WORDS, Registry, fold, name_tokens
from . import places
from .people import same_person


@dataclass
class Line:
    """One line of the capture, or a part of one (a label glued to chrome, a flattened page cut
    at its labels), as the stages classify it."""

    number: int  # line of the capture, from 1
    text: str
    kind: str = "text"  # text | blank | front | chrome | time | duplicate | label | header
    reason: str = ""
    label: Label | None = None
    whole: bool = (
        True  # False: a part of the capture's line; omitted parts are recorded with their text
    )


# ---------------------------------------------------------------- chrome

_NETWORK = r"(?:Facebook|Twitter|X|LinkedIn|WhatsApp|Telegram|Reddit|Email|E-mail|Print|Pinterest|Messenger|Bluesky|Threads|Copy link)"
_CHROME = [
    r"An official website of the United States [Gg]overnment.*",
    r"Here['’]s how you know",
    r"Official websites use \.gov",
    r"A \.gov website belongs to an official government organization in the United States\.",
    r"Secure \.gov websites use HTTPS",
    r"A lock \(.*\) or https:// means .*",
    r"•?\s*\|",
    r"•?\s*Last updated:?.*",
    r"•?\s*(?:Updated|Modified|Published|Posted)(?: on)?:? .{0,40}\d{4}.{0,12}",
    r"\((?:As delivered|Check against delivery|As prepared for delivery|Unofficial transcript)\.?\)",
    r"(?:Share|Share this(?: page| article| post)?|Share on \w+|Tweet|Print|Print this page|Email|E-mail|"
    r"Facebook|Twitter|X|LinkedIn|WhatsApp|Telegram|Reddit|Copy link|Copy Link|Link copied)",
    r"(?:Must read|More articles|Latest articles?|Related(?: articles| stories| posts| content| news)?|Read more|"
    r"Read next|See also|Recommended(?: for you)?|Trending(?: now)?|Most (?:read|popular)|Popular posts|"
    r"You may also like|More from .{1,40}|Related Articles|Related Posts|Next article|Previous article|"
    r"Next post|Previous post|Continue reading)",
    r"(?:Free Trial|Subscribe(?: now)?|Sign in|Sign up|Log in|Login|Register|Close|Menu|Search|"
    r"Skip to (?:main )?content|Back to top|Home|Advertisement|Sponsored|Full Transcript|Transcript|"
    r"Listen to this article|Watch the video|Watch|Video|Audio|Photos?|Gallery|Download|Download PDF)",
    # a row of share buttons: "Share this page: Facebook Twitter LinkedIn", "Facebook | X | Email"
    rf"(?:Share(?: this(?: page| article| post)?| on)?:?\s*(?:{_NETWORK}[\s,|•·]*){{1,12}}|"
    rf"(?:{_NETWORK}[\s,|•·]+){{1,12}}{_NETWORK})",
    r"(?:Share this|Like this|Related|Tags|Comments|Reply|Loading\.\.\.|Like Loading\.\.\.|Like|Liked by \d+ .{1,40}):",
    r"(?:Loading\.\.\.|Like Loading\.\.\.|Reply|Report this ad|Advertisements)",
    r"(?:Leave a (?:reply|comment)|Post a comment|Comments?|\d+ [Cc]omments?|No comments(?: yet)?|"
    r"Deja una respuesta|Laisser un commentaire|Cancel reply)",
    r"(?:Your email address will not be published|Tu dirección de correo electrónico no será publicada|"
    r"Required fields are marked).*",
    r"(?:Credit|Photo credit|Photo|Image|Image credit|Source):\s.{0,120}",
    r".{0,300}\bCredit:\s?[A-Z][\w./ -]{1,40}",
    r"(?:Left to right|From left|L-R|\(L-R\)|Pictured):.*",
    r"To read the full story.*",
    # a footer pointing elsewhere: a bare address, "Published at https://…", "Read it at www.…"
    r"(?:[A-Za-z’']+:?[ \t]+){0,8}(?:https?://|www\.)\S+",
    r"Why [A-Z]{2,6}",
    r"(?:Tags?|Topics?|Categories|Category|Filed under|Posted in|Keywords):.*",
    r"(?:Copyright|©|All rights reserved).*",
    r"(?:We use cookies|This (?:web)?site uses cookies|Accept(?: all)? cookies|Cookie settings).*",
    r"Read the (?:full )?(?:remarks|transcript|statement|speech|article|story|interview)\b.{0,120}\bhere\.?",
    r"(?:Click|Tap) here.{0,80}",
    r"(?:Follow us|Follow) on .{1,40}",
    # breadcrumbs: "Home > Office of the Spokesperson > Remarks"
    r"(?:[^>›»\n]{1,40}\s[>›»]\s){2,}[^>›»\n]{0,80}",
    # sections of government sites printed above a document
    r"(?:Briefing Room|Speeches and Remarks|Speeches & Remarks|Press Briefings|Statements and Releases|"
    r"Office of the Spokesperson|Media Note|Readout|Hide|Show|Print Friendly|Text size|"
    r"Subscribe to updates|Sign up for updates)",
    # blog, repost and transcription-service furniture
    r"Showing posts with label .{1,120}|Show all posts|Older posts?|Newer posts?|Home page|Labels?:.{0,200}",
    r"From the event|Via Translation|Transcribe Your Own Content|Try Rev .{0,120}|Rev\.com.{0,80}",
    r"(?:Click|Tap) to (?:expand|enlarge|see more|read more|view).{0,40}",
    r"(?:Edit|EDIT|ETA)\s*\d*\s*:.{0,300}",
    r".{0,160}\b(?:originally )?(?:published|appeared first|posted) (?:at|on) (?:https?://|www\.)\S+.{0,40}",
    r"The post .{1,200} appeared first on .{1,80}",
    # network and app taglines: "Watch the full interview above.", "Subscribe to our newsletter"
    r"(?:Watch|Listen to|Subscribe to|Sign up for|Download) (?:the |our )?(?:full |latest |free )?(?:\w+ ){0,3}"
    r"(?:app|newsletter|podcast|channel|video|interview|episode)(?: (?:above|below|here))?\.?",
    r"(?:https?://|www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|int|info|news|co|uk|eu|pl)/?",
    # a source line above a repost ("FROM: U.S. STATE DEPARTMENT", "From the Office of the Spokesperson")
    r"(?:FROM|From|SOURCE|Via|VIA):\s.{1,80}|\[?Via [A-Z][\w .]{1,60}\]?",
    # a line of category tags or menu items: "NATO | Ukraine | Diplomacy"
    r"(?:[^|•·\n]{1,30}\s[|•·]\s){2,}[^|•·\n]{1,30}",
    # weather and today's-date widgets: "Brussels 12°C", "Mon, 5 May 2025 | 14:02"
    r"(?:[A-Z][\w.,-]*(?: [A-Z][\w.,-]*){0,3}\s+)?-?\d{1,2}\s*°\s*[CF]?\b[^.!?]{0,50}",
]
CHROME = re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in _CHROME) + r")\s*$")
# After one of these, the rest of a page is the site's, not the document's.
END_OF_DOCUMENT = re.compile(
    r"^\s*(?:(?i:More articles|Latest articles?|Related(?: articles| stories| posts)?|"
    r"You may also like|To read the full story.*|Leave a (?:reply|comment)|"
    r"Deja una respuesta|Post a comment|Share this(?: article| post)?|Why [A-Z]{2,6}|"
    r"Read more|Recommended(?: for you)?|Tags|Related Content|Like this|About the author)\s*:?|"
    # a blog's comments: "12 thoughts on “…”", "3 Responses to …"
    r"\d+ (?:thoughts? on|[Rr]esponses? to|[Cc]omments? on|[Rr]eplies to) .{1,200})\s*$"
)
TIME_LINE = re.compile(r"^\s*\d{1,2}:\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:[A-Z]{2,5})?\s*$")
TIMESTAMP_LINE = re.compile(rf"^\s*\(?{TIMESTAMP}\)?\s*$")  # rev.com's "(00:12)" between paragraphs


def is_chrome(line: str) -> bool:
    return bool(CHROME.match(line))


# ---------------------------------------------------------------- dates

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            "jan january enero janvier januar gennaio janeiro",
            "feb february febrero février fevrier februar febbraio fevereiro",
            "mar march marzo mars märz marz março",
            "apr april abril avril aprile",
            "may mayo mai maggio maio",
            "jun june junio juin juni giugno junho",
            "jul july julio juillet juli luglio julho",
            "aug august agosto août aout",
            "sep sept september septiembre setiembre septembre settembre setembro",
            "oct october octubre octobre oktober ottobre outubro",
            "nov november noviembre novembre novembro",
            "dec december diciembre décembre decembre dezember dicembre dezembro",
        ],
        start=1,
    )
    for m in names.split()
}
_MON = "(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_FORMS = [
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?{_MON}\s*,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)\b",
    rf"\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y>(?:19|20)\d\d)\b",
    r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b",
    r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})(?![\d/])",
]
DATE_RES = [re.compile(p, re.I) for p in _DATE_FORMS]


@dataclass(frozen=True)
class FoundDate:
    day: date
    start: int
    end: int


def dates_in(text: str) -> list[FoundDate]:
    found: list[FoundDate] = []
    for pattern in DATE_RES:
        for m in pattern.finditer(text):
            if any(f.start <= m.start() < f.end for f in found):
                continue
            try:
                month = (
                    MONTHS[m["mon"].lower().rstrip(".")]
                    if "mon" in m.groupdict() and m["mon"]
                    else int(m["m"])
                )
                year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
                found.append(FoundDate(date(year, month, int(m["d"])), m.start(), m.end()))
            except (ValueError, KeyError):
                continue
    return sorted(found, key=lambda f: f.start)


def is_date_line(line: str) -> bool:
    """A line that is a date and little else ('June 1, 2022', '• 01 Jun. 2022 -', 'Nov 28, 2023 - 16:17')."""
    found = dates_in(line)
    if not found:
        return False
    rest = line[: found[0].start] + line[found[0].end :]
    rest = re.sub(
        r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{1,2}:\d{2}|[•|,·\-–—\s()]", "", rest
    )
    return len(rest) <= 3


BYLINE = re.compile(r"(?i)\b(?:by|posted|published|updated|written)\b")

# ---------------------------------------------------------------- labels

_LABEL_HEAD = re.compile(
    r"^(?P<name>[^\s:()\[\]“”\"‘’,;!?]+(?:[ \u00a0]+[^\s:()\[\]“”\"‘’,;!?]+){0,8}?)"
    r"(?:[ \u00a0]*(?:\((?P<paren>[^()]{1,80})\)|\[(?P<bracket>[^\[\]]{1,80})\]))?[ \u00a0]*:(?=\s|$)"
)
_Q_LABEL = re.compile(
    r"^(?P<name>Q|A)(?:[ \u00a0]*\((?P<paren>[^()]{1,60})\))?"  # "Q (Reuters):"
    r"(?:(?P<colon>:)|\.(?=\s)|(?=[ \t\u00a0]{2,}|\t|\u00a0))"
)
_CAPTION_TAG = re.compile(r"^(?P<name>[A-Za-z][a-z]+ [A-Za-z][a-z'’-]+)(?=[ \u00a0]{2,}|\s*$)")
_TIMESTAMP = re.compile(rf"^{TIMESTAMP}$")
TERMINAL = tuple('.?!…:;"”’—–-)]')
HEADLINE_WORDS = {
    "ministerial",
    "meeting",
    "summit",
    "conference",
    "remarks",
    "statement",
    "briefing",
    "press",
    "joint",
    "update",
    "interview",
    "speech",
    "foreign",
    "defence",
    "defense",
    "council",
    "report",
    "news",
    "live",
    "breaking",
    "exclusive",
    "opinion",
    "analysis",
    "transcript",
    "video",
    "watch",
    "read",
    "day",
    "week",
    "year",
}
PARTICLES = {
    "of",
    "the",
    "de",
    "van",
    "von",
    "der",
    "da",
    "du",
    "al",
    "bin",
    "la",
    "le",
    "y",
    "and",
    "for",
    "del",
    "di",
}
NOT_NAMES = {
    "note",
    "update",
    "source",
    "photo",
    "video",
    "tags",
    "topics",
    "subject",
    "re",
    "transcript",
    "embargoed",
    "editor's note",
    "editors note",
    "correction",
    "participants",
    "watch",
    "read",
    "related",
    "see",
    "listen",
    "location",
    "date",
    "time",
    "place",
    "title",
    "caption",
    "summary",
    "background",
    "agenda",
    "contact",
    "media",
    "press release",
    "statement",
    "share",
    "next",
    "previously",
    "warning",
    "disclaimer",
    "advertisement",
}
SENTENCE_START = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "and",
    "but",
    "so",
    "this",
    "that",
    "these",
    "those",
    "we",
    "i",
    "it",
    "our",
    "here",
    "there",
    "when",
    "what",
    "why",
    "how",
    "if",
    "as",
    "he",
    "she",
    "they",
    "you",
    "my",
    "your",
    "his",
    "her",
    "their",
    "one",
    "two",
    "first",
    "second",
    "third",
    "finally",
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "then",
    "also",
    "let",
    "with",
    "from",
    "to",
    "by",
    "after",
    "before",
    "during",
    "while",
    "all",
    "both",
}


@dataclass(frozen=True)
class Label:
    name: str  # the label's name part, as printed ("SECRETARY BLINKEN", "Matthew Miller")
    printed: str  # the whole label as printed, with colon and timestamp
    rest: str  # the text after the label on the same line
    paren: str | None = None  # a parenthetical role or outlet
    timestamp: str | None = None
    style: str = "caps"  # caps | mixed | q | caption | change (">>" without a name)


def match_label(
    line: str, registry: Registry, starts_paragraph: bool, people: tuple[str, ...] = ()
) -> Label | None:
    """The speaker label at the start of `line`, if it has one. `people`: full names the title,
    URL or header give, so that "NATO Secretary General Mark Rutte:" is a label without a registry."""
    marked = line.lstrip(" \u00a0\t").startswith(">>")  # captions mark a change of speaker
    text = line.lstrip(" \u00a0\t>")
    m = _Q_LABEL.match(text)
    if m:
        if (m["name"] == "A" or m["paren"]) and not m["colon"]:
            return None
        printed = text[: m.end()]
        return Label(m["name"], printed.strip(), text[m.end() :].strip(), m["paren"], style="q")
    m = _LABEL_HEAD.match(text)
    if m:
        name, paren = (
            m["name"].strip(),
            m["paren"] or m["bracket"],
        )  # "NAME (ROLE):", "NAME [ROLE]:"
        timestamp = paren if paren and _TIMESTAMP.match(paren.strip()) else None
        rest = text[m.end() :].strip()
        style = _label_style(
            name,
            paren if not timestamp else None,
            timestamp,
            registry,
            starts_paragraph,
            rest,
            people,
        )
        if style:
            return Label(
                name, text[: m.end()].strip(), rest, None if timestamp else paren, timestamp, style
            )
    if (
        marked and text.strip()
    ):  # a new voice the captions do not name: never the previous speaker's
        return Label("", ">>", text.strip(), style="change")
    m = _CAPTION_TAG.match(text)
    # a caption tag stands alone, or is cased as captions are ("Secretary blinken"); prose that
    # names someone ("President Zelenskyy  has shown ...") is speech
    if (
        m
        and starts_paragraph
        and (not text[m.end() :].strip() or m["name"].split()[1][0].islower())
        and _is_known_person_tag(m["name"], registry)
    ):
        return Label(m["name"], m["name"], text[m.end() :].strip(), style="caption")
    return None


def _label_style(
    name: str,
    paren: str | None,
    timestamp: str | None,
    registry: Registry,
    starts_paragraph: bool,
    rest: str,
    people: tuple[str, ...] = (),
) -> str | None:
    words = name.replace("\u00a0", " ").split()
    folded = fold(name)
    if not words or folded in NOT_NAMES or len(name) > 70:
        return None
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 1:
        return None
    if all(c.isupper() for c in letters):
        if len(words) > 7 or (len(words) == 1 and len(letters) < 2 and not timestamp):
            return None
        if folded not in QUESTIONER_LABELS and all(
            fold(w) in HEADLINE_WORDS or fold(w) in NOT_NAMES for w in words
        ):
            return None  # "REMARKS:", "PRESS BRIEFING:" head a document, nobody says them
        return "caps"
    # mixed case: a name, perhaps with a title: "NATO Secretary General Jens Stoltenberg:", "Matt (00:09):"
    if words[0].lower() in SENTENCE_START or not words[0][0].isupper():
        return None
    if any(
        not (w[0].isupper() or w.lower() in PARTICLES or (timestamp and w.isdigit())) for w in words
    ):
        return None  # ("Speaker 1 (00:00):" is how transcription services name an unknown voice)
    known = (
        bool(registry.match_name(name, None))
        or fold(name) in {fold(ln) for s in registry.speakers.values() for ln in s.labels}
        # a role label the registry knows, printed in mixed case: "NATO Secretary General:"
        or fold(name)
        in {fold(ln) for s in registry.speakers.values() for r in s.roles for ln in r.labels}
        or any(same_person(name, p) for p in people)
    )
    if timestamp or paren or known:
        return "mixed"
    if folded in QUESTIONER_LABELS or folded == "moderator":
        return "mixed"
    # an unknown mixed-case name must look like a personal name, start a paragraph and be
    # followed by speech, not by the rest of a headline ("NATO Foreign Ministerial: Remarks by ...")
    if (
        not 2 <= len(words) <= 4
        or not starts_paragraph
        or all(w.lower() in TITLE_WORDS for w in words)
    ):
        return None
    if any(w.isupper() and len(w) > 1 for w in words) or any(
        fold(w) in HEADLINE_WORDS for w in words
    ):
        return None
    if rest and not rest.rstrip().endswith(TERMINAL):
        return None
    return "mixed"


def _is_known_person_tag(text: str, registry: Registry) -> bool:
    """Caption tags like 'Secretary blinken': a title word and a registry surname, nothing else."""
    first, last = text.split()
    if first.lower() not in TITLE_WORDS:
        return False
    return any(
        name_tokens(s.name)[-1:] == [last.lower().rstrip("'’")]
        for s in registry.speakers.values()
        if s.kind == "person" and name_tokens(s.name)
    )


# ---------------------------------------------------------------- labels inside lines

# a leading time stamp: "[00:00:05] Hugh Hewitt: …", "(01:12) SECRETARY RUBIO: …"
STAMP_PREFIX = re.compile(rf"^\s*[\[(]?{TIMESTAMP}[\])]?\s+(?=\S)")
_GLUE = re.compile(
    rf"(?:^\s*[\[(]?{TIMESTAMP}[\])]?\s+|\s[-–—|:]\s*|(?<=[a-z\])])(?=[A-Z]{{2}})|^\[)"
)


def _stamped(line: str, prefix: str) -> bool:
    stamp = STAMP_PREFIX.match(line)
    return stamp is not None and stamp.end() == len(prefix)


def glued_label(
    line: str, registry: Registry, people: tuple[str, ...] = ()
) -> tuple[str, Label] | None:
    """A label after a short piece of page chrome on the same line: 'Transcript – SECRETARY
    BLINKEN: Thank you', '[Via State DepartmentSECRETARY TILLERSON: Well, …'. Returns the
    prefix (to omit) and the label."""
    head = line[:90]
    for m in _GLUE.finditer(head):
        start = m.end()
        prefix = line[:start]
        if (
            not 1 <= len(prefix.strip(" \u00a0[("))
            or len(prefix.split()) > 8
            or re.search(r"[.?!][\s”\"]", prefix)
            or re.search(r"(?i)\b(?:i|we|you|my|our|your|me|us)\b", prefix)
        ):
            continue  # speech that happens to hold a label-like word is not chrome
        label = match_label(line[start:], registry, True, people)
        if (
            label
            and label.style in ("caps", "mixed")
            and label.rest
            and (
                (label.style == "caps" and len(label.name.split()) >= 2)
                or fold(label.name) in QUESTIONER_LABELS
                or (label.style == "mixed" and any(same_person(label.name, p) for p in people))
                # after a time stamp, any name a transcription service prints is a label
                or (label.style == "mixed" and _stamped(line, prefix))
            )
        ):
            return prefix, label
    # a stray word or two before a label ("And so MINISTER TSAHKNA: …"): taken as a label only
    # for someone the capture or the registry names, never for any capitalised words
    stray = re.match(r"^(?:[A-Za-z][a-z’']*,?\s){1,2}(?=[A-Z][A-Z.’'-]+\s[A-Z][A-Z.’'-]+)", line)
    if stray and not re.search(r"(?i)\b(?:i|we|you|my|our|your|me|us)\b", stray.group(0)):
        label = match_label(line[stray.end() :], registry, True, people)
        if (
            label
            and label.style == "caps"
            and label.rest
            and (
                any(same_person(label.name, p) for p in people)
                or registry.match_name(label.name, None) is not None
            )
        ):
            return stray.group(0), label
    return None


_EMBEDDED = re.compile(
    r"(?<=[.?!…”\"’)\]—–-])\s+(?=(?:[A-Z][A-Z.’'-]+\s){0,5}[A-Z][A-Z.’'-]+(?:\s*\([^)]{1,60}\))?:\s)"
)


_FOOTER_START = re.compile(
    r"(?<=[.?!”\"])\s+(?P<phrase>(?i:Related articles|Related stories|Related posts|"
    r"More articles|You may also like|Share this|Leave a (?:reply|comment)|Read more))\b"
)


def _header_cuts(head: str) -> list[int]:
    """Where a flattened header breaks into lines: around ' | ' separators, before its date and
    before the 'City, Country' that precedes the date, so title, place and date are read apart."""
    cuts = [c for m in re.finditer(r"\s\|\s", head) for c in (m.start(), m.end())]
    for found in dates_in(head):
        before = head[: found.start]
        if before.rstrip().endswith(","):
            continue  # "Vilnius, 11 July 2023": a dateline already, read as one
        cuts += [found.start, found.end]
        # the longest run of capitalised words before ", Country" that names a known place
        for size in (3, 2, 1):
            m = re.search(
                rf"(?:^|\s)((?:[A-Z][\w.’'-]+ ){{{size - 1}}}[A-Z][\w.’'-]+), [A-Z][\w’'-]+ ?$",
                before,
            )
            if m and (size == 1 or places.known_place(m[1])):
                cuts.append(m.start(1))
                break
    return [c for c in cuts if 0 < c < len(head)]


def _footer_cuts(line: str, last: int) -> list[int]:
    """A flattened page's footer after the last turn ('… working on it. Related Articles Embassy
    News'): cut before its first words and after them, so the footer ends the document."""
    m = _FOOTER_START.search(line, last)
    return [m.start("phrase"), m.end("phrase")] if m else []


def flattened_parts(line: str, registry: Registry, people: tuple[str, ...] = ()) -> list[str]:
    """A page flattened into one long line ('… Brussels, March 4, 2022 SECRETARY BLINKEN: Thank
    you. QUESTION: Why? SECRETARY BLINKEN: Because.'): cut before every label it holds."""
    if len(line) < 300:
        return [line]
    cuts = [
        m.end()
        for m in _EMBEDDED.finditer(line)
        if match_label(line[m.end() :], registry, True, people)
    ]
    for person in people:  # mixed-case labels of people the title names: "… 2023 NATO Secretary General Jens Stoltenberg: …"
        for m in re.finditer(
            r"(?:(?<=\s)|^)(?:[A-Z][\w.’'-]*\s+){0,5}"
            + r"\s+".join(map(re.escape, person.split()))
            + r":\s",
            line,
        ):
            start = m.start()
            while start < m.end() and not match_label(line[start:], registry, True, people):
                nxt = line.find(" ", start)
                start = nxt + 1 if nxt >= 0 else m.end()
            if start < m.end():
                cuts.append(start)
    head = re.match(
        r"^.{0,400}?(?:(?<=\d{4})|(?<=[a-z]))\s+(?=(?:[A-Z][A-Z.’'-]+\s){1,5}[A-Z][A-Z.’'-]+:\s)",
        line,
    )
    if head and match_label(line[head.end() :], registry, True, people):
        cuts.insert(0, head.end())  # the title, date and place before the first label
    cuts = sorted(set(c for c in cuts if 0 < c < len(line)))
    if len(cuts) < 2:
        return [line]
    cuts = sorted({*cuts, *_header_cuts(line[: cuts[0]]), *_footer_cuts(line, cuts[-1])})
    return [
        line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True) if line[a:b].strip()
    ]
