"""Reading the archive from disk: the only module of the read side that does I/O.

source_texts/
  raw/<id>.txt            captures exactly as obtained (never edited)
  transcripts/<id>.txt    cleaned transcripts (corrected by pull request)
  speakers.yml            who speaks: names, roles over time, label variants
  events.yml              meetings, press conferences and the events that contain them
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from . import cleaned, parallel, policy, validate, yamlio
from .errors import Collector, InputError, Problem
from .incremental import Cache, Known, stamp
from .records import Archive, Event, Speaker, Transcript


@dataclass(frozen=True)
class Layout:
    root: Path
    docs_dir: str = "docs"  # mkdocs.yml's docs_dir

    @classmethod
    def of(cls, root: Path) -> Layout:
        """The layout of the project at `root`, with the folders mkdocs.yml names."""
        from . import settings

        return cls(root, settings.load(root).docs_dir)

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
        return self.root / self.docs_dir

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


def read_text(
    path: Path,
    rel: str | None = None,
    limit: int = validate.MAX_TRANSCRIPT_BYTES,
    what: str = "a cleaned transcript",
) -> str:
    """UTF-8 text of a hand-edited file, read only if it is a plain file within `limit`; a
    broken byte is reported with its line."""
    data = policy.read_file(path, str(rel or path), limit, what)
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            rel or path,
            line,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            "save the file as UTF-8",
        ) from None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _registry(layout: Layout, path: Path, out: Collector) -> object | None:
    """A registry's parsed YAML: None when it is missing or unreadable (the problem noted)."""
    rel = layout.rel(path)
    if not path.exists():
        out.add(rel, None, "file is missing", f"create {rel} (a YAML list, may be empty: [])")
        return None
    try:
        data, problems = yamlio.load(
            read_text(path, rel, validate.MAX_REGISTRY_BYTES, "a registry"), rel
        )
    except InputError as exc:
        out.extend([exc.problem])
        return None
    out.extend(problems)
    return data


@dataclass(frozen=True)
class Registries:
    speakers: dict[str, Speaker]
    events: dict[str, Event]
    unread: frozenset[str]  # the registries that could not be read ('speakers', 'events')


def read_registries(layout: Layout, out: Collector) -> Registries:
    """Both registries, and which could not be read: a reference into an unreadable registry is
    not reported as unknown (each would be a follow-on of the one problem that file has)."""
    speakers_data = _registry(layout, layout.speakers_file, out)
    events_data = _registry(layout, layout.events_file, out)
    return Registries(
        validate.speakers_from(
            speakers_data if speakers_data is not None else [],
            layout.rel(layout.speakers_file),
            out,
        ),
        validate.events_from(
            events_data if events_data is not None else [], layout.rel(layout.events_file), out
        ),
        frozenset(
            name
            for name, data in (("speakers", speakers_data), ("events", events_data))
            if data is None
        ),
    )


def load_registries(layout: Layout, out: Collector) -> tuple[dict[str, Speaker], dict[str, Event]]:
    registries = read_registries(layout, out)
    return registries.speakers, registries.events


def check_nothing_lost(
    raw_bytes: bytes, t: Transcript, split: cleaned.SplitFile, out: Collector
) -> None:
    """Every word of the capture is in the cleaned text (`split`), omitted with a reason, or
    removed by a correction (also run by `onrecord import` on a draft before it is written)."""
    from .ingest.decode import capture_text

    try:
        raw_text, _ = capture_text(raw_bytes, t.raw)
    except InputError as exc:
        out.extend([exc.problem])
        return
    passages = validate.unexplained(validate.word_diff(raw_text, t, split.blocks), t)
    for p in passages[:MAX_PASSAGES]:
        out.add(t.path, p.line, *passage_problem(p, t))
    if len(passages) > MAX_PASSAGES:
        out.add(
            t.path,
            passages[MAX_PASSAGES].line,
            f"{len(passages) - MAX_PASSAGES} more passages differ from the capture "
            f"{t.raw} after these",
            "compare the cleaned text with the capture: was the wrong capture named in 'raw:'?",
        )


MAX_PASSAGES = 20  # passages reported one by one for one transcript; a wrong capture has hundreds
_WORDS_SHOWN = 40


def _quoted(p: validate.Passage) -> str:
    words = p.text.split(" ") if p.text else list(p.words)
    if len(words) <= _WORDS_SHOWN:
        return f"“{' '.join(words)}”"
    return f"“{' '.join(words[:_WORDS_SHOWN])} …” ({len(words) - _WORDS_SHOWN} words more)"


def passage_problem(p: validate.Passage, t: Transcript) -> tuple[str, str]:
    """(problem, fix) for a passage in which the cleaned text differs from its capture."""
    count = f"{len(p.words)} word{'s' if len(p.words) != 1 else ''}"
    where = f" in turn {p.turn}" if p.turn else ""
    raw = f"{t.raw} line {p.raw_line}" if p.raw_line else t.raw
    if p.kind == validate.REMOVED:
        return (
            f"{count} of the capture ({raw}) missing from the transcript{where}: {_quoted(p)}",
            "put them back; if they are not speech, record the capture's line under 'omitted:' "
            f"('- lines: {p.raw_line or 'N'}' and a reason); if a correction removes them, say "
            "so in its 'removed:' field",
        )
    fix = (
        f"if the capture lacks words that were said (the official text has them), add a "
        f"correction entry naming the turn (turns: [{p.turn}]) and its source; otherwise "
        "delete them"
        if p.turn
        else "if the capture lacks words the article has, add a correction entry saying so, "
        "with its source; otherwise delete them"
    )
    return (f"{count}{where} not in the capture ({raw}): {_quoted(p)}", fix)


def _raw_problem(layout: Layout, raw: str) -> tuple[str, str] | None:
    """Why the capture `raw` (a path validate accepted: source_texts/raw/FILE) may not be read,
    as (problem, fix), or None. A capture is read and its words may be quoted in a message, so
    it must be a plain file reached through no link: then it is nothing but a capture."""
    from .ingest import decode  # the importer's size limit for a capture

    path = layout.root / raw
    for part in (layout.sources, layout.raw_dir, path):
        try:
            st = os.lstat(part)
        except FileNotFoundError:
            return (
                f"raw capture '{raw}' not found",
                "keep the capture under source_texts/raw/ and point 'raw:' at it",
            )
        if stat.S_ISLNK(st.st_mode):
            return (
                f"raw capture '{raw}' is reached through a symbolic link ({layout.rel(part)})",
                "commit the capture itself under source_texts/raw/, not a link",
            )
    if not stat.S_ISREG(st.st_mode):
        return (
            f"raw capture '{raw}' is not a plain file",
            "keep the capture as a file under source_texts/raw/",
        )
    if st.st_size > decode.MAX_BYTES:
        return (
            f"raw capture '{raw}' is over the importer's {decode.MAX_BYTES // 2**20} MB limit",
            "keep the capture of the transcript's page only",
        )
    return None


def _read_transcript(
    layout: Layout, check_raw: bool, name: str
) -> tuple[Known | None, list[Problem]]:
    """One cleaned transcript read and checked: its record with the stamps of the files it was
    read from (None if it does not validate), and the problems found."""
    out = Collector()
    path = layout.transcripts_dir / name
    rel = f"{layout.rel(layout.transcripts_dir)}/{name}"
    try:
        text = read_text(path, rel)
    except InputError as exc:
        return None, [exc.problem]
    split = cleaned.split(text, rel)
    t = validate.transcript_from(split, rel, out)
    if t is None:
        return None, out.problems
    t = dataclasses.replace(t, digest=hashlib.sha256(text.encode("utf-8")).hexdigest())
    if check_raw and t.raw and validate.RAW_PATH.match(t.raw):  # else validate said what is wrong
        raw = layout.root / t.raw
        line = split.front.line_of("raw") if isinstance(split.front, yamlio.LineDict) else None
        refused = _raw_problem(layout, t.raw)
        if refused:
            out.add(rel, line, *refused)
        elif t.raw_sha256 and sha256(raw) != t.raw_sha256:
            out.add(
                t.raw,
                None,
                "the raw capture differs from the one this transcript was made from",
                "raw captures are never edited: restore it, and correct the cleaned transcript instead",
            )
        else:
            check_nothing_lost(raw.read_bytes(), t, split, out)
    t.counts()  # derived once, pickled with the record in the convert cache
    raw_stamp = stamp(layout.root / t.raw) if validate.RAW_PATH.match(t.raw) else None
    return Known((stamp(path), raw_stamp), t), out.problems


def read(
    layout: Layout, cache: Cache | None = None, check_raw: bool = True
) -> tuple[Archive, Cache]:
    """Read and validate everything; raises ValidationError listing every problem.

    Files that `cache` knows unchanged (same size and modification time, for the cleaned file and
    its raw capture) are taken from it: a correction to one transcript reads one transcript.
    Returns the archive and the cache updated with what was read."""
    cache = cache or Cache()
    out = Collector()
    # nothing is read from a tree with a link in it, not even the files beside it: a linked
    # folder would hand over whatever it points to, and messages quote what they read
    out.extend(policy.links(layout.root, [layout.sources]))
    out.raise_if_any()
    stamps = (stamp(layout.speakers_file), stamp(layout.events_file))
    if cache.registries is not None and cache.registries.stamps == stamps:
        registries = cache.registries
    else:
        registries = Known(stamps, read_registries(layout, out))
    speakers, events = registries.value.speakers, registries.value.events
    folder = layout.transcripts_dir
    prefix = layout.rel(folder)
    names = (
        sorted(
            e.name
            for e in os.scandir(folder)
            if e.name.endswith(".txt") and e.is_file(follow_symlinks=False)
        )
        if folder.is_dir()
        else []
    )
    known: dict[str, Known] = {}
    pending: list[str] = []
    for name in names:  # strings, not Paths: at 10,000 files Path arithmetic alone costs 0.3 s
        previous = cache.files.get(f"{prefix}/{name}") if check_raw else None
        if previous is not None and previous.stamps == (
            stamp(f"{folder}/{name}"),
            stamp(f"{layout.root}/{previous.value.raw}"),
        ):
            known[f"{prefix}/{name}"] = previous
        else:
            pending.append(name)
    # reading and checking a file is independent of the others: on every core when there are many
    read = parallel.fork_map(functools.partial(_read_transcript, layout, check_raw), pending)
    for name, (found, problems) in zip(pending, read, strict=True):
        out.extend(problems)
        if found is not None:
            known[f"{prefix}/{name}"] = found
    transcripts = tuple(
        known[f"{prefix}/{name}"].value for name in names if f"{prefix}/{name}" in known
    )
    validate.cross_check(transcripts, speakers, events, out, unread=registries.value.unread)
    out.extend(
        validate.drafts(
            speakers, events, layout.rel(layout.speakers_file), layout.rel(layout.events_file)
        )
    )
    out.raise_if_any()
    archive = Archive(transcripts, speakers, events, read=len(pending))
    return archive, dataclasses.replace(
        cache, registries=registries, files={k: known[k] for k in sorted(known)}
    )


def load_archive(layout: Layout, check_raw: bool = True) -> Archive:
    """Read and validate everything, with nothing known from an earlier run."""
    return read(layout, None, check_raw)[0]
