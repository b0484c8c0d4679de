"""Text is data: every string from a transcript or registry is escaped before it reaches a page.

Markdown text: characters that start Markdown or extension syntax become numeric character
references, which every Markdown engine passes through and every browser shows as the
character itself. So `<script>`, `{{ config }}`, `*emphasis*`, `[x](javascript:…)` and
`--8<--` render as those characters, whatever extensions are on.
"""

from __future__ import annotations

import html
import json
import re

# anywhere in a line ('#' too: a heading's closing hashes, "# C#" -> "C", are dropped)
_INLINE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>|~^=$!#"}
_INLINE["&"] = "&amp;"
_TABLE = str.maketrans(_INLINE)
_SPACE = re.compile(r"\s+")
# only where a line starts: lists, headings, quotes, rules, definition lists
_LINE_START = re.compile(r"^(\s*)([-+#:>%]|\d+(?=[.)]))")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f]")  # C0 controls but whitespace, and DEL


def md_text(text: str) -> str:
    """One paragraph of plain text as Markdown that renders to exactly that text.

    Control characters have no place in HTML (and Markdown drops STX/ETX): they go."""
    text = _SPACE.sub(" ", _CONTROLS.sub("", text)).strip()
    out = text.translate(_TABLE)
    m = _LINE_START.match(out)
    if m:
        lead = m.group(2)
        if lead.isdigit():  # "1. To support Ukraine" is not a list
            out = out[: m.end()] + out[m.end() :].replace(".", "&#46;", 1).replace(")", "&#41;", 1)
        else:
            out = f"{m.group(1)}&#{ord(lead)};{out[m.end() :]}"
    return out


def md_link(text: str, target: str) -> str:
    """A link whose text is escaped; `target` is a path we generate (never reader input)."""
    return f"[{md_text(text)}]({target})"


def url_link(text: str, url: str) -> str:
    """A link to an outside address from the data: only http(s), escaped for Markdown."""
    if not re.fullmatch(r"https?://[^\s<>\"'()]+", url):
        return md_text(f"{text} ({url})")
    # Markdown reads backslash escapes and code spans inside a link's address, and the HTML
    # serializer keeps "&#106;" as an entity: escape them so the link goes where the data says
    target = re.sub(r"([\\`])", r"\\\1", url).replace("&", "&amp;")
    return f"[{md_text(text)}](<{target}>)"


def attr(text: str) -> str:
    """A value for a double-quoted HTML attribute, or a template that prints it unescaped."""
    return html.escape(re.sub(r"\s+", " ", text).strip(), quote=True)


def json_for_script(data: object) -> str:
    """JSON safe inside <script type="application/ld+json">: no '</script>' can close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
