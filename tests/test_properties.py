"""Property tests: decode, extract and markup hold their promises for any input.

    decode    any bytes -> NFC text, or an InputError that says what is wrong; idempotent;
              invisible controls and bidi overrides stripped, NBSP and ZWJ kept
    extract   never crashes; on generated transcripts every spoken word lands in exactly
              one turn, turns follow the labels, page chrome never reaches a turn, and
              every line of the capture is accounted for
    markup    md_text renders to exactly the text, never to markup, in every context the
              pages put it in (paragraph, heading, table cell, list item, link text)

Runtime is kept under a minute: every test sets its own max_examples.
"""

from __future__ import annotations

import html
import json
import re
import string
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from onrecord.errors import InputError
from onrecord.importer import load_registry
from onrecord.ingest import decode as decode_mod
from onrecord.ingest.extract import extract
from onrecord.ingest.lines import match_label
from onrecord.markup import attr, json_for_script, md_link, md_text, url_link
from onrecord.registry import UNIDENTIFIED

ROOT = Path(__file__).resolve().parents[1]
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ================================================================ decode

BIDI = [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
C0 = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\x7f"]
# what decode must remove (the module's docstring): C0 controls but tab and newline, DEL,
# bidi embeddings/overrides/isolates and marks, zero-width space, byte-order marks
INVISIBLE = set(C0) | set(BIDI) | {"\u200b", "\u200e", "\u200f", "\ufeff", "\ufffe"}
KEPT = ["\u00a0", "\u200d", "\u200c", "\u202f"]  # NBSP, ZWJ, ZWNJ, narrow NBSP: part of the text


def decode(data: bytes) -> str:
    text, notes = decode_mod.decode(data, "capture.txt")
    assert isinstance(text, str) and all(isinstance(n, str) for n in notes)
    return text


def decode_or_error(data: bytes) -> str | None:
    """The text, or None after checking the InputError is a clear, located message."""
    try:
        return decode(data)
    except InputError as exc:
        message = str(exc)
        assert message.startswith("capture.txt: "), message
        assert " — " in message and len(exc.problem.problem) > 5 and len(exc.problem.fix) > 5, (
            message
        )
        return None


def model(text: str) -> str:
    """What decode promises for a text it accepts, written from the spec, not the code."""
    text = text.removeprefix("\ufeff")
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n\n")
    )
    text = "".join(c for c in text if c not in INVISIBLE)
    return unicodedata.normalize("NFC", text)


def check_clean(text: str) -> None:
    assert unicodedata.is_normalized("NFC", text)
    assert not INVISIBLE & set(text), sorted(INVISIBLE & set(text))
    assert "\r" not in text and "\u2028" not in text and "\u2029" not in text
    assert text.strip(), "decode returned no visible text instead of reporting an empty file"


def check_idempotent(text: str) -> None:
    assert decode(text.encode("utf-8")) == text


fragments = st.one_of(
    st.text(min_size=1, max_size=30),
    st.text(alphabet=string.ascii_letters + " .,;", min_size=1, max_size=40),
    st.sampled_from(
        BIDI
        + C0
        + KEPT
        + [
            "\r\n",
            "\r",
            "\n",
            "\n\n",
            "\u2028",
            "\u2029",
            "\u200b",
            "\ufeff",
            "e\u0301",
            "A\u030a",
            "\u1100\u1161",
            "\u0958",
            "\u212b",
            "\ufb01",
            "\u00a0\u00a0",
            "\t",
            "“quoted”",
            "Støre",
            "Zelenskyy",
        ]
    ),
)
texts = st.lists(fragments, max_size=40).map("".join)
# text that encodes to cp1252 (Python's cp1252 leaves 0x81 0x8d 0x8f 0x90 0x9d undefined)
cp1252_chars = st.characters(codec="cp1252")


@FAST
@given(st.binary(max_size=3000))
@example(b"")
@example(b"   \n\t ")
@example(b"\x00" * 100)
@example(b"\xff\xfe")
@example(b"\xff\xfeH\x00i\x00")
@example(b"\xfe\xff\x00H\x00i")
@example(b"\xff\xfe\x00\xd8")  # UTF-16 with a lone surrogate
@example(b"\xef\xbb\xbf")
@example(b"\xe2\x80\xae")  # only a bidi override
@example(b"\xe2\x80\x8b\n")  # only a zero-width space
def test_decode_any_bytes(data):
    text = decode_or_error(data)
    if text is not None:
        check_clean(text)
        check_idempotent(text)


@FAST
@given(texts, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
@example("Hello\u202eworld\u2066!\u2069", "utf-8")
@example("a\u200db\u00a0c", "utf-8")
@example("line one\r\nline two\rline three\n", "utf-16")
@example("caf\u0065\u0301 \ufeff", "utf-8-sig")
@example("\u202e", "utf-8")
@example("\u00a0\n", "utf-8")
def test_decode_unicode_text(text, encoding):
    """UTF-8 with or without BOM, UTF-16 with BOM: the text comes back cleaned, nothing else lost."""
    data = text.encode(encoding)
    got = decode_or_error(data)
    expected = model(text)
    controls = sum(c in C0 for c in text)
    if got is None:
        # the only reasons to reject a real text: no visible text, or mostly control characters
        assert not expected.strip() or controls > 8, f"rejected a text file: {text!r}"
        return
    assert got == expected
    check_clean(got)
    check_idempotent(got)
    for c in KEPT:
        assert got.count(c) == unicodedata.normalize("NFC", text).count(c), f"{c!r} was not kept"


@FAST
@given(st.text(alphabet=cp1252_chars, min_size=1, max_size=300))
@example("Caf\xe9 \u201cquoted\u201d \u2013 na\xefve\r\n\u2026 \u20ac")
def test_decode_cp1252(text):
    data = text.encode("cp1252")
    try:
        data.decode("utf-8")
        assume(False)  # bytes that are also valid UTF-8 are read as UTF-8: nothing to check here
    except UnicodeDecodeError:
        pass
    assume(
        not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    )  # "ÿþ", "þÿ": a UTF-16 byte-order mark wins
    got = decode_or_error(data)
    if got is None:
        assert not model(text).strip() or sum(c in C0 for c in text) > 8
        return
    assert got == model(text)
    check_clean(got)
    check_idempotent(got)


@settings(max_examples=8, deadline=None)
@given(
    st.integers(10_000, 400_000),
    st.sampled_from(["word ", "\u00a0", "é", "\u202e", "\r", "x\u200d"]),
)
def test_decode_very_long_lines(length, unit):
    text = ("SECRETARY BLINKEN: " + unit * (length // len(unit)))[:length]
    got = decode(text.encode("utf-8"))
    assert got == model(text)
    check_idempotent(got)


def test_decode_rejects_10_mb():
    data = b"SECRETARY BLINKEN: Thank you.\n" * (10 * 2**20 // 30 + 1)
    assert len(data) >= 10 * 2**20
    with pytest.raises(InputError, match="limit"):
        decode_mod.decode(data, "huge.txt")


def test_decode_cap_boundary():
    line = b"word " * 20 + b"\n"
    data = (line * (decode_mod.MAX_BYTES // len(line) + 1))[: decode_mod.MAX_BYTES]
    assert decode(data)  # exactly at the cap: accepted
    with pytest.raises(InputError, match="limit"):
        decode_mod.decode(data + b"x", "big.txt")


def test_decode_utf16_without_bom_is_an_input_error_not_a_crash():
    decode_or_error("SECRETARY BLINKEN: Thank you.\n".encode("utf-16-le"))
    decode_or_error("SECRETARY BLINKEN: Thank you.\n".encode("utf-16-be"))


# ================================================================ extract

REGISTRY = load_registry(ROOT)
WORDS = re.compile(r"\w+")
LABELS = {
    "SECRETARY BLINKEN:": "antony-blinken",
    "QUESTION:": UNIDENTIFIED,
    "MR PRICE:": "ned-price",
}
CHROME = [
    "An official website of the United States government",
    "Share",
    "(As delivered)",
    "Here’s how you know",
    "Print",
    "Email",
]
# Words that, in this test, cannot make a line look like something else: no colons,
# digits, quotes or parentheses (labels, times, stage directions, news attributions),
# and none of the words page chrome starts with ("Copyright", "Follow on", "Click here").
VOCABULARY = (
    "alliance support ukraine partners we will continue to work together security unity "
    "thank you very much nato europe kyiv allies strong agree discuss deterrence defense "
    "summit important moment history all is are that this it been have a the and of in "
    "for our question answer minister secretary general brussels washington sanctions "
    "pressure ministers meeting today tomorrow again welcome good great støre naïve "
    "zelenskyy défense über coalition ceasefire humanitarian aid"
).split()


def words(text: str) -> Counter:
    return Counter(WORDS.findall(text))


@st.composite
def sentences(draw):
    ws = draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14))
    gaps = draw(
        st.lists(
            st.sampled_from([" ", " ", " ", "\u00a0", "  "]), min_size=len(ws), max_size=len(ws)
        )
    )
    return (
        ws[0].capitalize()
        + "".join(g + w for g, w in zip(gaps, ws[1:], strict=False))
        + draw(st.sampled_from(".?!"))
    )


paragraphs = st.lists(sentences(), min_size=1, max_size=4).map(" ".join)


@st.composite
def transcripts(draw):
    """A capture: optional chrome and title, then labelled turns; chrome between paragraphs."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines += [CHROME[0], "Here’s how you know", ""]
    if draw(st.booleans()):
        lines += ["Secretary Blinken and Spokesperson Price at a Press Availability", ""]
    if draw(st.booleans()):
        lines += ["(As delivered)", ""]
    segments = draw(
        st.lists(
            st.tuples(
                st.sampled_from(sorted(LABELS)),
                st.lists(paragraphs, min_size=1, max_size=3),
                st.booleans(),
            ),
            min_size=1,
            max_size=6,
        )
    )
    everything = [p for _, ps, _ in segments for p in ps]
    norm = [re.sub(r"\s+", " ", p).casefold() for p in everything]
    # extract publishes a repeated paragraph once (reposts glued to their copy): keep them distinct
    assume(len(set(n for n in norm if len(n) >= 40)) == len([n for n in norm if len(n) >= 40]))
    assume(not any(a != b and len(a) >= 40 and a in b for a in norm for b in norm))
    for label, ps, same_line in segments:
        gap = [""] * draw(st.integers(1, 2))
        if same_line:  # state.gov captures often put a no-break space after the label
            lines.append(
                label + draw(st.sampled_from([" ", "  ", "\u00a0", "\u00a0 ", "\t"])) + ps[0]
            )
            rest = ps[1:]
        else:
            lines.append(label)
            rest = ps
        for p in rest:
            if draw(st.integers(0, 5)) == 0:
                lines += ["", draw(st.sampled_from(CHROME))]
            lines += ([""] if lines[-1] and not lines[-1].endswith(":") else []) + [p]
        lines += gap
    if draw(st.booleans()):
        lines += ["Share", ""]
    return "\n".join(lines), segments


def check_accounted(text: str, x, labels_without_speech: bool = False) -> None:
    """Every line of the capture is blank, reported as removed, or in a turn (stage directions
    like "(Laughter.)" count: they stay in the turn's paragraphs, only `.text` leaves them out)."""
    removed = [(a, b) for a, b, _, part in x.removed if part is None]
    parts: dict[
        int, list[str]
    ] = {}  # a part of a line reported as removed (chrome glued to a label)
    for a, _, _, part in x.removed:
        if part is not None:
            parts.setdefault(a, []).append(part)
    spoken = [words("\n".join(t.paragraphs)) for t in x.turns] + [words(p) for p in x.paragraphs]
    starts = {t.line: t for t in x.turns if t.label}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or any(a <= number <= b for a, b in removed):
            continue
        for part in parts.get(number, []):
            line = line.replace(part, " ", 1)
        if not line.strip():
            continue
        rest = line
        if number in starts and starts[number].label.printed in line:
            rest = line.split(starts[number].label.printed, 1)[1]
        elif labels_without_speech:
            label = match_label(line, REGISTRY, True) or match_label(line, REGISTRY, False)
            if label and not words(label.rest):
                continue
        said = words(rest)
        assert any(said <= w for w in spoken), f"line {number} is lost: {line!r}"


@SLOW
@given(transcripts())
def test_extract_generated_transcripts(capture):
    text, segments = capture
    x = extract(text, REGISTRY, None)
    assert x.kind == "transcript"
    # turns follow the labels, one turn per labelled segment, speaker resolved from the label
    assert [t.label.printed if t.label else None for t in x.turns] == [
        label for label, _, _ in segments
    ]
    for turn, (label, ps, _) in zip(x.turns, segments, strict=True):
        assert turn.speaker_id == LABELS[label], (label, turn.speaker_id, turn.how)
        assert words(turn.text) == words(" ".join(ps)), (label, turn.text, ps)
    # every spoken word in exactly one turn: the multisets are equal
    spoken = sum((words(p) for _, ps, _ in segments for p in ps), Counter())
    assert sum((words(t.text) for t in x.turns), Counter()) == spoken
    for turn in x.turns:
        for chrome in CHROME:
            assert chrome not in turn.text
    check_accounted(text, x)
    json.dumps(x.record(), ensure_ascii=False)


def test_extract_caption_tag_inside_speech():
    text = (
        "SECRETARY BLINKEN: Thank you. Let me say a word about Ukraine.\n\n"
        "President Zelenskyy  has shown great courage, and we stand with him.\n\nQUESTION: Thank you."
    )
    x = extract(text, REGISTRY, None)
    assert [t.speaker_id for t in x.turns] == ["antony-blinken", UNIDENTIFIED]


LINE_PIECES = st.one_of(
    st.sampled_from(
        sorted(LABELS)
        + CHROME
        + [
            "",
            "",
            "---",
            "title: A title",
            "date: 2022-04-06",
            "Q:",
            "A:",
            "Q  Why?",
            "MODERATOR:",
            "June 1, 2022",
            "• 21 Jan. 2015 -",
            "10:42 a.m. EST",
            "(00:04)",
            "Matthew Miller (00:04):",
            "NATO Secretary General Jens Stoltenberg:",
            "(Laughter.)",
            "[inaudible]",
            "Read more",
            "Related Articles",
            "Credit: Reuters",
            "Photo: AP",
            "Brussels, Belgium",
            "NATO Headquarters",
            "Secretary blinken",
            "By Jane Doe",
            "Stoltenberg said: “We stand with Ukraine.”",
            "“We will not be intimidated,” Blinken said.",
            "Tags: NATO",
            ">",
            "•",
            ":",
            "Q. What now?",
            "Remarks by Secretary Antony J. Blinken at a Press Availability",
            "Thank you.",
        ]
    ),
    st.text(max_size=60),
    sentences(),
)


@SLOW
@given(
    st.lists(
        st.tuples(LINE_PIECES, st.sampled_from(["", " ", "  ", "\u00a0"]), LINE_PIECES), max_size=40
    )
)
def test_extract_line_soup(parts):
    """Lines mixing labels, chrome, dates, front matter and noise: never a crash, nothing lost."""
    text = "\n".join(a + sep + b for a, sep, b in parts)
    x = extract(text, REGISTRY, None)
    json.dumps(x.record(), ensure_ascii=False)
    check_accounted(text, x)


def test_extract_reports_a_label_without_speech():
    text = "SECRETARY BLINKEN:\n\nShare\n\nQUESTION: Is it over?\n\nMR PRICE:"
    x = extract(text, REGISTRY, None)
    check_accounted(text, x)


@SLOW
@given(
    st.text(max_size=3000),
    st.sampled_from(
        [
            None,
            "https://www.state.gov/secretary-blinken-2022-04-06/",
            "https://www.nato.int/cps/en/natohq/opinions_1.htm",
            "::",
        ]
    ),
)
def test_extract_never_crashes_on_any_text(text, url):
    x = extract(text, REGISTRY, url)
    json.dumps(x.record(), ensure_ascii=False)


# ================================================================ markup

EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "tables"]
FORBIDDEN = {
    "a",
    "img",
    "script",
    "em",
    "strong",
    "code",
    "iframe",
    "object",
    "style",
    "link",
    "meta",
}
printable = st.one_of(
    st.sampled_from(string.printable.replace("\x0b", "").replace("\x0c", "")),
    st.sampled_from(list("éßøЖ中’“”—…\u00a0")),
    st.sampled_from(
        [
            "[x](javascript:alert(1))",
            "<script>",
            "{{ config }}",
            "{% raw %}",
            "--8<-- ",
            "![i](x.png)",
            "&amp;",
            "&#60;",
            "]]>",
            "</script>",
            "[TOC]",
            "{: #id .cls onclick=x }",
            "!!! note",
            "<http://x.org>",
            "1. ",
            "- ",
            "+ ",
            "# ",
            "> ",
            "    ",
            "\n===\n",
            "\n---\n",
            "| a | b |",
            "~~x~~",
            "^^x^^",
            "==x==",
            "*[HTML]: x",
            "[^1]",
            "$$x$$",
            "\\*",
            "`",
            "``",
            "<!-- c -->",
        ]
    ),
)
md_texts = st.lists(printable, max_size=30).map("".join)


class Page(HTMLParser):
    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    @property
    def content(self) -> str:
        return "".join(self.text)


def render(source: str) -> Page:
    return Page(markdown.markdown(source, extensions=EXTENSIONS))


def normal(s: str) -> str:
    return " ".join(s.split())


def visible(s: str) -> str:
    """What a page can show of a text: control characters have no place in HTML."""
    return normal(re.sub("[\x00-\x08\x0e-\x1b\x7f]", "", s))


def check_plain(page: Page, allowed: set[str]) -> None:
    names = [t for t, _ in page.tags]
    assert not FORBIDDEN & set(names) - allowed, names
    assert set(names) <= allowed, names
    for _, attrs in page.tags:
        assert not [k for k in attrs if k.startswith("on")], attrs


@FAST
@given(md_texts)
@example("C#")
@example("Where is item ##")
@example("1. To support Ukraine")
@example("*emphasis* and _this_ and `code`")
@example("&amp; &copy; &#60;")
def test_md_text_paragraph(s):
    markup = markdown.markdown(md_text(s), extensions=EXTENSIONS)
    assert html.unescape(re.sub(r"<[^>]*>", "", markup)) == normal(s)  # the brief's literal check
    for tag in ("<a", "<img", "<script", "<em", "<strong", "<code"):
        assert tag not in markup
    page = Page(markup)
    assert page.content == normal(s)
    check_plain(page, {"p"})


@FAST
@given(md_texts.filter(lambda s: s.strip()))
@example("C#")
@example("Where is item ##")
@example("Secretary Blinken #")
def test_md_text_heading(s):
    """`# {md_text(title)}` and `### {md_text(name)} {#t-001}`: the heading is the text, whole."""
    page = render(f"# {md_text(s)}")
    assert page.content == normal(s)
    check_plain(page, {"h1"})
    page = render(f"### {md_text(s)} {{ #t-001 }}")
    assert page.content == normal(s)
    assert page.tags == [("h3", {"id": "t-001"})]


@FAST
@given(md_texts, md_texts.filter(str.strip))  # pages never write an empty list item
def test_md_text_table_and_list(a, b):
    page = render(f"| A | B |\n| --- | --- |\n| {md_text(a)} | {md_text(b)} |\n")
    cells = [t for t, _ in page.tags if t == "td"]
    assert len(cells) == 2
    assert normal(page.content) == normal(f"A B {normal(a)} {normal(b)}")
    check_plain(page, {"table", "thead", "tbody", "tr", "th", "td"})
    page = render(f"- **Key:** {md_text(a)}\n- {md_text(b)}\n")
    assert [t for t, _ in page.tags].count("li") == 2
    assert normal(page.content) == normal(f"Key: {normal(a)} {normal(b)}")
    check_plain(page, {"ul", "li", "strong"})


@FAST
@given(md_texts.filter(lambda s: s.strip()))
def test_md_link_text(s):
    page = render("See " + md_link(s, "../speakers/jens-stoltenberg.md") + ".")
    assert page.content == normal(f"See {normal(s)}.")
    assert [(t, a) for t, a in page.tags if t != "p"] == [
        ("a", {"href": "../speakers/jens-stoltenberg.md"})
    ]


urls = st.one_of(
    st.builds(
        lambda scheme, rest: scheme + rest,
        st.sampled_from(
            ["https://", "http://", "javascript:", "data:", "HTTPS://", " https://", "ftp://"]
        ),
        st.lists(
            st.one_of(
                st.sampled_from(
                    list(
                        string.ascii_letters
                        + string.digits
                        + "/.-_~?=&#%:;@!$*+,`\\|^{}[]()<>'\" \n"
                    )
                ),
                st.sampled_from(["&#106;", "&amp;", "`x`", "&lt;", "javascript:", "*a*", "_b_"]),
            ),
            max_size=20,
        ).map("".join),
    ),
    st.text(max_size=40),
)


@FAST
@given(
    st.text(alphabet=string.ascii_letters + " <>*", min_size=1, max_size=20).filter(str.strip), urls
)
@example("source", "https://example.org/x?a=1&b=`code`*em*")
@example("source", "https://example.org/&#106;avascript")
@example("source", "https://example.org/a\\*b")
@example("source", "javascript:alert(1)")
def test_url_link(text, url):
    """A link to an outside address goes exactly there, and only over http(s); otherwise it is text."""
    page = render(url_link(text, url))
    links = [a for t, a in page.tags if t == "a"]
    assert not [t for t, _ in page.tags if t not in ("p", "a")]
    if links:
        assert len(links) == 1 and list(links[0]) == ["href"]
        assert re.match(r"^https?://", links[0]["href"])
        assert links[0]["href"] == url, "the link does not go to the address in the data"
        assert page.content == normal(text)
    else:
        assert page.content == visible(f"{text} ({url})")


@FAST
@given(st.text())
def test_attr_and_json_for_script(s):
    page = Page(f'<meta name="description" content="{attr(s)}"><div title="{attr(s)}">x</div>')
    assert page.tags[0][1]["content"] == normal(s) == page.tags[1][1]["title"]
    data = {"name": s, "list": [s, "</script>"]}
    page = Page(f'<script type="application/ld+json">{json_for_script(data)}</script><p>after</p>')
    assert [t for t, _ in page.tags] == ["script", "p"]
    assert json.loads(page.text[0]) == data
