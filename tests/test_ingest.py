"""Importer stages, input -> expected output, stated inline."""
from __future__ import annotations

from datetime import date

import pytest

from onrecord.errors import InputError
from onrecord.ingest import decode, html
from onrecord.ingest.extract import extract
from onrecord.ingest.lines import dates_in, is_chrome, match_label


# ---------------------------------------------------------------- decode

@pytest.mark.parametrize("data, expected", [
    (b"\xef\xbb\xbfQUESTION: Hi.\r\n", "QUESTION: Hi.\n"),                       # UTF-8 BOM, CRLF
    ("Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "Café “quoted”"),           # Windows-1252
    ("A\u202eB\u200bC\x00D".encode(), "ABCD"),                                    # bidi, zero-width space, NUL
    ("e\u0301 and\u00a0NBSP and \u200d".encode(), "é and\u00a0NBSP and \u200d"),  # NFC; NBSP and ZWJ kept
])
def test_decode_cleans_what_is_not_text(data, expected):
    assert decode.decode(data, "x")[0] == expected


@pytest.mark.parametrize("codec, order", [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_decode_reads_utf16_without_a_byte_order_mark(codec, order):
    text, notes = decode.decode("SECRETARY BLINKEN: Thank you, Jens — and Oslo.\n".encode(codec), "x")
    assert text == "SECRETARY BLINKEN: Thank you, Jens — and Oslo.\n"
    assert notes == [f"decoded as UTF-16 ({order}-endian, no byte-order mark)"]


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"   \n", "empty"), (bytes(range(256)) * 40, "binary"),
    (b"a" * (decode.MAX_BYTES + 1), "limit"),
])
def test_decode_refuses_what_it_cannot_read(data, message):
    with pytest.raises(InputError, match=message):
        decode.decode(data, "capture.txt")


def test_html_keeps_paragraphs_and_drops_page_furniture():
    page = ("<html><head><style>p{}</style><script>var x=1</script></head><body><nav>Home | News</nav>"
            "<header>Site</header><main><h1>Remarks</h1><p>SECRETARY BLINKEN: Good<br>morning.</p>"
            "<p>QUESTION: Thank   you.</p></main><footer>© Site</footer></body></html>")
    assert html.html_to_text(page) == "Remarks\n\nSECRETARY BLINKEN: Good\nmorning.\n\nQUESTION: Thank you.\n"


# ---------------------------------------------------------------- lines

@pytest.mark.parametrize("line, name, printed, rest", [
    ("SECRETARY BLINKEN:  Thank you.", "SECRETARY BLINKEN", "SECRETARY BLINKEN:", "Thank you."),
    ("NATO Secretary General Jens Stoltenberg: I could", "NATO Secretary General Jens Stoltenberg",
     "NATO Secretary General Jens Stoltenberg:", "I could"),
    ("Vivian Salama (Wall Street Journal): […] Welcome", "Vivian Salama", "Vivian Salama (Wall Street Journal):",
     "[…] Welcome"),
    ("Matthew Miller (00:04):", "Matthew Miller", "Matthew Miller (00:04):", ""),
    ("Q    Sir, how’s that offensive going?", "Q", "Q", "Sir, how’s that offensive going?"),
    ("QUESTION:\u00a0 Good afternoon.", "QUESTION", "QUESTION:", "Good afternoon."),
    ("JENS STOLTENBERG (NATO Secretary General): It is", "JENS STOLTENBERG", "JENS STOLTENBERG (NATO Secretary General):", "It is"),
])
def test_labels_in_every_printed_form(line, name, printed, rest, registry):
    label = match_label(line, registry, starts_paragraph=True)
    assert (label.name, label.printed, label.rest) == (name, printed, rest)


@pytest.mark.parametrize("line", [
    "The Lessons of 1989: Freedom and Our Future",          # a related-article link
    "NATO Foreign Ministerial: Remarks by Secretary Antony Blinken and NATO Secretary General Jens Stoltenberg",
    "Two things: first, we agree.",                          # speech with a colon
    "Note: this transcript was edited.",
    "REMARKS: SECRETARY BLINKEN AT NATO HEADQUARTERS",  # a headline in capitals
])
def test_not_labels(line, registry):
    assert match_label(line, registry, starts_paragraph=True) is None


@pytest.mark.parametrize("line, chrome", [
    ("An official website of the United States government", True), ("  • |", True),
    ("  • Last updated: 02 Jun. 2022 20:59", True), ("(As delivered)", True), ("Share", True),
    ("Press conference by NATO ... during the visit. Credit: NATO", True), ("More articles", True),
    ("Thank you very much.", False), ("Share this with your colleagues, please.", False),
])
def test_chrome_lines(line, chrome):
    assert is_chrome(line) is chrome


@pytest.mark.parametrize("text, day", [
    ("  • 01 Jun. 2022 -", date(2022, 6, 1)), ("March 4, 2022", date(2022, 3, 4)),
    ("on Tuesday (23 March 2021)", date(2021, 3, 23)), ("Briefing 2/20/24 Transcript", date(2024, 2, 20)),
    ("21 de junio de 2021", date(2021, 6, 21)), ("Nov 28, 2023 - 16:17", date(2023, 11, 28)),
])
def test_dates(text, day):
    assert dates_in(text)[0].day == day


# ---------------------------------------------------------------- extract

def test_turns_and_chrome(registry):
    text = ("An official website of the United States government\n\nMarch 4, 2022\n\n"
            "SECRETARY BLINKEN:  Good morning.\n\nWe are here.\n\n\nQUESTION: Why?\n\n"
            "SECRETARY BLINKEN: Because.\n\n\nRelated Article Title Here\n")
    x = extract(text, registry)
    assert [(t.speaker, t.label.printed, t.text) for t in x.turns] == [
        ("Antony J. Blinken", "SECRETARY BLINKEN:", "Good morning.\nWe are here."),
        ("Unidentified journalist", "QUESTION:", "Why?"),
        ("Antony J. Blinken", "SECRETARY BLINKEN:", "Because."),
    ]
    assert x.date == date(2022, 3, 4)
    assert (1, 1, "page chrome", None) in x.removed
    assert any("site links" in reason for _, _, reason, _ in x.removed)


def test_role_labels_follow_the_date(registry):
    def who(day: str) -> str:
        return extract(f"Remarks\n\n{day}\n\nTHE SECRETARY: Thank you.\n", registry).turns[0].speaker
    assert who("June 1, 2022") == "Antony J. Blinken"
    assert who("June 1, 2019") == "Michael R. Pompeo"


def test_unlabeled_opening_goes_to_the_speaker_the_title_names(registry):
    text = ("Press conference\n\nby NATO Secretary General Jens Stoltenberg with the Prime Minister\n\n"
            "  • 30 May. 2023 -\n\n(As delivered)\n\nPrime Minister,\n\nIt is great to be back in Oslo.\n")
    x = extract(text, registry)
    assert [(t.speaker, t.label, t.text) for t in x.turns] == [
        ("Jens Stoltenberg", None, "Prime Minister,\nIt is great to be back in Oslo.")]
    assert x.location == "Oslo" and x.date == date(2023, 5, 30)
    assert x.inferred and "title" in x.inferred[0]


def test_interviewer_named_in_the_title_asks_the_questions(registry):
    text = "Secretary Blinken With Gayle King of CBS Mornings\n\nQUESTION: Good morning.\n\nSECRETARY BLINKEN: Hi.\n"
    assert [t.speaker for t in extract(text, registry).turns] == ["Gayle King", "Antony J. Blinken"]


def test_a_repost_glued_to_its_own_copy_is_published_once(registry):
    para = "So Secretary Blinken, dear Tony, welcome back to NATO. It is always a pleasure to have you here."
    reply = "Yes, thank you very, very much. It is always very good to be back in Brussels, here at NATO."
    text = (f"Title Of The Remarks\n\nSECRETARY GENERAL STOLTENBERG: {para} SECRETARY BLINKEN: {reply} "
            f"More words of the run-together copy to make it long enough for the check to apply here.\n\n"
            f"SECRETARY GENERAL STOLTENBERG: {para}\n\nSECRETARY BLINKEN: {reply}\n")
    x = extract(text, registry)
    assert [t.text for t in x.turns] == [para, reply]
    assert x.duplicate


def test_news_quotes_keep_the_articles_attribution(registry):
    text = ("NATO chief visits Washington\n\n"
            "Secretary General Jens Stoltenberg met Secretary of State Antony Blinken on Wednesday, 1 June 2022.\n\n"
            "“We must continue to invest in our defence,” said Jens Stoltenberg. “This is historic.”\n\n"
            "“The decisions by Finland and Sweden are historic,” he added.\n\n"
            "Antony Blinken underlined that Allies remain engaged.\n\n"
            "“Together we responded to the crisis.”\n\nMore articles\n\nLatest article\n")
    x = extract(text, registry)
    assert x.kind == "news article" and x.date == date(2022, 6, 1)
    assert [(q.speaker, q.text) for q in x.quotes] == [
        ("Jens Stoltenberg", "We must continue to invest in our defence,"),
        ("Jens Stoltenberg", "This is historic."),
        ("Jens Stoltenberg", "The decisions by Finland and Sweden are historic,"),
        ("Antony J. Blinken", "Together we responded to the crisis."),
    ]
    assert "More articles" not in " ".join(x.paragraphs)


def test_no_date_from_a_publication_byline_or_a_widget(registry):
    text = ("21 de junio de 2021\n\nA Conversation With The Secretary\n\nDecember 5, 2023 By USGLC\n\n"
            "LIZ SCHRAYER: Welcome.\n\nSECRETARY ANTONY J. BLINKEN: Thank you.\n")
    x = extract(text, registry)
    assert x.date is None and x.title == "A Conversation With The Secretary"


def test_caption_speaker_changes_never_continue_the_previous_speaker(registry):
    text = ">> SECRETARY BLINKEN: Good morning.\n>> Thank you, Mr. Secretary.\n>> SECRETARY BLINKEN: Thank you.\n"
    x = extract(text, registry)
    assert [(t.speaker, t.text) for t in x.turns] == [
        ("Antony J. Blinken", "Good morning."), (None, "Thank you, Mr. Secretary."), ("Antony J. Blinken", "Thank you.")]
    assert any("'>>'" in u for u in x.undecided)


def test_transcription_service_voices_and_names_in_any_script(registry):
    text = ("Press Briefing Transcript\n\nSpeaker 1 (00:00):\n\nGood afternoon.\n\n"
            "PRIME MINISTER STØRE: Thank you.\n")
    assert [(t.speaker, t.text) for t in extract(text, registry).turns] == [
        ("Speaker 1", "Good afternoon."), ("Jonas Gahr Støre", "Thank you.")]


def test_government_site_furniture(registry):
    text = ("Home > Office of the Spokesperson > Remarks\n\nBriefing Room\n\n"
            "Secretary Antony J. Blinken at a Press Availability\n\nApril 4, 2023\n\n"
            "SECRETARY BLINKEN: Good afternoon.\n\nTags\n\nBureau of European and Eurasian Affairs\n")
    x = extract(text, registry)
    assert x.title == "Secretary Antony J. Blinken at a Press Availability"
    assert [t.text for t in x.turns] == ["Good afternoon."]


def test_news_dateline_and_described_speakers(registry):
    text = ("NATO warns Russia\n\nBRUSSELS, March 4 (Reuters) - NATO's chief spoke on Friday.\n\n"
            "“We are not part of this conflict,” said NATO chief Jens Stoltenberg.\n\n"
            "“We will defend every inch,” said Kaja Kallas, Estonia's prime minister.\n")
    x = extract(text, registry)
    assert x.location == "Brussels"
    assert [(q.speaker, q.text) for q in x.quotes] == [
        ("Jens Stoltenberg", "We are not part of this conflict,"), ("Kaja Kallas", "We will defend every inch,")]


@pytest.mark.parametrize("lead, expected", [
    ("NATO foreign ministers met today in Brussels. “We stand together,” said Jens Stoltenberg.", date(2022, 4, 6)),
    ("NATO foreign ministers met in Brussels. “We stand together,” said Jens Stoltenberg.", None),
])
def test_an_articles_date_line_is_its_publication_date(registry, lead, expected):
    x = extract(f"Allies meet in Brussels\n\nApril 6, 2022\n\n{lead}\n", registry)
    assert x.kind == "news article" and x.date == expected


def test_a_title_and_surname_label_takes_the_full_name_the_capture_gives(registry):
    text = ("Remarks with Prime Minister Fumio Kishida\n\nJune 1, 2023\n\n"
            "PRIME MINISTER KISHIDA: Thank you.\n\nSECRETARY BLINKEN: Thank you, Prime Minister.\n")
    x = extract(text, registry)
    assert [t.speaker for t in x.turns] == ["Fumio Kishida", "Antony J. Blinken"]
