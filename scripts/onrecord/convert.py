"""The orchestrator: cleaned transcripts and registries in, Markdown pages in docs/ out.

    0. policy    the checkout asks nothing the build does not allow: no links, safe settings
                 (policy.py; stops before anything is read or written)
    1. read      load and validate everything (stops with every problem listed); files known
                 unchanged from the last run are not read again
    2. link      compute cross-links once: appearances, co-speakers, events, quotes, versions
    3. outputs   every page and data file, each with the arguments it is made from
    4. make      only outputs whose arguments changed (all of them without a cache)
    5. write     only files whose bytes changed; remove generated files whose source is gone

Unchanged pages stay byte-identical with their old modification times, so a one-transcript
correction rewrites only what depends on it. `incremental` holds the cache between runs.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from . import archive as archive_io
from . import (
    export,
    feeds,
    incremental,
    links,
    pages,
    parallel,
    policy,
    writing,
)
from . import (
    settings as settings_io,
)
from .incremental import Output
from .records import Archive
from .writing import Result

# Everything convert writes under docs/ (and removes when its source is gone); nothing else there
# is touched: docs/about.md, docs/assets/ and the search page are edited by hand.
GENERATED = (*pages.GENERATED, export.FOLDER, feeds.FOLDER)

__all__ = ["GENERATED", "Result", "convert", "outputs", "render"]


def outputs(archive: Archive, cross: links.Links, site: settings_io.Settings) -> list[Output]:
    return [
        *pages.outputs(archive, cross, site),
        *export.outputs(archive, cross),
        *feeds.outputs(archive, cross, site),
    ]


def render(archive: Archive, site: settings_io.Settings) -> dict[str, str]:
    """Every generated file of docs/, by path (no cache)."""
    cross, _ = links.compute(archive)
    return {
        path: text
        for output in outputs(archive, cross, site)
        for path, text in output.build().items()
    }


def read(root: Path) -> Archive:
    """The archive as convert reads it, files known unchanged taken from its cache: what the
    build's later stages (the search index) are made from, without reading them again."""
    with incremental.no_gc():
        return archive_io.read(archive_io.Layout.of(root), incremental.load(root))[0]


def convert(root: Path, use_cache: bool = True) -> Result:
    layout = archive_io.Layout.of(root)
    policy.enforce(
        root
    )  # before docs/ is touched: a linked docs/transcripts would be written through
    with incremental.no_gc():
        before = (
            incremental.load(root) if use_cache else incremental.Cache(incremental.code_version())
        )
        archive, cache = archive_io.read(layout, before)
        cross, memo = links.compute(archive, before.memo)
        present = writing.existing(layout.docs, GENERATED)
        files, made = incremental.make(
            outputs(archive, cross, settings_io.load(root)), before.made, present, parallel.fork_map
        )
        result = writing.write(layout.docs, files, present)
        cache = dataclasses.replace(cache, made=made, memo=memo)
        learnt = (
            archive.read
            or result.written
            or result.removed
            or cache.registries is not before.registries
            or made != before.made
            or memo != before.memo
            or cache.files.keys() != before.files.keys()
        )
        if learnt:
            incremental.save(root, cache, before)  # else the cache on disk is still exact
    return result
