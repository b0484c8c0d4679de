"""The shipped archive: the seeds re-import to their reviewed transcripts; bad input is refused clearly."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from onrecord import archive as archive_io
from onrecord import cleaned, draft, importer, validate
from onrecord.errors import Collector, InputError, ValidationError

SEED_URLS = {
    "2022-04-06-blinken-stoltenberg-before-meeting": "https://www.state.gov/secretary-antony-j-blinken-and-nato-secretary-general-jens-stoltenberg-before-their-meeting-5/",
    "2022-03-04-blinken-stoltenberg-nato-foreign-ministerial": "https://nato.usmission.gov/nato-foreign-ministerial-remarks-by-secretary-antony-blinken-and-nato-secretary-general-jens-stoltenberg/",
    "2023-11-28-blinken-stoltenberg-before-meeting": None,
    "2022-06-01-stoltenberg-blinken-press-conference": "https://www.nato.int/cps/en/natohq/opinions_196030.htm",
    "2022-06-stoltenberg-washington-visit-article": None,
}


def test_the_archive_is_valid(archive):
    assert {t.id for t in archive.transcripts} >= set(SEED_URLS)
    assert len(archive.transcripts) >= 27


SHIPPED = sorted(
    p.stem for p in (Path(__file__).parents[1] / "source_texts" / "transcripts").glob("*.txt")
)


@pytest.mark.parametrize("tid", SHIPPED)
def test_capture_reimports_to_its_reviewed_transcript(tid, archive, registry, root):
    """Every shipped capture, the five seeds among them, imports to the same turns, speakers and
    words as its reviewed file (the metadata was curated on top)."""
    reviewed = next(t for t in archive.transcripts if t.id == tid)
    url = SEED_URLS.get(tid, reviewed.source_url)
    x = importer.read_capture(root / reviewed.raw, url, registry)
    d = draft.build(x, (root / reviewed.raw).read_bytes(), reviewed.raw, tid, url, registry)
    out = Collector()
    imported = validate.transcript_from(cleaned.split(d.text, f"x/{tid}.txt"), f"x/{tid}.txt", out)
    assert not out.problems
    assert [(t.id, t.speaker, t.label, t.paragraphs) for t in imported.turns] == [
        (t.id, t.speaker, t.label, t.paragraphs) for t in reviewed.turns
    ]
    assert [(q.speaker, q.text) for q in imported.quotes] == [
        (q.speaker, q.text) for q in reviewed.quotes
    ]


def test_seed_002_is_published_once(archive):
    t = next(
        t for t in archive.transcripts if t.id == "2023-11-28-blinken-stoltenberg-before-meeting"
    )
    words = " ".join(p for turn in t.turns for p in turn.paragraphs)
    assert words.count("welcome back to NATO") == 1
    assert [x.speaker for x in t.turns] == [
        "jens-stoltenberg",
        "antony-blinken",
        "jens-stoltenberg",
    ]


def test_seed_004_quotes_are_attributed_as_the_article_does(archive):
    t = next(
        t for t in archive.transcripts if t.id == "2022-06-stoltenberg-washington-visit-article"
    )
    by = {q.text[:40]: q.speaker for q in t.quotes}
    assert (
        by["President Putin wanted less NATO and theref"[:40]] == "jens-stoltenberg"
    )  # “…,” he said.
    assert (
        by["Together we responded to the humanitarian"[:40]] == "antony-blinken"
    )  # preceding sentence
    assert (
        by["I also welcome the latest package of milit"[:40]] == "jens-stoltenberg"
    )  # continues a quote
    assert by["You know — but as I think about this, I’ve"[:40]] == "lloyd-austin"
    assert {q.speaker for q in t.quotes} == {"jens-stoltenberg", "antony-blinken", "lloyd-austin"}


def test_no_chrome_in_any_seed_speech(archive):
    chrome = [
        "official website",
        ".gov website",
        "Lessons of 1989",
        "Julianne Smith Previews",
        "Left to right",
        "Last updated",
        "As delivered",
        "Must read",
        "More articles",
        "Latest article",
        "Credit: NATO",
    ]
    for t in archive.transcripts:
        speech = " ".join(
            [*(p for turn in t.turns for p in turn.paragraphs), *(q.text for q in t.quotes)]
        )
        assert not [c for c in chrome if c in speech], t.id


# ---------------------------------------------------------------- clear errors

BAD = textwrap.dedent("""\
    ---
    id: bad-file
    title: A transcript
    date: 2022-13-01
    source_kind: official transcript
    raw: source_texts/raw/missing.txt
    speakers:
      SECRETARY BLINKEN: antony-blinken
      MR PRICE: nobody-known
    colour: blue
    ---

    [t-001] SECRETARY BLINKEN: Hello.

    [t-001] SECRETRY BLINKEN: A typo in the label.

    [t-003] MR PRICE: Who is this?
    """)


def test_every_problem_is_reported_at_once_with_file_and_line(archive_copy):
    (archive_copy / "source_texts" / "transcripts" / "bad-file.txt").write_text(
        BAD, encoding="utf-8"
    )
    with pytest.raises(ValidationError) as info:
        archive_io.load_archive(archive_io.Layout(archive_copy))
    text = str(info.value)
    path = "source_texts/transcripts/bad-file.txt"
    for expected in (
        f"{path}:4: 'date' '2022-13-01' is not a date — write it as 'YYYY-MM-DD', quoted",
        f"{path}:10: unknown field 'colour' in the front matter",
        f"{path}:15: duplicate turn anchor t-001 (first on line 13)",
        f"{path}:15: turn t-001 starts with no known label ('SECRETRY BLINKEN')",
        f"{path}:17: unknown speaker 'nobody-known' in t-003",
        f"{path}:6: raw capture 'source_texts/raw/missing.txt' not found",
    ):
        assert expected in text
    assert text.startswith("7 problems found:") or "problems found" in text.splitlines()[0]


def test_yaml_pitfalls_and_broken_encoding(archive_copy):
    folder = archive_copy / "source_texts" / "transcripts"
    (folder / "pitfalls.txt").write_text(
        "---\nid: pitfalls\ntitle: T\ntitle: Again\ntruncated: yes\n"
        "source_kind: other\nraw: x\n---\n\n[t-001 antony-blinken] Hi.\n"
    )
    (folder / "latin1.txt").write_bytes("---\nid: latin1\ntitle: Café\n".encode("latin-1"))
    with pytest.raises(ValidationError) as info:
        archive_io.load_archive(archive_io.Layout(archive_copy), check_raw=False)
    text = str(info.value)
    assert "pitfalls.txt:4: duplicate key 'title' (first on line 3)" in text
    assert "pitfalls.txt:5: 'yes' is read as a yes/no value by YAML" in text
    assert "pitfalls.txt:10: turn t-001 has no printed label and no editorial note" in text
    assert "latin1.txt:3: not valid UTF-8 (byte 0xe9) — save the file as UTF-8" in text


def test_duplicate_transcript_and_speaker_ids(archive_copy):
    sources = archive_copy / "source_texts"
    existing = next((sources / "transcripts").glob("*.txt"))
    (sources / "transcripts" / "copy.txt").write_text(
        existing.read_text().replace(f"id: {existing.stem}", f"id: {existing.stem}", 1)
    )
    with (sources / "speakers.yml").open("a") as f:
        f.write("\n- id: antony-blinken\n  name: Someone Else\n")
    with pytest.raises(ValidationError) as info:
        archive_io.load_archive(archive_io.Layout(archive_copy))
    text = str(info.value)
    assert "duplicate speaker id 'antony-blinken'" in text
    assert f"id '{existing.stem}' does not match the file name 'copy.txt'" in text


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (bytes(range(256)) * 64, "binary"),
        (b"x" * (50 * 1024 * 1024), "limit"),
        (b"Just a paragraph of prose with nobody speaking in it at all.\n", "no speech"),
    ],
)
def test_bad_captures_are_refused_and_nothing_is_written(archive_copy, content, message):
    raw = archive_copy / "capture.txt"
    raw.write_bytes(content)
    before = sorted(p.relative_to(archive_copy) for p in (archive_copy / "source_texts").rglob("*"))
    speakers = (archive_copy / "source_texts" / "speakers.yml").read_bytes()
    with pytest.raises(InputError, match=message):
        importer.import_capture(raw, root=archive_copy)
    assert (
        sorted(p.relative_to(archive_copy) for p in (archive_copy / "source_texts").rglob("*"))
        == before
    )
    assert (archive_copy / "source_texts" / "speakers.yml").read_bytes() == speakers


def test_import_writes_a_valid_draft_and_never_overwrites_without_force(archive_copy, root):
    capture = root / "tests" / "corpus" / "dev" / "2023-12-usglc-blinken-tribute-celebration.txt"
    speakers = (archive_copy / "source_texts" / "speakers.yml").read_text()
    importer.import_capture(capture, root=archive_copy, tid="2023-12-05-usglc-tribute")
    assert (
        archive_copy / "source_texts" / "raw" / "2023-12-05-usglc-tribute.txt"
    ).read_bytes() == capture.read_bytes()
    assert (
        archive_copy / "source_texts" / "speakers.yml"
    ).read_text() == speakers  # both speakers known
    archive_io.load_archive(archive_io.Layout(archive_copy))  # the draft is a valid transcript
    with pytest.raises(InputError, match="--force"):
        importer.import_capture(capture, root=archive_copy, tid="2023-12-05-usglc-tribute")
    importer.import_capture(capture, root=archive_copy, tid="2023-12-05-usglc-tribute", force=True)


def test_import_adds_unknown_speakers_as_drafts(archive_copy):
    raw = archive_copy / "capture.txt"
    raw.write_text(
        "Remarks With Jane Roe\n\nJune 3, 2022\n\nMS. JANE ROE: Thank you all.\n\n"
        "SECRETARY BLINKEN: Thank you, Jane.\n"
    )
    *_, to_complete = importer.import_capture(raw, root=archive_copy, tid="2022-06-03-roe-blinken")
    registry = (archive_copy / "source_texts" / "speakers.yml").read_text()
    assert "- id: ms-jane-roe\n  name: Ms. Jane Roe\n  draft: true" in registry
    # check fails on the draft speaker, as the import said it would, and on nothing else
    line = registry.split("\n").index("- id: ms-jane-roe") + 1
    with pytest.raises(ValidationError) as info:
        archive_io.load_archive(archive_io.Layout(archive_copy))
    assert info.value.problems == list(to_complete)
    assert str(info.value) == (
        f"1 problem found:\nsource_texts/speakers.yml:{line}: speaker 'ms-jane-roe' is still a "
        "draft — complete its name and roles, then delete 'draft: true'"
    )


def test_import_refuses_a_draft_that_check_would_reject(archive_copy, root):
    """The draft goes through the checks `onrecord check` runs before anything is written."""
    import dataclasses

    capture = root / "tests" / "corpus" / "dev" / "2023-12-usglc-blinken-tribute-celebration.txt"
    layout, registry = archive_io.Layout(archive_copy), importer.load_registry(archive_copy)
    x = importer.read_capture(capture, None, registry)
    d = draft.build(x, capture.read_bytes(), "source_texts/raw/t.txt", "t", None, registry)
    rel = "source_texts/transcripts/t.txt"
    importer.check_draft(layout, d, capture.read_bytes(), rel)
    assert "antony-blinken" in d.text and "predecessors" in d.text
    lost = dataclasses.replace(d, text=d.text.replace("predecessors", "", 1))
    with pytest.raises(ValidationError, match="missing from the transcript"):
        importer.check_draft(layout, lost, capture.read_bytes(), rel)
    unknown = dataclasses.replace(d, text=d.text.replace(": antony-blinken", ": someone-unknown"))
    with pytest.raises(ValidationError, match="unknown speaker 'someone-unknown'"):
        importer.check_draft(layout, unknown, capture.read_bytes(), rel)


def test_a_pr_that_edits_a_raw_capture_fails(archive_copy):
    raw = (
        archive_copy / "source_texts" / "raw" / "2022-04-06-blinken-stoltenberg-before-meeting.txt"
    )
    raw.write_bytes(raw.read_bytes().replace(b"Thank you, Jens", b"Thanks, Jens"))
    with pytest.raises(ValidationError, match="raw captures are never edited"):
        archive_io.load_archive(archive_io.Layout(archive_copy))


def test_removing_spoken_words_without_saying_so_fails(archive_copy):
    path = (
        archive_copy
        / "source_texts"
        / "transcripts"
        / "2022-04-06-blinken-stoltenberg-before-meeting.txt"
    )
    original = path.read_text()
    path.write_text(original.replace(" It’s always a great pleasure to welcome you.", ""))
    with pytest.raises(ValidationError) as info:
        archive_io.load_archive(archive_io.Layout(archive_copy))
    # at the turn's line, with the capture's line, the words in the order spoken
    assert (
        "2022-04-06-blinken-stoltenberg-before-meeting.txt:27: 9 words of the capture "
        "(source_texts/raw/2022-04-06-blinken-stoltenberg-before-meeting.txt line 11) missing "
        "from the transcript in turn t-001: “It’s always a great pleasure to welcome you”"
    ) in str(info.value)
    assert "'removed:'" in str(info.value)
    # the same removal, said out loud in a correction, passes
    path.write_text(
        original.replace(" It’s always a great pleasure to welcome you.", "").replace(
            "omitted:",
            "corrections:\n- date: '2026-11-20'\n  summary: 't-001: a sentence from another speech removed'\n"
            "  removed: It’s always a great pleasure to welcome you.\nomitted:",
        )
    )
    archive_io.load_archive(archive_io.Layout(archive_copy))


def test_a_typo_fix_changes_no_word_count(archive_copy):
    """Correcting a word needs a correction entry too: the capture's word is gone."""
    path = (
        archive_copy
        / "source_texts"
        / "transcripts"
        / "2022-04-06-blinken-stoltenberg-before-meeting.txt"
    )
    path.write_text(
        path.read_text().replace("I look forward to sit down", "I look forward to sitting down")
    )
    with pytest.raises(ValidationError) as info:
        archive_io.load_archive(archive_io.Layout(archive_copy))
    assert "turn t-001: “sit”" in str(info.value)  # gone from the capture
    assert "1 word in turn t-001 not in the capture" in str(info.value)  # and one added
    # a correction entry that names the turn and says what it removed makes it pass
    path.write_text(
        path.read_text().replace(
            "omitted:",
            "corrections:\n- date: '2026-11-20'\n  turns: [t-001]\n  removed: sit\n"
            "  summary: 't-001: sitting, as the official text has it'\nomitted:",
        )
    )
    archive_io.load_archive(archive_io.Layout(archive_copy))


@pytest.mark.parametrize("tid", SHIPPED)
def test_front_matter_round_trips(tid, root):
    """load -> dump -> load is the identity: what the tools write back means what was read."""
    from onrecord import yamlio

    path = root / "source_texts" / "transcripts" / f"{tid}.txt"
    first = cleaned.split(path.read_text(encoding="utf-8"), str(path))
    assert not first.problems
    dumped = yamlio.dump(first.front)
    again, problems = yamlio.load(dumped, str(path))
    assert not problems and again == first.front
    assert yamlio.dump(again) == dumped
