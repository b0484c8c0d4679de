"""`onrecord review BASE`: typical pull requests applied to a git repository made from the shipped
archive, each reviewed against the commit it started from.

The review's Markdown is compared with tests/golden/review.md; after an intended change,
`make golden` rewrites it (review its diff)."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from onrecord import review
from onrecord.cli import main
from onrecord.convert import GENERATED

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "review.md"
# two short documents: two turns each, Stoltenberg then Blinken
MEETING = "source_texts/transcripts/2022-04-06-blinken-stoltenberg-before-meeting.txt"
RIGA = "source_texts/transcripts/2021-11-30-stoltenberg-blinken-remarks-riga.txt"
MEETING_RAW = "source_texts/raw/2022-04-06-blinken-stoltenberg-before-meeting.txt"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Archive", "-c", "user.email=archive@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture()
def repo(tmp_path, monkeypatch) -> Path:
    """The shipped archive as the base commit of a branch 'main'; the working tree is the
    pull request."""
    shutil.copytree(ROOT / "source_texts", tmp_path / "source_texts")
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns(*GENERATED))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "source_texts", "mkdocs.yml")
    git(tmp_path, "commit", "-q", "-m", "base")
    monkeypatch.setenv("ONRECORD_ROOT", str(tmp_path))
    return tmp_path


def edit(root: Path, rel: str, old: str, new: str) -> None:
    text = (root / rel).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {rel}"
    (root / rel).write_text(text.replace(old, new), encoding="utf-8")


def correct(root: Path, rel: str, entry: str) -> None:
    """Adds a corrections: entry (YAML, indented as under the list) to the front matter."""
    text = (root / rel).read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    block = "corrections:\n" if "\ncorrections:\n" not in head else ""
    (root / rel).write_text(f"{head}\n{block}{entry.rstrip()}\n---\n{rest}", encoding="utf-8")


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def reviewed(capsys, fmt: str = "markdown") -> tuple[int, str]:
    return run(capsys, "review", "main", "--format", fmt)


def checked(capsys) -> tuple[int, str]:
    return run(capsys, "check")


SOURCE = "    source: the video of the remarks, at 1:02, https://www.nato.int/cps/en/natohq/opinions.htm\n"


# ---------------------------------------------------------------- typical pull requests


def test_nothing_changed_nothing_to_review(repo, capsys):
    code, out = reviewed(capsys, "text")
    assert code == 0
    assert "No change to the archive" in out


def _contributing_example() -> tuple[str, str, str, str]:
    """The guide's first correction: the file, the words before and after, the entry."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    part = guide.split("### Your first correction", 1)[1]
    path = re.search(r"`(source_texts/transcripts/[^`]+\.txt)`", part)
    change = re.search(r"change `([^`]+)` to `([^`]+)`", part)
    entry = re.search(r"```yaml\n(.*?)```", part, re.S)
    assert path and change and entry, "CONTRIBUTING.md's first correction has changed shape"
    return path[1], change[1], change[2], textwrap.dedent(entry[1])


def test_contributing_example_as_written_passes(repo, capsys):
    path, before, after, entry = _contributing_example()
    edit(repo, path, before, after)
    yaml = entry.split("\n", 1)[1]  # the guide shows the 'corrections:' line the file lacks
    assert entry.startswith("corrections:\n")
    correct(repo, path, yaml)
    code, out = checked(capsys)
    assert code == 0, out
    code, out = reviewed(capsys)
    assert code == 0, out
    assert "<ins>to</ins>" in out
    assert "✔ named by correction #1" in out


def test_one_word_fix_shows_the_word_change_in_its_turn(repo, capsys):
    edit(repo, MEETING, "our collective defense here", "our collective defence here")
    correct(
        repo,
        MEETING,
        "  - date: '2026-12-02'\n    turns: [t-001]\n"
        "    summary: \"t-001: 'defence' was 'defense' in the capture\"\n"
        f"{SOURCE}    removed: defense\n",
    )
    assert checked(capsys)[0] == 0
    code, out = reviewed(capsys)
    assert code == 0, out
    turn = out.split("- t-001 · Jens Stoltenberg (jens-stoltenberg), line 33: words changed", 1)
    assert len(turn) == 2, out
    assert turn[1].split("\n")[1] == (
        "  > … and also the strengthening our collective <del>defense</del> <ins>defence</ins> "
        "here in Europe with more U.S. …"
    )
    code, text = reviewed(capsys, "text")
    assert "collective [-defense-] {+defence+} here" in text


# each: the change a pull request makes, the entry that names it, what the review says of it
KINDS = {
    "words added": (
        lambda root: edit(
            root, MEETING, "It’s good to have you here.", "It’s good to have you here. Thank you."
        ),
        "    turns: [t-001]\n",
        "the words of t-001 changed, and no new correction names it",
        "<ins>Thank you.</ins>",
    ),
    "speaker by inline id": (
        lambda root: edit(
            root,
            MEETING,
            "[t-002] SECRETARY BLINKEN:",
            "[t-002 jens-stoltenberg] SECRETARY BLINKEN:",
        ),
        "    turns: [t-002]\n",
        "SPEAKER CHANGED in t-002: Antony J. Blinken (antony-blinken) → Jens Stoltenberg "
        "(jens-stoltenberg) (by [t-002 jens-stoltenberg] on line 33)",
        "**SPEAKER CHANGED** in t-002",
    ),
    "speaker by label": (
        lambda root: edit(
            root,
            MEETING,
            "  SECRETARY BLINKEN: antony-blinken",
            "  SECRETARY BLINKEN: jens-stoltenberg",
        ),
        "    turns: [t-002]\n",
        "SPEAKER CHANGED in t-002: Antony J. Blinken (antony-blinken) → Jens Stoltenberg "
        "(jens-stoltenberg) (by the label 'SECRETARY BLINKEN' in speakers: (line 13))",
        "- SECRETARY BLINKEN: `antony-blinken` → `jens-stoltenberg` (line 13)",
    ),
    "date": (
        lambda root: edit(root, MEETING, "date: '2022-04-06'", "date: '2022-04-07'"),
        "    fields: [date]\n",
        "'date' changed (2022-04-06 → 2022-04-07), and no new correction names it",
        "- date: 2022-04-06 → **2022-04-07** (line 4)",
    ),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_change_without_a_correction_fails_and_with_one_passes(repo, capsys, kind):
    change, names, problem, shown = KINDS[kind]
    change(repo)
    code, out = reviewed(capsys)
    assert code == 1
    assert f"{MEETING}:" in out and problem in out, out
    assert shown in out
    correct(repo, MEETING, f"  - date: '2026-12-02'\n{names}    summary: {kind}\n{SOURCE}")
    code, out = reviewed(capsys)
    assert code == 0, out
    assert shown in out and "✔ named by correction #1" in out


def test_a_correction_naming_another_turn_does_not_cover_the_change(repo, capsys):
    edit(repo, MEETING, "[t-002] SECRETARY BLINKEN:", "[t-002 jens-stoltenberg] SECRETARY BLINKEN:")
    correct(repo, MEETING, f"  - date: '2026-12-02'\n    turns: [t-001]\n    summary: x\n{SOURCE}")
    code, out = reviewed(capsys, "text")
    assert code == 1
    assert f"{MEETING}:38: SPEAKER CHANGED in t-002" in out


def test_a_correction_of_the_base_does_not_cover_a_new_change(repo, capsys):
    correct(repo, MEETING, f"  - date: '2026-11-01'\n    turns: [t-001]\n    summary: x\n{SOURCE}")
    git(repo, "commit", "-q", "-am", "a first correction")
    edit(repo, MEETING, "It’s good to have you here.", "It’s good to have you here. Thanks.")
    code, out = reviewed(capsys, "text")
    assert code == 1
    assert "the words of t-001 changed, and no new correction names it" in out


def test_an_edited_raw_capture_fails_though_its_hash_is_updated(repo, capsys):
    import hashlib

    raw = repo / MEETING_RAW
    data = raw.read_bytes()
    line = data[: data.index(b"collective defense")].count(b"\n") + 1
    raw.write_bytes(data.replace(b"collective defense", b"collective defence"))
    old = re.search(r"raw_sha256: (\w+)", (repo / MEETING).read_text(encoding="utf-8"))[1]
    edit(repo, MEETING, old, hashlib.sha256(raw.read_bytes()).hexdigest())
    code, out = reviewed(capsys, "text")
    assert code == 1
    assert f"{MEETING_RAW}:{line}: the raw capture differs from main's (first at this line)" in out


def test_a_removed_raw_capture_fails_and_a_new_one_is_listed(repo, capsys):
    (repo / MEETING_RAW).unlink()
    (repo / "source_texts/raw/2026-12-01-new-capture.txt").write_text("words\n", encoding="utf-8")
    code, out = reviewed(capsys, "text")
    assert code == 1
    assert f"{MEETING_RAW}: the raw capture of main is gone" in out
    assert "new raw capture: source_texts/raw/2026-12-01-new-capture.txt" in out


def test_a_reused_anchor_fails(repo, capsys):
    # t-001 deleted and t-002 renumbered into its place: links to #t-001 would now show Blinken
    text = (repo / MEETING).read_text(encoding="utf-8")
    start, end = text.index("[t-001]"), text.index("[t-002]")
    (repo / MEETING).write_text(text[:start] + "[t-001]" + text[end + 7 :], encoding="utf-8")
    code, out = reviewed(capsys, "text")
    assert code == 1
    assert f"{MEETING}:27: anchor t-001 now holds the words of t-002 in the base" in out
    assert f"{MEETING}:27: turn t-002 of main is gone" in out


def test_a_removed_anchor_fails_even_with_a_correction(repo, capsys):
    text = (repo / MEETING).read_text(encoding="utf-8")
    (repo / MEETING).write_text(text[: text.index("\n[t-002]")] + "\n", encoding="utf-8")
    correct(repo, MEETING, f"  - date: '2026-12-02'\n    summary: t-002 removed\n{SOURCE}")
    code, out = reviewed(capsys, "text")
    assert code == 1
    assert "turn t-002 of main is gone: readers cite its anchor" in out


def test_a_split_turn_takes_a_new_anchor_named_by_the_correction(repo, capsys):
    edit(
        repo,
        MEETING,
        " And that actually gets to something",
        "\n\n[t-003] SECRETARY BLINKEN: And that actually gets to something",
    )
    code, out = reviewed(capsys, "text")
    assert code == 1
    assert "t-003 is a new turn, and no new correction names it" in out
    correct(
        repo,
        MEETING,
        f"  - date: '2026-12-02'\n    turns: [t-002, t-003]\n    summary: split\n{SOURCE}",
    )
    code, out = reviewed(capsys, "text")
    assert code == 0, out
    assert "t-003 · Antony J. Blinken (antony-blinken), line 40: added" in out


def test_an_entry_of_the_base_log_is_never_edited_and_a_new_one_has_a_source(repo, capsys):
    correct(repo, MEETING, f"  - date: '2026-11-01'\n    turns: [t-001]\n    summary: x\n{SOURCE}")
    git(repo, "commit", "-q", "-am", "a first correction")
    edit(repo, MEETING, "    summary: x\n", "    summary: y\n")
    correct(repo, MEETING, "  - date: '2026-12-02'\n    fields: [title]\n    summary: z\n")
    code, out = reviewed(capsys, "text")
    assert code == 1
    assert "the correction of 2026-11-01 in main's log is gone or was edited ('x')" in out
    assert "the new correction has no source" in out


def test_registry_changes_are_listed(repo, capsys):
    edit(
        repo,
        "source_texts/speakers.yml",
        "- id: jens-stoltenberg\n  name: Jens Stoltenberg",
        "- id: jane-doe\n  name: Jane Doe\n  draft: true\n- id: jens-stoltenberg\n  name: Jens Stoltenberg",
    )
    code, out = reviewed(capsys, "text")
    assert code == 0, out
    assert "source_texts/speakers.yml: added jane-doe (Jane Doe) (draft: true" in out


def test_a_registry_that_does_not_parse_is_a_problem_not_a_list_of_removals(repo, capsys):
    edit(repo, "source_texts/speakers.yml", "name: Jens Stoltenberg", "name: 'Jens Stoltenberg")
    code, out = reviewed(capsys, "text")
    assert code == 1
    assert "source_texts/speakers.yml:" in out and "the registry does not validate" in out
    assert "removed" not in out


def test_a_new_transcript_needs_no_correction(repo, capsys):
    rel = MEETING.replace("2022-04-06-blinken", "2022-04-07-blinken")
    shutil.copy(repo / MEETING, repo / rel)
    edit(repo, rel, "id: 2022-04-06-blinken", "id: 2022-04-07-blinken")
    code, out = reviewed(capsys, "text")
    assert code == 0, out
    assert "new transcript: Secretary Antony J. Blinken" in out


def test_an_unknown_base_says_how_to_get_it(repo, capsys):
    code, out = run(capsys, "review", "origin/main")
    assert code == 1 and "no commit 'origin/main' in this repository — fetch it first" in out
    code, out = run(capsys, "review", "--", "--output=x")
    assert code == 1 and "is not a git revision" in out


def test_the_review_markdown_matches_golden(repo, capsys, request):
    """A pull request with one of each: a word fixed and named, a reattribution not named, a
    date corrected, a turn reused, a new speaker."""
    edit(repo, MEETING, "our collective defense here", "our collective defence here")
    edit(repo, MEETING, "date: '2022-04-06'", "date: '2022-04-07'")
    correct(
        repo,
        MEETING,
        "  - date: '2026-12-02'\n    turns: [t-001]\n    fields: [date]\n"
        "    summary: \"t-001: 'defence' was 'defense'; the meeting was on the 7th\"\n"
        f"{SOURCE}    removed: defense\n    link: https://github.com/example/onrecord/pull/7\n",
    )
    edit(
        repo,
        RIGA,
        "  US Secretary of State Antony Blinken: antony-blinken",
        "  US Secretary of State Antony Blinken: jens-stoltenberg",
    )
    edit(
        repo,
        "source_texts/speakers.yml",
        "- id: jens-stoltenberg\n  name: Jens Stoltenberg",
        "- id: jane-doe\n  name: Jane *Doe*\n  draft: true\n- id: jens-stoltenberg\n  name: Jens Stoltenberg",
    )
    assert main(["review", "main", "--format", "markdown"]) == 1
    markdown = capsys.readouterr().out
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(markdown, encoding="utf-8")
        pytest.skip("golden review rewritten")
    assert markdown == GOLDEN.read_text(encoding="utf-8"), (
        "the review's Markdown differs from tests/golden/review.md: run `make golden` if intended"
    )


# ---------------------------------------------------------------- pieces


def test_word_diff_keeps_context_around_each_change():
    old = "one two three four five six seven eight nine ten eleven twelve".split()
    new = "one two three four five SIX seven eight nine ten eleven twelve".split()
    assert review.word_diff(old, new, context=2) == (
        ("…", ""),
        ("=", "four five"),
        ("-", "six"),
        ("+", "SIX"),
        ("=", "seven eight"),
        ("…", ""),
    )


def test_markdown_shows_archive_text_as_it_is():
    assert review.md("*a* <b>[x](y)</b> `c` |") == r"\*a\* &lt;b&gt;\[x\](y)&lt;/b&gt; \`c\` \|"
    assert review.md("1. item") == r"1\. item"
    assert review.md("# title") == r"\# title"


def test_annotations_escape_what_workflow_commands_read():
    found = review.Review(
        "main",
        "the working tree",
        (),
        (),
        (),
        (),
        (),
        (review.Problem("a,b:c.txt", 3, "50% of\nit", "fix: it"),),
    )
    assert review.github_annotations(found) == (
        # the line break shown as an escape, as check shows what cannot be seen (errors.annotation)
        "::error file=a%2Cb%3Ac.txt,line=3,title=review::50%25 of\\u000ait — fix: it\n"
    )
