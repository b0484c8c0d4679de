"""Reading the archive from disk: the only module of the read side that does I/O.

    source_texts/
      raw/<id>.txt            captures exactly as obtained (never edited)
      transcripts/<id>.txt    cleaned transcripts (corrected by pull request)
      speakers.yml            who speaks: names, roles over time, label variants
      events.yml              meetings, press conferences and the events that contain them
"""
from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from . import cleaned, parallel, validate, yamlio
from .errors import Collector, InputError
from .records import Archive, Event, Speaker


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "source_texts"

    @property
    def raw_dir(self) -> Path:
        return self.sources / "raw"

    @property
    def transcripts_dir(self) -> Path:
        return self.sources / "transcripts"

    @property
    def speakers_file(self) -> Path:
        return self.sources / "speakers.yml"

    @property
    def events_file(self) -> Path:
        return self.sources / "events.yml"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.resolve().relative_to(self.root.resolve()).as_posix()


def find_root(start: Path | None = None) -> Path:
    """The archive root: $ONRECORD_ROOT, else the nearest folder up with source_texts/ and mkdocs.yml,
    else the checkout this package was installed from."""
    if os.environ.get("ONRECORD_ROOT"):
        return Path(os.environ["ONRECORD_ROOT"])
    for folder in [(start or Path.cwd()).resolve(), *(start or Path.cwd()).resolve().parents]:
        if (folder / "source_texts").is_dir() and (folder / "mkdocs.yml").is_file():
            return folder
    return Path(__file__).resolve().parents[2]


def read_text(path: Path, rel: str | None = None) -> str:
    """UTF-8 text of a hand-edited file; a broken byte is reported with its line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(rel or path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                         "save the file as UTF-8") from None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_registries(layout: Layout, out: Collector) -> tuple[dict[str, Speaker], dict[str, Event]]:
    found = []
    for path, build in ((layout.speakers_file, validate.speakers_from), (layout.events_file, validate.events_from)):
        rel = layout.rel(path)
        if not path.exists():
            out.add(rel, None, "file is missing", f"create {rel} (a YAML list, may be empty: [])")
            found.append({})
            continue
        try:
            data, problems = yamlio.load(read_text(path, rel), rel)
        except InputError as exc:
            out.extend([exc.problem])
            found.append({})
            continue
        out.extend(problems)
        found.append(build(data if data is not None else [], rel, out))
    return found[0], found[1]


def _check_nothing_lost(layout: Layout, raw: Path, t, text: str, out: Collector) -> None:
    check_nothing_lost(raw.read_bytes(), t, text, out)


def check_nothing_lost(raw_bytes: bytes, t, text: str, out: Collector) -> None:
    """Every word of the capture is in the cleaned text `text`, omitted with a reason, or removed
    by a correction (also run by `onrecord import` on a draft before it is written)."""
    from .ingest import decode
    try:
        raw_text, _ = decode.decode(raw_bytes, t.raw)
    except InputError as exc:
        out.extend([exc.problem])
        return
    if decode.looks_like_html(raw_text):
        from .ingest import html  # imports an HTML parser: only for captures that need it
        raw_text = html.html_to_text(raw_text)
    body = text.split("\n---", 2)[-1] if text.startswith("---") else text
    body = body.split("\n", 1)[1] if "\n" in body else ""
    missing = validate.missing_words(raw_text, t, body)
    if missing:
        sample = ", ".join(f"'{w}'" + (f" ×{n}" if n > 1 else "") for w, n in missing.most_common(8))
        out.add(t.path, None, f"{sum(missing.values())} word(s) of the capture are missing from the transcript "
                f"({sample})", "put them back; if they are not speech, record their raw lines under "
                "'omitted:'; if a correction removes them, say so in its 'removed:' field")


@dataclass(frozen=True)
class Known:
    """A transcript file already read and checked, and the file states it was read from."""
    stamp: tuple  # (size, mtime_ns) of the cleaned file and of its raw capture
    digest: str  # of the cleaned file's bytes
    record: object  # the Transcript


def _stamp(path: Path | str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def _read_transcript(layout: Layout, check_raw: bool, name: str) -> tuple["Known | None", list]:
    """One cleaned transcript read and checked: its record (None if it does not validate) and
    the problems found."""
    out = Collector()
    path = layout.transcripts_dir / name
    rel = f"{layout.rel(layout.transcripts_dir)}/{name}"
    try:
        text = read_text(path, rel)
    except InputError as exc:
        return None, [exc.problem]
    t = validate.transcript_from(cleaned.split(text, rel), rel, out)
    if t is None:
        return None, out.problems
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if check_raw:
        raw = layout.root / t.raw
        if not t.raw or not raw.is_file():
            out.add(rel, None, f"raw capture '{t.raw}' not found",
                    "keep the capture under source_texts/raw/ and point 'raw:' at it")
        elif t.raw_sha256 and sha256(raw) != t.raw_sha256:
            out.add(t.raw, None, "the raw capture differs from the one this transcript was made from",
                    "raw captures are never edited: restore it, and correct the cleaned transcript instead")
        else:
            _check_nothing_lost(layout, raw, t, text, out)
    t.counts()  # derived once, kept with the record in the convert cache
    return Known((_stamp(path), _stamp(layout.root / t.raw)), digest, t), out.problems


def load_archive(layout: Layout, check_raw: bool = True, known: dict | None = None) -> Archive:
    """Read and validate everything; raises ValidationError listing every problem.

    `known` (updated in place) lets a rerun skip files unchanged since they were last read and
    checked: a correction to one transcript reads one transcript."""
    out = Collector()
    fresh: dict[str, object] = {}
    stamps = (_stamp(layout.speakers_file), _stamp(layout.events_file))
    previous_registries = (known or {}).get("::registries")
    if previous_registries and previous_registries[0] == stamps:
        speakers, events = previous_registries[1], previous_registries[2]
        fresh["::registries"] = previous_registries
    else:
        speakers, events = load_registries(layout, out)
        fresh["::registries"] = (stamps, speakers, events)
    transcripts = []
    digests: dict[str, str] = {}
    folder = layout.transcripts_dir
    prefix = layout.rel(folder)
    names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".txt")) if folder.is_dir() else []
    slots: list = []  # in file order: a Known record, or the name of a file to read
    pending: list[str] = []
    for name in names:  # strings, not Paths: at 10,000 files Path arithmetic alone costs 0.3 s
        rel = f"{prefix}/{name}"
        previous = (known or {}).get(rel)
        if isinstance(previous, Known) and check_raw:
            stamp = (_stamp(f"{folder}/{name}"), _stamp(f"{layout.root}/{previous.record.raw}"))
            if previous.stamp == stamp:
                slots.append(previous)
                fresh[rel] = previous
                continue
        slots.append(name)
        pending.append(name)
    # reading and checking a file is independent of the others: on every core when there are many
    results = dict(zip(pending, parallel.fork_map(functools.partial(_read_transcript, layout, check_raw), pending)))
    for slot in slots:
        if isinstance(slot, Known):
            transcripts.append(slot.record)
            digests[slot.record.id] = slot.digest
            continue
        found, problems = results[slot]
        out.extend(problems)
        if found is not None:
            transcripts.append(found.record)
            digests[found.record.id] = found.digest
            fresh[f"{prefix}/{slot}"] = found
    validate.cross_check(transcripts, speakers, events, out)
    out.raise_if_any()
    if known is not None and not out.problems:
        known.clear()
        known.update(fresh)
    read = sum(1 for key, value in fresh.items() if (known or {}).get(key) is not value)
    return Archive(tuple(transcripts), speakers, events, digests, read)
