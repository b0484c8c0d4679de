"""A saved web page -> the plain text a reader sees, with its paragraphs and line breaks.

Navigation, headers, footers, forms, scripts and styles are dropped here; whatever else
is chrome goes through the same line cleaning as a text capture, so a page and its
text copy give the same transcript.
"""

from __future__ import annotations

import re

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "form",
    "svg",
    "iframe",
    "button",
    "select",
    "input",
    "aside",
    "menu",
    "dialog",
    "head",
    "object",
    "canvas",
)
BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "address",
    "hr",
    "body",
    "center",
}


def html_to_text(markup: str) -> str:
    soup = BeautifulSoup(markup, "html.parser")
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(DROP):
        tag.decompose()
    for tag in soup.find_all(
        lambda t: t.get("role") in ("navigation", "banner", "contentinfo", "search")
    ):
        tag.decompose()
    for tag in soup.find_all(lambda t: t.has_attr("hidden")):
        tag.decompose()
    parts: list[str] = []
    _walk(soup, parts)
    text = "".join(parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def _walk(node: Tag, parts: list[str]) -> None:
    for child in node.children:
        if isinstance(child, (Doctype, Declaration, ProcessingInstruction)):
            continue  # "<!DOCTYPE html>" is not text
        if isinstance(child, NavigableString):
            # whitespace in HTML source is layout, not text: collapse it as a browser does
            parts.append(re.sub(r"[ \t\r\n]+", " ", str(child)))
        elif isinstance(child, Tag):
            if child.name == "br":
                parts.append("\n")
            elif child.name in BLOCK:
                parts.append("\n\n")
                _walk(child, parts)
                parts.append("\n\n")
            else:
                _walk(child, parts)
