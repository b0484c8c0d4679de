"""Records -> Markdown pages. Pure: every function returns (path, text); `convert` writes.

Every string that comes from the data goes through `markup` on its way into a page.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from . import crossref, export, feeds, yamlio
from .crossref import word_diff
from .incremental import Output
from .links import Appearance, Links, Listing
from .markup import attr, json_for_script, md_link, md_text, url_link
from .records import (
    UNIDENTIFIED,
    Archive,
    Correction,
    Event,
    Speaker,
    Transcript,
    is_stage_direction,
    year_of,
)
from .settings import MAX_ISSUE_URL, Settings

LATEST = 20  # documents on the home page and at the top of the transcript index
SPEAKER_LATEST = 50  # appearances and questions listed on a speaker page


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/
    text: str


def transcript_path(tid: str) -> str:
    return f"transcripts/{tid}.md"


def speaker_path(sid: str) -> str:
    return f"speakers/{sid}.md"


def event_path(eid: str) -> str:
    return f"events/{eid}.md"


# The list pages, named once here: `{year}` is a year's number, or "undated".
HOME = "index.md"
TRANSCRIPT_INDEX = "transcripts/index.md"
YEAR_PAGE = "transcripts/year-{year}.md"
SPEAKER_INDEX = "speakers/index.md"
EVENT_INDEX = "events/index.md"
LIST_PAGES = (HOME, TRANSCRIPT_INDEX, YEAR_PAGE, SPEAKER_INDEX, EVENT_INDEX)


def year_path(year: str) -> str:
    return YEAR_PAGE.format(year=year)


def generated_clash(kind: str, rid: str) -> str | None:
    """The file the site makes of its own (a list page, the archive's feed, the data index) that
    a transcript, speaker or event with id `rid` would overwrite with one of its own files; None
    if there is none. Read from the names above and in export and feeds, so a new page is
    reserved as soon as it is named there: `year-2022` is the list of 2022, `index` a folder's
    list, `all` the archive's feed."""
    own = {
        "transcript": (transcript_path(rid), export.document_path(rid)),
        "speaker": (speaker_path(rid), feeds.speaker_feed_path(rid)),
        "event": (event_path(rid),),
    }[kind]
    return next((path for path in own if _site_names().fullmatch(path)), None)


@functools.cache
def _site_names() -> re.Pattern[str]:
    """Every name above as one pattern, '{year}' standing for any one path segment."""
    names = (*LIST_PAGES, export.INDEX, feeds.ARCHIVE_FEED)
    return re.compile("|".join(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(name)) for name in names))


# What the pages take of docs/: convert removes what it no longer makes, and nothing else.
GENERATED = ("index.md", "transcripts", "speakers", "events")


def rel(from_page: str, to_page: str) -> str:
    """The link from one docs/ page to another (both relative to docs/, no '..' in either).
    Plain string work: an index page makes thousands of these, and posixpath.relpath is slow."""
    here, there = from_page.split("/")[:-1], to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def human_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "not stated"


def date_range(start: date | None, end: date | None) -> str:
    if not start:
        return "dates not stated"
    if not end or end == start:
        return human_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    return f"{human_date(start)} – {human_date(end)}"


def front(title: str, description: str, **extra) -> str:
    # MkDocs themes print meta values unescaped into HTML: escape them here, once
    meta = {"title": attr(title), "description": attr(description[:300])}
    meta.update({k: v for k, v in extra.items() if v is not None})
    return "---\n" + yamlio.dump(meta) + "---\n\n"


# ---------------------------------------------------------------- transcript


@dataclass(frozen=True)
class QuotedIn:
    """On a transcript's turn: a news quote found in it."""

    turn: str
    article: Listing
    quote: str  # the quote's id
    attributed_to: (
        str | None
    )  # the article's speaker, when the transcript gives the words to someone else


@dataclass(frozen=True)
class FoundIn:
    """On a news article: the turn of a transcript that holds a quote's words."""

    quote: str
    transcript: Listing
    turn: str
    speaker: str  # whom the transcript gives the words to
    misattributed: bool


@dataclass(frozen=True)
class TranscriptContext:
    """Everything around a document that its page shows: its arguments are its dependencies."""

    speakers: tuple[Speaker, ...]  # everyone the page names
    event: Event | None
    parent: Event | None
    related: tuple[Listing, ...]  # the newest other documents of the event family
    related_total: int
    quoted_in: tuple[QuotedIn, ...] = ()
    found: tuple[FoundIn, ...] = ()


def transcript_context(t: Transcript, archive: Archive, links: Links) -> TranscriptContext:
    named = set(t.speaker_ids())
    quoted_in = []
    for turn in t.turns:
        for m in links.quoted_in.get((t.id, turn.id), []):
            said_by = archive.speakers[m.quote.speaker].name if m.misattributed else None
            quoted_in.append(QuotedIn(turn.id, links.listings[m.article], m.quote.id, said_by))
    found = []
    for m in links.quote_matches.get(t.id, []):
        if m.transcript and m.turn:
            speaker = next(x.speaker for x in links.documents[m.transcript].turns if x.id == m.turn)
            named.add(speaker)
            found.append(
                FoundIn(
                    m.quote.id,
                    links.listings[m.transcript],
                    m.turn,
                    archive.speakers[speaker].name,
                    m.misattributed,
                )
            )
    event = archive.events.get(t.event or "")
    parent = archive.events.get(event.parent or "") if event else None
    related, total = links.related(t)
    return TranscriptContext(
        tuple(archive.speakers[s] for s in sorted(named)),
        event,
        parent,
        related,
        total,
        tuple(quoted_in),
        tuple(found),
    )


def transcript_page(t: Transcript, ctx: TranscriptContext, settings: Settings) -> Page:
    path = transcript_path(t.id)
    speakers = {s.id: s for s in ctx.speakers}
    out: list[str] = []
    roles = []
    for sid in t.speaker_ids():
        s = speakers[sid]
        detail = s.role_text(t.date) or s.outlet or ""
        roles.append(
            md_link(s.name, rel(path, speaker_path(sid)))
            + (f" ({md_text(detail)})" if detail else "")
        )
    mark = ' <span class="or-inferred" title="editorial inference: see the notes below">editorial</span>'

    def corrected(name: str) -> str:
        return "".join(
            f' <a class="or-corrected" href="#correction-{n}">corrected</a>'
            for n, c in enumerate(t.corrections, 1)
            if name in c.fields
        )

    facts = [
        (
            "Date",
            human_date(t.date) + (mark if t.editorial_note("date") else "") + corrected("date"),
        ),
        ("Time", md_text(t.time) + corrected("time") if t.time else None),
        (
            "Place",
            (md_text(t.location) if t.location else "not stated")
            + (mark if t.editorial_note("location") else "")
            + corrected("location"),
        ),
    ]
    if ctx.event:
        event = ctx.event
        chain = [md_link(event.name, rel(path, event_path(event.id)))]
        parent = ctx.parent
        if parent:
            chain.append("part of " + md_link(parent.name, rel(path, event_path(parent.id))))
        facts.append(("Event", ", ".join(chain) + corrected("event")))
    facts.append(("Speakers" if not t.is_article else "Quoted", "; ".join(roles) or "none"))
    source = (
        [url_link(urlparse(t.source_url).netloc or t.source_url, t.source_url)]
        if t.source_url
        else ["address not known"]
    )
    source.append(md_text(t.source_kind))
    source.append(url_link("raw capture", settings.file_url(t.raw)))
    facts.append(("Source", " · ".join(source) + corrected("source_url")))
    out.append(f"# {md_text(t.title)}\n")
    out.append('<div class="or-facts" markdown>\n')
    out.extend(f"- **{k}:** {v}" for k, v in facts if v)
    out.append("\n</div>\n")
    if t.truncated:
        out.append(
            '!!! warning "Incomplete capture"\n    This capture stops before the end of the document: '
            "the text below is not the whole of what was said.\n"
        )
    if t.notes:
        out.append(
            '!!! info "About this text"\n' + "\n".join(f"    {md_text(n)}\n" for n in t.notes)
        )
    if t.editorial:
        out.append(
            '!!! note "Editorial notes"\n    What the capture itself does not state, and how we know it:\n'
        )
        out.extend(f"    - **{md_text(key)}:** {md_text(note)}" for key, note in t.editorial)
        out.append("")
    if settings.repo_url:
        report = report_url(t, None, None, None, settings)
        out.append(
            f"[Suggest a correction]({settings.edit_url(t.path)}){{ .md-button }} "
            + (f"[Report a problem]({report}){{ .md-button rel=nofollow }} " if report else "")
            + f"[History of this transcript]({settings.history_url(t.path)}){{ .md-button }}\n"
        )
    out.append(_cite_block(t, speakers, ctx.event, settings))
    if not t.is_article:
        out.append(_report_fields(t, settings))
    if t.is_article:
        out.extend(_article(t, path, speakers, ctx.found, settings))
    else:
        out.extend(_turns(t, path, speakers, ctx.quoted_in, settings))
    if ctx.related:
        # a summit can hold hundreds of documents: the page lists a few, the event page all
        out.append("## Other documents of this event\n")
        out.extend(
            f"- {md_link(o.title, rel(path, transcript_path(o.id)))} · {human_date(o.date)} · "
            f"{md_text(o.source_kind)}"
            for o in ctx.related
        )
        if ctx.related_total > len(ctx.related) and ctx.event:
            out.append(
                f"- … and {ctx.related_total - len(ctx.related)} more on the page of "
                f"{md_link(ctx.event.name, rel(path, event_path(ctx.event.id)))}"
            )
        out.append("")
    out.append("## Corrections\n")
    if t.corrections:
        said = {x.id: x.speaker for x in t.turns} | {q.id: q.speaker for q in t.quotes}
        for n, c in enumerate(t.corrections, 1):
            out.extend(_correction(n, c, speakers, said))
    else:
        out.append("No correction since the transcript was published.")
    if settings.repo_url:
        out.append(
            f"\nEvery change to the cleaned file is in its {url_link('history', settings.history_url(t.path))}."
        )
    out.append("")
    description = f"{', '.join(speakers[s].name for s in t.speaker_ids()[:4])} · {human_date(t.date) if t.date else 'date not stated'}"
    return Page(
        path,
        front(
            t.title,
            description,
            source_file=t.path,
            jsonld=json_for_script(_jsonld(t, speakers, ctx.event, settings)),
        )
        + "\n".join(out).rstrip()
        + "\n",
    )


def _jsonld(
    t: Transcript, speakers: dict[str, Speaker], event: Event | None, settings: Settings
) -> dict[str, object]:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if t.is_article else "CreativeWork",
        "name": t.title,
        "headline": t.title[:110],
        "genre": "transcript" if not t.is_article else "news",
        "inLanguage": "en",
        "isAccessibleForFree": True,
        "author": [
            {"@type": "Person", "name": speakers[s].name}
            for s in t.speaker_ids()
            if speakers[s].kind == "person"
        ],
    }
    if t.date:
        data["dateCreated"] = t.date.isoformat()
    if t.location:
        data["contentLocation"] = {"@type": "Place", "name": t.location}
    if t.source_url:
        data["isBasedOn"] = t.source_url
    if settings.pages_url:
        data["url"] = f"{settings.pages_url}transcripts/{t.id}/"
    if event:
        data["about"] = {
            "@type": "Event",
            "name": event.name,
            **({"startDate": event.start.isoformat()} if event.start else {}),
            **({"location": event.location} if event.location else {}),
        }
    return data


def citation(
    t: Transcript, speakers: dict[str, Speaker], event: Event | None, settings: Settings
) -> tuple[str, str]:
    """(plain text, BibTeX) for a document; the reader's browser fills in the day it is retrieved."""
    names = [speakers[s].name for s in t.speaker_ids() if speakers[s].kind == "person"]
    url = (
        f"{settings.pages_url}transcripts/{t.id}/" if settings.pages_url else f"transcripts/{t.id}/"
    )
    parts = [", ".join(names), f"“{t.title}”"]
    if event:
        parts.append(event.name)
    parts.append(human_date(t.date) if t.date else "undated")
    plain = ". ".join(p for p in parts if p) + "."
    if t.source_url:
        plain += f" Source: {t.source_url}."
    plain += f" On the Record, {url} (retrieved RETRIEVED)."
    key = (
        re.sub(r"[^a-z0-9]", "", (names[0].split()[-1] if names else "onrecord").lower())
        + (str(t.date.year) if t.date else "")
        + re.sub(r"[^a-z0-9]", "", t.id.split("-")[-1])
    )

    def bib(value: str) -> str:
        return re.sub(r"([{}\\%#&$_^~])", r"\\\1", value)

    fields = [
        ("author", " and ".join(bib(n) for n in names) or "{On the Record}"),
        ("title", bib(t.title)),
        ("year", str(t.date.year) if t.date else ""),
        ("date", t.date.isoformat() if t.date else ""),
        ("howpublished", bib(t.source_kind)),
        ("organization", bib(event.name) if event else ""),
        ("url", url),
        ("note", bib(f"Source: {t.source_url}") if t.source_url else ""),
        ("urldate", "RETRIEVED"),
    ]
    bibtex = "@misc{" + key + ",\n" + ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v) + "\n}"
    return plain, bibtex


def _cite_block(
    t: Transcript, speakers: dict[str, Speaker], event: Event | None, settings: Settings
) -> str:
    plain, bibtex = citation(t, speakers, event, settings)
    data = html.escape(json_for_script({"plain": plain, "bibtex": bibtex}), quote=True)
    return (
        f'<details class="or-cite" id="or-cite" data-cite="{data}">\n<summary>Cite this document</summary>\n'
        f"<p>Plain text:</p>\n<pre><code>{html.escape(plain)}</code></pre>\n"
        f"<p>BibTeX:</p>\n<pre><code>{html.escape(bibtex)}</code></pre>\n"
        f"<p>RETRIEVED stands for the day you read it. Each turn's link icon gives its permanent address; "
        f"its “Cite” button gives a citation of that turn.</p>\n</details>\n"
    )


# ---------------------------------------------------------------- corrections and reports

REPORT_FORM = "correction.yml"  # of .github/ISSUE_TEMPLATE/: its field ids are filled in below
# a correction's `fields:` as a reader names them (the cleaned file says location, the page place)
FIELD_NAMES = {"source_url": "source address", "location": "place"}


def _clip(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"


def report_url(
    t: Transcript, anchor: str | None, who: str | None, text: str | None, settings: Settings
) -> str:
    """ "Report a problem": GitHub's correction form with the document, the permanent address
    of the passage (`anchor`, or the page), its speaker and its words filled in (long words cut,
    the address always whole). "" when the site has no address of its own to give."""
    if not settings.pages_url:
        return ""
    page = f"{settings.pages_url}transcripts/{t.id}/"
    fields = [
        ("title", f"{_report_title(t)}, {anchor}" if anchor else _report_title(t)),
        ("document", t.path),
        ("permalink", f"{page}#{anchor}" if anchor else page),
    ]
    fields += [("speaker", who)] if who else []
    fields += [("text", text)] if text is not None else []
    return settings.issue_url(REPORT_FORM, fields, shorten="text")


def _report_title(t: Transcript) -> str:
    return f"Correction: {_clip(t.title, 80)}"


def _report_fields(t: Transcript, settings: Settings) -> str:
    """What cite.js needs to give every turn its "Report a problem" beside "Cite": the form's
    address and what the turns share, once per page; the turn's anchor, speaker and words it
    reads from the turn itself (written into each turn's link, they would weigh a second copy of
    the transcript on every page). Without JavaScript, the page's own report link remains."""
    form = report_url(t, None, None, None, settings)
    if not form:
        return ""
    base = settings.issue_url(REPORT_FORM, ())
    return (
        f'<div id="or-report" hidden data-form="{attr(base)}" '
        f'data-title="{attr(_report_title(t))}" data-document="{attr(t.path)}" '
        f'data-page="{attr(settings.pages_url)}transcripts/{t.id}/" '
        f'data-max="{MAX_ISSUE_URL}"></div>\n'
    )


def _tools(t: Transcript, anchor: str, who: str, text: str | None, settings: Settings) -> str:
    """The line under a turn's or quote's heading: a mark for each correction that changed it,
    linking to its entry in the log, and for a quote (`text`) "Report a problem". cite.js adds
    "Cite" to it, and a turn's "Report a problem" (see _report_fields)."""
    parts = [
        f'<a class="or-corrected" href="#correction-{n}">Corrected {human_date(c.date)}</a>'
        for n, c in enumerate(t.corrections, 1)
        if anchor in c.turns
    ]
    url = report_url(t, anchor, who, text, settings) if text is not None else ""
    if url:
        parts.append(
            f'<a class="or-report" href="{html.escape(url)}" rel="nofollow" '
            f'aria-label="Report a problem with {attr(who)}, {anchor}">Report a problem</a>'
        )
    return f'<p class="or-turn-tools">{" ".join(parts)}</p>\n' if parts else ""


_URL = re.compile(r"https?://[^\s<>\"'()]+[^\s<>\"'().,;:!?]")


def _linked(text: str) -> str:
    """Text with the web addresses in it as links (a correction's source names its address)."""
    out, at = [], 0

    def plain(part: str) -> str:
        spaced = md_text(part)
        return (" " if part[:1].isspace() else "") + spaced + (" " if part[-1:].isspace() else "")

    for m in _URL.finditer(text):
        out += [plain(text[at : m.start()]), url_link(m.group(), m.group())]
        at = m.end()
    out.append(plain(text[at:]))
    return "".join(p for p in out if p).strip()


def _correction(
    n: int, c: Correction, speakers: dict[str, Speaker], turn_speakers: dict[str, str]
) -> list[str]:
    """Entry n of the corrections log, at #correction-n: what changed, where it can be checked."""
    turns = [
        f"[{tid}](#{tid}) ({md_text(speakers[turn_speakers[tid]].name)})"
        if tid in turn_speakers
        else md_text(tid)
        for tid in c.turns
    ]
    details = [
        ("Turns", ", ".join(turns)),
        ("Facts", ", ".join(md_text(FIELD_NAMES.get(f, f)) for f in c.fields)),
        ("Words taken out", f"“{md_text(c.removed)}”" if c.removed else ""),
        ("Source", _linked(c.source) if c.source else ""),
        ("Pull request", url_link(c.link, c.link) if c.link else ""),
    ]
    out = [f"### Correction {n}, {human_date(c.date)} {{ #correction-{n} }}\n", md_text(c.summary)]
    listed = [f"- **{k}:** {v}" for k, v in details if v]
    if listed:
        out += ["", *listed]
    return [*out, ""]


def _turns(
    t: Transcript,
    path: str,
    speakers: dict[str, Speaker],
    quoted_in: tuple[QuotedIn, ...],
    settings: Settings,
) -> list[str]:
    out = ["## Transcript\n"]
    for turn in t.turns:
        s = speakers[turn.speaker]
        who = md_link(s.name, rel(path, speaker_path(s.id)))
        if s.outlet and s.kind == "person" and s.outlet not in s.name:
            who += f" ({md_text(s.outlet)})"
        out.append(f"### {who} {{ #{turn.id} }}\n")
        tools = _tools(t, turn.id, s.name, None, settings)
        if tools:
            out.append(tools)
        label = (
            f'<span class="or-label">{md_text(turn.label)}</span> '
            if turn.label
            else '<span class="or-label or-inferred">no label in the capture</span> '
        )
        for i, para in enumerate(turn.paragraphs):
            text = md_text(para)
            if is_stage_direction(para):
                text = f'<span class="or-stage">{text}</span>'
            out.append((label if i == 0 else "") + text + "\n")
        quoted: dict[str, list[QuotedIn]] = {}
        for m in quoted_in:
            if m.turn == turn.id:
                quoted.setdefault(m.article.id, []).append(m)
        for article_id, ms in quoted.items():
            page = rel(path, transcript_path(article_id))
            refs = ", ".join(
                md_link(m.quote, f"{page}#{m.quote}")
                + (f" (attributed there to {md_text(m.attributed_to)})" if m.attributed_to else "")
                for m in ms
            )
            out.append(
                f'<span class="or-quoted">Quoted in</span> {md_link(ms[0].article.title, page)}: {refs}\n'
            )
    return out


def _article(
    t: Transcript,
    path: str,
    speakers: dict[str, Speaker],
    found_in: tuple[FoundIn, ...],
    settings: Settings,
) -> list[str]:
    out = []
    matches = {m.quote: m for m in found_in}
    if t.quotes:
        found = len(matches)
        out.append("## Direct quotes\n")
        out.append(
            f"{found} of {len(t.quotes)} quotes found in a transcript of this event in the archive.\n"
        )
        for q in t.quotes:
            s = speakers[q.speaker]
            out.append(f"### {md_link(s.name, rel(path, speaker_path(s.id)))} {{ #{q.id} }}\n")
            tools = _tools(t, q.id, s.name, q.text, settings)
            if tools:
                out.append(tools)
            out.append(f"> “{md_text(q.text)}”\n")
            m = matches.get(q.id)
            if m:
                who = m.speaker
                target = rel(path, transcript_path(m.transcript.id)) + f"#{m.turn}"
                line = (
                    f'<span class="or-verified">Found in the transcript</span> '
                    f"{md_link(f'{m.transcript.title}, {who}', target)}"
                )
                if m.misattributed:
                    line = (
                        f'<span class="or-misattributed">Attributed to someone else</span> the transcript '
                        f"gives these words to {md_link(who, target)}, not to {md_text(s.name)}"
                    )
                out.append(line + "\n")
            else:
                out.append(
                    '<span class="or-unverified">Unverified</span> no transcript of this event in the '
                    "archive contains these words.\n"
                )
    out.append("## Article text\n")
    out.extend(md_text(p) + "\n" for p in t.paragraphs)
    return out


# ---------------------------------------------------------------- speaker


@dataclass(frozen=True)
class SpeakerContext:
    appearances: tuple[Appearance, ...]  # newest first
    others: tuple[Speaker, ...]  # everyone who appears with them
    co_speakers: tuple[tuple[str, int], ...]  # (speaker id, documents together)


def speaker_context(s: Speaker, archive: Archive, links: Links) -> SpeakerContext:
    co: Counter[str] = links.co_speakers.get(s.id, Counter())
    return SpeakerContext(
        tuple(links.appearances.get(s.id, ())),
        tuple(archive.speakers[x] for x in sorted(co)),
        tuple(sorted(co.items())),
    )


def speaker_page(s: Speaker, ctx: SpeakerContext) -> Page:
    path = speaker_path(s.id)
    apps = ctx.appearances
    others = {o.id: o for o in ctx.others}
    out = [f"# {md_text(s.name)}\n"]
    if s.note:
        out.append(md_text(s.note) + "\n")
    turns = sum(a.turns for a in apps)
    words = sum(a.transcript.counts()[s.id][2] for a in apps)
    quotes = sum(a.quotes for a in apps)
    out.append(
        f"In the archive: {len(apps)} document{'s' if len(apps) != 1 else ''}, {turns} turns, "
        f"{words:,} words spoken"
        + (f", {quotes} quotes in news articles" if quotes else "")
        + "."
        + (f" [Atom feed of new documents](../feeds/{s.id}.xml)." if s.kind == "person" else "")
        + "\n"
    )
    if s.roles:
        out.append("## Roles\n")
        out.append("| Role | Organisation | From | To |\n| --- | --- | --- | --- |")
        for r in s.roles:
            out.append(
                f"| {md_text(r.title)} | {md_text(r.org or '')} | {human_date(r.start) if r.start else ''} | "
                f"{human_date(r.end) if r.end else ''} |"
            )
        out.append("")
    out.append("## Appearances\n")
    if apps:
        years: dict[str, int] = {}
        for a in apps:
            year = year_of(a.day)
            years[year] = years.get(year, 0) + 1
        out.append(
            "By year: "
            + " · ".join(f"{md_link(y, rel(path, year_path(y)))} ({n})" for y, n in years.items())
            + "\n"
        )
        if len(apps) > SPEAKER_LATEST:  # a page's size must not grow with the archive
            out.append(f"The latest {SPEAKER_LATEST} of {len(apps)} documents:\n")
        out.append(
            "| Date | Document | Event | Turns | Quotes |\n| --- | --- | --- | ---: | ---: |"
        )
        for a in apps[:SPEAKER_LATEST]:
            t, event = a.transcript, a.event
            out.append(
                f"| {human_date(a.day if t.date or event else None)} | "
                f"{md_link(t.title, rel(path, transcript_path(t.id)))} | "
                f"{md_link(event.name, rel(path, event_path(event.id))) if event else ''} | "
                f"{a.turns} | {a.quotes} |"
            )
        out.append("")
    else:
        out.append("No transcript in the archive yet.\n")
    asked, latest = _questions_asked(s, apps, others, path)
    if asked:
        out.append("## Questions put to them\n")
        if asked > SPEAKER_LATEST:
            out.append(f"The latest {SPEAKER_LATEST} of {asked} questions:\n")
        out.extend(latest)
        out.append("")
    co = ctx.co_speakers
    if co:
        out.append("## Appeared with\n")
        for other, count in sorted(co, key=lambda kv: (-kv[1], others[kv[0]].name)):
            out.append(
                f"- {md_link(others[other].name, rel(path, speaker_path(other)))} "
                f"({count} document{'s' if count != 1 else ''})"
            )
        out.append("")
    role = s.roles[-1].describe() if s.roles else (s.outlet or "")
    return Page(
        path,
        front(
            s.name,
            role or "Speaker in the archive",
            feed=f"feeds/{s.id}.xml" if s.kind == "person" else None,
        )
        + "\n".join(out).rstrip()
        + "\n",
    )


def _questions_asked(
    s: Speaker, apps: tuple[Appearance, ...], others: dict[str, Speaker], path: str
) -> tuple[int, list[str]]:
    """A journalist's turn followed by this speaker's answer: who asked, for which outlet, what.
    All are counted; the latest SPEAKER_LATEST are written out."""
    count, out = 0, list[str]()
    for a in apps:
        turns = a.transcript.turns
        for before, answer in itertools.pairwise(turns):
            if answer.speaker != s.id or before.speaker == s.id:
                continue
            asker = others[before.speaker]
            if not (asker.id == UNIDENTIFIED or asker.outlet):
                continue  # a moderator or another official is not putting a question
            count += 1
            if len(out) == SPEAKER_LATEST:
                continue
            words = before.speech.split()
            excerpt = " ".join(words[:30]) + (" …" if len(words) > 30 else "")
            who = asker.name + (f" ({asker.outlet})" if asker.outlet else "")
            target = rel(path, transcript_path(a.transcript.id))
            out.append(
                f"- {md_text(who)}, {md_link(human_date(a.transcript.date), f'{target}#{before.id}')}: "
                f"“{md_text(excerpt)}” — {md_link('answer', f'{target}#{answer.id}')}"
            )
    return count, out


# ---------------------------------------------------------------- event


@dataclass(frozen=True)
class EventContext:
    parent: Event | None
    children: tuple[Event, ...]
    documents: tuple[Listing, ...]  # newest first
    versions: tuple[tuple[Transcript, Transcript, tuple[crossref.Row, ...]], ...] = ()
    speakers: tuple[Speaker, ...] = ()  # who speaks in the versions compared


def event_context(e: Event, archive: Archive, links: Links) -> EventContext:
    versions = tuple((a, b, tuple(rows)) for a, b, rows in links.versions.get(e.id, []))
    named = sorted({sid for a, b, _ in versions for sid in (*a.speaker_ids(), *b.speaker_ids())})
    return EventContext(
        archive.events.get(e.parent or ""),
        tuple(links.children.get(e.id, ())),
        tuple(links.listings[t.id] for t in links.by_event.get(e.id, ())),
        versions,
        tuple(archive.speakers[x] for x in named),
    )


def event_page(e: Event, ctx: EventContext) -> Page:
    path = event_path(e.id)
    out = [
        f"# {md_text(e.name)}\n",
        '<div class="or-facts" markdown>\n',
        f"- **Dates:** {date_range(e.start, e.end)}",
        f"- **Place:** {md_text(e.location) if e.location else 'not stated'}",
    ]
    parent = ctx.parent
    if parent:
        out.append(f"- **Part of:** {md_link(parent.name, rel(path, event_path(parent.id)))}")
    out.append("\n</div>\n")
    if e.description:
        out.append(md_text(e.description) + "\n")
    children = ctx.children
    if children:
        out.append("## Events within\n")
        out.extend(
            f"- {md_link(c.name, rel(path, event_path(c.id)))} · {date_range(c.start, c.end)}"
            for c in children
        )
        out.append("")
    docs = ctx.documents
    for heading, items in (
        ("Transcripts", [t for t in docs if t.source_kind != "news article"]),
        ("News articles", [t for t in docs if t.source_kind == "news article"]),
    ):
        if items:
            out.append(f"## {heading}\n")
            for t in items:
                out.append(
                    f"- {md_link(t.title, rel(path, transcript_path(t.id)))} · {human_date(t.date)} · "
                    f"{md_text(t.source_kind)} · {md_text(', '.join(t.names))}"
                )
            out.append("")
    speakers = {x.id: x for x in ctx.speakers}
    for a, b, rows in ctx.versions:
        out.extend(_versions(path, a, b, rows, speakers))
    if not docs and not children:
        out.append("No document of this event in the archive yet.\n")
    return Page(
        path,
        front(e.name, f"{date_range(e.start, e.end)} · {e.location or ''}")
        + "\n".join(out).rstrip()
        + "\n",
    )


def _versions(
    path: str, a: Transcript, b: Transcript, rows, speakers: dict[str, Speaker]
) -> list[str]:
    def site(t: Transcript) -> str:
        return t.origin

    def ref(t: Transcript, turn) -> str:
        return md_link(turn.id, rel(path, transcript_path(t.id)) + f"#{turn.id}")

    both = [r for r in rows if r.left and r.right]
    only_a = [r for r in rows if r.left and not r.right]
    only_b = [r for r in rows if r.right and not r.left]
    out = [
        "## Versions compared\n",
        f"{md_link(a.title, rel(path, transcript_path(a.id)))} ({md_text(site(a))}) and "
        f"{md_link(b.title, rel(path, transcript_path(b.id)))} ({md_text(site(b))}): "
        f"{len(both)} passages in both, {len(only_a)} only in the first ({md_text(site(a))}), "
        f"{len(only_b)} only in the second ({md_text(site(b))}).\n",
    ]
    if a.truncated or b.truncated:
        out.append(
            "One of the captures is incomplete: a passage missing from it may only be missing from the capture.\n"
        )
    for r in rows:
        speaker = speakers[(r.left or r.right).speaker].name
        if r.left and r.right:
            same = " ".join(r.left.speech.split()) == " ".join(r.right.speech.split())
            out.append(
                f"### {md_text(speaker)}: {ref(a, r.left)} and {ref(b, r.right)}"
                f"{' (same words)' if same else ''} {{ .or-compare-heading }}\n"
            )
            if not same:
                out.append(_diff_html(r.left.speech, r.right.speech, site(a), site(b)))
        else:
            t, turn, where = (a, r.left, site(a)) if r.left else (b, r.right, site(b))
            words = turn.speech.split()
            excerpt = " ".join(words[:40]) + (" …" if len(words) > 40 else "")
            out.append(
                f"### Only in {md_text(where)}: {md_text(speaker)}, {ref(t, turn)} {{ .or-compare-heading }}\n"
            )
            out.append(f"> {md_text(excerpt)}\n")
    return out


def _diff_html(left: str, right: str, left_name: str, right_name: str) -> str:
    """Word-level differences side by side, as one raw HTML block (all text escaped)."""
    sides: dict[str, list[str]] = {"left": [], "right": []}
    for op, words in word_diff(left, right):
        text = html.escape(words)
        if op == "same":
            sides["left"].append(text)
            sides["right"].append(text)
        elif op == "left":
            sides["left"].append(f"<del>{text}</del>")
        else:
            sides["right"].append(f"<ins>{text}</ins>")
    return (
        f'<div class="or-diff"><div class="or-diff-side"><p class="or-diff-name">{html.escape(left_name)}</p>'
        f'<p>{" ".join(sides["left"])}</p></div><div class="or-diff-side"><p class="or-diff-name">'
        f"{html.escape(right_name)}</p><p>{' '.join(sides['right'])}</p></div></div>\n"
    )


# ---------------------------------------------------------------- index pages


@dataclass(frozen=True)
class Section:
    heading: str | None
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # cells already in Markdown
    intro: str | None = None


def index_page(path: str, title: str, intro: str, sections: list[Section]) -> Page:
    """The one writer of every list page: home, transcripts, years, speakers, events."""
    out = [f"# {md_text(title)}\n", intro + "\n"]
    for section in sections:
        if section.heading:
            out.append(f"## {md_text(section.heading)}\n")
        if section.intro:
            out.append(section.intro + "\n")
        if not section.rows:
            out.append("Nothing yet.\n")
            continue
        out.append("| " + " | ".join(section.columns) + " |")
        out.append("| " + " | ".join("---" for _ in section.columns) + " |")
        out.extend("| " + " | ".join(row) + " |" for row in section.rows)
        out.append("")
    return Page(path, front(title, intro) + "\n".join(out).rstrip() + "\n")


def _document_rows(path: str, documents: Iterable[Listing]) -> tuple[tuple[str, ...], ...]:
    rows = []
    for t in documents:
        rows.append(
            (
                human_date(t.day) if (t.date or t.event) else "undated",
                md_link(t.title, rel(path, transcript_path(t.id))),
                md_text(", ".join(t.people)),
                md_link(t.event_name, rel(path, event_path(t.event)))
                if t.event and t.event_name
                else "",
            )
        )
    return tuple(rows)


DOC_COLUMNS = ("Date", "Document", "Speakers", "Event")


@dataclass(frozen=True)
class IndexContext:
    """What the list pages show: every document's listing (no words), speakers and events."""

    documents: tuple[Listing, ...]  # newest first
    speakers: tuple[tuple[Speaker, int, int], ...]  # with documents and turns, in the order listed
    events: tuple[
        tuple[Event, int], ...
    ]  # events that are not part of another, with their documents


def index_context(archive: Archive, links: Links) -> IndexContext:
    speakers = sorted(
        (s for s in archive.speakers.values() if links.appearances.get(s.id)),
        key=lambda s: (s.kind != "person", s.name.split()[-1].casefold(), s.name),
    )
    events = []
    for e in sorted(
        archive.events.values(), key=lambda e: (e.start or date.min, e.id), reverse=True
    ):
        if not e.parent:
            count = len(links.by_event.get(e.id, [])) + sum(
                len(links.by_event.get(c.id, [])) for c in links.children.get(e.id, [])
            )
            events.append((e, count))
    return IndexContext(
        tuple(links.listings[t.id] for t in links.newest),
        tuple(
            (s, len(links.appearances[s.id]), sum(a.turns for a in links.appearances[s.id]))
            for s in speakers
        ),
        tuple(events),
    )


def index_pages(ctx: IndexContext) -> list[Page]:
    ordered = ctx.documents
    by_year: dict[str, list[Listing]] = {}
    for t in ordered:
        by_year.setdefault(year_of(t.day), []).append(t)
    pages = [
        index_page(
            HOME,
            "On the Record",
            "What NATO's Secretary General, the US Secretary of State and the people they meet said, "
            "in their own words: official transcripts and news reports, cleaned, cross-linked and "
            "correctable by anyone. Every turn links to the speaker, every document to its event "
            "and its source.",
            [
                Section(
                    "Latest documents",
                    DOC_COLUMNS,
                    _document_rows(HOME, ordered[:LATEST]),
                    intro="[All transcripts by year](transcripts/index.md) · "
                    "[Speakers](speakers/index.md) · [Events](events/index.md) · "
                    "[About and data](about.md)",
                )
            ],
        )
    ]
    year_rows = tuple(
        (md_link(year, rel(TRANSCRIPT_INDEX, year_path(year))), str(len(items)))
        for year, items in by_year.items()
    )
    pages.append(
        index_page(
            TRANSCRIPT_INDEX,
            "Transcripts",
            f"{len(ordered)} documents, newest first.",
            [
                Section("By year", ("Year", "Documents"), year_rows),
                Section("Latest", DOC_COLUMNS, _document_rows(TRANSCRIPT_INDEX, ordered[:LATEST])),
            ],
        )
    )
    for year, items in by_year.items():
        path = year_path(year)
        pages.append(
            index_page(
                path,
                f"Transcripts, {year}",
                f"{len(items)} documents, newest first.",
                [Section(None, DOC_COLUMNS, _document_rows(path, items))],
            )
        )
    rows = []
    for s, documents, turns in ctx.speakers:
        role = s.roles[-1].describe() if s.roles else (s.outlet or "")
        rows.append(
            (
                md_link(s.name, rel(SPEAKER_INDEX, speaker_path(s.id))),
                md_text(role),
                str(documents),
                str(turns),
            )
        )
    pages.append(
        index_page(
            SPEAKER_INDEX,
            "Speakers",
            "Everyone who speaks or is quoted in the archive.",
            [Section(None, ("Name", "Latest role", "Documents", "Turns"), tuple(rows))],
        )
    )
    rows = []
    for e, count in ctx.events:
        rows.append(
            (
                date_range(e.start, e.end),
                md_link(e.name, rel(EVENT_INDEX, event_path(e.id))),
                md_text(e.location or ""),
                str(count),
            )
        )
    pages.append(
        index_page(
            EVENT_INDEX,
            "Events",
            "Meetings, press conferences and visits, newest first; events within them are listed "
            "on each event's page.",
            [Section(None, ("Dates", "Event", "Place", "Documents"), tuple(rows))],
        )
    )
    return pages


# ---------------------------------------------------------------- outputs


def _files(*pages: Page) -> dict[str, str]:
    return {p.path: p.text for p in pages}


def _transcript(t: Transcript, ctx: TranscriptContext, settings: Settings) -> dict[str, str]:
    return _files(transcript_page(t, ctx, settings))


def _speaker(s: Speaker, ctx: SpeakerContext) -> dict[str, str]:
    return _files(speaker_page(s, ctx))


def _event(e: Event, ctx: EventContext) -> dict[str, str]:
    return _files(event_page(e, ctx))


def _lists(ctx: IndexContext) -> dict[str, str]:
    return _files(*index_pages(ctx))


def outputs(archive: Archive, links: Links, settings: Settings) -> Iterator[Output]:
    """Every page, with the arguments it is made from (what its fingerprint digests)."""
    for t in archive.transcripts:
        yield Output(
            transcript_path(t.id), _transcript, (t, transcript_context(t, archive, links), settings)
        )
    for sid in sorted(archive.speakers):
        if links.appearances.get(sid):
            s = archive.speakers[sid]
            yield Output(speaker_path(sid), _speaker, (s, speaker_context(s, archive, links)))
    for e in sorted(archive.events.values(), key=lambda e: e.id):
        yield Output(event_path(e.id), _event, (e, event_context(e, archive, links)))
    yield Output("index pages", _lists, (index_context(archive, links),))
