"""`onrecord import` and `extract`: the I/O around ingest.extract."""
from __future__ import annotations

from pathlib import Path

from . import archive
from .errors import Collector, InputError
from .ingest import decode, html
from .ingest.extract import Extraction, extract
from .registry import Registry


def load_registry(root: Path | None = None) -> Registry:
    layout = archive.Layout(root or archive.find_root())
    out = Collector()
    speakers, _ = archive.load_registries(layout, out)
    out.raise_if_any()
    return Registry(speakers)


def read_capture(path: Path, url: str | None = None, registry: Registry | None = None) -> Extraction:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, None, f"cannot read the file ({exc.strerror})", "check the path") from None
    text, notes = decode.decode(data, str(path))
    if decode.looks_like_html(text):
        text = html.html_to_text(text)
        notes.append("read as a saved HTML page (navigation, header, footer, scripts dropped)")
    x = extract(text, registry or load_registry(), url)
    x.notes[:0] = notes
    return x


def report(x: Extraction, path: Path) -> str:
    out = [f"{path}: {x.kind}"]
    for label, value, source in (("title", x.title, x.title_source), ("date", x.date, x.date_source),
                                 ("place", x.location, x.location_source)):
        out.append(f"  {label:6} {value if value else '(not stated)'}" + (f"   [{source}]" if value else ""))
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
        for first, last, reason in x.removed:
            out.append(f"    lines {first}-{last}: {reason}" if first != last else f"    line {first}: {reason}")
    for title, items in (("inferred", x.inferred), ("could not decide", x.undecided), ("notes", x.notes)):
        if items:
            out.append(f"  {title}:")
            out.extend(f"    - {i}" for i in items)
    return "\n".join(out)
