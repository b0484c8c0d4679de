"""Building the site, the recipe `onrecord build` and `make site` follow:

    1. convert   docs/ from source_texts/ (only what changed)
    2. data      the whole-archive downloads into data/, from the records (kept when unchanged)
    3. mkdocs    MkDocs in this process, strict: any warning (a broken link, say) stops the build;
                 the hooks publish data/ under site/data/ with the Data page
    4. search    the search index over the built site

Paths come from mkdocs.yml (docs_dir, site_dir); `site_dir` here overrides the second. Dates in
the built files (the sitemap) come from SOURCE_DATE_EPOCH, else the last commit, never the clock.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import convert, downloads, policy, settings
from .errors import OnrecordError, ValidationError
from .writing import Result


class BuildError(OnrecordError):
    """MkDocs or the search indexer stopped the build."""


@dataclass(frozen=True)
class Built:
    site: Path
    converted: Result
    search: object  # what onrecord.search.build reports
    data: dict | None = None  # the downloads' manifest (onrecord.downloads.build)


def _source_date(root: Path) -> str:
    done = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "0"


def _log_to_stderr() -> logging.Handler:
    """MkDocs' messages as its own command prints them (its CLI is not running)."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler


def _pages_to_check(root: Path, site: Path) -> list[str]:
    """Every built page of a hand-written file of docs/, and one page of each kind convert makes
    (the 404 page and the home page among them): all that the templates and docs/ shape."""
    docs = root / settings.load(root).docs_dir
    pages = {"index.html", "404.html"}
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).as_posix()
        if rel.split("/")[0] in convert.GENERATED:
            continue
        stem = rel.removesuffix(".md")
        pages.add("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")
    for kind in ("transcripts", "speakers", "events"):
        found = sorted((site / kind).glob("*/index.html"))[:2]  # the list, and one page
        pages.update(p.relative_to(site).as_posix() for p in found)
    return sorted(pages)


def build(
    root: Path, site_dir: Path | None = None, progress: Callable[[str], None] | None = None
) -> Built:
    """Convert, make the data downloads, build with MkDocs (strict) and index for search; raises
    BuildError or the archive's ValidationError. `progress` is told what each step did."""
    say = progress or (lambda message: None)
    converted = convert.convert(root)
    say(converted.summary())
    made = downloads.build(root, say)
    say(f"data: {downloads.describe(made)} in {downloads.FOLDER}/")
    site = root / settings.load(root).site_dir if site_dir is None else site_dir
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the theme's banner is not a build problem
    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date(root))
    from mkdocs import exceptions
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    handler = _log_to_stderr()
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config)
        finally:
            config.plugins.on_shutdown()
    except (
        exceptions.MkDocsException
    ) as exc:  # Abort (strict warnings), ConfigurationError, BuildError
        raise BuildError(f"mkdocs: {exc}") from None
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    problems = policy.site_problems(site, root, _pages_to_check(root, site))
    if problems:
        shutil.rmtree(site)  # a preview is uploaded from here: nothing half-checked stays
        raise ValidationError(problems)
    from . import search

    try:
        indexed = search.build(site, convert.read(root))
    except RuntimeError as exc:
        raise BuildError(str(exc)) from None
    say(f"search: {search.describe(indexed)} in {site / search.BUNDLE}")
    return Built(site, converted, indexed, made)
