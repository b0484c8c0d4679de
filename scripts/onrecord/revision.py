"""The archive as a git revision holds it, and as the working tree holds it: the two sides of a
review (onrecord review BASE).

A revision is read with git plumbing (`git ls-tree`, `git cat-file --batch`), never checked out,
into the same records as `check` reads from disk (cleaned.split, validate): what the review
compares is what the site would publish. A side that does not validate is still read as far as
it goes; its problems are kept for the review to mention (`check` is the one that lists them).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import archive, cleaned, policy, validate, yamlio
from .errors import Collector, InputError, OnrecordError, Problem
from .ingest import decode
from .records import Event, Speaker, Transcript

TRANSCRIPTS = "source_texts/transcripts/"
RAW = "source_texts/raw/"
SPEAKERS = "source_texts/speakers.yml"
EVENTS = "source_texts/events.yml"


@dataclass(frozen=True)
class Document:
    """One cleaned transcript with the lines a review points at."""

    transcript: Transcript
    field_lines: dict[str, int]  # line of each front-matter field
    label_lines: dict[str, int]  # line of each label under speakers:
    front_line: int = 2  # the first line of the front matter


@dataclass(frozen=True)
class Snapshot:
    """The archive on one side of a review."""

    name: str  # 'origin/main', or 'the working tree'
    documents: dict[str, Document]  # by the cleaned file's path
    speakers: dict[str, Speaker]
    events: dict[str, Event]
    raw: dict[str, str]  # capture path -> git blob id of its bytes
    problems: tuple[Problem, ...] = ()
    unreadable: frozenset[str] = field(default_factory=frozenset)  # transcripts not read
    commit: str | None = None  # None: the working tree


def blob_id(data: bytes) -> str:
    """The id git gives these bytes as a file: equal ids, equal bytes, on either side."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _text(data: bytes, rel: str) -> str:
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(rel, line, "not valid UTF-8", "save the file as UTF-8") from None


def document(text: str, rel: str, out: Collector) -> Document | None:
    """A cleaned transcript's record and lines, read as `check` reads it (no raw capture)."""
    split = cleaned.split(text, rel)
    t = validate.transcript_from(split, rel, out)
    if t is None:
        return None
    front = split.front if isinstance(split.front, yamlio.LineDict) else yamlio.LineDict()
    speakers = front.get("speakers")
    labels = speakers.key_lines if isinstance(speakers, yamlio.LineDict) else {}
    return Document(t, dict(front.key_lines), dict(labels), front.line or 2)


def _registries(
    speakers_text: str | None, events_text: str | None, out: Collector
) -> tuple[dict[str, Speaker], dict[str, Event]]:
    def parsed(text: str | None, rel: str) -> object:
        if text is None:
            return []
        data, problems = yamlio.load(text, rel)
        out.extend(problems)
        return data if data is not None else []

    return (
        validate.speakers_from(parsed(speakers_text, SPEAKERS), SPEAKERS, out),
        validate.events_from(parsed(events_text, EVENTS), EVENTS, out),
    )


def _snapshot(
    name: str, files: dict[str, bytes], raw: dict[str, str], out: Collector, commit: str | None
) -> Snapshot:
    """A side of the review from its files' bytes (cleaned transcripts and registries)."""
    documents: dict[str, Document] = {}
    unreadable = set()
    texts: dict[str, str] = {}
    for rel, data in sorted(files.items()):
        try:
            texts[rel] = _text(data, rel)
        except InputError as exc:
            out.extend([exc.problem])
            unreadable.add(rel)
    speakers, events = _registries(texts.pop(SPEAKERS, None), texts.pop(EVENTS, None), out)
    for rel, text in texts.items():
        found = document(text, rel, out)
        if found is None:
            unreadable.add(rel)
        else:
            documents[rel] = found
    return Snapshot(
        name, documents, speakers, events, raw, tuple(out.problems), frozenset(unreadable), commit
    )


def _is_transcript(rel: str) -> bool:
    return (
        rel.startswith(TRANSCRIPTS) and rel.endswith(".txt") and "/" not in rel[len(TRANSCRIPTS) :]
    )


# ---------------------------------------------------------------- a git revision


def _git(root: Path, args: list[str], stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise OnrecordError("git is not installed: a review reads the base with git") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OnrecordError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def commit_of(root: Path, revision: str) -> str:
    """The commit `revision` names, or an error saying how to get it."""
    if not revision or revision.startswith("-"):
        raise OnrecordError(f"{revision!r} is not a git revision — name a branch or a commit")
    branch = revision.removeprefix("origin/") if revision.startswith("origin/") else "main"
    try:
        return (
            _git(root, ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"])
            .decode()
            .strip()
        )
    except OnrecordError:
        raise OnrecordError(
            f"no commit '{revision}' in this repository — fetch it first "
            f"(git fetch origin {branch}), or name a commit or branch that exists here"
        ) from None


def _blobs(root: Path, ids: list[str]) -> list[bytes]:
    """The contents of the blobs `ids`, in one `git cat-file --batch`."""
    if not ids:
        return []
    out = _git(root, ["cat-file", "--batch"], ("\n".join(ids) + "\n").encode())
    found, at = [], 0
    for _ in ids:
        end = out.index(b"\n", at)
        size = int(out[at:end].split()[2])
        found.append(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1
    return found


def at_revision(root: Path, revision: str) -> Snapshot:
    """The archive as the commit `revision` holds it (paths relative to `root`)."""
    commit = commit_of(root, revision)
    listing = _git(root, ["ls-tree", "-r", "-z", commit, "--", "source_texts"])
    wanted: dict[str, str] = {}
    raw: dict[str, str] = {}
    for entry in filter(None, listing.decode("utf-8", "surrogateescape").split("\0")):
        meta, rel = entry.split("\t", 1)
        _mode, kind, oid = meta.split()
        if kind != "blob":
            continue
        if rel.startswith(RAW) and "/" not in rel[len(RAW) :]:
            raw[rel] = oid
        elif _is_transcript(rel) or rel in (SPEAKERS, EVENTS):
            wanted[rel] = oid
    names = sorted(wanted)
    files = dict(zip(names, _blobs(root, [wanted[n] for n in names]), strict=True))
    return _snapshot(revision, files, raw, Collector(), commit)


# ---------------------------------------------------------------- the working tree


def working_tree(root: Path) -> Snapshot:
    """The archive as the files on disk hold it, read with the limits `check` applies."""
    layout = archive.Layout(root)
    out = Collector()
    files: dict[str, bytes] = {}
    for path, limit in (
        (layout.speakers_file, validate.MAX_REGISTRY_BYTES),
        (layout.events_file, validate.MAX_REGISTRY_BYTES),
    ):
        if path.exists():
            files[layout.rel(path)] = _read(path, layout.rel(path), limit, "a registry", out)
    for name in _names(layout.transcripts_dir):
        if name.endswith(".txt"):
            rel = TRANSCRIPTS + name
            files[rel] = _read(
                layout.transcripts_dir / name,
                rel,
                validate.MAX_TRANSCRIPT_BYTES,
                "a cleaned transcript",
                out,
            )
    raw = {
        RAW + name: blob_id(
            _read(layout.raw_dir / name, RAW + name, decode.MAX_BYTES, "a capture", out)
        )
        for name in _names(layout.raw_dir)
    }
    return _snapshot("the working tree", files, raw, out, None)


def _names(folder: Path) -> list[str]:
    return sorted(e.name for e in os.scandir(folder) if not e.is_dir()) if folder.is_dir() else []


def _read(path: Path, rel: str, limit: int, what: str, out: Collector) -> bytes:
    try:
        return policy.read_file(path, rel, limit, what)
    except InputError as exc:
        out.extend([exc.problem])
        return b""


def raw_bytes(root: Path, snapshot: Snapshot, rel: str) -> bytes:
    """A capture's bytes on one side (to show where two versions part)."""
    if snapshot.commit is None:
        return _read(root / rel, rel, decode.MAX_BYTES, "a capture", Collector())
    return _blobs(root, [snapshot.raw[rel]])[0]


def first_difference(root: Path, base: Snapshot, head: Snapshot, rel: str) -> int:
    """The first line at which the capture `rel` differs between the two sides."""
    old = raw_bytes(root, base, rel).split(b"\n")
    new = raw_bytes(root, head, rel).split(b"\n")
    differ = (n for n, (a, b) in enumerate(zip(old, new, strict=False), start=1) if a != b)
    return next(differ, min(len(old), len(new)) + 1)
