"""The cleaned transcript file: YAML front matter, then the text.

    ---
    id: 2022-04-06-blinken-stoltenberg-before-meeting
    title: ...
    speakers:
      SECRETARY BLINKEN: antony-blinken      # label as printed (no colon) -> speaker id
    ---

    [t-001] SECRETARY GENERAL STOLTENBERG:  Secretary Blinken, dear Tony, ...
    And let me also thank you ...            <- same turn, next paragraph

    [t-002] SECRETARY BLINKEN:  Thank you, Jens, very much. ...

A turn is a block of lines separated from the next by a blank line. Its first line
starts with the turn's stable anchor in brackets, then the label as printed. An anchor
never changes once published; a turn split off by a correction takes a new number.
`[t-003 jens-stoltenberg]` names the speaker outright: needed for a turn the capture
prints without a label (with an `editorial` note saying how we know).
News articles have no turns: each line of the text is a paragraph of the article.

This module only splits the file into parts with their line numbers and writes files
back; `validate` turns the parts into records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import yamlio
from .errors import Problem
from .records import Transcript

MARKER = re.compile(r"^\[(?P<id>[^\]\s]+)(?:\s+(?P<speaker>[^\]\s]+))?\]\s?(?P<rest>.*)$")
TIMESTAMP = r"\d{1,2}:\d{2}(?::\d{2})?"


@dataclass(frozen=True)
class Block:
    line: int  # line of the block's first line in the file
    lines: tuple[str, ...]


@dataclass(frozen=True)
class SplitFile:
    front: object  # the parsed front matter (a LineDict when well-formed)
    blocks: tuple[Block, ...]
    problems: tuple[Problem, ...]


def split(text: str, path: str) -> SplitFile:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return SplitFile(
            None,
            (),
            (
                Problem(
                    path,
                    1,
                    "the file does not start with front matter",
                    "begin the file with a line '---', the YAML fields, and '---'",
                ),
            ),
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    except StopIteration:
        return SplitFile(
            None,
            (),
            (
                Problem(
                    path,
                    1,
                    "the front matter is never closed",
                    "add a line '---' after the last YAML field",
                ),
            ),
        )
    front, problems = yamlio.load("\n".join(lines[1:end]), path, first_line=2)
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines[end + 1 :], start=end + 2):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append(Block(start, tuple(current)))
            current = []
    if current:
        blocks.append(Block(start, tuple(current)))
    return SplitFile(front, tuple(blocks), tuple(problems))


def label_pattern(names: list[str]) -> re.Pattern[str]:
    """Matches a printed label at the start of a turn: NAME, optional (mm:ss), optional colon."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(
        rf"^(?P<name>{alternatives})(?:\s*\((?P<ts>{TIMESTAMP})\))?(?P<colon>:)?(?=\s|$)"
    )


def render(t: Transcript, front: dict) -> str:
    """The text of a cleaned file: `front` (already ordered) as YAML, then the turns or article."""
    out = ["---", yamlio.dump(front).rstrip("\n"), "---", ""]
    if t.is_article:
        out.extend(t.paragraphs)
    for turn in t.turns:
        # the speaker is named outright when no label, or not the label's mapping, says who it is
        by_label = turn.label and dict(t.speakers).get(label_name(turn.label)) == turn.speaker
        marker = f"[{turn.id}]" if by_label or not turn.speaker else f"[{turn.id} {turn.speaker}]"
        first, *rest = turn.paragraphs or ("",)
        head = " ".join(x for x in (marker, turn.label or "", first) if x)
        out.extend([head, *rest, ""])
    return "\n".join(out).rstrip("\n") + "\n"


def label_name(label: str) -> str:
    """'Matthew Miller (00:04):' -> 'Matthew Miller'; 'SECRETARY BLINKEN:' -> 'SECRETARY BLINKEN'."""
    name = label.rstrip(":").rstrip()
    return re.sub(rf"\s*\({TIMESTAMP}\)$", "", name)
