"""Hostile pull requests: what a contributor could open to make CI read a secret, publish a file
from outside the repository, hang or crash the check, hide a page or pass one speaker's words
off as another's. Each attack is tried on a copy of the shipped archive and must end in a clear
`file:line: problem — fix` error that quotes nothing it should not; for links and the site
policy, with nothing in site/.

    1  raw: outside source_texts/raw/        test_raw_*
    2  links published by the build          test_a_link_*
    3  YAML bombs, deep nesting, sizes        test_alias_bomb_*, test_deep_nesting_*, test_*_limit
    4  ids of pages the site makes itself     test_an_id_*
    5  look-alike characters                  test_look_alike_*
    6  the build enforces the site policy     test_the_build_refuses_*
    7  ownership and the browser checks       tests/test_policy.py (CODEOWNERS),
                                              tests/browser/test_site.py (requests without axe-core)

and random front matter of every shape, thrown at the check (test_random_front_matter_*).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord import archive as archive_io
from onrecord import validate, yamlio
from onrecord.errors import ValidationError

SEED = "2022-04-06-blinken-stoltenberg-before-meeting"
SEED_FILE = f"source_texts/transcripts/{SEED}.txt"
# what a secret looks like to these tests: words no message may ever print
SECRET = "root:x:0:0:root:/root:/bin/bash\nsvc:x:999:999::/nonexistent:/usr/sbin/nologin\nTOKEN=zq7-made-up-secret-41\n"
SECRET_WORDS = ("nologin", "nonexistent", "zq7", "secret")


def problems_of(root: Path, **kwargs) -> str:
    """The error `onrecord check` would print for the archive at `root`."""
    with pytest.raises(ValidationError) as info:
        archive_io.load_archive(archive_io.Layout(root), **kwargs)
    return str(info.value)


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` (once) in the file; returns the line `new` starts on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def onrecord(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "onrecord.cli", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "ONRECORD_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=600,
    )


@pytest.fixture()
def secret(tmp_path_factory) -> Path:
    """A file outside the archive that no check may read or quote."""
    path = tmp_path_factory.mktemp("outside") / "passwd"
    path.write_text(SECRET, encoding="utf-8")
    return path


def assert_quotes_no_secret(text: str) -> None:
    leaked = [w for w in SECRET_WORDS if w in text]
    assert not leaked, f"the message quotes the secret ({leaked}):\n{text}"


# ---------------------------------------------------------------- 1. raw: reads any file


@pytest.mark.parametrize("pointer", ["absolute", "relative"])
def test_raw_outside_the_captures_is_refused_unread(archive_copy, secret, pointer):
    """`raw: /etc/passwd` with its digest and every line omitted passed, and printed its words."""
    path = archive_copy / SEED_FILE
    value = (
        str(secret)
        if pointer == "absolute"
        else os.path.relpath(secret, archive_copy / "source_texts" / "raw")
    )
    value = value if pointer == "absolute" else f"source_texts/raw/{value}"
    text = path.read_text(encoding="utf-8")
    old_raw = next(line for line in text.splitlines() if line.startswith("raw: "))
    old_sha = next(line for line in text.splitlines() if line.startswith("raw_sha256: "))
    line = edit(path, old_raw, f"raw: {value}")
    edit(path, old_sha, f"raw_sha256: {hashlib.sha256(secret.read_bytes()).hexdigest()}")
    edit(path, "omitted:\n", "omitted:\n- lines: 1-9999\n  reason: everything\n")
    message = problems_of(archive_copy)
    assert (
        f"{SEED_FILE}:{line}: 'raw' {value[:80]!r} is not a file in source_texts/raw/ — point 'raw:'"
        in message
    )
    assert message.startswith("1 problem found:"), message
    assert_quotes_no_secret(message)


def test_raw_through_a_link_is_refused_unread(archive_copy, secret):
    raw = archive_copy / "source_texts" / "raw" / f"{SEED}.txt"
    raw.unlink()
    raw.symlink_to(secret)
    done = onrecord(archive_copy, "check")
    assert done.returncode == 1
    assert (
        f"source_texts/raw/{SEED}.txt: is a symbolic link — commit the file itself" in done.stderr
    )
    assert "Traceback" not in done.stderr
    assert_quotes_no_secret(done.stdout + done.stderr)


def test_a_linked_folder_of_transcripts_is_not_read(archive_copy, secret):
    """A folder behind a link hands over whatever it points to: nothing beside it is read either."""
    outside = secret.parent / "transcripts"
    outside.mkdir()
    (outside / "leak.txt").write_text("---\nid: leak\n---\n\n" + SECRET, encoding="utf-8")
    folder = archive_copy / "source_texts" / "transcripts"
    shutil.rmtree(folder)
    folder.symlink_to(outside)
    message = problems_of(archive_copy)
    assert message == (
        "1 problem found:\nsource_texts/transcripts: is a symbolic link — commit the file itself "
        "instead of a link to it, or delete the link: the site is made only from files in the repository"
    )


# ---------------------------------------------------------------- 2. links reach site/

LINKS = {  # where a pull request adds a link, and what it points to
    "docs/assets/env.txt": "/proc/self/environ",
    "docs/assets/more": "OUTSIDE",  # a folder
    "scripts/onrecord/theme/partials/leak.html": "SECRET",
    "source_texts/notes.txt": "SECRET",
}


@pytest.mark.parametrize("where", LINKS)
def test_a_link_in_the_site_s_folders_fails_the_build_and_nothing_is_built(
    archive_copy, secret, where
):
    """`ln -s /proc/self/environ docs/assets/env.txt` published the build's environment."""
    target = {"OUTSIDE": secret.parent, "SECRET": secret}.get(LINKS[where], LINKS[where])
    (archive_copy / where).symlink_to(target)
    site = archive_copy / "site"
    done = onrecord(
        archive_copy,
        "build",
        "--site-dir",
        str(site),
        env={"ONRECORD_TEST_TOKEN": "zq7-made-up-secret-41"},
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        f"{where}: is a symbolic link — commit the file itself instead of a link to it"
        in done.stderr
    )
    assert "Traceback" not in done.stderr
    assert not site.exists()
    assert not (archive_copy / "docs" / "transcripts").exists(), (
        "convert wrote pages before the policy stopped it"
    )
    assert_quotes_no_secret(done.stdout + done.stderr)


def test_a_linked_docs_folder_is_never_written_through(archive_copy, tmp_path_factory):
    """Convert writes docs/transcripts/ and deletes what it did not make there: through a link,
    that would be someone's own files."""
    theirs = tmp_path_factory.mktemp("home")
    (theirs / "notes.md").write_text("mine\n")
    (archive_copy / "docs" / "transcripts").symlink_to(theirs)
    done = onrecord(archive_copy, "convert")
    assert done.returncode == 1 and "docs/transcripts: is a symbolic link" in done.stderr
    assert sorted(p.name for p in theirs.iterdir()) == ["notes.md"]


# ---------------------------------------------------------------- 3. YAML bombs and sizes

BOMB = "".join(
    f"x{i}: &a{i} [{', '.join(['lol' if i == 0 else f'*a{i - 1}'] * 9)}]\n" for i in range(10)
)


def test_alias_bomb_in_front_matter_is_refused(archive_copy):
    """Ten nested anchors of nine aliases: a billion values, and a check that ran until killed."""
    path = archive_copy / SEED_FILE
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    line = edit(path, title + "\n", BOMB + "title: *a9\n")
    message = problems_of(archive_copy, check_raw=False)
    assert (
        f"{SEED_FILE}:{line}: YAML anchor '&a0' — delete it and write the value out where it is used"
        in message
    )
    assert (
        f"{SEED_FILE}:{line + 1}: YAML anchor '&a1' (and 9 more anchors, aliases or tags on this line)"
        in message
    )
    assert f"{SEED_FILE}:{line + 10}: YAML alias '*a9' — write the value out in full" in message


def test_alias_bomb_in_a_registry_is_refused(archive_copy):
    path = archive_copy / "source_texts" / "speakers.yml"
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as f:
        f.write(BOMB.replace("x", "- x"))
    message = problems_of(archive_copy, check_raw=False)
    assert f"source_texts/speakers.yml:{line}: YAML anchor '&a0'" in message


@pytest.mark.parametrize("depth", [1_000, 100_000])
@pytest.mark.parametrize("shape", ["[", "{a: ", "- "])
def test_deep_nesting_is_refused(archive_copy, depth, shape):
    """`[` × 1,000 gave a RecursionError traceback, × 100,000 a crash of the C parser."""
    path = archive_copy / SEED_FILE
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    nested = (
        shape * depth + "x" if shape == "- " else shape * depth + "x" + "]}"[shape != "["] * depth
    )
    line = edit(
        path, title + "\n", f"title:\n  {nested}\n" if shape == "- " else f"title: {nested}\n"
    )
    message = problems_of(archive_copy, check_raw=False)
    at = line + 1 if shape == "- " else line
    assert (
        f"{SEED_FILE}:{at}: lists and mappings nested more than {yamlio.MAX_DEPTH} levels deep — "
        in message
    )


def test_the_deepest_nesting_the_schemas_need_is_read():
    """speakers.yml: the list, a speaker, its roles, a role, its labels (5 levels) stays well inside."""
    data, problems = yamlio.load("- id: x\n  roles:\n  - labels: [A]\n", "speakers.yml")
    assert not problems and data[0]["roles"][0]["labels"] == ["A"]
    deep = "[" * yamlio.MAX_DEPTH + "]" * yamlio.MAX_DEPTH
    assert yamlio.load(deep, "f")[1] == []
    assert yamlio.load("[" + deep + "]", "f")[1][0].problem.startswith(
        "lists and mappings nested more than"
    )


def test_tags_and_overlong_numbers_are_problems_not_tracebacks(archive_copy):
    path = archive_copy / SEED_FILE
    line = edit(
        path,
        "location: ",
        "notes:\n- !!binary aGVsbG8=\n- !!python/object/apply:os.getpid []\n"
        f"- {'9' * 5000}\nlocation: ",
    )
    message = problems_of(archive_copy, check_raw=False)
    assert f"{SEED_FILE}:{line + 1}: YAML tag '!!binary'" in message
    assert f"{SEED_FILE}:{line + 2}: YAML tag '!!python/object/apply:os.getpid'" in message
    edit(path, "- !!binary aGVsbG8=\n- !!python/object/apply:os.getpid []\n", "")
    message = problems_of(archive_copy, check_raw=False)
    assert f"{SEED_FILE}:{line + 1}: a number of 5,000 digits — quote it" in message


def test_a_cleaned_transcript_over_the_limit_is_refused_unread(archive_copy):
    path = archive_copy / SEED_FILE
    with path.open("a", encoding="utf-8") as f:
        f.write("\n" + "word " * (validate.MAX_TRANSCRIPT_BYTES // 5) + "\n")
    message = problems_of(archive_copy)
    assert (
        f"{SEED_FILE}: the file is 2.0 MB, over the 2 MB limit for a cleaned transcript — check that nothing "
        "was pasted into it by mistake, or split it"
    ) in message


def test_a_turn_over_the_limit_is_refused(archive_copy):
    """A 50 MB turn passed and built a 50 MB page with 1.26 GB of memory."""
    path = archive_copy / SEED_FILE
    line = edit(path, "[t-002] ", "[t-002] ")
    edit(
        path,
        "[t-002] SECRETARY BLINKEN: ",
        "[t-002] SECRETARY BLINKEN: " + "and " * (validate.MAX_TURN_CHARS // 4),
    )
    message = problems_of(archive_copy)
    assert f"{SEED_FILE}:{line}: turn t-002 is " in message
    assert (
        "characters long, over the limit of 200,000 — check that nothing was pasted into it"
        in message
    )


def test_a_registry_over_the_limit_is_refused_unread(archive_copy):
    path = archive_copy / "source_texts" / "events.yml"
    with path.open("a", encoding="utf-8") as f:
        f.write(("# " + "x" * 1000 + "\n") * (validate.MAX_REGISTRY_BYTES // 1000))
    message = problems_of(archive_copy, check_raw=False)
    assert (
        "source_texts/events.yml: the file is 5.0 MB, over the 5 MB limit for a registry" in message
    )


def test_an_omission_of_a_billion_lines_costs_nothing(archive_copy):
    """Line ranges are counted, never listed: `1-999999999` is as quick as `1-9`."""
    path = archive_copy / SEED_FILE
    edit(
        path,
        "- lines: 1-9\n",
        "- lines: 1-999999999\n  reason: all of it\n" * 49 + "- lines: 1-999999999\n",
    )
    # every raw line omitted: nothing is missing, and every word of the text is one the capture
    # (what is left of it) does not have
    problems = problems_of(archive_copy)
    assert "missing from the transcript" not in problems
    assert "not in the capture" in problems


# ---------------------------------------------------------------- 4. ids of generated pages


@pytest.mark.parametrize(
    "kind, rid, page",
    [
        ("transcript", "year-2022", "transcripts/year-2022.md"),  # the list of 2022's documents
        ("transcript", "year-undated", "transcripts/year-undated.md"),
        ("transcript", "index", "transcripts/index.md"),  # crashed the build in Pagefind
        ("speaker", "index", "speakers/index.md"),
        ("speaker", "all", "feeds/all.xml"),  # the archive's feed
        ("event", "index", "events/index.md"),
    ],
)
def test_an_id_the_site_uses_for_a_page_of_its_own_is_refused(archive_copy, kind, rid, page):
    sources = archive_copy / "source_texts"
    if kind == "transcript":
        path = sources / "transcripts" / f"{rid}.txt"
        path.write_text(
            (sources / "transcripts" / f"{SEED}.txt")
            .read_text(encoding="utf-8")
            .replace(f"id: {SEED}", f"id: {rid}"),
            encoding="utf-8",
        )
        rel, line = f"source_texts/transcripts/{rid}.txt", 2
    else:
        path = sources / ("speakers.yml" if kind == "speaker" else "events.yml")
        line = len(path.read_text(encoding="utf-8").splitlines()) + 2
        with path.open("a", encoding="utf-8") as f:
            f.write(f"\n- id: {rid}\n  name: Someone\n")
        rel = f"source_texts/{path.name}"
    message = problems_of(archive_copy)
    assert (
        f"{rel}:{line}: {kind} id '{rid}' is taken by a page the site makes itself (docs/{page}), which would "
        f"replace this {kind}'s page — choose another id"
    ) in message


# ---------------------------------------------------------------- 5. look-alike characters


def test_look_alike_label_with_a_zero_width_space_is_refused(archive_copy):
    """Blinken's label with U+200B mapped to Stoltenberg rendered Blinken's words under Stoltenberg."""
    path = archive_copy / SEED_FILE
    line = (
        edit(
            path,
            "  SECRETARY BLINKEN: antony-blinken\n",
            '  SECRETARY BLINKEN: antony-blinken\n  "SECRETARY BLINKEN\\u200b": jens-stoltenberg\n',
        )
        + 1
    )
    edit(path, "[t-002] SECRETARY BLINKEN:", "[t-002] SECRETARY BLINKEN\u200b:")
    message = problems_of(archive_copy)
    assert (
        f"{SEED_FILE}:{line}: label 'SECRETARY BLINKEN\\u200b' contains an invisible or direction-changing "
        "character (U+200B ZERO WIDTH SPACE) — delete it"
    ) in message
    assert "\u200b" not in message  # the message shows it, as an escape


@pytest.mark.parametrize(
    "twin, why",
    [
        ("SECRETARY\u00a0BLINKEN", "looks the same as 'SECRETARY BLINKEN'"),  # a no-break space
        (
            "ＳＥＣＲＥＴＡＲＹ BLINKEN",
            "looks the same as 'SECRETARY BLINKEN'",
        ),  # full-width letters
        ("SECRETARY  BLINKEN", "looks the same as 'SECRETARY BLINKEN'"),  # two spaces
        (
            "SECRETАRY BLINKEN",
            "mixes alphabets: 'А' U+0410 CYRILLIC CAPITAL LETTER A among Latin letters",
        ),
    ],
)
def test_look_alike_labels_for_two_speakers_are_refused(archive_copy, twin, why):
    path = archive_copy / SEED_FILE
    line = (
        edit(
            path,
            "  SECRETARY BLINKEN: antony-blinken\n",
            f"  SECRETARY BLINKEN: antony-blinken\n  {twin}: jens-stoltenberg\n",
        )
        + 1
    )
    message = problems_of(archive_copy, check_raw=False)
    assert f"{SEED_FILE}:{line}: label '" in message and why in message, message


def test_look_alike_label_for_the_same_speaker_is_the_same_label(archive_copy):
    path = archive_copy / SEED_FILE
    edit(
        path,
        "  SECRETARY BLINKEN: antony-blinken\n",
        "  SECRETARY BLINKEN: antony-blinken\n  SECRETARY\u00a0BLINKEN: antony-blinken\n",
    )
    archive_io.load_archive(archive_io.Layout(archive_copy))


@pytest.mark.parametrize(
    "file, old, new, what",
    [
        ("speakers.yml", "name: Jens Stoltenberg", 'name: "Jens \\u202eGREBNETLOTS"', "'name'"),
        (
            "speakers.yml",
            "title: Secretary of State",
            'title: "Secretary\\u2066 of State"',
            "'title'",
        ),
        (
            "speakers.yml",
            "labels: [SECRETARY BLINKEN,",
            'labels: ["SECRETARY\\u200dBLINKEN",',
            "label 'SECRETARY\\u200dBLINKEN'",
        ),
        (
            "events.yml",
            "name: Extraordinary meeting",
            'name: "\\u2067Extraordinary meeting',
            "'name'",
        ),
        (
            f"transcripts/{SEED}.txt",
            "title: Secretary Antony",
            'title: "\\u061cSecretary Antony',
            "'title'",
        ),
    ],
)
def test_look_alike_names_roles_and_titles_are_refused(archive_copy, file, old, new, what):
    path = archive_copy / "source_texts" / file
    text = path.read_text(encoding="utf-8")
    line_text = next(line for line in text.splitlines() if old in line)
    new_line = line_text.replace(old, new) + ('"' if new.count('"') % 2 else "")
    line = edit(path, line_text, new_line)
    message = problems_of(archive_copy, check_raw=False)
    assert (
        f"source_texts/{file}:{line}: {what} contains an invisible or direction-changing character (U+"
        in message
    )


# ---------------------------------------------------------------- 6. the build enforces the policy


def test_the_build_refuses_a_snippets_extension_and_nothing_is_built(archive_copy):
    """pymdownx.snippets and `--8<-- "/etc/passwd"` in a page published the file."""
    line = (
        edit(archive_copy / "mkdocs.yml", "  - tables\n", "  - tables\n  - pymdownx.snippets\n") + 1
    )
    with (archive_copy / "docs" / "about.md").open("a", encoding="utf-8") as f:
        f.write('\n--8<-- "/etc/passwd"\n')
    site = archive_copy / "site"
    done = onrecord(archive_copy, "build", "--site-dir", str(site))
    assert done.returncode == 1
    assert (
        f"mkdocs.yml:{line}: Markdown extension 'pymdownx.snippets' is not allowed" in done.stderr
    )
    assert "Traceback" not in done.stderr and not site.exists()


def test_the_build_refuses_a_script_from_another_host_and_nothing_is_built(archive_copy):
    line = (
        edit(
            archive_copy / "mkdocs.yml",
            "  - assets/search.js\n",
            "  - assets/search.js\n  - https://tracker.example/t.js\n",
        )
        + 1
    )
    site = archive_copy / "site"
    done = onrecord(archive_copy, "build", "--site-dir", str(site))
    assert done.returncode == 1
    assert f"mkdocs.yml:{line}: extra_javascript entry is not a file of docs/" in done.stderr
    assert not site.exists()


def test_the_build_refuses_a_python_tag_before_mkdocs_runs_it(archive_copy, tmp_path_factory):
    """MkDocs reads mkdocs.yml with PyYAML's full loader: a `!!python/object/apply` tag is code."""
    marker = tmp_path_factory.mktemp("marker") / "ran"
    line = (
        edit(
            archive_copy / "mkdocs.yml",
            "site_name: On the Record\n",
            f"site_name: On the Record\nextra:\n  x: !!python/object/apply:os.system ['touch {marker}']\n",
        )
        + 2
    )
    site = archive_copy / "site"
    for command in (["build", "--site-dir", str(site)], ["check"]):
        done = onrecord(archive_copy, *command)
        assert done.returncode == 1
        assert f"mkdocs.yml:{line}: YAML tag '!!python/object/apply:os.system'" in done.stderr
    assert not marker.exists() and not site.exists()


@pytest.mark.parametrize(
    "html, what",
    [
        (
            '<script src="https://evil.example/x.js"></script>',
            "a script from https://evil.example/x.js",
        ),
        (
            "<script>navigator.sendBeacon('/x', document.cookie)</script>",
            "an inline script that is not",
        ),
        ('<img src="https://evil.example/p.png">', "<img> loads https://evil.example/p.png"),
        ('<a href="#" onclick="steal()">x</a>', "an event handler (onclick=)"),
        ('<iframe src="https://evil.example/"></iframe>', "a <iframe> element"),
    ],
)
def test_raw_html_in_a_hand_written_page_fails_the_build_and_nothing_is_built(
    archive_copy, html, what
):
    """docs/about.md is Markdown, and Markdown passes raw HTML through: the build itself checks
    what the pages it publishes would run or load, so the CI job that uploads the preview does."""
    (archive_copy / "docs" / "about.md").write_text(
        (archive_copy / "docs" / "about.md").read_text(encoding="utf-8") + f"\n{html}\n",
        encoding="utf-8",
    )
    site = archive_copy / "site"
    done = onrecord(archive_copy, "build", "--site-dir", str(site))
    assert done.returncode == 1
    assert f"about/index.html: the built page has {what}" in done.stderr
    assert not site.exists()


class _Planted:
    """Unpickled, it would touch `marker`: the payload of a cache committed by a pull request."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_committed_convert_cache_is_never_unpickled(archive_copy, tmp_path_factory):
    """The convert cache is pickled, and unpickling runs code: a cache in the checkout is read
    only if this machine's key (outside the checkout) signed it."""
    import pickle

    from onrecord import convert, incremental

    marker = tmp_path_factory.mktemp("marker") / "ran"
    folder = archive_copy / incremental.FOLDER
    folder.mkdir()
    payload = pickle.dumps({"code": incremental.code_version(), "made": _Planted(marker)})
    (folder / "state.pickle").write_bytes(payload)  # as an unsigned cache was written
    for n in range(incremental.SHARDS):  # ...and with a guess at the signature
        (folder / f"records-{n:02d}.pickle").write_bytes(b"\0" * 32 + payload)
    assert not incremental.has_cache(archive_copy)
    assert convert.convert(
        archive_copy
    ).written  # made from nothing: the planted cache was not read
    assert not marker.exists()
    assert incremental.has_cache(archive_copy)  # ...and this machine's own cache is signed and used


# ---------------------------------------------------------------- random front matter

FIELDS = list(validate.TRANSCRIPT_FIELDS)
characters = st.characters(
    codec="utf-8"
)  # every category: letters, marks, format, controls, spaces…
texts = st.text(characters, max_size=40) | st.sampled_from(
    [
        "",
        " ",
        "yes",
        "no",
        "2022-04-06",
        "'2022-04-06'",
        "~",
        "null",
        "1e400",
        "0x1F",
        ".inf",
        "*a",
        "&a x",
        "!!binary x",
        "[",
        "{",
        "- x",
        "? x",
        "a: b",
        "\u202eevil",
        "SECRETARY BLINKEN\u200b",
        "index",
        "year-2022",
        "source_texts/raw/x.txt",
        "/etc/passwd",
        "../../etc/passwd",
        "t-001",
        "1-999999999",
    ]
)
scalars = (
    st.none() | st.booleans() | st.integers() | st.integers(10**300, 10**320) | st.floats() | texts
)
# one long value per file at most, up to past a turn's limit: the size of a file stays bounded
long_values = (
    st.just("") | st.just("") | st.just("") | st.integers(0, 250_000).map(lambda n: "w " * (n // 2))
)


def _nest(value, depth: int, mapping: bool):
    for _ in range(depth):
        value = {"k": value} if mapping else [value]
    return value


values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
) | st.builds(_nest, scalars, st.integers(1, 40), st.booleans())
fronts = st.builds(
    lambda front, key, value: {**front, key: value} if key else front,
    st.dictionaries(st.sampled_from(FIELDS) | texts, values, max_size=10),
    st.none() | st.sampled_from(FIELDS),
    long_values,
)
SNIPPETS = [
    "x: &a [1, 2]",
    "y: *a",
    "z: !!set {a, b}",
    "t: !!timestamp 2001-12-14",
    "- - - - x",
    "{" * 30,
    "[" * 25 + "]" * 25,
    "? [a, b]\n: c",
    "<<: {a: 1}",
    "k: 'unterminated",
    "\tk: tab",
    "k: |\n  block",
    "k: >-\n  folded",
    "%YAML 1.1",
    "--- !!str",
    "k: \x85",
    "k: \ud7ff",
    "\ufeffk: v",
    "k: v # comment",
]
raw_fronts = st.lists(st.sampled_from(SNIPPETS) | texts.map(lambda s: f"key: {s}"), max_size=8).map(
    "\n".join
)
bodies = st.builds(
    lambda turns, long: [*turns, "[t-004 antony-blinken] " + long],
    st.lists(
        st.sampled_from(
            [
                "[t-001] SECRETARY BLINKEN: Thank you.",
                "[t-002 antony-blinken] Yes.",
                "[t-٠٠١] x",
                "no anchor",
                "[t-003] UNKNOWN: hi",
                "",
            ]
        )
        | texts,
        max_size=5,
    ),
    long_values,
)
# a whole-document problem has no line of its own: its capture's words, its size (words of the
# capture missing from a text with no words left: there is no line to point at)
WHOLE_DOCUMENT = (
    "missing from the transcript",
    "more passages differ",
    "over the 2 MB limit",
)
# the most memory a check of one file may take, from the limits: 16 times the largest file they
# let in (such a file, 2 MB of turns, is checked in 15 MB); an alias bomb, or a file read past
# its limit, takes without end
MEMORY_BOUND = 16 * validate.MAX_TRANSCRIPT_BYTES


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    """The shipped registries and captures, and no transcript: the check reads the one generated."""
    base = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(Path(__file__).resolve().parents[1] / "source_texts", base / "source_texts")
    shutil.rmtree(base / "source_texts" / "transcripts")
    (base / "source_texts" / "transcripts").mkdir()
    return base


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(
    front=fronts,
    raw_front=raw_fronts,
    use_raw=st.booleans(),
    flow=st.booleans(),
    body=bodies,
    oversize=st.integers(0, 9).map(lambda n: n == 0),
)
def test_random_front_matter_passes_or_gets_located_problems(
    fuzz_root, front, raw_front, use_raw, flow, body, oversize
):
    if use_raw:
        head = raw_front
    else:
        head = yaml.safe_dump(
            front, allow_unicode=True, default_flow_style=flow, sort_keys=False, width=80
        )
    text = f"---\n{head}\n---\n\n" + "\n\n".join(body) + "\n"
    if oversize:  # just past the limit: refused before it is read
        text += "#" * max(0, validate.MAX_TRANSCRIPT_BYTES + 1 - len(text.encode("utf-8")))
    path = fuzz_root / "source_texts" / "transcripts" / "fuzz.txt"
    path.write_text(text, encoding="utf-8")
    tracemalloc.start()
    try:
        archive_io.load_archive(archive_io.Layout(fuzz_root))
        problems = []
    except ValidationError as exc:
        problems = exc.problems
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < MEMORY_BOUND, f"the check took {peak / 2**20:.0f} MB"
    for p in problems:
        assert p.path == "source_texts/transcripts/fuzz.txt", p
        assert p.problem.strip() and p.fix.strip() and "\n" not in str(p), p
        if p.line is None:
            assert any(w in p.problem for w in WHOLE_DOCUMENT), p
    if oversize:
        assert [p.problem for p in problems] == [
            "the file is 2.0 MB, over the 2 MB limit for a cleaned transcript"
        ]
