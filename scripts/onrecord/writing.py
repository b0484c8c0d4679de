"""Writing files: atomically, and only what changed. The one place that writes to docs/."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


def atomic_write(target: Path, data: bytes) -> None:
    """Readers (MkDocs serve, a concurrent build) see the old file or the new, never half of one."""
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


@dataclass(frozen=True)
class Result:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]

    def summary(self, shown: int = 20) -> str:
        lines = [
            f"docs/: {len(self.written)} written, {self.unchanged} unchanged, {len(self.removed)} removed"
        ]
        lines += [f"  wrote {path}" for path in self.written[:shown]]
        if len(self.written) > shown:
            lines.append(f"  ... and {len(self.written) - shown} more")
        return "\n".join(lines)


def existing(docs: Path, tops: Iterable[str]) -> set[str]:
    """The files now under the generated entries `tops` of docs/ (docs/-relative), in one walk."""
    found = set()
    for top in tops:
        base = os.path.join(docs, top)
        if os.path.isfile(base):
            found.add(top)
        for folder, _, names in os.walk(base):
            prefix = os.path.relpath(folder, docs).replace(os.sep, "/")
            found.update(f"{prefix}/{name}" for name in names)
    return found


def write(docs: Path, files: Mapping[str, str | None], present: set[str]) -> Result:
    """Write changed files; a None value means "known unchanged": keep the file as it is.
    Files of `present` (the generated files found before) that are not in `files` are removed."""
    written, unchanged = [], 0
    for rel, text in sorted(files.items()):
        if text is None:
            unchanged += 1
            continue
        target = docs / rel
        data = text.encode("utf-8")
        if rel in present and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data)
        written.append(rel)
    removed = sorted(present - files.keys())
    for rel in removed:
        (docs / rel).unlink()
    return Result(tuple(written), unchanged, tuple(removed))
