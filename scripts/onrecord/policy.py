"""What a checkout may ask of the build. Anyone can open a pull request and CI builds it into a
preview, so before anything is converted or built (`onrecord build`, `convert`, `check`):

    files        source_texts/, docs/ and the theme hold plain files only: a symbolic link
                 (`docs/assets/env.txt -> /proc/self/environ`) would publish what it points to
    mkdocs.yml   no YAML tags (MkDocs's loader runs `!!python/object/apply:`), only the settings
                 listed here, values that are text and not HTML (they are printed into every page)
    Markdown     only extensions that neither read files (pymdownx.snippets) nor run code, and
                 no plugins
    assets       scripts and style sheets are files in docs/, never from another host
    code         the hooks and theme overrides are this package's own

One list for the build and for tests/test_policy.py: a change to it is a change to this file.
"""

from __future__ import annotations

import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from . import yamlio
from .errors import InputError, Problem, ValidationError

PACKAGE = Path(__file__).resolve().parent
CONFIG = "mkdocs.yml"
MAX_CONFIG_BYTES = 256 * 1024  # mkdocs.yml is 2 KB
SOURCES = "source_texts"

SAFE_EXTENSIONS = frozenset(
    {
        "toc",
        "attr_list",
        "md_in_html",
        "admonition",
        "tables",
        "def_list",
        "footnotes",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.highlight",
    }
)
SAFE_PLUGINS: frozenset[str] = (
    frozenset()
)  # search is the archive's own index, built by `onrecord build`
SETTINGS = frozenset(
    {
        "site_name",
        "site_url",
        "site_description",
        "site_author",
        "repo_url",
        "repo_name",
        "edit_uri",
        "copyright",
        "docs_dir",
        "site_dir",
        "use_directory_urls",
        "theme",
        "nav",
        "not_in_nav",
        "exclude_docs",
        "draft_docs",
        "validation",
        "strict",
        "markdown_extensions",
        "plugins",
        "hooks",
        "watch",
        "extra_css",
        "extra_javascript",
        "extra",
        "dev_addr",
    }
)
THEME = "material"
# the package's own files, in this checkout (scripts/onrecord/...) or where it is installed
THEME_DIRS = ("scripts/onrecord/theme", PACKAGE / "theme")
HOOKS = ("scripts/onrecord/mkdocs_hooks.py", PACKAGE / "mkdocs_hooks.py")
DOCS_DIR = "docs"
# settings under extra: that make Material load scripts from other servers (web fonts: theme.font)
NO_THIRD_PARTY = ("analytics", "consent")
_HTML = ("<", ">", '"')


def enforce(root: Path) -> None:
    """Raises ValidationError listing every way the checkout at `root` breaks the policy."""
    problems = check(root)
    if problems:
        raise ValidationError(problems)


def check(root: Path) -> list[Problem]:
    """mkdocs.yml, then the files of every folder the site is made from."""
    config, problems = read_config(root)
    theme_dir = root / THEME_DIRS[0]
    if config is not None:
        problems += config_problems(config, root)
        theme = config.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        if isinstance(custom, str) and _is_one_of(root, custom, THEME_DIRS):  # else refused above
            theme_dir = root / custom
    return problems + links(root, [root / SOURCES, root / DOCS_DIR, theme_dir])


def read_file(path: Path, rel: str, limit: int, what: str) -> bytes:
    """The bytes of a hand-edited file, read only if it is a plain file (not a link, a folder or
    a device) of at most `limit` bytes: nothing else is ever read, so nothing else is ever shown."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise InputError(rel, None, "file is missing", f"create {rel}") from None
    if stat.S_ISLNK(st.st_mode):
        raise InputError(rel, None, "is a symbolic link", _LINK_FIX)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(rel, None, "is not a plain file", f"make {rel} a text file")
    if st.st_size > limit:
        raise InputError(
            rel,
            None,
            f"the file is {st.st_size / 2**20:.1f} MB, over the {_size(limit)} limit for {what}",
            "check that nothing was pasted into it by mistake, or split it",
        )
    # what was checked is what is read: a link put there since is not followed, a file grown
    # since is read no further than the limit
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise InputError(rel, None, "is not a plain file", f"make {rel} a text file")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            rel,
            None,
            f"the file is over the {_size(limit)} limit for {what}",
            "check that nothing was pasted into it by mistake, or split it",
        )
    return data


_LINK_FIX = (
    "commit the file itself instead of a link to it, or delete the link: the site is made only from "
    "files in the repository"
)


def _size(limit: int) -> str:
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 1024} KB"


def links(root: Path, folders: list[Path]) -> list[Problem]:
    """Every symbolic link, and anything else that is neither a folder nor a plain file, in and
    under `folders` (a folder that is itself a link included). Links are never followed."""
    found: list[Problem] = []
    for folder in folders:
        try:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(mode):
            found.append(Problem(_rel(root, folder), None, "is a symbolic link", _LINK_FIX))
            continue
        stack = [str(folder)]
        while stack:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        found.append(
                            Problem(
                                _rel(root, Path(entry.path)), None, "is a symbolic link", _LINK_FIX
                            )
                        )
                    elif entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    elif not entry.is_file(follow_symlinks=False):
                        found.append(
                            Problem(
                                _rel(root, Path(entry.path)),
                                None,
                                "is not a plain file (a device, socket or pipe)",
                                "delete it",
                            )
                        )
    return sorted(found, key=lambda p: p.path)


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_config(root: Path) -> tuple[yamlio.LineDict | None, list[Problem]]:
    """mkdocs.yml as the strict reader of hand-edited files reads it: no tag, anchor or alias."""
    try:
        data = read_file(root / CONFIG, CONFIG, MAX_CONFIG_BYTES, "the site configuration")
        text = data.decode("utf-8")
    except InputError as exc:
        return None, [exc.problem]
    except UnicodeDecodeError:
        return None, [Problem(CONFIG, None, "not valid UTF-8", "save the file as UTF-8")]
    config, problems = yamlio.load(text, CONFIG)
    if config is not None and not isinstance(config, yamlio.LineDict):
        return None, [
            *problems,
            Problem(
                CONFIG, 1, "is not a mapping of settings", "write one 'setting: value' per line"
            ),
        ]
    return config, problems


def _names(items) -> list[tuple[str, object]]:
    """Extension or plugin names with their entries: MkDocs takes a list of names and
    one-key mappings, or a mapping."""
    if isinstance(items, dict):
        return [(str(k), items) for k in items]
    found = []
    for item in items if isinstance(items, list) else []:
        name = next(iter(item), "") if isinstance(item, dict) else item
        found.append((str(name), item))
    return found


def _line(mapping, key, fallback: int = 1) -> int:
    return mapping.line_of(key) if isinstance(mapping, yamlio.LineDict) else fallback


def _item_lines(items, fallback: int) -> list[int]:
    lines = getattr(items, "item_lines", None)
    return lines if lines else [getattr(items, "line", fallback)] * len(items or ())


def config_problems(config: dict, root: Path) -> list[Problem]:
    """Every setting of mkdocs.yml outside the policy, with its line."""
    out: list[Problem] = []

    def add(line: int, problem: str, fix: str) -> None:
        out.append(Problem(CONFIG, line, problem, fix))

    for key in config:
        if key not in SETTINGS:
            add(
                _line(config, key),
                f"setting '{key}' is not one this site uses",
                "remove it; a new setting is added to onrecord/policy.py (SETTINGS) once reviewed",
            )
    for line, text in _strings(config, 1):
        if any(c in text for c in _HTML):
            add(
                line,
                "a value with '<', '>' or '\"': settings are printed into every page as HTML",
                "write plain text",
            )

    extensions = config.get("markdown_extensions") or []
    for line, (name, _) in zip(
        _item_lines(extensions, _line(config, "markdown_extensions")),
        _names(extensions),
        strict=False,
    ):
        if name.removeprefix("markdown.extensions.") not in SAFE_EXTENSIONS:
            add(
                line,
                f"Markdown extension '{name}' is not allowed: transcript text is data, and an extension "
                "may read files into pages (pymdownx.snippets) or run code",
                "remove it; allowed: " + ", ".join(sorted(SAFE_EXTENSIONS)),
            )
    plugins = config.get("plugins") or []
    for line, (name, _) in zip(
        _item_lines(plugins, _line(config, "plugins")), _names(plugins), strict=False
    ):
        if name not in SAFE_PLUGINS:
            add(
                line,
                f"MkDocs plugin '{name}' is not allowed: a plugin runs code over every page",
                "remove it (the archive builds its own search index)"
                if name == "search"
                else "remove it",
            )

    hooks = config.get("hooks") or []
    for line, hook in zip(
        _item_lines(hooks, _line(config, "hooks")),
        hooks if isinstance(hooks, list) else [hooks],
        strict=False,
    ):
        if not _is_one_of(root, hook, HOOKS):
            add(line, "hooks other than onrecord's own", f"the only hook file is {HOOKS[0]}")
    theme = config.get("theme")
    if isinstance(theme, str):
        theme = {"name": theme}
    if not isinstance(theme, dict) or theme.get("name") != THEME:
        add(_line(config, "theme"), f"the theme is not '{THEME}'", f"set theme: name: {THEME}")
        theme = theme if isinstance(theme, dict) else {}
    if "custom_dir" in theme and not _is_one_of(root, theme["custom_dir"], THEME_DIRS):
        add(
            _line(theme, "custom_dir", _line(config, "theme")),
            "theme overrides from another folder than "
            "onrecord's (its files would be copied into the site)",
            f"set custom_dir: {THEME_DIRS[0]}",
        )
    if theme.get("font") is not False:
        add(
            _line(theme, "font", _line(config, "theme")),
            "web fonts are fetched from Google Fonts",
            "set font: false under theme",
        )
    for key in ("logo", "favicon"):
        if key in theme and not _local(theme[key]):
            add(
                _line(theme, key),
                f"theme {key} is not a file of docs/",
                "put the image in docs/assets/ and name it",
            )
    extra = config.get("extra")
    for key in NO_THIRD_PARTY:
        if isinstance(extra, dict) and key in extra:
            add(
                _line(extra, key),
                f"extra: {key} loads scripts from another server",
                f"remove extra: {key}",
            )

    docs_dir = config.get("docs_dir", DOCS_DIR)
    if not _is_one_of(root, docs_dir, (DOCS_DIR,)):
        add(
            _line(config, "docs_dir"),
            "docs_dir is not docs (every file in it is published)",
            "set docs_dir: docs",
        )
    for key in ("extra_javascript", "extra_css"):
        items = config.get(key) or []
        for line, item in zip(
            _item_lines(items, _line(config, key)),
            items if isinstance(items, list) else [items],
            strict=False,
        ):
            target = item.get("path") if isinstance(item, dict) else item
            if not _local(target):
                add(
                    line,
                    f"{key} entry is not a file of docs/: a page may load scripts and styles from this "
                    "site only",
                    "copy the file into docs/assets/ and name it as assets/FILE",
                )
            elif not (root / DOCS_DIR / str(target)).is_file():
                add(
                    line,
                    f"{key} entry 'docs/{target}' is not there",
                    "add the file or remove the entry",
                )
    for key in ("repo_url", "site_url"):
        value = config.get(key)
        if value is not None and not (isinstance(value, str) and urlsplit(value).scheme == "https"):
            add(
                _line(config, key), f"{key} is not an https:// address", f"write {key}: https://..."
            )
    return out


def _strings(value, line: int):
    """(line, text) for every string in a parsed YAML value, keys included."""
    if isinstance(value, str):
        yield line, value
    elif isinstance(value, dict):
        for key, item in value.items():
            at = _line(value, key, line)
            yield from _strings(key, at)
            yield from _strings(item, at)
    elif isinstance(value, list):
        for at, item in zip(_item_lines(value, line), value, strict=False):
            yield from _strings(item, at)


def _local(target) -> bool:
    """A path relative to docs/ that stays inside it: no scheme or host, no leading '/', no '..'."""
    if not isinstance(target, str) or not target or target.startswith(("/", "\\")):
        return False
    parts = urlsplit(target)
    return (
        not parts.scheme and not parts.netloc and ".." not in target.replace("\\", "/").split("/")
    )


def _is_one_of(root: Path, value, allowed) -> bool:
    if not isinstance(value, str) or not value:
        return False
    target = (root / value).resolve()
    return any(target == (root / a if isinstance(a, str) else a).resolve() for a in allowed)


# ---------------------------------------------------------------- the built pages

# Only the theme's own scripts run: these tags and attributes would load or run something else.
_EMBEDS = frozenset({"iframe", "frame", "object", "embed", "base", "applet"})
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data"}
)
_SCRIPT_URLS = ("javascript:", "data:", "vbscript:")


class _PageScan(HTMLParser):
    """Scripts, event handlers, script URLs, embeds and off-site resources in one built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self._body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag in _EMBEDS:
            self.found.append(f"a <{tag}> element")
        for key, value in attrs:
            if key.startswith("on"):
                self.found.append(f"an event handler ({key}=) on <{tag}>")
            if key in _URL_ATTRIBUTES and value:
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                if url.startswith(_SCRIPT_URLS):
                    self.found.append(f"a {url.split(':')[0]}: address in <{tag} {key}>")
        loads = tag in ("img", "audio", "video", "source", "track") or (
            tag == "link"
            and (named.get("rel") or "") not in ("alternate", "canonical", "alternate feed")
        )
        for key in ("src", "href") if loads else ():
            if urlsplit(named.get(key) or "").netloc:
                self.found.append(f"<{tag}> loads {named[key]} from another host")
        if tag == "script":
            self._script, self._body = named, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._body)))
            self._script = None


def _theme_scripts() -> list[re.Pattern[str]]:
    """The inline scripts the theme's templates print (Material's and the overrides), their
    Jinja expressions standing for a quoted path, word or number."""
    import material

    patterns = []
    for folder in (Path(material.__file__).parent / "templates", PACKAGE / "theme"):
        for path in sorted(folder.rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            for body in re.findall(r"<script>(.*?)</script>", text, re.S):
                parts = re.split(r"\{\{.*?\}\}|\{%.*?%\}", body.strip())
                patterns.append(
                    re.compile(r"[\w./:\-\"' ,]*".join(re.escape(p) for p in parts), re.S)
                )
    return patterns


def page_problems(
    page: Path, site: Path, scripts: frozenset[str], theme: list[re.Pattern[str]], base: str = "/"
) -> list[str]:
    """What in one built page would run, or load from another host, beyond the theme's scripts
    and the site's own files named in `scripts` (site-relative)."""
    scan = _PageScan()
    scan.feed(page.read_text(encoding="utf-8", errors="replace"))
    found = list(scan.found)
    for attrs, body in scan.scripts:
        src = attrs.get("src")
        kind = attrs.get("type")
        if src:
            target = urlsplit(src)
            path: Path | None = None
            if target.path.startswith(base):  # the 404 page names its files from the site's root
                path = (site / target.path.removeprefix(base)).resolve()
            elif not target.path.startswith("/"):
                path = (page.parent / target.path).resolve()
            inside = path is not None and path.is_relative_to(site.resolve()) and path.is_file()
            rel = path.relative_to(site.resolve()).as_posix() if inside and path else ""
            if (
                target.netloc
                or target.scheme
                or not inside
                or not (
                    rel in scripts
                    or re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", rel)
                )
            ):
                found.append(f"a script from {src}: only the theme's and the site's own run")
        elif kind in ("application/ld+json", "application/json"):
            if "</" in body:
                found.append("a data block that closes its own script element")
        elif not any(p.fullmatch(body.strip()) for p in theme):
            found.append(f"an inline script that is not the theme's: {body.strip()[:60]!r}")
    return found


def site_problems(site: Path, root: Path, pages: list[str]) -> list[Problem]:
    """The built pages that hand-written files shape (every page of docs/ that convert does not
    make, and one page of each kind it does: the templates are the same for all of its kind)
    run nothing but the theme's scripts and the site's own `extra_javascript`, and load nothing
    from another host. Checked in the build itself, so the CI job that uploads the preview
    enforces it too."""
    config, _ = read_config(root)
    extra = config.get("extra_javascript") if config is not None else None
    extra = extra if isinstance(extra, list) else []
    scripts = frozenset(str(s.get("path") if isinstance(s, dict) else s) for s in extra)
    theme = _theme_scripts()
    from .settings import from_config

    base = urlsplit(from_config(config if config is not None else {}).pages_url).path or "/"
    out = []
    for rel in pages:
        page = site / rel
        if page.is_file():
            for what in page_problems(page, site, scripts, theme, base):
                out.append(
                    Problem(
                        rel,
                        None,
                        f"the built page has {what}",
                        "remove it from the page or the template",
                    )
                )
    return out
