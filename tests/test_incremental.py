"""The incremental build: what a rerun reads and makes again, and that it makes what a full
conversion makes. Work is counted (files read, outputs made, documents scanned for quotes),
never timed: `make bench` has the times."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from onrecord import archive as archive_io
from onrecord import convert, crossref, incremental, parallel, settings
from tools import synthetic

TRANSCRIPTS = Path("source_texts") / "transcripts"
NATO = TRANSCRIPTS / "2022-06-01-stoltenberg-blinken-press-conference.txt"
EMBASSY = TRANSCRIPTS / "2022-06-01-blinken-stoltenberg-joint-press-availability.txt"


@pytest.fixture()
def counted(monkeypatch):
    """How many items each fork_map call was given: files read, then outputs made."""
    calls: list[tuple[str, int]] = []
    real = parallel.fork_map

    def counting(function, items, least=200):
        calls.append((getattr(function, "func", function).__name__, len(items)))
        return real(function, items, least)

    monkeypatch.setattr(parallel, "fork_map", counting)
    return calls


def docs_files(root: Path) -> dict[str, str]:
    docs = root / "docs"
    return {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
        for p in docs.rglob("*")
        if p.is_file() and p.relative_to(docs).parts[0] in convert.GENERATED
    }


def full_render(root: Path) -> dict[str, str]:
    return convert.render(archive_io.load_archive(archive_io.Layout(root)), settings.load(root))


def test_a_touched_transcript_is_read_once_and_then_never_again(archive_copy, counted):
    convert.convert(archive_copy)
    path = archive_copy / NATO
    os.utime(
        path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9)
    )  # touched, not changed
    counted.clear()
    assert convert.convert(archive_copy).written == ()
    assert counted[0] == ("_read_transcript", 1)  # the touched file is read again...
    assert counted[1] == ("<lambda>", 0)  # ...and no page is made: its inputs are the same
    counted.clear()
    assert convert.convert(archive_copy).written == ()
    assert counted[0] == ("_read_transcript", 0)  # ...and the next run knows it


def _correct(path: Path, old: str, new: str, removed: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    # the entry names the turn it changes: words it adds are then the correction's
    turn = re.findall(r"^\[(t-\d+)", text[: text.index(old)], re.M)[-1]
    entry = (
        f"- date: '2026-11-20'\n  turns: [{turn}]\n  summary: A test correction.\n"
        f"  removed: {removed}\n"
    )
    text = text.replace(old, new, 1)
    if "\ncorrections:\n" in text:
        text = text.replace("\ncorrections:\n", "\ncorrections:\n" + entry, 1)
    else:
        text = text.replace("\nomitted:", "\ncorrections:\n" + entry + "omitted:", 1)
    path.write_text(text, encoding="utf-8")


def turn_quoting(page: str, quote: str) -> str | None:
    """The turn of a transcript page under which a news quote is listed as found."""
    turn = None
    for line in page.splitlines():
        heading = re.search(r"\{ #(t-\d+) \}", line)
        turn = heading.group(1) if heading else turn
        if f"#{quote})" in line and "Quoted in" in line:
            return turn
    return None


def test_quote_matches_kept_between_runs_are_those_a_full_conversion_finds(archive_copy):
    """The news article of 2022-06 quotes both versions of the press conference. Each step changes
    where a quote is found; the rerun, which re-scores the quotes against the changed documents
    only, must write exactly what a conversion from nothing writes."""
    convert.convert(archive_copy)
    article = "transcripts/2022-06-stoltenberg-washington-visit-article.md"
    nato_page = "transcripts/2022-06-01-stoltenberg-blinken-press-conference.md"
    before = turn_quoting(docs_files(archive_copy)[nato_page], "q-002")
    # 1. the words of q-002 corrected in the turn that has them: found in another turn, or nowhere
    _correct(
        archive_copy / NATO,
        "I am confident that we will find a united way forward.",
        "I am sure we will find a way forward.",
        "confident that united",
    )
    convert.convert(archive_copy)
    assert docs_files(archive_copy) == full_render(archive_copy)
    assert before and turn_quoting(docs_files(archive_copy)[nato_page], "q-002") != before
    # 2. a second copy of the embassy's text, newer by its id, ties with it for Blinken's quotes
    copy = archive_copy / TRANSCRIPTS / "2022-06-01-zz-blinken-stoltenberg-copy.txt"
    text = (archive_copy / EMBASSY).read_text(encoding="utf-8")
    copy.write_text(
        text.replace(
            "id: 2022-06-01-blinken-stoltenberg-joint-press-availability",
            "id: 2022-06-01-zz-blinken-stoltenberg-copy",
        ).replace("https://ge.usembassy.gov/", "https://pl.usembassy.gov/"),
        encoding="utf-8",
    )
    convert.convert(archive_copy)
    assert docs_files(archive_copy) == full_render(archive_copy)
    assert "2022-06-01-zz-blinken-stoltenberg-copy.md#t-" in docs_files(archive_copy)[article]
    # 3. the copy goes again, and the words of q-002 come back
    copy.unlink()
    _correct(
        archive_copy / NATO,
        "I am sure we will find a way forward.",
        "I am confident that we will find a united way forward.",
        "sure",
    )
    convert.convert(archive_copy)
    assert docs_files(archive_copy) == full_render(archive_copy)
    assert "2022-06-01-zz" not in docs_files(archive_copy)[article]


@pytest.fixture(scope="module")
def one_event(tmp_path_factory) -> Path:
    """A synthetic archive of 2,000 documents, every one of them in the same event."""
    root = tmp_path_factory.mktemp("one-event")
    synthetic.generate(root, 2000)
    synthetic.set_up_site_files(root)
    synthetic.put_in_one_event(root)
    return root


@pytest.mark.build
def test_one_event_of_2000_documents_costs_linear_work(one_event, counted, monkeypatch):
    scanned: list[int] = []
    real = crossref.best_turns
    monkeypatch.setattr(
        crossref,
        "best_turns",
        lambda quotes, candidates: scanned.append(len(candidates)) or real(quotes, candidates),
    )
    convert.convert(one_event)
    documents = len(list((one_event / TRANSCRIPTS).glob("*.txt")))
    articles = sum(
        "source_kind: news article" in p.read_text(encoding="utf-8")
        for p in (one_event / TRANSCRIPTS).glob("*.txt")
    )
    assert articles > 50 and scanned == [documents - articles]  # one pass over the event's words
    edited = synthetic.edit_one_word(one_event)
    counted.clear()
    scanned.clear()
    result = convert.convert(one_event)
    assert counted[0] == ("_read_transcript", 1)
    made = counted[1][1]
    speakers = len(
        next(
            t
            for t in archive_io.load_archive(archive_io.Layout(one_event)).transcripts
            if t.id == edited.removesuffix(".txt")
        ).speaker_ids()
    )
    # its page and its data file, its speakers' pages and feeds, the archive's feed: not the event's
    assert made <= 2 + 2 * speakers + 1, made
    assert (
        len(result.written) <= made
        and f"transcripts/{edited.removesuffix('.txt')}.md" in result.written
    )
    assert all(n <= 1 for n in scanned)  # quotes scored against the corrected document alone
    assert docs_files(one_event) == full_render(one_event)


def test_a_cache_made_by_other_code_is_discarded(archive_copy, monkeypatch):
    convert.convert(archive_copy)
    assert incremental.has_cache(archive_copy)
    monkeypatch.setattr(incremental, "code_version", lambda: "other code")
    assert not incremental.has_cache(archive_copy)
    assert incremental.load(archive_copy).files == {}
    shutil.rmtree(archive_copy / incremental.FOLDER)
    assert convert.convert(archive_copy).written == ()  # no cache: everything made, nothing changed


def test_the_cache_version_covers_the_code_that_shapes_output_only():
    package = Path(incremental.__file__).parent
    for name in incremental.OUTPUT_MODULES:
        assert (package / f"{name}.py").is_file(), name
    shaping = {"pages", "export", "feeds", "links", "crossref", "validate", "records", "markup"}
    assert shaping <= set(incremental.OUTPUT_MODULES)
    assert not {"cli", "importer", "search", "builder"} & set(incremental.OUTPUT_MODULES)
    assert re.fullmatch(r"[0-9a-f]{32}", incremental.code_version())
