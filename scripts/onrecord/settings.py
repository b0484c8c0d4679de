"""Site settings read from mkdocs.yml. The repository address is the one setting every
edit, source and Pages link derives from."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

BRANCH = "main"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may carry !!python/name tags; they are not ours to read."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    repo_url: str
    site_name: str = "On the Record"
    docs_dir: str = "docs"  # as mkdocs.yml sets them, relative to the project root
    site_dir: str = "site"

    @property
    def pages_url(self) -> str:
        m = re.match(r"https://github\.com/([^/]+)/([^/]+?)/?$", self.repo_url)
        if not m:
            return ""
        owner, repo = m.groups()
        if repo.lower() == f"{owner.lower()}.github.io":
            return f"https://{owner.lower()}.github.io/"
        return f"https://{owner.lower()}.github.io/{repo}/"

    def edit_url(self, path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/edit/{BRANCH}/{path}"

    def file_url(self, path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/blob/{BRANCH}/{path}"

    def history_url(self, path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/commits/{BRANCH}/{path}"

    @property
    def edit_uri(self) -> str:
        """MkDocs' edit_uri for hand-written pages (relative to repo_url)."""
        return f"edit/{BRANCH}/{self.docs_dir}/"


def load(root: Path) -> Settings:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader) or {}
    return from_config(config)


def from_config(config: Mapping) -> Settings:
    """The settings of a parsed mkdocs.yml, or of MkDocs' own loaded config (whose folders are
    absolute paths by then: they are made relative to the config file's folder again)."""
    base = Path(str(config.get("config_file_path") or ".")).parent

    def folder(key: str, default: str) -> str:
        value = Path(str(config.get(key) or default))
        return (
            value.relative_to(base) if value.is_absolute() and value.is_relative_to(base) else value
        ).as_posix()

    return Settings(
        repo_url=str(config.get("repo_url") or "").rstrip("/"),
        site_name=str(config.get("site_name") or "On the Record"),
        docs_dir=folder("docs_dir", "docs"),
        site_dir=folder("site_dir", "site"),
    )
