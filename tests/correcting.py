"""A correction added to a copy of the archive. The shipped archive has none, and no test adds
one to a shipped transcript: each adds it to its own copy, in the form CONTRIBUTING asks for."""

from __future__ import annotations

from pathlib import Path

PRESS = "2022-06-01-stoltenberg-blinken-press-conference"
SOURCE = "https://www.state.gov/secretary-blinken-and-nato-secretary-general-stoltenberg/"
# Two entries, the second of them correction 2 of the log: a turn's words and the place.
ENTRIES = f"""\
- date: '2026-12-01'
  turns: [t-001]
  summary: "t-001: the greeting checked against the video of the press conference"
  link: https://github.com/OWNER/onrecord/pull/7
- date: '2026-12-02'
  turns: [t-005, t-007]
  fields: [location]
  summary: "t-005 and t-007 checked against the State Department's version; the place is its own"
  source: "the State Department's transcript, {SOURCE}."
"""


def add_corrections(root: Path, tid: str = PRESS, entries: str = ENTRIES) -> Path:
    """The corrections log of transcript `tid` under `root` given `entries` (YAML list items)."""
    path = root / "source_texts" / "transcripts" / f"{tid}.txt"
    text = path.read_text(encoding="utf-8")
    assert "\ncorrections:" not in text and "\nomitted:\n" in text
    path.write_text(
        text.replace("\nomitted:\n", "\ncorrections:\n" + entries + "omitted:\n", 1),
        encoding="utf-8",
    )
    return path
