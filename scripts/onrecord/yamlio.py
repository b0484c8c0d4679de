"""Strict YAML for files that contributors edit by hand.

`safe_load` semantics plus the checks YAML itself does not make: a duplicate key,
an unquoted date and a yes/no/on/off boolean are errors (they silently change meaning),
and every mapping remembers the line of each key so later checks can point at it.
"""

from __future__ import annotations

import re

import yaml

from .errors import Problem

_LOOSE_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


class LineDict(dict):
    """A mapping that knows the line (1-based) of itself and of each of its keys."""

    line: int = 0
    key_lines: dict

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
            loader.problem(key_node, f"key {key!r} is not text", "quote the key")
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


def load(text: str, path: str, first_line: int = 1) -> tuple[object, list[Problem]]:
    """Parse `text`; returns the data and the problems found (the data is None on a syntax error)."""
    loader = _StrictLoader(text, path, first_line)
    try:
        return loader.get_single_data(), loader.problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        what = (exc.problem or exc.context or "not valid YAML").strip()
        return None, [
            *loader.problems,
            Problem(
                path,
                line,
                f"YAML syntax: {what}",
                "check indentation, colons and quotes on this line",
            ),
        ]
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
