"""Atom feeds (RFC 4287): the whole archive, and one per speaker. Dates come from the
documents, never from the clock, so two builds of the same archive give the same feeds."""
from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape, quoteattr

from .links import Links, newest_first, sort_day
from .records import Archive, Transcript
from .settings import Settings

LIMIT = 50  # entries per feed: feeds stay small however large the archive grows


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _feed(feed_id: str, title: str, self_url: str, page_url: str, items: list[Transcript],
          archive: Archive, settings: Settings) -> str:
    items = [t for t in newest_first(items, archive) if sort_day(t, archive) != date.min][:LIMIT]
    updated = _stamp(max((sort_day(t, archive) for t in items), default=date(2000, 1, 1)))
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"  <id>{escape(feed_id)}</id>", f"  <title>{escape(title)}</title>", f"  <updated>{updated}</updated>",
           f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(self_url)}/>",
           f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(page_url)}/>",
           f"  <author><name>{escape(settings.site_name)}</name></author>"]
    for t in items:
        url = f"{settings.pages_url}transcripts/{t.id}/"
        names = ", ".join(archive.speakers[s].name for s in t.speaker_ids() if archive.speakers[s].kind == "person")
        first = (t.turns[0].speech if t.turns else (t.quotes[0].text if t.quotes else ""))
        summary = f"{names}. {t.source_kind}. " + " ".join(first.split()[:60])
        out += ["  <entry>", f"    <id>{escape(url)}</id>", f"    <title>{escape(t.title)}</title>",
                f"    <updated>{_stamp(sort_day(t, archive))}</updated>",
                f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(url)}/>",
                f"    <summary type=\"text\">{escape(summary)}</summary>", "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def feeds(archive: Archive, links: Links, settings: Settings) -> dict[str, str]:
    base = settings.pages_url or "https://example.invalid/"
    files = {"feeds/all.xml": _feed(f"{base}feeds/all.xml", f"{settings.site_name}: all documents",
                                    f"{base}feeds/all.xml", base, list(archive.transcripts), archive,
                                    settings)}
    for sid, apps in links.appearances.items():
        s = archive.speakers[sid]
        if s.kind != "person":
            continue
        files[f"feeds/{sid}.xml"] = _feed(f"{base}feeds/{sid}.xml", f"{settings.site_name}: {s.name}",
                                          f"{base}feeds/{sid}.xml", f"{base}speakers/{sid}/",
                                          [a.transcript for a in apps], archive, settings)
    return files
