"""The search index (onrecord/search.py): words as the browser sees them, what is indexed from
the records, and the files a browser reads, decoded here the way docs/assets/search.js does."""

from __future__ import annotations

import itertools
import json
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from onrecord import links, pages, records, search
from onrecord.records import Archive, Event, Speaker, Transcript, Turn


def test_tokens_fold_case_accents_apostrophes_and_possessives():
    assert search.tokens("Russia’s NATO-ization: déjà vu, İstanbul! 40%") == [
        "russia",
        "nato",
        "ization",
        "deja",
        "vu",
        "istanbul",
        "40",
    ]
    assert search.tokens("we’re ‘here’ — it's 'quoted'") == ["we're", "here", "it", "quoted"]
    assert search.tokens("Støre and Zieliński") == ["støre", "and", "zielinski"]


def test_year_is_the_date_s_else_the_event_s_else_none():
    event = Event("e", "E", start=date(2021, 5, 1))
    archive = Archive((), {}, {"e": event})
    dated = Transcript("a", "A", "repost", "raw", "path", date=date(2022, 1, 2), event="e")
    assert records.year(dated, archive) == 2022
    assert records.year(replace(dated, date=None), archive) == 2021
    assert records.year(replace(dated, date=None, event=None), archive) is None


def test_search_and_year_pages_agree_on_every_document_s_year(archive):
    """One function decides: a document is searched under the year whose page lists it (three
    of the shipped documents have no date of their own, only their event's)."""
    listed = {}
    cross, _ = links.compute(archive)
    for page in pages.index_pages(pages.index_context(archive, cross)):
        if page.path.startswith("transcripts/year-"):
            y = page.path[len("transcripts/year-") : -3]
            for t in archive.transcripts:
                if f"]({t.id}.md)" in page.text:
                    listed[t.id] = None if y == "undated" else int(y)
    planned = {d.id: d.year for d in search.plan(archive)}
    assert planned == listed
    assert sum(1 for t in archive.transcripts if t.date is None and planned[t.id] is not None) >= 3


def test_plan_holds_every_turn_quote_paragraph_and_title_newest_first(archive):
    planned = search.plan(archive)
    assert [d.id for d in planned] == [
        t.id for t in records.newest_first(archive.transcripts, archive)
    ]
    by_id = {t.id: t for t in archive.transcripts}
    for d in planned:
        t = by_id[d.id]
        assert d.units[0] == search.Unit("", None, t.title)
        assert [u.anchor for u in d.units[1:]] == (
            [x.id for x in t.turns]
            + [q.id for q in t.quotes]
            + [f"p-{i:03d}" for i in range(1, len(t.paragraphs) + 1)]
        )
        turns = [u for u in d.units if u.anchor.startswith("t-")]
        assert [(u.speaker, u.text) for u in turns] == [(x.speaker, x.speech) for x in t.turns]
        assert d.kind == t.source_kind and d.event == t.event


# ---------------------------------------------------------------- reading the files back


class Reader:
    """The index as the browser reads it (docs/assets/search.js: postings, docOf, values)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files: dict[str, object] = {}
        self.index = self.read("index.json")
        self.starts = [0]
        for n in self.index["units"]:
            self.starts.append(self.starts[-1] + n)

    def read(self, rel: str):
        if rel not in self.files:
            self.files[rel] = json.loads((self.folder / rel).read_text(encoding="utf-8"))
        return self.files[rel]

    @staticmethod
    def undelta(gaps):
        out, total = [], 0
        for g in gaps:
            total += g
            out.append(total)
        return out

    def postings(self, kind: str, key: str) -> list[int]:
        h = zlib.crc32(key.encode("utf-8"))
        if f"{kind}:{key}" in self.index["common"]:
            return self.undelta(self.read(f"common/{kind}-{h:08x}.json"))
        folder = "words" if kind == "w" else "pairs"
        bucket = self.read(f"{folder}/{h % self.index['buckets'][folder]:04d}.json")
        return self.undelta(bucket.get(key, []))

    def unit(self, number: int) -> tuple[str, str]:
        """(document id, anchor) of a unit."""
        d = max(i for i, s in enumerate(self.starts[:-1]) if s <= number)
        block = self.read(f"docs/{d // search.DOCS_PER_FILE:04d}.json")
        doc_id, anchors = block[d % search.DOCS_PER_FILE]
        return doc_id, anchors[number - self.starts[d]]


@pytest.fixture(scope="module")
def built(archive, tmp_path_factory) -> Reader:
    site = tmp_path_factory.mktemp("site")
    search.build(site, archive)
    return Reader(site / search.BUNDLE)


def test_every_word_and_pair_of_a_turn_leads_back_to_it(archive, built):
    planned = search.plan(archive)
    number = 0
    for d in planned:
        for u in d.units:
            words = search.tokens(u.text)
            for w in set(words):
                assert number in built.postings("w", w), (d.id, u.anchor, w)
            for a, b in itertools.pairwise(words):
                found = built.postings("p", f"{a} {b}")
                if a in search.STOP and b in search.STOP:
                    assert not found  # "of the": found through the phrase's other pairs
                else:
                    assert number in found, (d.id, u.anchor, a, b)
            assert built.unit(number) == (d.id, u.anchor)
            number += 1
    assert number == built.starts[-1]


def test_a_phrase_is_the_units_holding_all_its_pairs(built):
    words = search.tokens("nuclear sabre rattling rhetoric is dangerous")
    lists = [built.postings("p", f"{a} {b}") for a, b in itertools.pairwise(words)]
    found = set.intersection(*map(set, lists))
    assert [built.unit(n) for n in found] == [
        ("2022-06-01-stoltenberg-blinken-press-conference", "t-005")
    ]
    assert built.postings("w", "no-such-word-anywhere") == []


def test_names_facets_and_years_describe_every_unit(archive, built):
    planned = search.plan(archive)
    names = built.read("names.json")
    facets = built.read("facets.json")
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    years = built.index["years"]
    for i, d in enumerate(planned):
        run = [r for r in years if r[1] <= i][-1]
        assert run[0] == d.year
        assert built.index["kinds"][int(facets["kind"][i])] == d.kind
        event = facets["event"][i]
        assert (names["events"][event - 1][0] if event else None) == d.event
        palette, pattern = facets["speaker"][i]
        assert len(pattern) == len(d.units)
        for u, letter in zip(d.units, pattern, strict=False):
            assert (
                None if letter == "." else names["speakers"][palette[letters.index(letter)]][0]
            ) == u.speaker
    stoltenberg = [n for n, (sid, _) in enumerate(names["speakers"]) if sid == "jens-stoltenberg"]
    assert built.postings("w", "s:stoltenberg") == stoltenberg
    assert names["speakers"][stoltenberg[0]][1] == archive.speakers["jens-stoltenberg"].name


def test_common_words_have_files_of_their_own_and_buckets_stay_small(
    archive, tmp_path, monkeypatch
):
    monkeypatch.setattr(search, "COMMON_MIN", 10)
    monkeypatch.setattr(search, "BUCKET_TARGET", 50)
    search.build(tmp_path, archive)
    reader = Reader(tmp_path / search.BUNDLE)
    common = reader.index["common"]
    assert "w:the" in common and "w:sabre" not in common
    assert reader.postings("w", "the") and len(reader.postings("w", "the")) == common["w:the"]
    assert (
        reader.index["buckets"]["words"] > 8
        and reader.index["buckets"]["words"] & (reader.index["buckets"]["words"] - 1) == 0
    )
    # every bucket file exists, empty or not: the browser asks without knowing
    assert (
        len(list((tmp_path / search.BUNDLE / "words").glob("*.json")))
        == reader.index["buckets"]["words"]
    )


def test_the_same_archive_gives_the_same_bytes(archive, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    search.build(first, archive)
    search.build(second, archive)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_an_article_s_paragraphs_are_kept_for_its_excerpts(archive, built):
    article = next(t for t in archive.transcripts if t.is_article)
    assert built.read(f"articles/{article.id}.json") == list(article.paragraphs)
    first = search.tokens(article.paragraphs[0])[0]
    assert any(built.unit(n) == (article.id, "p-001") for n in built.postings("w", first))


def test_too_many_speakers_in_one_document_is_said(tmp_path):
    speakers = {f"s{i}": Speaker(f"s{i}", f"Speaker {i}") for i in range(70)}
    turns = tuple(Turn(f"t-{i:03d}", f"s{i}", None, ("words",)) for i in range(70))
    big = Archive((Transcript("x", "X", "repost", "raw", "path", turns=turns),), speakers, {})
    with pytest.raises(RuntimeError, match="more than 62 speakers"):
        search.build(tmp_path, big)
