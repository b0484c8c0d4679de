"""The search index: made from the records, one ranking over the whole archive.

    site/search-index/
      index.json           read by every search: each document's number of units, newest first;
                           the years; the common words and word pairs with their counts; the
                           stop words; the bucket counts
      words/NNNN.json      for each word, the units that hold it (also "s:word" and "e:word":
                           the speakers and events whose name holds it)
      pairs/NNNN.json      for each pair of consecutive words, the units that hold it: phrases
      common/<k>-<crc>.json  a common word's or pair's units, fetched only when a query needs it
      docs/NNNN.json       id and unit anchors of DOCS_PER_FILE documents at a time
      facets.json          each document's source kind and event, each unit's speaker: filters
      names.json           speakers and events by number (id, name; events: dates)
      articles/<id>.json   the paragraphs of a news article, for its results' excerpts

A unit is what a result shows and opens: a turn, a news quote, an article paragraph, or a
document's title. Units are numbered in the documents' order, newest first (records.newest_first),
so sorting by date is sorting by number, and a year is a range of numbers. A list of units is
stored as the first number and the gaps after it (JSON arrays, which GitHub Pages compresses).

Why not Pagefind: one Pagefind index of the 10,000-document archive needed 4.4 GB to build and
stores every position of every word, so a query with "the" in it fetches chunks of up to 850 KB;
an index per year (what this replaced) keeps those small but cannot rank across years. Here a
word's entry is the list of units that hold it, without positions, and phrases are found through
the pairs of consecutive words: a six-word phrase is the units that hold its five pairs, whose
lists are short even when its words are common. Words and pairs hash (CRC-32, as zlib computes
it; docs/assets/search.js does the same) into bucket files, so a query fetches a few small
files; a word or pair in more than COMMON_SHARE of the units has a file of its own, which the
browser fetches only when the query has nothing rarer. The browser ranks (docs/assets/search.js):
a phrase in order above all the words, above some of them; quoted phrases are exact.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import sys
import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .records import SOURCE_KINDS, Archive, newest_first, year

BUNDLE = "search-index"  # beside search/, the search page
FORMAT = 1
DOCS_PER_FILE = 64
COMMON_SHARE = 0.02  # of all units: above this a word or pair is "common" and has its own file
COMMON_MIN = 500  # ...and only with more units than this (a small archive has no common file)
BUCKET_TARGET = 3000  # numbers per bucket file, about: a few KB compressed

# Function words: never highlighted, and a pair of two of them is not indexed ("of the"), since a
# phrase is found through its other pairs. Sent to the browser in index.json.
STOP = frozenset(
    """a about after all also am an and any are as at be because been before being but by
can could did do does doing for from had has have having he her here him his how i if in into is it
its itself just me more most my no nor not now of on once only or other our ours out over own same
she should so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
yours""".split()
)

_MARKS = re.compile(r"[\u0300-\u036f]")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ASCII_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")  # the same, for ASCII text: a third faster


def tokens(text: str) -> list[str]:
    """The words of a text as the index and the browser both see them: decomposed, lower case,
    accents and other combining marks dropped, curly apostrophes straight, a final 's dropped
    ("Russia's" is "russia"). Keep in step with `tokens` in docs/assets/search.js."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    if text.isascii():
        found = _ASCII_TOKEN.findall(text.lower())
    else:
        found = _TOKEN.findall(_MARKS.sub("", unicodedata.normalize("NFKD", text)).lower())
    if "'s" not in text and "'S" not in text:
        return found
    return [w[:-2] if w.endswith("'s") else w for w in found]


def crc(key: str) -> int:
    return zlib.crc32(key.encode("utf-8"))


@dataclass(frozen=True)
class Unit:
    anchor: str  # "" (the title), "t-007", "q-002", or "p-003" (an article paragraph: no anchor on the page)
    speaker: str | None  # speaker id
    text: str


@dataclass(frozen=True)
class Document:
    id: str
    year: int | None
    kind: str
    event: str | None
    units: tuple[Unit, ...]


def plan(archive: Archive) -> list[Document]:
    """What the index holds, in order: documents newest first, each with its units."""
    out = []
    for t in newest_first(archive.transcripts, archive):
        units = [Unit("", None, t.title)]
        units += [Unit(x.id, x.speaker, x.speech) for x in t.turns]
        units += [Unit(q.id, q.speaker, q.text) for q in t.quotes]
        units += [Unit(f"p-{i:03d}", None, p) for i, p in enumerate(t.paragraphs, 1)]
        out.append(Document(t.id, year(t, archive), t.source_kind, t.event, tuple(units)))
    return out


def gaps(numbers: list[int]) -> list[int]:
    """Ascending numbers as the first and the differences after it."""
    if len(numbers) == 1:  # most pairs of words: said once in the whole archive
        return numbers
    return [numbers[0]] + [b - a for a, b in itertools.pairwise(numbers)]


def _buckets(count: int) -> int:
    """Bucket files for `count` numbers: a power of two, so that each holds about BUCKET_TARGET."""
    n = 1
    while n * BUCKET_TARGET < count and n < 8192:
        n *= 2
    return n


def _write(path: Path, data) -> int:
    text = json.dumps(
        data, ensure_ascii=False, separators=(",", ":"), sort_keys=isinstance(data, dict)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
    return len(text) + 1


@dataclass(frozen=True)
class Summary:
    documents: int
    units: int
    words: int  # distinct words
    pairs: int  # distinct pairs indexed
    files: int
    bytes: int


def build(site: Path, archive: Archive) -> Summary:
    """Write site/search/ for `archive`. Same archive, same bytes."""
    documents = plan(archive)
    out = site / BUNDLE
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    speakers = sorted({u.speaker for d in documents for u in d.units if u.speaker})
    speaker_no = {sid: i for i, sid in enumerate(speakers)}
    events = sorted(archive.events.values(), key=lambda e: e.id)
    event_no = {e.id: i for i, e in enumerate(events)}

    # millions of entries: defaultdict's append makes no empty list per call, as setdefault would
    words: defaultdict[str, list[int]] = defaultdict(list)
    pairs: defaultdict[str, list[int]] = defaultdict(list)
    number = 0
    for d in documents:
        for u in d.units:
            found = tokens(u.text)
            for w in set(found):
                words[w].append(number)
            for p in {
                f"{a} {b}" for a, b in itertools.pairwise(found) if not (a in STOP and b in STOP)
            }:
                pairs[p].append(number)
            number += 1
    units = number
    for i, sid in enumerate(speakers):  # names: numbered by speaker and event, not by unit
        for w in sorted(set(tokens(archive.speakers[sid].name))):
            words[f"s:{w}"].append(i)
    for i, e in enumerate(events):
        for w in sorted(set(tokens(e.name))):
            words[f"e:{w}"].append(i)

    distinct = (len(words), len(pairs))
    common_over = max(COMMON_MIN, int(units * COMMON_SHARE))
    common: dict[str, int] = {}
    size = files = 0
    nb = {}
    for kind, table in (("words", words), ("pairs", pairs)):
        total = sum(len(v) for v in table.values())
        nb[kind] = _buckets(total)
        buckets: list[dict[str, list[int]]] = [{} for _ in range(nb[kind])]
        for key, units_of in table.items():
            h = crc(key)
            if len(units_of) > common_over and not key.startswith(("s:", "e:")):
                common[f"{kind[0]}:{key}"] = len(units_of)
                size += _write(out / "common" / f"{kind[0]}-{h:08x}.json", gaps(units_of))
                files += 1
            else:
                buckets[h % nb[kind]][key] = gaps(units_of)
        for i, bucket in enumerate(buckets):  # an empty one too: the browser asks without knowing
            size += _write(out / kind / f"{i:04d}.json", bucket)
            files += 1
        table.clear()  # what is written need not stay in memory
    names = {f"{k[0]}-{crc(k[2:]):08x}" for k in common}
    if len(names) != len(common):  # two common keys would share a file: never seen, but said
        raise RuntimeError(
            "two common words hash alike: raise COMMON_SHARE or change the file names"
        )

    for start in range(0, len(documents), DOCS_PER_FILE):
        block = [
            [d.id, [u.anchor for u in d.units]] for d in documents[start : start + DOCS_PER_FILE]
        ]
        size += _write(out / "docs" / f"{start // DOCS_PER_FILE:04d}.json", block)
        files += 1
    for d in documents:
        paragraphs = [u.text for u in d.units if u.anchor.startswith("p-")]
        if paragraphs:
            size += _write(out / "articles" / f"{d.id}.json", paragraphs)
            files += 1

    years: list[list] = []  # [year or null, first document] for each run of one year
    for i, d in enumerate(documents):
        if not years or years[-1][0] != d.year:
            years.append([d.year, i])
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    speakers_facet: list[list[object]] = []  # each document's speakers, and each unit's letter
    facets: dict[str, object] = {
        "kind": "".join(str(SOURCE_KINDS.index(d.kind)) for d in documents),
        "event": [event_no[d.event] + 1 if d.event in event_no else 0 for d in documents],
        "speaker": speakers_facet,
    }
    for d in documents:
        palette = list(dict.fromkeys(u.speaker for u in d.units if u.speaker))
        if len(palette) > len(letters):
            raise RuntimeError(f"{d.id}: more than {len(letters)} speakers in one document")
        speakers_facet.append(
            [
                [speaker_no[s] for s in palette],
                "".join(letters[palette.index(u.speaker)] if u.speaker else "." for u in d.units),
            ]
        )
    size += _write(out / "facets.json", facets)
    size += _write(
        out / "names.json",
        {
            "speakers": [[sid, archive.speakers[sid].name] for sid in speakers],
            "events": [[e.id, e.name, e.start.isoformat() if e.start else None] for e in events],
        },
    )
    index = {
        "format": FORMAT,
        "units": [len(d.units) for d in documents],
        "years": years,
        "kinds": list(SOURCE_KINDS),
        "buckets": nb,
        "common": common,
        "stop": sorted(STOP),
    }
    size += _write(out / "index.json", index)
    files += 3
    return Summary(len(documents), units, distinct[0], distinct[1], files, size)


def describe(summary: Summary) -> str:
    return (
        f"{summary.units:,} turns, quotes, paragraphs and titles of {summary.documents:,} documents, "
        f"{summary.files:,} files, {summary.bytes / 1e6:.1f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    """`python -m onrecord.search SITE`: (re)build the search index of a site built from the
    archive at $ONRECORD_ROOT (or the nearest archive up from here)."""
    from . import archive as archive_io
    from . import convert
    from .errors import OnrecordError

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m onrecord.search SITE_DIR", file=sys.stderr)
        return 2
    try:
        summary = build(Path(args[0]), convert.read(archive_io.find_root()))
    except (OnrecordError, RuntimeError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"search: {describe(summary)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
