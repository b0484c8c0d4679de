"""MkDocs hooks: settings derived from repo_url, and edit links that open the cleaned source."""
from __future__ import annotations

import re

BRANCH = "main"


def on_config(config, **kwargs):
    repo = (config.get("repo_url") or "").rstrip("/")
    m = re.match(r"https://github\.com/([^/]+)/([^/]+)$", repo)
    if m and not config.get("site_url"):
        owner, name = m.groups()
        config["site_url"] = f"https://{owner.lower()}.github.io/{name}/"
    if repo:
        config["edit_uri"] = f"edit/{BRANCH}/docs/"
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    # generated pages name the file a reader should correct: the cleaned transcript
    source = page.meta.get("source_file")
    repo = (config.get("repo_url") or "").rstrip("/")
    if source and repo:
        page.edit_url = f"{repo}/edit/{BRANCH}/{source}"
    elif page.file.src_uri.startswith(("transcripts/", "speakers/", "events/", "index.md")):
        page.edit_url = None  # generated from source_texts/: nothing here to edit by hand
    return markdown
