"""Errors that carry the file and line they are about.

Every message reads `file:line: what is wrong — how to fix it`, so a contributor
can jump straight to the problem. Validation collects all problems before raising.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def _printable(text: str) -> str:
    """What cannot be seen, or would reorder the line (U+202E), written as an escape: a message
    shows every character of the value it names."""
    return (
        text
        if text.isprintable()
        else "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
    )


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return _printable(f"{where}: {self.problem} — {self.fix}")


# GitHub's workflow commands (`::error file=F,line=N,title=T::MESSAGE`): the runner reads `%`,
# CR and LF as escapes in the message; a property value also ends at `,` and the command at `:`
_DATA_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as the runner reads it back."""
    return text.translate(_DATA_ESCAPES)


def escape_property(text: str) -> str:
    """A workflow command's property value (file=, title=), escaped as the runner reads it back."""
    return text.translate(_PROPERTY_ESCAPES)


def annotation(problem: Problem, title: str, prefix: str = "") -> str:
    """`problem` as a GitHub workflow annotation, shown on the pull request's diff at its file and
    line. `prefix` is the archive's folder within the repository ('' when it is the root): GitHub
    names files from the repository root. A problem without a line annotates the file."""
    where = _printable(f"{prefix.strip('/')}/{problem.path}" if prefix.strip("/") else problem.path)
    props = [f"file={escape_property(where)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    props.append(f"title={escape_property(_printable(title))}")
    # what cannot be seen is written as an escape first, as in the text format: a message is
    # one line, and shows every character of the value it names
    message = _printable(f"{problem.problem} — {problem.fix}")
    return f"::error {','.join(props)}::{escape_data(message)}"


def formatted(problems: list[Problem], style: str, title: str, prefix: str = "") -> list[str]:
    """The lines that report `problems`: 'text' as `file:line: problem — fix`, 'github' as
    workflow annotations (see `annotation`)."""
    if style == "github":
        return [annotation(p, title, prefix) for p in problems]
    return [str(p) for p in problems]


FORMATS = ("text", "github")


class OnrecordError(Exception):
    """Base class: anything the pipeline reports to the user instead of a traceback."""


class InputError(OnrecordError):
    """One problem in one input file."""

    def __init__(self, path: str | Path, line: int | None, problem: str, fix: str):
        self.problem = Problem(str(path), line, problem, fix)
        super().__init__(str(self.problem))


class ValidationError(OnrecordError):
    """All the problems found in a run, reported together."""

    def __init__(self, problems: list[Problem]):
        # each once: a link met by two checks is one problem
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.problem))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found:"
        super().__init__("\n".join([head, *map(str, self.problems)]))


class Collector:
    """Gathers problems; `raise_if_any` stops the run once everything was looked at."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str | Path, line: int | None, problem: str, fix: str) -> None:
        self.problems.append(Problem(str(path), line, problem, fix))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)
