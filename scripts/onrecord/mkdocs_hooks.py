"""MkDocs hooks: settings derived from repo_url, edit links that open the cleaned source, the
data downloads and the Data page (onrecord/downloads.py), Markdown rendered on every core
(onrecord/parallel.py), and `make serve` reconverting on a correction."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# only what needs nothing beyond the standard library and PyYAML: another engine (ProperDocs)
# builds the same docs/ with these hooks from its own environment
from onrecord import downloads, export, parallel, settings

log = logging.getLogger("mkdocs.plugins.onrecord")
_command = None


def on_startup(command, dirty, **kwargs):
    global _command
    _command = command


def on_pre_build(config, **kwargs):
    # `mkdocs serve` also watches source_texts/ (mkdocs.yml, watch): a correction saved there is
    # converted before the rebuild, and only the pages it changed are rewritten
    if _command != "serve":
        return  # `onrecord build` has converted already
    from onrecord import convert
    from onrecord.errors import OnrecordError

    try:
        result = convert.convert(Path(config["config_file_path"]).parent)
    except OnrecordError as exc:
        log.error("the archive has problems; the preview keeps the last good pages:\n%s", exc)
        return
    if result.written or result.removed:
        log.info(
            "onrecord convert: %d written, %d removed", len(result.written), len(result.removed)
        )


def on_config(config, **kwargs):
    # every GitHub and Pages address derives from repo_url (onrecord/settings.py)
    site = settings.from_config(config)
    if site.pages_url and not config.get("site_url"):
        config["site_url"] = site.pages_url
    if site.repo_url:
        config["edit_uri"] = site.edit_uri
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    # generated pages name the file a reader should correct: the cleaned transcript
    source = page.meta.get("source_file")
    site = settings.from_config(config)
    if source and site.repo_url:
        page.edit_url = site.edit_url(source)
    elif page.file.src_uri.startswith(
        ("transcripts/", "speakers/", "events/", "data/", "index.md")
    ):
        page.edit_url = None  # generated from source_texts/: nothing here to edit by hand
    return markdown


def on_files(files, config, **kwargs):
    # the downloads `onrecord build` (or `make data`) made in data/, published under site/data/,
    # and the Data page listing them: always there, so the nav never points at nothing
    File = sys.modules[type(files).__module__].File  # the engine's own (MkDocs or a fork of it)
    root = Path(config["config_file_path"]).parent
    manifest, names = downloads.site_files(root)
    for name in names:
        path = f"{downloads.FOLDER}/{name}"
        if not files.get_file_from_path(path):
            files.append(File(path, str(root), config["site_dir"], config["use_directory_urls"]))
    index = Path(config["docs_dir"]) / export.INDEX
    # one file per document, written by convert: their number and size, for the Data page
    folder = Path(config["docs_dir"]) / export.FOLDER / "transcripts"
    per_document = [p.stat().st_size for p in folder.glob("*.json")] if folder.is_dir() else []
    text = downloads.page(
        manifest,
        index.stat().st_size if index.is_file() else None,
        settings.from_config(config),
        (len(per_document), sum(per_document)),
    )
    if not files.get_file_from_path(downloads.PAGE):
        files.append(File.generated(config, downloads.PAGE, content=text))
    return files


def on_nav(nav, config, files, **kwargs):
    if _command == "build":  # Markdown on every core: see onrecord/parallel.py
        parallel.start(config, files)
    return nav


def on_pre_page(page, config, files, **kwargs):
    parallel.adopt(page)
    return page


def on_env(env, config, files, **kwargs):
    parallel.stop()  # every page is rendered by now
    return env


def on_build_error(error, **kwargs):
    parallel.stop()
