"""Site settings read from mkdocs.yml. The repository address is the one setting every
edit, source and Pages link derives from."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml

BRANCH = "main"
GUIDE = "CONTRIBUTING.md"  # the correction guide, which the issue chooser links to
# An issue form's address carries its prefilled fields: kept under the length every browser
# and proxy accepts (GitHub answers 414 far above it), and a page of many turns stays small.
MAX_ISSUE_URL = 2000
ELLIPSIS = " …"


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

    def issue_url(
        self, template: str, fields: Iterable[tuple[str, str]], shorten: str | None = None
    ) -> str:
        """The address of a new issue with the issue form `template` (a file of
        .github/ISSUE_TEMPLATE/), its fields (form ids, or `title`) prefilled. If the address
        is longer than MAX_ISSUE_URL, the field `shorten` is cut at a word and ends in an
        ellipsis; the other fields are always whole. "" without a repository."""
        if not self.repo_url:
            return ""
        pairs = [("template", template), *fields]
        base = f"{self.repo_url.rstrip('/')}/issues/new?"

        def query(items: list[tuple[str, str]]) -> str:
            return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in items)

        url = base + query(pairs)
        if shorten is None or len(url) <= MAX_ISSUE_URL:
            return url
        at = next(i for i, (k, _) in enumerate(pairs) if k == shorten)
        room = MAX_ISSUE_URL - len(base + query([*pairs[:at], (shorten, ""), *pairs[at + 1 :]]))
        pairs[at] = (shorten, fit(pairs[at][1], room))
        return base + query(pairs)

    @property
    def edit_uri(self) -> str:
        """MkDocs' edit_uri for hand-written pages (relative to repo_url)."""
        return f"edit/{BRANCH}/{self.docs_dir}/"


def fit(text: str, room: int) -> str:
    """The longest start of `text`, cut at a space, that with ELLIPSIS is at most `room`
    characters once URL-encoded (each character encodes on its own, so lengths add up)."""
    budget = room - len(quote(ELLIPSIS, safe=""))
    used, end = 0, 0
    for m in re.finditer(r"\S+|\s+", text):
        used += len(quote(m.group(), safe=""))
        if used > budget:
            break
        if not m.group().isspace():
            end = m.end()
    return text[:end] + ELLIPSIS if end else ELLIPSIS.strip()


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
