"""Strict YAML for files that contributors edit by hand.

`safe_load` semantics plus the checks YAML itself does not make: a duplicate key,
an unquoted date and a yes/no/on/off boolean are errors (they silently change meaning),
and every mapping remembers the line of each key so later checks can point at it.

Hostile input is refused before anything is built from it: the event stream is read first
(libyaml's parser keeps its own stack, nothing recursive runs), and anchors, aliases, tags
and nesting deeper than MAX_DEPTH stop the file there. An alias bomb (ten anchors of nine
aliases each: a billion values) and `[` × 100,000 (a RecursionError, or a crash in the C
composer) are then a message, not a run that never ends.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import Problem

_LOOSE_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}
# Levels of lists and mappings in one file. The deepest the schemas go is 5 (speakers.yml:
# the list, a speaker, its roles, a role, its labels); 20 leaves room and stops a bomb.
MAX_DEPTH = 20
_LINES_SHOWN = 20  # lines with anchors, aliases or tags listed one by one; the rest are counted


class LineDict(dict):
    """A mapping that knows the line (1-based) of itself and of each of its keys."""

    line: int = 0
    key_lines: dict

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines = {}  # an empty LineDict stands in for a value that is not a mapping

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list


# libyaml's parser when PyYAML has it (about 5× faster: the front matter of 10,000 files); the
# strict rules below are the constructor's, the same on either parser
_Base: type[yaml.SafeLoader] = (
    yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader  # type: ignore[assignment]
)


class _StrictLoader(_Base):  # type: ignore[valid-type,misc]  # one of two bases, chosen at import
    """Collects problems instead of raising at the first, so all are reported at once."""

    def __init__(self, stream, path: str, first_line: int):
        super().__init__(stream)
        self.path = path
        self.offset = first_line - 1
        self.problems: list[Problem] = []

    def lineno(self, node) -> int:
        return node.start_mark.line + 1 + self.offset

    def problem(self, node, problem: str, fix: str) -> None:
        self.problems.append(Problem(self.path, self.lineno(node), problem, fix))


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = loader.lineno(node)
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            shown = repr(key) if len(repr(key)) <= 40 else repr(key)[:40] + "…"
            loader.problem(key_node, f"key {shown} is not text", "quote the key")
            key = str(key)
        if key in result:
            loader.problem(
                key_node,
                f"duplicate key '{key}' (first on line {result.key_lines[key]})",
                "keep one of the two and delete the other",
            )
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = loader.lineno(key_node)
    return result


def _construct_sequence(loader: _StrictLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = loader.lineno(node)
    result.item_lines = [loader.lineno(child) for child in node.value]
    return result


def _construct_int(loader: _StrictLoader, node: yaml.ScalarNode) -> int | str:
    try:
        return loader.construct_yaml_int(node)
    except ValueError:  # more digits than Python turns into a number (4,300)
        loader.problem(
            node, f"a number of {len(node.value):,} digits", "quote it if it is text, or shorten it"
        )
        return node.value


def _construct_timestamp(loader: _StrictLoader, node: yaml.ScalarNode) -> str:
    loader.problem(
        node, f"unquoted date {node.value}", f"write it as a quoted string: '{node.value}'"
    )
    return node.value


def _construct_bool(loader: _StrictLoader, node: yaml.ScalarNode) -> bool | str:
    if node.value.lower() in _LOOSE_BOOLEANS:
        loader.problem(
            node,
            f"'{node.value}' is read as a yes/no value by YAML",
            "write true or false, or quote it if you mean the word",
        )
        return node.value
    return node.value.lower() == "true"


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_StrictLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)

_OPENS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSES = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _refusals(text: str, path: str, first_line: int) -> list[Problem]:
    """What the file may not contain, found in its event stream before any node is composed:
    anchors and aliases (nothing hand-edited needs them; an alias bomb is made of them),
    explicit tags (`!!binary`, `!!set`, `!!python/...`: values of types no schema takes), and
    nesting deeper than MAX_DEPTH. One problem per line, at most _LINES_SHOWN lines. Raises
    yaml.YAMLError on a syntax error."""
    by_line: dict[int, list] = {}  # line -> [first problem there, how many more there]
    too_deep: list[Problem] = []
    depth = 0

    def shown(
        name: str,
    ) -> str:  # as written: '!!binary', not 'tag:yaml.org,2002:binary'; never long
        name = (
            "!!" + name.removeprefix("tag:yaml.org,2002:")
            if name.startswith("tag:yaml.org,2002:")
            else name
        )
        return name if len(name) <= 40 else name[:40] + "…"

    def refuse(event, problem: str, fix: str) -> None:
        line = (event.start_mark.line if event.start_mark else 0) + first_line
        if line in by_line:
            by_line[line][1] += 1
        else:
            by_line[line] = [(problem, fix), 0]

    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.AliasEvent):
            refuse(
                event,
                f"YAML alias '*{shown(event.anchor or '')}'",
                "write the value out in full: anchors and aliases are not allowed in hand-edited files",
            )
            continue
        if getattr(event, "anchor", None) is not None:
            refuse(
                event,
                f"YAML anchor '&{shown(getattr(event, 'anchor', ''))}'",
                "delete it and write the value out where it is used: anchors and aliases are not allowed",
            )
        if getattr(event, "tag", None) is not None:
            refuse(
                event,
                f"YAML tag '{shown(getattr(event, 'tag', ''))}'",
                "delete the tag and write the value plainly (quote text)",
            )
        if isinstance(event, _OPENS):
            depth += 1
            if depth > MAX_DEPTH:
                too_deep.append(
                    Problem(
                        path,
                        (event.start_mark.line if event.start_mark else 0) + first_line,
                        f"lists and mappings nested more than {MAX_DEPTH} levels deep",
                        "no field of this file nests that deep: check the brackets and indentation",
                    )
                )
                break  # stop reading: the rest may be a hundred thousand levels more
        elif isinstance(event, _CLOSES):
            depth -= 1
    found = []
    for line, ((problem, fix), more) in sorted(by_line.items())[:_LINES_SHOWN]:
        found.append(
            Problem(
                path,
                line,
                problem
                + (f" (and {more} more anchors, aliases or tags on this line)" if more else ""),
                fix,
            )
        )
    if len(by_line) > _LINES_SHOWN:
        found.append(
            Problem(
                path,
                found[-1].line,
                f"{len(by_line) - _LINES_SHOWN} more lines like these",
                "remove every anchor, alias and tag",
            )
        )
    return found + too_deep


# A parser's context that begins where the mistake does: the quote or bracket left open, the
# key that never got its colon. Other contexts ('while parsing a block mapping') begin at the
# start of the entry or the file, far from it: there the line the parser stopped at is nearer.
_STARTS_AT_CONTEXT = (
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
    "while scanning a simple key",
)


def _runaway_quote(text: str, stopped: int) -> int | None:
    """The line (0-based) where a quoted value opens that runs on over more lines and ends on
    the line the parser stopped at (`stopped`): a quote left open takes in everything up to the
    next quote mark, and the parser stops just after it. None if there is none."""
    start = None
    try:
        for token in yaml.scan(text, Loader=_Base):
            if token.start_mark.line > stopped:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ("'", '"')
                and token.start_mark.line < token.end_mark.line == stopped
            ):
                start = token.start_mark.line
    except yaml.YAMLError:
        pass  # the tokens up to the mistake are all there is to see
    return start


def syntax_problem(text: str, exc: yaml.MarkedYAMLError, path: str, first_line: int) -> Problem:
    """A YAML syntax error as one problem, at the line where the mistake starts."""
    stopped = exc.problem_mark or exc.context_mark
    what = (exc.problem or exc.context or "not valid YAML").strip()
    if stopped is None:
        return Problem(path, first_line, f"YAML syntax: {what}", "fix the YAML syntax")
    opened = _runaway_quote(text, stopped.line)
    if opened is not None:
        return Problem(
            path,
            opened + first_line,
            f"a quoted value opens here and is never closed (YAML reads on to line "
            f"{stopped.line + first_line}, then stops: {what})",
            "close the quote at the end of the value on this line, or remove it",
        )
    if exc.context in _STARTS_AT_CONTEXT and exc.context_mark is not None:
        opened = exc.context_mark.line
        if exc.context == "while scanning a quoted scalar":
            return Problem(
                path,
                opened + first_line,
                "a quoted value opens here and is never closed",
                "close the quote at the end of the value on this line, or remove it",
            )
        if exc.context.startswith("while parsing a flow"):
            bracket = "[" if "sequence" in exc.context else "{"
            return Problem(
                path,
                opened + first_line,
                f"a '{bracket}' opens here and is not closed where YAML expects "
                f"(it stopped on line {stopped.line + first_line}: {what})",
                f"close the '{bracket}' on this line, and check the commas between its items",
            )
        return Problem(
            path,
            opened + first_line,
            f"YAML syntax: {what}",
            "write the key followed by a colon and a space, 'key: value'",
        )
    return Problem(
        path,
        stopped.line + first_line,
        f"YAML syntax: {what}",
        "check indentation, colons and quotes on this line",
    )


def load(text: str, path: str, first_line: int = 1) -> tuple[object, list[Problem]]:
    """Parse `text`; returns the data and the problems found (the data is None on a syntax error,
    and when the file holds what _refusals refuses: then nothing was built from it)."""
    loader = _StrictLoader(text, path, first_line)
    try:
        refused = _refusals(text, path, first_line)
        if refused:
            return None, refused
        return loader.get_single_data(), loader.problems
    except yaml.MarkedYAMLError as exc:
        # one problem for the file, at the line where the mistake starts: nothing is built from
        # a file that does not parse, so nothing after it is reported
        return None, [syntax_problem(text, exc, path, first_line)]
    except yaml.YAMLError as exc:
        return None, [
            *loader.problems,
            Problem(path, first_line, f"YAML: {exc}", "fix the YAML syntax"),
        ]
    finally:
        loader.dispose()


class _Dumper(yaml.SafeDumper):
    """Block style, no aliases, and strings that YAML would misread are quoted."""

    def ignore_aliases(self, data) -> bool:
        return True


def _str_representer(dumper: yaml.SafeDumper, value: str):
    style = None
    if "\n" in value:
        style = "|"
    elif value.lower() in _LOOSE_BOOLEANS or re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(LineDict, yaml.representer.SafeRepresenter.represent_dict)
_Dumper.add_representer(LineList, yaml.representer.SafeRepresenter.represent_list)


def dump(data: object) -> str:
    """Deterministic YAML: keys in the given order, unicode kept, wide lines."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
