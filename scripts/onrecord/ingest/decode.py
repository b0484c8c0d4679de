"""Bytes -> text we can trust: any common encoding in, NFC Unicode out, nothing spoken lost.

Stripped: NUL and other C0 controls, bidi overrides and isolates (they can disguise text),
zero-width spaces and stray byte-order marks. Kept: non-breaking spaces and zero-width
joiners (they belong to the text). NFC only, never NFKC: compatibility folding would
change what was printed.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import InputError

MAX_BYTES = 5 * 1024 * 1024  # a long press briefing is ~150 KB; 5 MB leaves room for saved pages

_DROP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe]"
)


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Returns the text and notes for the import report about what hygiene changed."""
    notes: list[str] = []
    if len(data) > MAX_BYTES:
        raise InputError(
            name,
            None,
            f"the file is {len(data) / 1e6:.1f} MB, over the {MAX_BYTES // 2**20} MB limit",
            "import the transcript's page or text only, not a whole site or archive",
        )
    if not data.strip():
        raise InputError(
            name, None, "the file is empty", "save the capture's text into it and import again"
        )
    sample = data[:8192]
    nuls = sample.count(
        b"\x00"
    )  # a few stray NULs in a short text are dropped below, like other controls
    wide = _utf16_without_bom(sample)
    if (
        nuls > 8
        and nuls > len(sample) // 10
        and not sample.startswith((b"\xff\xfe", b"\xfe\xff"))
        and not wide
    ):
        raise InputError(
            name,
            None,
            "this looks like a binary file, not text",
            "save the page as text (.txt) or HTML (.html) and import that",
        )
    text = None
    encodings = (
        ("utf-8-sig", "utf-16")
        if data.startswith((b"\xff\xfe", b"\xfe\xff"))
        else (wide,)
        if wide
        else ("utf-8-sig",)
    )
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            if encoding.startswith("utf-16"):
                notes.append(
                    "decoded as UTF-16"
                    + (
                        ""
                        if encoding == "utf-16"
                        else f" ({'little' if encoding.endswith('le') else 'big'}-endian, no byte-order mark)"
                    )
                )
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        text = data.decode("cp1252", errors="replace")
        notes.append("not UTF-8: decoded as Windows-1252 (cp1252)")
    if data.startswith(b"\xef\xbb\xbf"):
        notes.append("removed the byte-order mark")
    controls = len(re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text))
    if controls > 8 and controls > len(text) // 20:
        raise InputError(
            name,
            None,
            "this looks like a binary file, not text",
            "save the page as text (.txt) or HTML (.html) and import that",
        )
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n\n")
    )
    dropped = len(_DROP.findall(text))
    if dropped:
        text = _DROP.sub("", text)
        notes.append(
            f"removed {dropped} invisible control character(s) (NUL, bidi, zero-width space)"
        )
    text = unicodedata.normalize("NFC", text)
    if not text.strip():  # only byte-order marks, bidi controls, zero-width or blank characters
        raise InputError(
            name,
            None,
            "the file has no visible text",
            "save the capture's text into it and import again",
        )
    return text, notes


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: Latin text then has a NUL in every other byte."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 16:
        return None
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(body|head|article|div|p)[\s>]", head)
    )


def capture_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """A raw capture's text, as the importer reads it and as `check` compares it with the cleaned
    transcript: decoded, and a saved HTML page turned into its text. Returns the notes too."""
    text, notes = decode(data, name)
    if looks_like_html(text):
        from . import html  # imports an HTML parser: only for captures that need it

        text = html.html_to_text(text)
        notes.append("read as a saved HTML page (navigation, header, footer, scripts dropped)")
    return text, notes
