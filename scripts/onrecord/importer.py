"""`onrecord import` and `extract`: the I/O around ingest.extract."""

from __future__ import annotations

from pathlib import Path

from . import archive, cleaned, draft, validate, yamlio
from .errors import Collector, InputError, Problem
from .ingest import decode
from .ingest.extract import Extraction, extract
from .registry import Registry
from .writing import atomic_write


def load_registry(root: Path | None = None) -> Registry:
    layout = archive.Layout(root or archive.find_root())
    out = Collector()
    speakers, _ = archive.load_registries(layout, out)
    out.raise_if_any()
    return Registry(speakers)


def read_capture(
    path: Path, url: str | None = None, registry: Registry | None = None
) -> Extraction:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            path, None, f"cannot read the file ({exc.strerror})", "check the path"
        ) from None
    text, notes = decode.capture_text(data, str(path))
    x = extract(text, registry or load_registry(), url)
    x.notes[:0] = notes
    return x


def report(x: Extraction, path: Path) -> str:
    out = [f"{path}: {x.kind}"]
    for label, value, source in (
        ("title", x.title, x.title_source),
        ("date", x.date, x.date_source),
        ("place", x.location, x.location_source),
    ):
        out.append(
            f"  {label:6} {value if value else '(not stated)'}"
            + (f"   [{source}]" if value else "")
        )
    if x.turns:
        out.append(f"  turns  {len(x.turns)}:")
        for t in x.turns:
            first = t.paragraphs[0][:60] if t.paragraphs else ""
            out.append(f"    line {t.line:4}  {t.speaker or '?':28} {first}")
    if x.quotes:
        out.append(f"  quotes {len(x.quotes)}:")
        for q in x.quotes:
            out.append(f"    {q.speaker or '?':28} “{q.text[:60]}”")
    if x.removed:
        out.append("  removed (not speech):")
        for start, end, reason, part in x.removed:
            where = f"lines {start}-{end}" if start != end else f"line {start}"
            out.append(
                f"    {where}: {reason}" + (f" (the part '{part.strip()[:50]}')" if part else "")
            )
    for title, items in (
        ("inferred", x.inferred),
        ("could not decide", x.undecided),
        ("seen but not used", x.not_used),
        ("notes", x.notes),
    ):
        if items:
            out.append(f"  {title}:")
            out.extend(f"    - {i}" for i in items)
    return "\n".join(out)


def check_draft(
    layout: archive.Layout, d: draft.Draft, raw_bytes: bytes, rel: str
) -> tuple[Problem, ...]:
    """The checks `onrecord check` runs, on the draft before anything is written: it reads back
    as a valid cleaned file, no word of the capture is lost, and every speaker and event it
    names is known (the registry, with the draft's own additions). Raises what would fail them.

    One rule of check the draft does not meet, by design: the speakers it adds to speakers.yml
    are marked `draft: true` until someone completes them (a name read off a label is a guess,
    and the roles are unknown). Those problems are returned, as check will print them once the
    entries are appended: import says what to complete, and nothing else stands in the way."""
    out = Collector()
    pending: list[Problem] = []
    split = cleaned.split(d.text, rel)
    t = validate.transcript_from(split, rel, out)
    if t is not None:
        archive.check_nothing_lost(raw_bytes, t, split, out)
        speakers, events = archive.load_registries(layout, out)
        addition = draft.registry_addition(d.new_speakers)
        if addition:
            path = layout.rel(layout.speakers_file)
            # read where it will stand: after the file's last line, as importing appends it
            first = _text_of(layout.speakers_file).count("\n") + 1
            data, problems = yamlio.load(addition, path, first_line=first)
            out.extend(problems)
            added = validate.speakers_from(data or [], path, out)
            pending = validate.drafts(added, {}, path, layout.rel(layout.events_file))
            speakers = {**speakers, **added}
        validate.cross_check([t], speakers, events, out)
    out.raise_if_any()
    return tuple(pending)


def _text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def import_capture(
    raw: Path,
    url: str | None = None,
    tid: str | None = None,
    force: bool = False,
    root: Path | None = None,
) -> tuple[Extraction, draft.Draft, list[Path], tuple[Problem, ...]]:
    """Keep the capture, write the cleaned draft and registry drafts: all or nothing. Returns
    what was read and written, and what `onrecord check` will ask to be completed (the draft
    speakers added, see check_draft): with nothing there, the import passes check as written."""
    layout = archive.Layout(root or archive.find_root())
    registry = load_registry(layout.root)
    x = read_capture(raw, url, registry)
    if not x.turns and not x.quotes:
        raise InputError(
            raw,
            None,
            "no speech found: no speaker turns and no attributed quotes",
            "check that this is a transcript or an article quoting someone",
        )
    tid = tid or draft.suggest_id(x, url)
    if not validate.SLUG.match(tid):
        raise InputError(
            raw, None, f"id {tid!r} is not a slug", "pass --id with lower-case words and hyphens"
        )
    data = raw.read_bytes()
    suffix = ".html" if decode.looks_like_html(decode.decode(data, str(raw))[0]) else ".txt"
    raw_target = layout.raw_dir / f"{tid}{suffix}"
    clean_target = layout.transcripts_dir / f"{tid}.txt"
    if clean_target.exists() and not force:
        raise InputError(
            layout.rel(clean_target),
            None,
            "a cleaned transcript with this id exists (maybe reviewed)",
            "choose another --id, or pass --force to replace it",
        )
    if raw_target.exists() and raw_target.read_bytes() != data and not force:
        raise InputError(
            layout.rel(raw_target),
            None,
            "a different raw capture with this id exists",
            "choose another --id",
        )
    d = draft.build(x, data, layout.rel(layout.raw_dir) + f"/{tid}{suffix}", tid, url, registry)
    to_complete = check_draft(layout, d, data, layout.rel(clean_target))
    written = []
    for target, content in ((raw_target, data), (clean_target, d.text.encode("utf-8"))):
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, content)
        written.append(target)
    addition = draft.registry_addition(d.new_speakers)
    if addition:
        with layout.speakers_file.open("a", encoding="utf-8") as f:
            f.write(addition)
        written.append(layout.speakers_file)
    return x, d, written, to_complete
