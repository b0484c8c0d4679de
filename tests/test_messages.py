"""Messages that find the spot: the line a problem starts on, the words of a passage in order,
GitHub annotations escaped as the runner reads them, plain words for what a value is, and
`onrecord import` and `onrecord check` agreeing on what a fresh draft still needs."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from onrecord import archive as archive_io
from onrecord import cleaned, importer, validate, yamlio
from onrecord.errors import Collector, Problem, ValidationError, annotation, formatted
from onrecord.records import Correction, Transcript

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "dev"

SEED = "2022-04-06-blinken-stoltenberg-before-meeting"
SEED_FILE = f"source_texts/transcripts/{SEED}.txt"


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        archive_io.load_archive(archive_io.Layout(root))
    return info.value.problems


def check(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ONRECORD_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "onrecord.cli", "check", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
    )


# ---------------------------------------------------------------- GitHub annotations


def test_an_annotation_names_file_line_and_title_and_escapes_as_github_reads_them():
    p = Problem("source_texts/a,b:c.txt", 14, "50% of 'x', y: z", "fix: it, now")
    assert annotation(p, "onrecord check") == (
        "::error file=source_texts/a%2Cb%3Ac.txt,line=14,title=onrecord check::"
        "50%25 of 'x', y: z — fix: it, now"
    )
    # a title with the characters that end a property; a folder within the repository
    assert annotation(p, "check: a, b", prefix="archive/") == (
        "::error file=archive/source_texts/a%2Cb%3Ac.txt,line=14,title=check%3A a%2C b::"
        "50%25 of 'x', y: z — fix: it, now"
    )


def test_a_problem_without_a_line_annotates_the_file():
    p = Problem("source_texts/raw/x.txt", None, "differs", "restore it")
    assert annotation(p, "t") == "::error file=source_texts/raw/x.txt,title=t::differs — restore it"


def test_line_breaks_never_reach_the_runner():
    """A value with a line break would end the command and start another: it is shown as an
    escape in the message, as the text format shows it, and %-escaped in a property."""
    from onrecord.errors import escape_data, escape_property

    assert escape_data("a\r\nb%") == "a%0D%0Ab%25"
    assert escape_property("a\r\nb%:,") == "a%0D%0Ab%25%3A%2C"
    line = annotation(Problem("f.txt", 2, "label 'A\nB' is odd", "retype it"), "t")
    assert "\n" not in line and "\r" not in line
    assert line.endswith("::label 'A\\u000aB' is odd — retype it")


def test_text_format_is_the_default_and_unchanged():
    p = Problem("f.txt", 3, "what", "how")
    assert formatted([p], "text", "t") == ["f.txt:3: what — how"]


def test_check_prints_annotations_for_github_and_fails(archive_copy):
    path = archive_copy / "source_texts" / "speakers.yml"
    path.write_text(path.read_text() + "\n- id: someone\n  name: Some One\n  draft: true\n")
    line = path.read_text().split("\n").index("- id: someone") + 1
    done = check(archive_copy, "--format", "github")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"::error file=source_texts/speakers.yml,line={line},title=onrecord check::speaker "
        "'someone' is still a draft — complete its name and roles, then delete 'draft: true'"
    ]
    assert "1 problem found" in done.stderr
    ok = check(ROOT, "--format", "github")
    assert ok.returncode == 0 and ok.stdout.startswith("ok: ")


def test_make_check_passes_its_arguments_through():
    makefile = (ROOT / "Makefile").read_text()
    assert "$(BIN)/onrecord check $(CHECK_ARGS)" in makefile


# ---------------------------------------------------------------- YAML syntax at its start


def test_an_unclosed_quote_in_speakers_yml_is_one_problem_at_its_line(archive_copy):
    """The issue's case: a quote opened on line 14 of speakers.yml was reported at line 19 (where
    the scanner gave up) and followed by every transcript's speakers as unknown."""
    path = archive_copy / "source_texts" / "speakers.yml"
    lines = path.read_text().split("\n")
    assert lines[13] == "  name: Antony J. Blinken"
    lines[13] = "  name: 'Antony J. Blinken"
    path.write_text("\n".join(lines))
    problems = problems_of(archive_copy)
    assert len(problems) == 1, problems
    assert str(problems[0]).startswith(
        "source_texts/speakers.yml:14: a quoted value opens here and is never closed"
    )
    assert "close the quote" in problems[0].fix


def test_a_broken_events_yml_leaves_no_unknown_events(archive_copy):
    path = archive_copy / "source_texts" / "events.yml"
    lines = path.read_text().split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("  name: "))
    lines[n] = lines[n].replace("name: ", 'name: "', 1)
    path.write_text("\n".join(lines))
    problems = problems_of(archive_copy)
    assert [(p.path, p.line) for p in problems] == [("source_texts/events.yml", n + 1)]


@pytest.mark.parametrize(
    "text, line, says",
    [
        # a quote left open at the end of the file: the scanner reports where the value began
        ("- id: a\n  name: 'Antony\n  kind: x\n", 2, "never closed"),
        # a bracket left open: at the bracket, not at the line after it
        ("- id: a\n  labels: [A, B\n  name: x\n- id: b\n", 2, "'[' opens here"),
        # a second colon: at its line
        ("- id: a\n  name: x: y\n  kind: z\n", 2, "mapping values are not allowed"),
        # a quoted value over two lines that is closed is not blamed for a later mistake
        ("- id: a\n  name: 'Antony\n    Blinken'\n  kind: x: y\n", 4, "mapping values"),
    ],
)
def test_yaml_syntax_errors_at_the_line_where_they_start(text, line, says):
    data, problems = yamlio.load(text, "f.yml")
    assert data is None
    assert len(problems) == 1 and problems[0].line == line and says in problems[0].problem


def test_front_matter_syntax_is_one_problem_at_its_line(archive_copy):
    path = archive_copy / SEED_FILE
    text = path.read_text()
    title = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("title:")))
    path.write_text(text.replace("title: ", 'title: "', 1))
    problems = problems_of(archive_copy)
    assert [(p.path, p.line) for p in problems] == [(SEED_FILE, title + 1)], problems


# ---------------------------------------------------------------- no type names


WRONG_VALUES = {
    "a list": "[a, b]",
    "a mapping of fields": "{a: b}",
    "a number": "12",
    "true or false": "true",
}


@pytest.mark.parametrize("said, value", list(WRONG_VALUES.items()))
def test_a_value_of_the_wrong_kind_is_named_in_plain_words(said, value):
    """Every field read as text, given each kind of value it should not be: the message names
    the kind as someone editing the file would, never by a Python class."""
    fields = [f for f in validate.SPEAKER_FIELDS if f not in ("labels", "roles", "draft")]
    entry = "\n".join(f"  {f}: {value}" for f in fields)
    data, problems = yamlio.load(f"- {entry.strip()}\n  roles:\n  - title: {value}\n", "s.yml")
    assert not problems
    out = Collector()
    validate.speakers_from(data, "s.yml", out)
    said_wrong = [p for p in out.problems if "should be" in p.problem]
    assert said_wrong, out.problems
    for p in out.problems:
        message = str(p)
        for name in ("LineList", "LineDict", "list", "dict", "int", "bool", "float", "str"):
            assert f"not {name}" not in message, message
            assert f"{name}(" not in message, message
    assert all(f"not {said}" in p.problem for p in said_wrong), said_wrong


@pytest.mark.parametrize(
    "front, says",
    [
        ("speakers: [a, b]", "'speakers' should be a mapping, not a list"),
        ("notes: {a: b}", "'notes' should be a list, not a mapping of fields"),
        ("truncated: 'maybe'", "'truncated' should be true or false, not text"),
        ("notes: [[a]]", "'notes' entries should be text, not a list"),
    ],
)
def test_containers_of_the_wrong_kind_in_plain_words(front, says):
    text = f"---\nid: t\ntitle: T\nsource_kind: other\nraw: source_texts/raw/t.txt\n{front}\n---\n"
    out = Collector()
    validate.transcript_from(cleaned.split(text, "x/t.txt"), "x/t.txt", out)
    assert any(says in p.problem for p in out.problems), out.problems


# ---------------------------------------------------------------- the capture, word by word


def _transcript(source_kind: str = "other", **kw) -> Transcript:
    return Transcript("t", "T", source_kind, "source_texts/raw/t.txt", "x/t.txt", **kw)


def _diff(raw: str, body: str, **kw) -> list[validate.Passage]:
    text = "---\nid: t\n---\n\n" + body
    t = _transcript(**kw)
    return validate.unexplained(validate.word_diff(raw, t, cleaned.split(text, "x").blocks), t)


RAW = (
    "Remarks\n"
    "A: We stand together. The alliance is strong.\n"
    "We will not be divided, and we will defend every inch of allied territory.\n"
    "B: Thank you.\n"
)


def test_a_deleted_paragraph_is_at_its_line_with_its_words_in_order():
    body = "[t-001] A: We stand together. The alliance is strong.\n\n[t-002] B: Thank you.\n"
    (p,) = _diff(RAW, body, omitted=())[1:]  # the first is the title line, not omitted here
    assert p.kind == validate.REMOVED
    assert p.text == "We will not be divided, and we will defend every inch of allied territory"
    assert (p.raw_line, p.line, p.turn) == (3, 5, "t-001")  # after the turn's line in the file


def test_added_words_are_at_their_line_and_turn():
    body = (
        "[t-001] A: We stand together. The alliance is strong.\n"
        "We will not be divided, and we will defend every single inch of allied territory.\n\n"
        "[t-002] B: Thank you.\n"
    )
    added = [p for p in _diff(RAW, body) if p.kind == validate.ADDED]
    assert [(p.text, p.line, p.turn, p.raw_line) for p in added] == [("single", 6, "t-001", 3)]
    # a correction entry naming the turn accounts for them
    fix = Correction(date=date(2026, 1, 1), summary="s", turns=("t-001",))
    assert not [p for p in _diff(RAW, body, corrections=(fix,)) if p.kind == validate.ADDED]


def test_removed_words_are_accounted_for_word_by_word_by_removed():
    body = "[t-001] A: We stand together.\n\n[t-002] B: Thank you.\n"
    fix = Correction(
        date=date(2026, 1, 1),
        summary="s",
        removed="The alliance is strong. We will not be divided",
    )
    left = _diff(RAW, body, corrections=(fix,))
    assert [p.text for p in left if p.kind == validate.REMOVED] == [
        "Remarks",
        "and we will defend every inch of allied territory",
    ]


def test_a_deleted_paragraph_of_the_shipped_archive(archive_copy):
    path = archive_copy / SEED_FILE
    lines = path.read_text().split("\n")
    n = next(i for i, x in enumerate(lines) if x.startswith("And let me also"))
    gone = lines.pop(n)
    path.write_text("\n".join(lines))
    (p,) = problems_of(archive_copy)
    assert p.path == SEED_FILE and p.line == n  # the line before it: where the words were
    words = " ".join(validate.WORD.findall(gone))
    assert words[:60] in " ".join(validate.WORD.findall(p.problem)), p
    assert "missing from the transcript in turn t-001" in p.problem
    assert "'removed:'" in p.fix and "'omitted:'" in p.fix


def test_words_added_to_a_turn_fail_until_a_correction_names_the_turn(archive_copy):
    path = archive_copy / SEED_FILE
    text = path.read_text()
    path.write_text(text.replace("Thank you, Jens", "Thank you so much, Jens", 1))
    (p,) = problems_of(archive_copy)
    assert "2 words in turn t-002 not in the capture" in p.problem and "“so much”" in p.problem
    assert "turns: [t-002]" in p.fix
    path.write_text(
        path.read_text().replace(
            "omitted:",
            "corrections:\n- date: '2026-11-20'\n  turns: [t-002]\n"
            "  summary: 't-002: the official text has so much'\n"
            "  source: the official transcript\nomitted:",
        )
    )
    archive_io.load_archive(archive_io.Layout(archive_copy))


def test_an_unknown_event_and_a_duplicate_id_are_at_the_lines_that_name_them(archive_copy):
    path = archive_copy / SEED_FILE
    lines = path.read_text().split("\n")
    event_line = next(n for n, line in enumerate(lines, 1) if line.startswith("event:"))
    lines[event_line - 1] = "event: no-such-summit"
    path.write_text("\n".join(lines))
    # a copy with the same id, written after its title: one line lower than in the seed
    (id_line,) = [line for line in lines if line.startswith("id:")]
    copy = [line for line in lines if line != id_line]
    copy.insert(2, id_line)
    other = "source_texts/transcripts/copy-of-the-seed.txt"
    (archive_copy / other).write_text("\n".join(copy))
    found = {(p.path, p.line, p.problem.split(" (")[0]) for p in problems_of(archive_copy)}
    assert (SEED_FILE, event_line, "unknown event 'no-such-summit'") in found
    assert (other, 3, f"duplicate transcript id '{SEED}'") in found


def test_a_long_document_is_compared_in_near_linear_work():
    """Sixteen thousand words of real speech (the shipped captures one after another) with edits
    all through it: the comparison cuts the texts at the words both hold once, so the matcher
    never looks up every occurrence of every word. Counted in the matcher's calls, not timed."""
    import difflib

    from onrecord.ingest.decode import capture_text

    raw = "\n".join(
        capture_text(p.read_bytes(), p.name)[0]
        for p in sorted((ROOT / "source_texts" / "raw").glob("*"))
    )
    lines = raw.split("\n")
    edited = [
        line + " extra" if n % 40 == 7 else line for n, line in enumerate(lines) if n % 97 != 5
    ]
    body = "\n\n".join(x for x in edited if x.strip())
    t = _transcript(source_kind="news article")
    blocks = cleaned.split("---\nid: t\n---\n\n" + body, "x").blocks
    sizes: list[int] = []
    real = difflib.SequenceMatcher.__init__

    def counting(self, isjunk=None, a="", b="", autojunk=True):
        sizes.append(len(a) + len(b))
        real(self, isjunk, a, b, autojunk)

    difflib.SequenceMatcher.__init__ = counting  # type: ignore[method-assign]
    try:
        passages = validate.word_diff(raw, t, blocks)
    finally:
        difflib.SequenceMatcher.__init__ = real  # type: ignore[method-assign]
    assert len(validate.WORD.findall(raw)) > 15_000
    assert sum(1 for p in passages if p.kind == validate.ADDED) >= len(lines) // 40 - 5
    assert not sizes or max(sizes) < 200  # only short stretches reach the matcher


# ---------------------------------------------------------------- drafts


def test_a_draft_speaker_or_event_fails_check(archive_copy):
    sources = archive_copy / "source_texts"
    speakers, events = sources / "speakers.yml", sources / "events.yml"
    speakers.write_text(
        speakers.read_text() + "\n- id: jane-roe\n  name: Jane Roe\n  draft: true\n"
    )
    events.write_text(events.read_text() + "\n- id: a-meeting\n  name: A meeting\n  draft: true\n")
    s_line = speakers.read_text().split("\n").index("- id: jane-roe") + 1
    e_line = events.read_text().split("\n").index("- id: a-meeting") + 1
    assert [str(p) for p in problems_of(archive_copy)] == [
        f"source_texts/events.yml:{e_line}: event 'a-meeting' is still a draft — complete its "
        "name, dates and place, then delete 'draft: true'",
        f"source_texts/speakers.yml:{s_line}: speaker 'jane-roe' is still a draft — complete "
        "its name and roles, then delete 'draft: true'",
    ]


def test_every_corpus_capture_imported_passes_check_but_for_what_import_said(archive_copy):
    """`onrecord import` and `onrecord check` agree: each real capture of tests/corpus imported
    into a copy of the archive, check then fails on exactly the draft speakers the imports
    listed, and passes once they are completed. No word the importer normalised reads as added
    or lost."""
    listed: list[Problem] = []
    captures = sorted(CORPUS.glob("*.txt"))
    for capture in captures:
        *_, to_complete = importer.import_capture(
            capture, root=archive_copy, tid="c-" + capture.stem.lower()
        )
        listed.extend(to_complete)
    assert listed, "the corpus has speakers the registry does not know"
    assert sorted(problems_of(archive_copy), key=str) == sorted(listed, key=str)
    speakers = archive_copy / "source_texts" / "speakers.yml"
    speakers.write_text(speakers.read_text().replace("  draft: true\n", ""))
    a = archive_io.load_archive(archive_io.Layout(archive_copy))
    assert sum(t.id.startswith("c-") for t in a.transcripts) == len(captures)
