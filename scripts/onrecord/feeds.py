"""Atom feeds (RFC 4287): the whole archive, and one per speaker. Dates come from the
documents, never from the clock, so two builds of the same archive give the same feeds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from .incremental import Output
from .links import Links
from .records import Archive, Transcript
from .settings import Settings

LIMIT = 50  # entries per feed: feeds stay small however large the archive grows
FOLDER = "feeds"
ARCHIVE_FEED = f"{FOLDER}/all.xml"  # every document


def speaker_feed_path(sid: str) -> str:
    return f"{FOLDER}/{sid}.xml"


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    day: date
    summary: str


@dataclass(frozen=True)
class Feed:
    path: str  # relative to docs/
    feed_id: str
    title: str
    page_url: str
    entries: tuple[Entry, ...]  # newest first, at most LIMIT, dated


def entry(t: Transcript, links: Links) -> Entry:
    listing = links.listings[t.id]
    first = t.turns[0].speech if t.turns else (t.quotes[0].text if t.quotes else "")
    summary = f"{', '.join(listing.people)}. {t.source_kind}. " + " ".join(first.split()[:60])
    return Entry(t.id, t.title, listing.day, summary)


def latest(ordered: Iterable[Transcript], links: Links) -> tuple[Entry, ...]:
    """The newest LIMIT dated documents of `ordered` (newest first already)."""
    found: list[Entry] = []
    for t in ordered:
        if len(found) == LIMIT:
            break
        if links.listings[t.id].day != date.min:
            found.append(entry(t, links))
    return tuple(found)


def plan(archive: Archive, links: Links, settings: Settings) -> list[Feed]:
    """Every feed and the documents it lists, without writing any."""
    base = settings.pages_url or "https://example.invalid/"
    found = [
        Feed(
            ARCHIVE_FEED,
            f"{base}{ARCHIVE_FEED}",
            f"{settings.site_name}: all documents",
            base,
            latest(links.newest, links),
        )
    ]
    for sid, apps in links.appearances.items():
        s = archive.speakers[sid]
        if s.kind == "person":
            found.append(
                Feed(
                    speaker_feed_path(sid),
                    f"{base}{speaker_feed_path(sid)}",
                    f"{settings.site_name}: {s.name}",
                    f"{base}speakers/{sid}/",
                    latest((a.transcript for a in apps), links),
                )
            )
    return found


def render(feed: Feed, settings: Settings) -> str:
    items = feed.entries
    updated = _stamp(max((e.day for e in items), default=date(2000, 1, 1)))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>{escape(feed.feed_id)}</id>",
        f"  <title>{escape(feed.title)}</title>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(feed.feed_id)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(feed.page_url)}/>',
        f"  <author><name>{escape(settings.site_name)}</name></author>",
    ]
    for e in items:
        url = f"{settings.pages_url}transcripts/{e.id}/"
        out += [
            "  <entry>",
            f"    <id>{escape(url)}</id>",
            f"    <title>{escape(e.title)}</title>",
            f"    <updated>{_stamp(e.day)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f'    <summary type="text">{escape(e.summary)}</summary>',
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _file(feed: Feed, settings: Settings) -> dict[str, str]:
    return {feed.path: render(feed, settings)}


def outputs(archive: Archive, links: Links, settings: Settings) -> Iterator[Output]:
    for feed in plan(archive, links, settings):
        yield Output(feed.path, _file, (feed, settings))
