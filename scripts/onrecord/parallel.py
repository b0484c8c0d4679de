"""Work spread over every core.

`fork_map` runs a function over many items in forked workers, in order: the convert reads and
checks transcripts, and makes pages, with it.

During `mkdocs build`, MkDocs renders one page after the other, so a 2-core runner would idle
half the time. When the build starts reading pages (the `nav` event), `start` forks one worker
per extra core; each renders every n-th page with MkDocs' own `Page.render` and sends back what
rendering sets on a page. MkDocs then reads the pages as usual, and for a worker's page takes
its result instead of rendering it again. Same function, same inputs: the site is byte-identical
with or without. A worker's warnings (a broken link, say) are logged again by the build, so
`--strict` counts them.

Only with fork (Linux, macOS), from a process with one thread (not from `mkdocs serve`), and
with enough work to be worth a process; `ONRECORD_JOBS=1` keeps everything in one process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence

MIN_PAGES = 200  # below this a worker costs more than it saves

_state: dict = {}  # what the forked workers inherit: config and files of this build


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _worker_setup() -> None:
    # the build process prints the messages once, when it takes each result
    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.handlers = [capture]
    logger.propagate = False
    _state["capture"] = capture


def _render(src_uri: str):
    """In a worker: what `_populate_page` would compute for one page, up to the content event."""
    from mkdocs.structure.pages import Page

    config, files = _state["config"], _state["files"]
    file = files.get_file_from_path(src_uri)
    page = file.page or Page(None, file, config)
    config._current_page = page
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(
        page.markdown, page=page, config=config, files=files
    )
    page.render(config, files)
    links = {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
    records, _state["capture"].records = _state["capture"].records, []
    return src_uri, (
        page.content,
        page.toc,
        page._title_from_render,
        page.present_anchor_ids,
        links,
        records,
    )


def jobs() -> int:
    wanted = os.environ.get("ONRECORD_JOBS")
    if wanted and wanted.isdigit():
        return max(1, int(wanted))
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )


def _can_fork(items: int, least: int) -> int:
    """How many processes to use for `items` pieces of work: 1 means stay in this process."""
    n = jobs()
    if n < 2 or items < least or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if threading.active_count() > 1:  # a fork copies locks other threads may hold (mkdocs serve)
        return 1
    return n


def _call(i: int):
    return _task[0](_task[1][i])


_task: list = []  # (function, items): inherited by the forked workers, never pickled


def fork_map(function: Callable, items: Sequence, least: int = 200) -> list:
    """[function(x) for x in items], in order, over every core. The workers are forked, so
    `function` may be a closure over anything in memory; its results must pickle."""
    n = _can_fork(len(items), least)
    if n == 1:
        return [function(x) for x in items]
    _task[:] = [function, items]
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            return pool.map(_call, range(len(items)), chunksize=max(1, len(items) // (n * 16)))
    finally:
        _task.clear()


def start(config, files) -> None:
    """Fork the workers and hand each every n-th page (the build process renders the rest)."""
    uris = [f.src_uri for f in files.documentation_pages()]
    n = _can_fork(len(uris), MIN_PAGES)
    if n == 1:
        return
    _state.update(config=config, files=files, results={})
    theirs = [uri for i, uri in enumerate(uris) if i % n]
    pool = multiprocessing.get_context("fork").Pool(n - 1, initializer=_worker_setup)
    _state["pool"] = pool
    _state["pending"] = pool.imap(_render, theirs, chunksize=8)
    _state["theirs"] = set(theirs)


def adopt(page) -> None:
    """In the build process, before a page is read: if a worker renders it, take its result."""
    if page.file.src_uri not in _state.get("theirs", ()):
        return

    def render(config, files, page=page):
        results = _state["results"]
        while page.file.src_uri not in results:
            uri, result = next(_state["pending"])
            results[uri] = result
        content, toc, title, anchors, links, records = results.pop(page.file.src_uri)
        for name, level, message in records:
            logging.getLogger(name).log(level, message)
        page.content, page.toc, page._title_from_render, page.present_anchor_ids = (
            content,
            toc,
            title,
            anchors,
        )
        page.links_to_anchors = {files.get_file_from_path(uri): a for uri, a in links.items()}

    page.render = render  # this page only: MkDocs' Page.render stays as it is


def stop() -> None:
    pool = _state.pop("pool", None)
    if pool is not None:
        pool.terminate()
        pool.join()
    _state.clear()
