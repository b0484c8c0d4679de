"""Title, event date and place: taken only from where the capture (or its address) states them.

Precedence, most to least direct: the page's own front matter; the header lines above
the speech (title, dateline, venue); a "we are here" phrase in the opening speech or an
article's lead; the source address. A publication byline, a "Last updated" stamp, a
date widget above the title or a date from another page is never an event date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote, urlparse

from . import places
from .lines import MONTHS, dates_in

# Sites whose address carries the day of the event they publish (not a blog's posting day).
OFFICIAL_HOSTS = ("whitehouse.gov", "state.gov", "nato.int", "usembassy.gov", "usmission.gov",
                  "defense.gov", "archives.gov", "europa.eu", "gov.uk", "un.org")


@dataclass(frozen=True)
class Value:
    value: object
    source: str  # where it was read: "front matter", "header line 3", "speech (line 12)", "source URL"


def title_from_url(url: str | None) -> str | None:
    if not url:
        return None
    slug = unquote(urlparse(url).path.rstrip("/").rsplit("/", 1)[-1])
    slug = re.sub(r"\.(?:html?|php|aspx?)$", "", slug)
    slug = re.sub(r"-\d{1,2}$", "", slug)  # state.gov adds -2, -5 to repeated titles
    words = [w for w in re.split(r"[-_]+", slug) if w]
    if len(words) < 3:
        return None
    small = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "from", "after",
             "before", "during", "de", "du", "des", "la", "le", "y"}
    return " ".join(w if w.isupper() else w if i and w in small else w.capitalize() for i, w in enumerate(words))


def date_from_url(url: str | None) -> date | None:
    if not url:
        return None
    parsed = urlparse(url)
    host = parsed.netloc.lower()
    path = unquote(parsed.path).lower()
    # words in the slug, as state.gov writes its briefings: department-press-briefing-august-18-2022
    m = re.search(r"(?:^|[-/])(" + "|".join(k for k in MONTHS if len(k) > 3 or k == "may") +
                  r")-(\d{1,2})-((?:19|20)\d\d)(?:$|[-/])", path)
    if m:
        try:
            return date(int(m[3]), MONTHS[m[1]], int(m[2]))
        except ValueError:
            pass
    if any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS):
        m = re.search(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/", path)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
    return None


def location_in_title(title: str, people: frozenset = frozenset()) -> str | None:
    """', Riga' / '| Madrid, Spain' / 'in Brussels, Belgium' at the end of a title; never a
    place in a clause about something else ('… after his meetings at the White House')."""
    for m in re.finditer(r"(?:,|\||\bin|\bat)\s+(?:the\s+)?", title):
        span = places.place_span(title, m.end(), people)
        if span and not title[span[1]:].strip(" .)"):
            if m.group(0)[0] not in ",|" and re.search(
                    r"(?i)\b(?:after|before|following|ahead of|on the margins of|meetings?)\b[^,|]*$", title[:m.start()]):
                return None  # "… after his meetings at the White House": where something else happened
            return span[0]
    return None


def location_in_line(line: str, people: frozenset = frozenset()) -> str | None:
    """A dateline or caption that names the place: 'in Brussels, Belgium, April 5, 2023.'"""
    for m in re.finditer(r"\b(?:in|at)\s+(?:the\s+)?(?=[A-ZÀ-Þ])", line):
        spot = places.place_at(line, m.end(), people)
        if spot:
            return spot
    return None


def event_date_in_lead(text: str, published: date | None = None) -> date | None:
    """'on Tuesday (23 March 2021)' / 'on Thursday, 2 June 2022' in an article's opening: a date
    the article gives its event with the weekday (which must agree), or, without one, a date in
    the week before publication. A date in history ('signed on 4 April 1949') is neither."""
    for found in dates_in(text):
        before = text[max(0, found.start - 40): found.start]
        if not re.search(r"\b(?:on|this|last)\s+(?:\w+day)?\s*[,(]?\s*$", before, re.I):
            continue
        weekday = re.search(r"(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b\s*[,(]?\s*$", before)
        if weekday:
            if _WEEKDAYS.index(weekday[1].lower()) == found.day.weekday():
                return found.day
            continue
        if published and 0 <= (published - found.day).days <= 7:
            return found.day
    return None


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
