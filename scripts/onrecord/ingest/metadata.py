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
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from . import places
from .lines import MONTHS, Line, dates_in

if TYPE_CHECKING:
    from .extract import Extraction

# Sites whose address carries the day of the event they publish (not a blog's posting day).
OFFICIAL_HOSTS = (
    "whitehouse.gov",
    "state.gov",
    "nato.int",
    "usembassy.gov",
    "usmission.gov",
    "defense.gov",
    "archives.gov",
    "europa.eu",
    "gov.uk",
    "un.org",
)


@dataclass(frozen=True)
class Value:
    value: object
    source: (
        str  # where it was read: "front matter", "header line 3", "speech (line 12)", "source URL"
    )


def official(url: str | None) -> bool:
    """The publisher's own site (or a government mirror), whose date and venue lines are its dateline."""
    host = urlparse(url).netloc.lower() if url else ""
    return any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)


def title_from_url(url: str | None) -> str | None:
    if not url:
        return None
    slug = unquote(urlparse(url).path.rstrip("/").rsplit("/", 1)[-1])
    slug = re.sub(r"\.(?:html?|php|aspx?)$", "", slug)
    slug = re.sub(r"-\d{1,2}$", "", slug)  # state.gov adds -2, -5 to repeated titles
    words = [w for w in re.split(r"[-_]+", slug) if w]
    if len(words) < 3:
        return None
    small = {
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "from",
        "after",
        "before",
        "during",
        "de",
        "du",
        "des",
        "la",
        "le",
        "y",
    }
    return " ".join(
        w if w.isupper() else w if i and w in small else w.capitalize() for i, w in enumerate(words)
    )


def date_from_url(url: str | None) -> date | None:
    if not url:
        return None
    parsed = urlparse(url)
    host = parsed.netloc.lower()
    path = unquote(parsed.path).lower()
    # words in the slug, as state.gov writes its briefings: department-press-briefing-august-18-2022
    m = re.search(
        r"(?:^|[-/])("
        + "|".join(k for k in MONTHS if len(k) > 3 or k == "may")
        + r")-(\d{1,2})-((?:19|20)\d\d)(?:$|[-/])",
        path,
    )
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
        if span and not title[span[1] :].strip(" .)"):
            if m.group(0)[0] not in ",|" and re.search(
                r"(?i)\b(?:after|before|following|ahead of|on the margins of|meetings?)\b[^,|]*$",
                title[: m.start()],
            ):
                return (
                    None  # "… after his meetings at the White House": where something else happened
                )
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
        before = text[max(0, found.start - 40) : found.start]
        if not re.search(r"\b(?:on|this|last)\s+(?:\w+day)?\s*[,(]?\s*$", before, re.I):
            continue
        weekday = re.search(
            r"(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b\s*[,(]?\s*$",
            before,
        )
        if weekday:
            if WEEKDAYS.index(weekday[1].lower()) == found.day.weekday():
                return found.day
            continue
        if published and 0 <= (published - found.day).days <= 7:
            return found.day
    return None


# ---------------------------------------------------------------- the capture's event date and place


def read(
    lines: list[Line],
    header_end: int,
    front: dict,
    url: str | None,
    x: Extraction,
    named: tuple[str, ...],
) -> None:
    """Sets the event date, place and time on `x`, each with where it was read; what was seen and
    not used goes to `x.not_used`, with why."""
    header = [ln for ln in lines[:header_end] if ln.kind in ("header", "chrome")]
    people = frozenset(places.plain(w) for n in named for w in n.split())
    lead = " ".join(ln.text for ln in lines[header_end:] if ln.kind == "text")[:1500]
    own_site = official(url)
    # ---- event date, most direct first
    if front.get("date"):
        try:
            x.date = date.fromisoformat(str(front["date"])[:10])
            x.date_source = "the capture's front matter"
        except ValueError:
            pass
    if x.date is None:
        # an official site's datelines; elsewhere a caption stating the event and its date comes
        # before a bare date line, which may be the day the page was posted
        datelines = [ln for ln in header if ln.kind == "header" and ln.reason == "dateline"]
        captions = [
            ln
            for ln in header
            if ln.kind == "header" and ln.reason == "byline or caption with a date"
        ]
        # a date line above the title may be a today's-date widget: one below it comes first
        title_at = next((ln.number for ln in header if ln.reason == "title"), 0)
        below = [ln for ln in datelines if ln.number > title_at]
        above = [ln for ln in datelines if ln.number <= title_at]
        order = (below + captions + above) if own_site else (captions + datelines)
        for ln in order:
            found = _checked_dates(ln, x)
            if found:
                x.date, x.date_source = (
                    found,
                    f"{'dateline' if ln.reason == 'dateline' else 'caption'}, line {ln.number}",
                )
                break
    for ln in header:
        if ln.reason in (
            "date above the title",
            "publication line",
            "date stamp of the copy",
        ) and dates_in(ln.text):
            if (
                x.date is None
                and ln.reason == "date stamp of the copy"
                and x.kind == "news article"
            ):
                continue  # decided below, with the article's lead
            x.not_used.append(
                f"date on line {ln.number} ('{ln.text.strip()[:60]}'): "
                + (
                    "above the title, on a page that is not the publisher's own: a posting date "
                    "or a widget"
                    if ln.reason == "date above the title"
                    else "when the page was posted or copied, not when the words were said"
                )
            )
    if x.date is None:
        for ln in lines:  # nato.int's date widget: "• 21 Jan. 2015 -"; never its "Last updated"
            if re.match(r"^\s*•\s*\d{1,2}\s+\w+\.?\s+\d{4}\s*-?\s*$", ln.text):
                x.date, x.date_source = dates_in(ln.text)[0].day, f"date line {ln.number}"
                ln.kind, ln.reason = "header", "date"
                break
    if x.date is None and x.title:
        in_title = dates_in(x.title)
        if in_title:
            x.date, x.date_source = in_title[0].day, "the title"
    if x.kind == "news article":
        _article_date(lines, header, lead, x)
    if x.date is None:
        found = date_from_url(url)
        if found:
            x.date, x.date_source = found, "the source URL"
            x.inferred.append(
                f"date {found} from the source URL (an official address that carries the date)"
            )
    # ---- place
    venue = [ln.text.strip() for ln in header if ln.reason == "venue"]
    if venue:
        x.location, x.location_source = ", ".join(dict.fromkeys(venue)), "venue lines of the header"
        city = location_in_title(x.title, people) if x.title else None
        if (
            city
            and not any(places.known_place(p.strip()) for v in venue for p in v.split(","))
            and places.known_place(city.split(",")[0])
        ):  # "Oval Office" and the title's "…, Washington"
            x.location, x.location_source = (
                f"{x.location}, {city}",
                "venue lines of the header and the title",
            )
    if x.location is None:
        for ln in (
            header
        ):  # "NATO HEADQUARTERS Brussels, Belgium March 4, 2022"; "... in Brussels, April 5, 2023."
            if ln.reason not in (
                "dateline",
                "byline or caption with a date",
                "caption or standfirst (not speech)",
            ):
                continue
            rest = ln.text
            for f in reversed(dates_in(rest)):
                # the date goes with its "on", which is not the "on" of a topic
                rest = re.sub(r"(?i)\bon\s*$", "", rest[: f.start]) + rest[f.end :]
            rest = re.sub(r"\s+", " ", rest).strip(" ,.-–•|")
            spot = location_in_line(rest, people)
            if (
                spot
                and ln.reason != "dateline"
                and re.search(
                    r"(?i)\b(?:about|on|regarding|over|concerning|situation|war|crisis|conflict|troops|forces)\b[^.]{0,30}$",
                    rest[: rest.find(spot)],
                )
            ):
                spot = None  # "interviewed about the situation in Afghanistan": the topic, not the place
            if not spot and ln.reason == "dateline" and places.is_venue_line(rest, people):
                spot = rest
            if spot:
                x.location, x.location_source = spot.strip(" ,"), f"{ln.reason}, line {ln.number}"
                break
    if x.location is None and x.title:
        spot = location_in_title(x.title, people)
        if spot:
            x.location, x.location_source = spot, "the title"
    if x.location is None and x.kind == "news article":
        # a news agency's dateline: "BRUSSELS, March 4 (Reuters) - ...", "BRUSSELS — U.S. Secretary …"
        first = next((ln.text for ln in lines[header_end:] if ln.kind == "text"), "")
        m = re.match(
            r"^\s*(?P<place>[A-Z][A-Z .'’-]{2,30}?)(?:,\s*[A-Z][a-zA-Z.]+)?(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}"
            r"(?:,\s*\d{4})?\s*\((?:[A-Za-z .]{2,20})\))?\s*[-–—]\s",
            first,
        )
        if m and places.known_place(m["place"].strip().title()):
            x.location = m["place"].strip().title()
            x.location_source = "the article's dateline"
    if x.location is None:
        call = re.search(
            r"(?i)\b(?:teleconference|telephonic|conference call|phone call|by phone|virtual|"
            r"via video|videoconference)\b",
            " ".join([x.title or ""] + [ln.text for ln in header]),
        )
        speech = [ln for ln in lines[header_end:] if ln.kind in ("text", "label")][:12]
        text = " ".join((ln.label.rest if ln.label else ln.text) for ln in speech)
        spot = places.stated_place(text, news=x.kind == "news article", people=people)
        if spot and call:
            x.not_used.append(
                f"place '{spot}' in the opening words: the event was a {call.group(0).lower()}, "
                "so 'here' is where a speaker sat, not where the event was"
            )
        elif spot:
            x.location, x.location_source = (
                spot,
                "stated in the opening " + ("paragraphs" if x.kind == "news article" else "speech"),
            )
    times = [ln.text.strip() for ln in lines if ln.kind == "time"]
    if times:
        x.time = times[0] if len(times) == 1 else f"{times[0]} – {times[-1]}"


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _checked_dates(ln: Line, x: Extraction) -> date | None:
    """The line's date, unless a weekday printed with it disagrees."""
    found = dates_in(ln.text)
    if not found:
        return None
    day = found[0].day
    weekday = re.search(r"(?i)\b(" + "|".join(WEEKDAYS) + r")\b", ln.text)
    if weekday and WEEKDAYS.index(weekday[1].lower()) != day.weekday():
        x.not_used.append(
            f"date on line {ln.number} ('{ln.text.strip()[:60]}'): {weekday[1]} is not the weekday of "
            f"{day.isoformat()} (a {WEEKDAYS[day.weekday()].capitalize()})"
        )
        return None
    return day


def _article_date(lines: list[Line], header: list[Line], lead: str, x: Extraction) -> None:
    """An article's date line or stamp is when it was published; it is the event's date only when
    the lead says the event happened that day ('today', or the weekday of that date)."""
    published = (
        x.date if x.date_source and x.date_source.startswith(("dateline", "caption")) else None
    )
    if published is None:
        stamp = next((ln for ln in header if ln.reason == "date stamp of the copy"), None)
        if stamp is not None and x.date is None:
            published = dates_in(stamp.text)[0].day
            x.date_source = f"the date stamp on line {stamp.number}"
    if published is None:
        if x.date is None:
            found = event_date_in_lead(lead)
            if found:
                x.date, x.date_source = found, "the article's opening paragraphs"
        return
    explicit = event_date_in_lead(lead, published)
    weekday = re.search(r"(?i)\b(" + "|".join(WEEKDAYS) + r")\b", lead[:400])
    if explicit and explicit != published:
        x.date, x.date_source = explicit, "the article's opening paragraphs"
        x.not_used.append(f"publication date {published} (not the event's date)")
    elif (
        re.search(r"(?i)\b(?:today|this (?:morning|afternoon|evening)|tonight)\b", lead[:600])
        and not explicit
    ):
        x.date = published
    elif weekday and WEEKDAYS.index(weekday[1].lower()) == published.weekday():
        x.date = published
        x.date_source = f"{x.date_source}; the lead says {weekday[1]}, which that date was"
    else:
        x.not_used.append(
            f"publication date {published}: the article does not say the event was that day"
        )
        x.date, x.date_source = None, None
