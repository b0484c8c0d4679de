"""Importer stages, input -> expected output, stated inline."""

from __future__ import annotations

from datetime import date

import pytest

from onrecord.errors import InputError
from onrecord.ingest import decode, html
from onrecord.ingest.extract import extract
from onrecord.ingest.lines import dates_in, is_chrome, match_label

# ---------------------------------------------------------------- decode


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"\xef\xbb\xbfQUESTION: Hi.\r\n", "QUESTION: Hi.\n"),  # UTF-8 BOM, CRLF
        ("Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "Café “quoted”"),  # Windows-1252
        ("A\u202eB\u200bC\x00D".encode(), "ABCD"),  # bidi, zero-width space, NUL
        (
            "e\u0301 and\u00a0NBSP and \u200d".encode(),
            "é and\u00a0NBSP and \u200d",
        ),  # NFC; NBSP and ZWJ kept
    ],
)
def test_decode_cleans_what_is_not_text(data, expected):
    assert decode.decode(data, "x")[0] == expected


@pytest.mark.parametrize("codec, order", [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_decode_reads_utf16_without_a_byte_order_mark(codec, order):
    text, notes = decode.decode(
        "SECRETARY BLINKEN: Thank you, Jens — and Oslo.\n".encode(codec), "x"
    )
    assert text == "SECRETARY BLINKEN: Thank you, Jens — and Oslo.\n"
    assert notes == [f"decoded as UTF-16 ({order}-endian, no byte-order mark)"]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"a" * (decode.MAX_BYTES + 1), "limit"),
    ],
)
def test_decode_refuses_what_it_cannot_read(data, message):
    with pytest.raises(InputError, match=message):
        decode.decode(data, "capture.txt")


def test_html_keeps_paragraphs_and_drops_page_furniture():
    page = (
        "<html><head><style>p{}</style><script>var x=1</script></head><body><nav>Home | News</nav>"
        "<header>Site</header><main><h1>Remarks</h1><p>SECRETARY BLINKEN: Good<br>morning.</p>"
        "<p>QUESTION: Thank   you.</p></main><footer>© Site</footer></body></html>"
    )
    assert (
        html.html_to_text(page)
        == "Remarks\n\nSECRETARY BLINKEN: Good\nmorning.\n\nQUESTION: Thank you.\n"
    )


# ---------------------------------------------------------------- lines


@pytest.mark.parametrize(
    "line, name, printed, rest",
    [
        ("SECRETARY BLINKEN:  Thank you.", "SECRETARY BLINKEN", "SECRETARY BLINKEN:", "Thank you."),
        (
            "NATO Secretary General Jens Stoltenberg: I could",
            "NATO Secretary General Jens Stoltenberg",
            "NATO Secretary General Jens Stoltenberg:",
            "I could",
        ),
        (
            "Vivian Salama (Wall Street Journal): […] Welcome",
            "Vivian Salama",
            "Vivian Salama (Wall Street Journal):",
            "[…] Welcome",
        ),
        ("Matthew Miller (00:04):", "Matthew Miller", "Matthew Miller (00:04):", ""),
        ("Q    Sir, how’s that offensive going?", "Q", "Q", "Sir, how’s that offensive going?"),
        ("QUESTION:\u00a0 Good afternoon.", "QUESTION", "QUESTION:", "Good afternoon."),
        (
            "JENS STOLTENBERG (NATO Secretary General): It is",
            "JENS STOLTENBERG",
            "JENS STOLTENBERG (NATO Secretary General):",
            "It is",
        ),
    ],
)
def test_labels_in_every_printed_form(line, name, printed, rest, registry):
    label = match_label(line, registry, starts_paragraph=True)
    assert (label.name, label.printed, label.rest) == (name, printed, rest)


@pytest.mark.parametrize(
    "line",
    [
        "The Lessons of 1989: Freedom and Our Future",  # a related-article link
        "NATO Foreign Ministerial: Remarks by Secretary Antony Blinken and NATO Secretary General Jens Stoltenberg",
        "Two things: first, we agree.",  # speech with a colon
        "Note: this transcript was edited.",
        "REMARKS: SECRETARY BLINKEN AT NATO HEADQUARTERS",  # a headline in capitals
    ],
)
def test_not_labels(line, registry):
    assert match_label(line, registry, starts_paragraph=True) is None


@pytest.mark.parametrize(
    "line, chrome",
    [
        ("An official website of the United States government", True),
        ("  • |", True),
        ("  • Last updated: 02 Jun. 2022 20:59", True),
        ("(As delivered)", True),
        ("Share", True),
        ("Press conference by NATO ... during the visit. Credit: NATO", True),
        ("More articles", True),
        ("Thank you very much.", False),
        ("Share this with your colleagues, please.", False),
        ("Share this page: Facebook Twitter LinkedIn", True),
        ("Facebook | X | Email", True),
        ("Twitter made that public.", False),
        ("Published at https://example.com/rubio-nato", True),
        ("https://example.com/rubio-nato", True),
        ("We said so, see https://example.org for more.", False),
    ],
)
def test_chrome_lines(line, chrome):
    assert is_chrome(line) is chrome


@pytest.mark.parametrize(
    "text, day",
    [
        ("  • 01 Jun. 2022 -", date(2022, 6, 1)),
        ("March 4, 2022", date(2022, 3, 4)),
        ("on Tuesday (23 March 2021)", date(2021, 3, 23)),
        ("Briefing 2/20/24 Transcript", date(2024, 2, 20)),
        ("21 de junio de 2021", date(2021, 6, 21)),
        ("Nov 28, 2023 - 16:17", date(2023, 11, 28)),
    ],
)
def test_dates(text, day):
    assert dates_in(text)[0].day == day


# ---------------------------------------------------------------- extract


def test_turns_and_chrome(registry):
    text = (
        "An official website of the United States government\n\nMarch 4, 2022\n\n"
        "SECRETARY BLINKEN:  Good morning.\n\nWe are here.\n\n\nQUESTION: Why?\n\n"
        "SECRETARY BLINKEN: Because.\n\n\nRelated Article Title Here\n"
    )
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
        return (
            extract(f"Remarks\n\n{day}\n\nTHE SECRETARY: Thank you.\n", registry).turns[0].speaker
        )

    assert who("June 1, 2022") == "Antony J. Blinken"
    assert who("June 1, 2019") == "Michael R. Pompeo"


def test_unlabeled_opening_goes_to_the_speaker_the_title_names(registry):
    text = (
        "Press conference\n\nby NATO Secretary General Jens Stoltenberg with the Prime Minister\n\n"
        "  • 30 May. 2023 -\n\n(As delivered)\n\nPrime Minister,\n\nIt is great to be back in Oslo.\n"
    )
    x = extract(text, registry)
    assert [(t.speaker, t.label, t.text) for t in x.turns] == [
        ("Jens Stoltenberg", None, "Prime Minister,\nIt is great to be back in Oslo.")
    ]
    assert x.location == "Oslo" and x.date == date(2023, 5, 30)
    assert x.inferred and "title" in x.inferred[0]


def test_interviewer_named_in_the_title_asks_the_questions(registry):
    text = "Secretary Blinken With Gayle King of CBS Mornings\n\nQUESTION: Good morning.\n\nSECRETARY BLINKEN: Hi.\n"
    assert [t.speaker for t in extract(text, registry).turns] == ["Gayle King", "Antony J. Blinken"]


def test_a_repost_glued_to_its_own_copy_is_published_once(registry):
    para = "So Secretary Blinken, dear Tony, welcome back to NATO. It is always a pleasure to have you here."
    reply = "Yes, thank you very, very much. It is always very good to be back in Brussels, here at NATO."
    text = (
        f"Title Of The Remarks\n\nSECRETARY GENERAL STOLTENBERG: {para} SECRETARY BLINKEN: {reply} "
        f"More words of the run-together copy to make it long enough for the check to apply here.\n\n"
        f"SECRETARY GENERAL STOLTENBERG: {para}\n\nSECRETARY BLINKEN: {reply}\n"
    )
    x = extract(text, registry)
    assert [t.text for t in x.turns] == [para, reply]
    assert x.duplicate


def test_news_quotes_keep_the_articles_attribution(registry):
    text = (
        "NATO chief visits Washington\n\n"
        "Secretary General Jens Stoltenberg met Secretary of State Antony Blinken on Wednesday, 1 June 2022.\n\n"
        "“We must continue to invest in our defence,” said Jens Stoltenberg. “This is historic.”\n\n"
        "“The decisions by Finland and Sweden are historic,” he added.\n\n"
        "Antony Blinken underlined that Allies remain engaged.\n\n"
        "“Together we responded to the crisis.”\n\nMore articles\n\nLatest article\n"
    )
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
    text = (
        "21 de junio de 2021\n\nA Conversation With The Secretary\n\nDecember 5, 2023 By USGLC\n\n"
        "LIZ SCHRAYER: Welcome.\n\nSECRETARY ANTONY J. BLINKEN: Thank you.\n"
    )
    x = extract(text, registry)
    assert x.date is None and x.title == "A Conversation With The Secretary"


def test_an_official_sites_date_above_the_title_yields_to_the_caption_below_it(registry):
    # a today's-date widget above the heading; the standfirst states the day and the venue,
    # the date's "on" not read as a topic ("on Ukraine")
    text = (
        "Tuesday, 14 March 2028\n\nPress conference by NATO Secretary General Mark Rutte\n\n"
        "This is a transcript of the press conference held on 13 February 2025 at NATO "
        "Headquarters.\n\nMARK RUTTE [NATO Secretary General]: Good afternoon.\n"
    )
    x = extract(text, registry, url="https://www.nato.int/cps/en/natohq/opinions_233000.htm")
    assert (x.date, x.location) == (date(2025, 2, 13), "NATO Headquarters")
    assert x.turns[0].speaker == "Mark Rutte"


def test_a_second_title_in_another_language_and_a_prefixed_label_in_a_capture_without_blank_lines(
    registry,
):
    # Polish "i" (and) is not English "I": the line is a heading, not an opening statement; with
    # no blank line anywhere, every line starts a paragraph, so "Transcript – " is glued chrome
    text = (
        "Secretary Rubio with Polish Foreign Minister Radosław Sikorski\n"
        "Sekretarz Rubio i minister Radosław Sikorski przed spotkaniem\n"
        "WARSAW, POLAND\nMARCH 10, 2025\n"
        "Transcript – SECRETARY RUBIO: Well, thank you, Radek.\n"
        "FOREIGN MINISTER SIKORSKY: Thank you, Marco.\n"
    )
    x = extract(
        text, registry, url="https://www.state.gov/secretary-rubio-with-polish-foreign-minister"
    )
    assert x.date == date(2025, 3, 10)
    assert [(t.speaker, t.text) for t in x.turns] == [
        ("Marco Rubio", "Well, thank you, Radek."),
        ("Radosław Sikorski", "Thank you, Marco."),
    ]


def test_a_page_flattened_into_one_line_with_its_breadcrumb_and_footer(registry):
    text = (
        "Joint Press Availability with Secretary Kerry and Foreign Minister Steinmeier | US "
        "Embassy Berlin Home News Events Joint Press Availability with Secretary Kerry and "
        "Foreign Minister Steinmeier Berlin, Germany February 26, 2013 FOREIGN MINISTER "
        "STEINMEIER: (Via interpreter) Ladies and gentlemen, welcome to Berlin. I am glad to "
        "welcome John Kerry on his first trip. SECRETARY KERRY: Thank you very much, "
        "Frank-Walter. It is a great pleasure to be here. QUESTION: Mr. Secretary, on Syria? "
        "SECRETARY KERRY: We are working on it. Related Articles Embassy News\n"
    )
    url = "https://de.usembassy.gov/joint-press-availability-with-secretary-kerry-and-foreign-minister-steinmeier/"
    x = extract(text, registry, url=url)
    assert (
        x.title == "Joint Press Availability with Secretary Kerry and Foreign Minister Steinmeier"
    )
    assert (x.date, x.location) == (date(2013, 2, 26), "Berlin, Germany")
    assert [t.text.split(".")[0] for t in x.turns] == [
        "(Via interpreter) Ladies and gentlemen, welcome to Berlin",
        "Thank you very much, Frank-Walter",
        "Mr",
        "We are working on it",
    ]


def test_a_stray_word_before_the_label_of_someone_the_title_names(nobody):
    text = (
        "Press Availability With Foreign Minister Margus Tsahkna\n\n"
        "JOURNALIST: A question about the summit.\n\n"
        "And so MINISTER TSAHKNA: We will prepare the summit together.\n\n"
        "And so we agree: that is settled.\n"
    )
    x = extract(text, nobody)
    assert [(t.speaker, t.text) for t in x.turns] == [
        ("Unidentified journalist", "A question about the summit."),
        (
            "Margus Tsahkna",
            "We will prepare the summit together.\nAnd so we agree: that is settled.",
        ),
    ]


def test_a_name_colon_headline_is_the_title_of_a_news_article_not_a_turn(registry):
    # the headline's "Blinken:" is not a label; a quote whose closing mark was lost ends where
    # the attribution starts; neither the treaty's date nor the posting date is the event's
    text = (
        "Blinken: NATO door remains open\n\n14 June 2023\n\n"
        "WASHINGTON — On April 4, 1949, twelve nations signed the North Atlantic Treaty. On "
        "Tuesday, Secretary of State Antony Blinken said the door remains open.\n\n"
        '"We will keep supporting Ukraine for as long as it takes, Blinken added.\n'
    )
    x = extract(text, registry, url="https://news.example.com/world/blinken-nato-door-remains-open")
    assert (x.kind, x.title, x.date, x.turns) == (
        "news article",
        "Blinken: NATO door remains open",
        None,
        [],
    )
    assert [(q.speaker, q.text) for q in x.quotes] == [
        ("Antony J. Blinken", "We will keep supporting Ukraine for as long as it takes,")
    ]


@pytest.mark.parametrize(
    "line, headline",
    [
        ("Blinken: NATO door remains open", True),
        ("Blinken: Thank you very much.", False),
        ("SECRETARY BLINKEN: Thank you", False),
    ],
)
def test_a_one_name_label_before_a_heading_on_the_first_line(line, headline, registry):
    x = extract(line + "\n\nQUESTION: Why?\n", registry)
    assert (x.turns[0].text != line.split(": ", 1)[1]) is headline


def test_other_words_for_a_question_and_a_misspelt_label_of_someone_the_capture_names(nobody):
    # nobody in the registry and no date: the misspelling is read from the capture's own labels
    text = (
        "Remarks to the Press\n\nSECRETARY BLINKEN: Good afternoon.\n\nQUERY: On Gaza?\n\n"
        "SECRETARY BLINKEN: We are working on it.\n\nSECRETARY BLINKIN: Thank you all.\n\n"
        "PRESS: One more!\n"
    )
    x = extract(text, nobody)
    assert [(t.speaker, t.text) for t in x.turns] == [
        ("Blinken", "Good afternoon."),
        ("Unidentified journalist", "On Gaza?"),
        ("Blinken", "We are working on it."),
        ("Blinken", "Thank you all."),
        ("Unidentified journalist", "One more!"),
    ]
    assert any("'SECRETARY BLINKIN:' read as Blinken" in note for note in x.inferred)
    assert not any("BLINKIN" in note for note in x.undecided)


def test_time_stamps_before_labels_and_a_venue_abbreviated(nobody):
    text = (
        "Secretary Rubio Interview with Hugh Hewitt\n\nMarco Rubio, Secretary of State\n"
        "Washington, D.C.\nFebruary 20, 2025\n\n"
        "[00:00:05] Hugh Hewitt: Joining me now, Secretary of State Marco Rubio. Welcome back.\n"
        "[00:00:12] Secretary Rubio: Thanks for having me, Hugh.\n"
    )
    x = extract(text, nobody)
    assert (x.date, x.location) == (date(2025, 2, 20), "Washington, D.C.")
    assert [(t.speaker, t.text) for t in x.turns] == [
        ("Hugh Hewitt", "Joining me now, Secretary of State Marco Rubio. Welcome back."),
        ("Marco Rubio", "Thanks for having me, Hugh."),
    ]
    assert [r for r in x.removed if r[2] == "time stamp before the label"] == [
        (7, 7, "time stamp before the label", "[00:00:05] "),
        (8, 8, "time stamp before the label", "[00:00:12] "),
    ]


def test_the_answers_of_a_q_and_a_are_the_person_the_title_announces(registry, nobody):
    text = (
        "Interview with Secretary General Rutte\n\nQ: Thank you for joining us.\n\nA: Thank you.\n"
    )
    x = extract(text, registry)
    assert [(t.speaker, t.text) for t in x.turns] == [
        ("Unidentified journalist", "Thank you for joining us."),
        ("Mark Rutte", "Thank you."),
    ]
    assert x.turns[1].basis and "Mark Rutte" in x.turns[1].basis
    unannounced = extract("Interview\n\nQ: Why?\n\nA: Because.\n", nobody)
    assert unannounced.turns[1].speaker is None and unannounced.undecided


def test_an_article_in_french_its_guillemets_verbs_first_and_its_publication_line(registry):
    text = (
        "L'OTAN renforce son flanc est\n\nPar Marie Dupont\n\nPublié le 5 avril 2023\n\n"
        "BRUXELLES — Les ministres de l'Alliance se sont réunis mardi.\n\n"
        "« Nous allons renforcer notre présence à l'Est », a déclaré le secrétaire général "
        "Jens Stoltenberg.\n\n"
        "„Die Ukraine wird Mitglied“, sagte Antony Blinken.\n"
    )
    x = extract(text, registry)
    assert x.kind == "news article" and x.date is None  # published Wednesday; met "mardi"
    assert [(q.speaker, q.text) for q in x.quotes] == [
        ("Jens Stoltenberg", "Nous allons renforcer notre présence à l'Est"),
        ("Antony J. Blinken", "Die Ukraine wird Mitglied"),
    ]


def test_q_with_its_outlet_a_mixed_case_role_label_and_a_moderator_named_in_brackets(registry):
    text = (
        "Doorstep statement by NATO Secretary General Mark Rutte\n\n03 Apr. 2025\n\n"
        "Moderator (NATO Spokesperson Farah Dakhlallah): A few questions. Reuters.\n"
        "Q (Reuters): Secretary General, on defence spending?\n"
        "NATO Secretary General: We will spend more.\n"
    )
    x = extract(text, registry)
    assert [(t.speaker, t.text) for t in x.turns] == [
        ("Farah Dakhlallah", "A few questions. Reuters."),
        ("Unidentified journalist", "Secretary General, on defence spending?"),
        ("Mark Rutte", "We will spend more."),
    ]


def test_caption_speaker_changes_never_continue_the_previous_speaker(registry):
    text = ">> SECRETARY BLINKEN: Good morning.\n>> Thank you, Mr. Secretary.\n>> SECRETARY BLINKEN: Thank you.\n"
    x = extract(text, registry)
    assert [(t.speaker, t.text) for t in x.turns] == [
        ("Antony J. Blinken", "Good morning."),
        (None, "Thank you, Mr. Secretary."),
        ("Antony J. Blinken", "Thank you."),
    ]
    assert any("'>>'" in u for u in x.undecided)


def test_transcription_service_voices_and_names_in_any_script(registry):
    text = (
        "Press Briefing Transcript\n\nSpeaker 1 (00:00):\n\nGood afternoon.\n\n"
        "PRIME MINISTER STØRE: Thank you.\n"
    )
    assert [(t.speaker, t.text) for t in extract(text, registry).turns] == [
        ("Speaker 1", "Good afternoon."),
        ("Jonas Gahr Støre", "Thank you."),
    ]


def test_government_site_furniture(registry):
    text = (
        "Home > Office of the Spokesperson > Remarks\n\nBriefing Room\n\n"
        "Secretary Antony J. Blinken at a Press Availability\n\nApril 4, 2023\n\n"
        "SECRETARY BLINKEN: Good afternoon.\n\nTags\n\nBureau of European and Eurasian Affairs\n"
    )
    x = extract(text, registry)
    assert x.title == "Secretary Antony J. Blinken at a Press Availability"
    assert [t.text for t in x.turns] == ["Good afternoon."]


def test_news_dateline_and_described_speakers(registry):
    text = (
        "NATO warns Russia\n\nBRUSSELS, March 4 (Reuters) - NATO's chief spoke on Friday.\n\n"
        "“We are not part of this conflict,” said NATO chief Jens Stoltenberg.\n\n"
        "“We will defend every inch,” said Kaja Kallas, Estonia's prime minister.\n"
    )
    x = extract(text, registry)
    assert x.location == "Brussels"
    assert [(q.speaker, q.text) for q in x.quotes] == [
        ("Jens Stoltenberg", "We are not part of this conflict,"),
        ("Kaja Kallas", "We will defend every inch,"),
    ]


@pytest.mark.parametrize(
    "lead, expected",
    [
        (
            "NATO foreign ministers met today in Brussels. “We stand together,” said Jens Stoltenberg.",
            date(2022, 4, 6),
        ),
        (
            "NATO foreign ministers met in Brussels. “We stand together,” said Jens Stoltenberg.",
            None,
        ),
    ],
)
def test_an_articles_date_line_is_its_publication_date(registry, lead, expected):
    x = extract(f"Allies meet in Brussels\n\nApril 6, 2022\n\n{lead}\n", registry)
    assert x.kind == "news article" and x.date == expected


def test_a_title_and_surname_label_takes_the_full_name_the_capture_gives(registry):
    text = (
        "Remarks with Prime Minister Fumio Kishida\n\nJune 1, 2023\n\n"
        "PRIME MINISTER KISHIDA: Thank you.\n\nSECRETARY BLINKEN: Thank you, Prime Minister.\n"
    )
    x = extract(text, registry)
    assert [t.speaker for t in x.turns] == ["Fumio Kishida", "Antony J. Blinken"]


# ---------------------------------------------------------------- documents never seen: the general causes

NOBODY = None  # set by the fixture below: a registry that knows no person, as for most new captures


@pytest.fixture(scope="module")
def nobody(registry):
    from onrecord.registry import Registry

    return Registry({sid: s for sid, s in registry.speakers.items() if s.kind == "group"})


@pytest.mark.parametrize(
    "chrome",
    [
        "Brussels 12°C",  # a weather reading
        "Monday, 5 May 2025",  # today's-date widget
        "Home News World Politics Secretary Blinken in Brussels…",  # a run-together breadcrumb
        "NATO | Ukraine | Diplomacy",  # category tags
    ],
)
def test_chrome_above_the_heading_is_never_the_title_date_or_place(nobody, chrome):
    text = (
        f"{chrome}\n\nSecretary Antony J. Blinken at a Press Availability\n\n"
        "SECRETARY BLINKEN: Good afternoon, everyone.\n"
    )
    x = extract(
        text, nobody, "https://example.org/secretary-antony-j-blinken-at-a-press-availability/"
    )
    assert x.title == "Secretary Antony J. Blinken at a Press Availability"
    assert x.date is None and x.location is None
    assert [t.text for t in x.turns] == ["Good afternoon, everyone."]


def test_the_title_is_the_heading_the_url_and_a_repeat_confirm(nobody):
    text = (
        "Secretary Blinken Remarks To The Pr…\n\nSecretary Blinken's Remarks to the Press in Riga\n\n"
        "News › Remarks › Secretary Blinken's Remarks to the Press in Riga\n\n"
        "SECRETARY BLINKEN: Good morning.\n"
    )
    x = extract(text, nobody, "https://example.org/secretary-blinkens-remarks-to-the-press-in-riga")
    assert x.title == "Secretary Blinken's Remarks to the Press in Riga"
    assert x.location == "Riga"


def test_an_official_sites_date_and_venue_above_its_title_are_its_dateline(nobody):
    text = (
        "From the event\n\nPalace, Brussels\n\n4 Mar. 2009\n\nWeekly press briefing\n\nby NATO Spokesman, James Appathurai\n\n"
        "JAMES APPATHURAI (NATO Spokesperson): Good afternoon.\n"
    )
    official = extract(text, nobody, "https://www.nato.int/docu/speech/2009/s090304a.html")
    assert official.title == "Weekly press briefing by NATO Spokesman, James Appathurai"
    assert (official.date, official.location) == (date(2009, 3, 4), "Palace, Brussels")
    assert official.turns[0].speaker == "James Appathurai"
    elsewhere = extract(text, nobody, "https://blog.example.org/2009/03/briefing")
    assert elsewhere.date is None and elsewhere.location is None
    assert any("above the title" in n for n in elsewhere.not_used)


@pytest.mark.parametrize(
    "line, name, paren, prefix",
    [
        (
            "JOHN DOE [Reuters]: Thank you.",
            "JOHN DOE",
            "Reuters",
            None,
        ),  # a role or outlet in brackets
        ("Transcript – SECRETARY BLINKEN: Thank you.", "SECRETARY BLINKEN", None, "Transcript – "),
        (
            "[Via State DepartmentSECRETARY TILLERSON: Well, good afternoon.",
            "SECRETARY TILLERSON",
            None,
            "[Via State Department",
        ),  # an unclosed bracket glued on
    ],
)
def test_label_forms(nobody, line, name, paren, prefix):
    x = extract(f"Remarks to the Press\n\n{line}\n", nobody)
    assert [(t.label.name, t.label.paren) for t in x.turns] == [(name, paren)]
    assert x.turns[0].text.split()[0] in ("Thank", "Well,")
    if prefix:  # the chrome is omitted, only that part of the line, and reported
        assert (2 + 1, 2 + 1, "page chrome glued to the label", prefix) in x.removed


def test_a_page_flattened_into_one_line_is_cut_at_its_labels(nobody):
    text = (
        "Remarks With Foreign Minister Jane Roe Brussels, March 4, 2022 SECRETARY BLINKEN: Thank you all for "
        "coming here today, it is a pleasure to be with you. QUESTION: Why is that the case, Mr. Secretary, and "
        "what will you do next? FOREIGN MINISTER ROE: Because we are committed, and we will continue to work "
        "with our Allies and partners on this for as long as it takes.\n"
    )
    x = extract(text, nobody)
    assert [(t.label.printed, t.speaker) for t in x.turns] == [
        ("SECRETARY BLINKEN:", "Blinken"),
        ("QUESTION:", "Unidentified journalist"),
        ("FOREIGN MINISTER ROE:", "Jane Roe"),
    ]
    assert x.date == date(2022, 3, 4)
    assert (
        x.turns[0].text == "Thank you all for coming here today, it is a pleasure to be with you."
    )


@pytest.mark.parametrize(
    "title, url, label, expected",
    [
        (
            "Secretary of State John Kerry Press Availability with Russian Foreign Minister Sergey Lavrov",
            None,
            "FOREIGN MINISTER LAVROV",
            "Sergey Lavrov",
        ),  # from the title
        (
            None,
            "https://www.state.gov/secretary-michael-r-pompeo-with-eric-bolling-of-america-this-week/",
            "SECRETARY POMPEO",
            "Michael R Pompeo",
        ),  # from the URL slug
        (
            "Remarks by Prime Minister Jonas Gahr Støre",
            "https://example.org/jonas-gahr-store-remarks",
            "PRIME MINISTER STORE",
            "Jonas Gahr Støre",
        ),  # accents differ
        (
            "Secretary Antony Blinken and Secretary Antony J. Blinken",
            None,
            "SECRETARY BLINKEN",
            "Antony J. Blinken",
        ),  # a middle initial
        (
            "Joe Biden and Jill Biden at the White House",
            None,
            "MR. BIDEN",
            "Biden",
        ),  # two people: undecided
    ],
)
def test_a_title_and_surname_label_takes_the_full_name_the_title_or_url_gives(
    nobody, title, url, label, expected
):
    text = (f"{title}\n\n" if title else "") + f"{label}: Thank you very much.\n"
    x = extract(text, nobody, url)
    assert x.turns[0].speaker == expected
    if expected == "Biden":
        assert any("surname" in u for u in x.undecided)
    else:
        assert any(expected in i for i in x.inferred)


@pytest.mark.parametrize(
    "label, expected",
    [
        ("QUESTIONER", "Unidentified journalist"),
        ("REPORTER", "Unidentified journalist"),  # synonyms of QUESTION
        (
            "SECRETARY BLINKIN",
            "Antony J. Blinken",
        ),  # a near-homograph of a registry person in office
        ("AND SECRETARY BLINKEN", "Antony J. Blinken"),  # a stray word before a correct name
    ],
)
def test_garbled_labels(registry, label, expected):
    x = extract(f"Press availability\n\nJune 1, 2022\n\n{label}: Thank you.\n", registry)
    assert x.turns[0].speaker == expected
    if expected != "Unidentified journalist":
        assert x.inferred  # said, with its basis


def test_a_garbled_surname_is_only_matched_against_people_the_capture_names(nobody):
    x = extract(
        "Remarks with Foreign Minister Sergey Lavrov\n\nFOREIGN MINISTER LAVRUV: Thank you.\n\n"
        "SECRETARY BLINKIN: Thank you.\n",
        nobody,
    )
    assert [t.speaker for t in x.turns] == ["Sergey Lavrov", "Blinkin"]  # Blinken is named nowhere


@pytest.mark.parametrize(
    "opening",
    [
        "Earlier today Secretary of State Rex Tillerson delivered an update on policy. Video and transcript below:",
        "This is a transcript of the press conference held in Brussels on 4 March 2022.",
        "The video is available with closed captioning on YouTube.",
    ],
)
def test_a_third_person_standfirst_is_header_not_an_opening_statement(nobody, opening):
    x = extract(f"{opening}\n\nSECRETARY TILLERSON: Well, good afternoon, all.\n", nobody)
    assert [(t.label.printed, t.text) for t in x.turns] == [
        ("SECRETARY TILLERSON:", "Well, good afternoon, all.")
    ]
    assert x.removed[0][:2] == (1, 1)  # reported as header


def test_an_unlabeled_greeting_after_the_header_is_the_opening_statement(nobody):
    text = (
        "Press stake-out with NATO Secretary General Mark Rutte\nafter his meetings at the White House\n"
        "(As delivered)\nGood afternoon, thank you for being available.\nQuestion:\nHow was it?\n"
        "NATO Secretary General Mark Rutte:\nVery good.\n"
    )
    x = extract(text, nobody)
    assert (
        x.title
        == "Press stake-out with NATO Secretary General Mark Rutte after his meetings at the White House"
    )
    assert [(t.speaker, t.text) for t in x.turns] == [
        ("Mark Rutte", "Good afternoon, thank you for being available."),
        ("Unidentified journalist", "How was it?"),
        ("Mark Rutte", "Very good."),
    ]
    assert x.location is None  # "at the White House" is where the meetings were


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "Remarks\n\nNATO Headquarters\nBrussels, Belgium\nApril 23, 2013\n\nSECRETARY KERRY: Hello.\n",
            "NATO Headquarters, Brussels, Belgium",
        ),  # venue and city, combined
        (
            "Remarks\n\nSECRETARY KERRY: Welcome to Paris, everyone. We are here at the Élysée Palace.\n",
            "Paris",
        ),  # the first place in text order
        (
            "Remarks\n\nSECRETARY KERRY: It is great to be here in Sochi.\n",
            "Sochi",
        ),  # a city from the gazetteer
        (
            "Teleconference on Ukraine\n\nFROM: U.S. STATE DEPARTMENT\n\nMODERATOR: Thank you all for joining us here at "
            "the State Department.\n",
            None,
        ),  # a call and a source line
        (
            "Briefing on Ukraine\n\nFrom NATO Headquarters\n\nMODERATOR: Thank you all.\n",
            None,
        ),  # a source line
        (
            "Remarks at the Munich Security Conference\n\nThe Secretary General spoke at the Hotel "
            "Bayerischer Hof in Munich on 14 February 2025.\n\nThank you, and good afternoon.\n",
            "Hotel Bayerischer Hof, Munich",
        ),  # a venue named by its first word, with its city; the date's "on" is not a topic
    ],
)
def test_place_wordings(nobody, text, place):
    assert extract(text, nobody).location == place


def test_a_long_first_line_is_speech_not_a_section_tag(nobody):
    line = (
        "[applause] good morning, ladies and gentlemen. "
        + "As our guests are being seated, welcome. " * 12
    )
    x = extract(f"example.com\n\n{line}\n", nobody)
    assert len(line) > 250 and [t.text for t in x.turns] == [line.strip()]


@pytest.mark.parametrize(
    "paragraph, speaker, text",
    [
        (
            "“We stand together,” Rutte argued on Thursday.",
            "Mark Rutte",
            "We stand together,",
        ),  # any verb
        ("“We stand together,” according to Rutte.", "Mark Rutte", "We stand together,"),
        (
            '"W tej chwili wciąż toczą się operacje" - powiedział Rutte.',
            "Mark Rutte",
            "W tej chwili wciąż toczą się operacje",
        ),  # any language
    ],
)
def test_news_attribution_forms(nobody, paragraph, speaker, text):
    article = f"Allies meet\n\nNATO Secretary General Mark Rutte spoke to reporters in Brussels.\n\n{paragraph}\n"
    x = extract(article, nobody)
    assert x.kind == "news article"
    assert [(q.speaker, q.text) for q in x.quotes] == [(speaker, text)]


def test_an_unclosed_quote_runs_to_the_end_of_its_paragraph(nobody):
    x = extract(
        "Allies meet\n\n“We will not stop,” Rutte said in Brussels. “And we will be there as long as it "
        "takes\n\nNATO Secretary General Mark Rutte spoke after the meeting.\n",
        nobody,
    )
    assert [(q.speaker, q.text) for q in x.quotes] == [
        ("Mark Rutte", "We will not stop,"),
        ("Mark Rutte", "And we will be there as long as it takes"),
    ]


def test_a_historical_date_in_the_lead_is_not_the_event_date(nobody):
    x = extract(
        "NATO at 75\n\nApril 3, 2024\n\nThe treaty signed on 4 April 1949 still binds the Allies. "
        "“We are stronger than ever,” said NATO Secretary General Jens Stoltenberg.\n",
        nobody,
    )
    assert x.date is None
    assert any("publication date" in n for n in x.not_used)


@pytest.mark.parametrize(
    "footer",
    [
        "This article was originally published at https://example.com/nato-remarks",
        "The post Secretary Blinken’s Remarks appeared first on Example News.",
        "Click to expand",
        "Edit: fixed a typo in the second answer.",
        "Try Rev and save time transcribing, captioning, and subtitling.",
    ],
)
def test_footers_and_ui_lines_are_not_speech(nobody, footer):
    x = extract(f"Remarks\n\nSECRETARY BLINKEN: Thank you.\n\n{footer}\n", nobody)
    assert [t.text for t in x.turns] == ["Thank you."]


def test_which_date_wins(nobody):
    posted = (
        "Aug 16, 2021\n\nSecretary Blinken Interview Transcript\n\nSecretary Blinken was interviewed by "
        "ABC reporter Jonathan Karl on August 15, 2021.\n\nJonathan Karl: (00:00)\nThank you.\n"
    )
    x = extract(
        posted,
        nobody,
        "https://www.rev.com/blog/transcripts/secretary-blinken-interview-transcript",
    )
    assert x.date == date(
        2021, 8, 15
    )  # the caption stating the event and its date, not the posting date
    wrong_weekday = extract("Remarks\n\nMonday, March 1, 2013\n\nSECRETARY KERRY: Hello.\n", nobody)
    assert wrong_weekday.date is None  # 1 March 2013 was a Friday
    assert any("weekday" in n for n in wrong_weekday.not_used)


def test_unnamed_questioners_the_capture_names(nobody):
    text = (
        "Remarks at a Press Stakeout\n\nJanuary 26, 2019\n\nSECRETARY POMPEO: Happy to take questions.\n\n"
        "QUESTION: (Off-mike.)\n\nMR PALLADINO: Reuters, Michelle Nichols.\n\nQUESTION: Hi. Thank you.\n\n"
        "SECRETARY POMPEO: Hi.\n\nQUESTION: Thank you, Mr. Secretary. Michelle Nichols from Reuters. "
        "A question.\n\nSECRETARY POMPEO: Yes.\n\nQUESTION: And another one?\n"
    )
    x = extract(text, nobody)
    assert [t.speaker for t in x.turns if t.label.name == "QUESTION"] == [
        "Unidentified journalist",
        "Michelle Nichols",
        "Michelle Nichols",
        "Unidentified journalist",
    ]
    assert x.turns[1].text == "(Off-mike.)"  # the turn is there, its words were not caught
    assert sum("Michelle Nichols" in i for i in x.inferred) == 2


def test_a_heading_with_pronouns_is_still_a_heading(nobody):
    x = extract("What We Can Do for Ukraine\n\nSECRETARY BLINKEN: Thank you.\n", nobody)
    assert x.title == "What We Can Do for Ukraine" and len(x.turns) == 1


def test_captions_with_no_labels_and_no_first_person_are_still_speech(nobody):
    line = "the secretary general of nato spoke about the alliance and its future " * 5
    x = extract(f"Captions\n\n{line}\n", nobody)
    assert [t.text for t in x.turns] == [line.strip()]
    assert any("who speaks is not stated" in u for u in x.undecided)


def test_a_flattened_page_with_mixed_case_labels_of_the_people_it_names(nobody):
    text = (
        "Joint press conference - Vilnius, 11 July 2023 NATO Secretary General Jens Stoltenberg: Good afternoon. "
        "We have just concluded the first day of the summit here in Vilnius. QUESTION: Thank you, Secretary "
        "General. How do you see the path ahead? NATO Secretary General Jens Stoltenberg: The future is in NATO, "
        "and we will continue to support our partners for as long as it takes.\n"
    )
    x = extract(text, nobody)
    assert [(t.speaker, t.text.split(".")[0]) for t in x.turns] == [
        ("Jens Stoltenberg", "Good afternoon"),
        ("Unidentified journalist", "Thank you, Secretary General"),
        (
            "Jens Stoltenberg",
            "The future is in NATO, and we will continue to support our partners for as long as it takes",
        ),
    ]
    assert (x.title, x.date, x.location) == (
        "Joint press conference - Vilnius, 11 July 2023",
        date(2023, 7, 11),
        "Vilnius",
    )
    assert x.removed == [(1, 1, "title", "Joint press conference - Vilnius, 11 July 2023 ")]


def test_a_by_line_continues_the_title_and_is_never_the_title_alone(nobody):
    text = (
        "Press conference\n\nby NATO Secretary General Mark Rutte following the meeting of the North Atlantic "
        "Council\n\n  • 12 Mar. 2025 -\n\n(As delivered)\n\nGood afternoon.\n\nQUESTION [Reuters]: Thank you.\n"
    )
    x = extract(text, nobody, "https://www.nato.int/cps/en/natohq/opinions_1.htm")
    assert x.title.startswith("Press conference by NATO Secretary General Mark Rutte")
    assert [(t.speaker, t.text) for t in x.turns] == [
        ("Mark Rutte", "Good afternoon."),
        ("Unidentified journalist", "Thank you."),
    ]


def test_what_follows_as_delivered_is_speech_whatever_its_grammar(nobody):
    text = (
        "Doorstep statement\n\nby NATO Secretary General Mark Rutte\n\n(As delivered)\n\n"
        "NATO Allies have agreed to deploy four more battalions.\n\nThis is a clear message.\n"
    )
    x = extract(text, nobody)
    assert [(t.speaker, t.text) for t in x.turns] == [
        (
            "Mark Rutte",
            "NATO Allies have agreed to deploy four more battalions.\nThis is a clear message.",
        )
    ]


def test_an_opening_statement_that_quotes_someone_stays_a_transcript(nobody):
    text = (
        "Remarks\n\nSECRETARY BLINKEN: Good afternoon. The President put it simply: “We will not waver,” "
        "Biden said in Warsaw, and that is where we stand.\n"
    )
    assert extract(text, nobody).kind == "transcript"


def test_a_blogs_share_buttons_and_comments_after_the_transcript_are_not_speech(nobody):
    text = (
        "Remarks\n\nSECRETARY BLINKEN: Thank you.\n\nShare this:\n\nTwitter\n\nFacebook\n\nLike this:\n\n"
        "Like Loading...\n\n12 thoughts on “Remarks”\n\nJohn Smith says:\n\nGreat post, thank you!\n"
    )
    x = extract(text, nobody)
    assert [t.text for t in x.turns] == ["Thank you."]


def test_a_cut_first_copy_of_the_title_is_chrome(nobody):
    text = (
        "Remarks by Secretary Blinken at the NATO\n\nRemarks by Secretary Blinken at the NATO Foreign Ministers "
        "Meeting\n\nSECRETARY BLINKEN: Good morning.\n"
    )
    x = extract(text, nobody)
    assert x.title == "Remarks by Secretary Blinken at the NATO Foreign Ministers Meeting"
    assert x.removed[0] == (1, 1, "above the title (page chrome)", None)


@pytest.mark.parametrize(
    "paragraph, stage",
    [
        ("(Laughter.)", True),
        ("[inaudible]", True),
        ("(Off-mike.)", True),
        ("  (Cross-talk.) ", True),
        ("(00:12)", True),  # a transcription service's time stamp is not speech either
        ("(Laughter.) Thank you.", False),
        ("Thank you (laughter).", False),
        ("(" + "x" * 90 + ")", False),  # a long aside in brackets is kept as speech
    ],
)
def test_what_is_a_stage_direction_is_decided_once(paragraph, stage):
    """The importer's turn text, the pages and the export's text all ask records."""
    from onrecord.ingest.extract import DraftTurn
    from onrecord.records import Turn, is_stage_direction

    assert is_stage_direction(paragraph) is stage
    spoken = "We agreed."
    turn = Turn("t-001", "x", None, (spoken, paragraph))
    draft = DraftTurn(None, None, None, [spoken, paragraph], 1)
    assert (turn.speech == spoken) is stage
    assert (draft.text == spoken) is stage


@pytest.mark.parametrize(
    "label, day, name",
    [
        ("SECRETARY CLINTON", "2010-05-04", "Hillary Rodham Clinton"),
        ("PRESIDENT CLINTON", "1999-04-23", "Bill Clinton"),
        ("SECRETARY RICE", "2006-03-04", "Condoleezza Rice"),
        ("THE SECRETARY", "2002-11-21", "Colin L. Powell"),
        ("THE SECRETARY GENERAL", "2006-03-04", "Jaap de Hoop Scheffer"),
        ("MS. NULAND", "2012-02-01", "Victoria Nuland"),
    ],
)
def test_office_holders_are_named_in_full_from_a_surname_or_a_role(registry, label, day, name):
    """The registry's office holders, with the dates of their terms: two Clintons are told apart
    by who held which office on the day, and a role label names whoever held the role."""
    from datetime import date

    found = registry.resolve_label(label, None, date.fromisoformat(day))
    assert found.name == name, found
