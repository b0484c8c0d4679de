"""The issue forms behind "Report a problem", checked against GitHub's documented form schema,
and the addresses that open them prefilled.

The schema, as GitHub documents it ("Syntax for issue forms", "Syntax for GitHub's form
schema", "Common validation errors when creating issue forms"): top-level `name`,
`description` and `body` required; body elements of five types, each with `attributes`
(`label` for every type but markdown, whose `value` is required), an optional `id` of letters,
digits, `-` and `_` that is unique and is the field's name in a prefilled address; labels
unique; dropdown options a non-empty list of distinct strings, none of them "None" or a
boolean. GitHub checks a form only once it is on the default branch: this is that check, here.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from onrecord import pages, settings
from onrecord.records import Transcript, Turn

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"

TOP_LEVEL = {"name", "description", "body", "assignees", "labels", "title", "projects", "type"}
ELEMENT_KEYS = {"type", "id", "attributes", "validations"}
ATTRIBUTES = {
    "markdown": {"value"},
    "textarea": {"label", "description", "placeholder", "value", "render"},
    "input": {"label", "description", "placeholder", "value"},
    "dropdown": {"label", "description", "multiple", "options", "default"},
    "checkboxes": {"label", "description", "options"},
}
TEXT_FIELDS = ("input", "textarea")  # what an address can prefill


def form_problems(form: object) -> list[str]:
    """What GitHub would refuse in an issue form, one problem a line ([] when valid)."""
    if not isinstance(form, dict):
        return ["the form is not a mapping"]
    problems = []

    def text(value: object) -> bool:
        return isinstance(value, str) and bool(value.strip())

    for key in form:
        if not isinstance(key, str):
            problems.append(f"top-level key {key!r} is not text (YAML read it as {type(key)})")
        elif key not in TOP_LEVEL:
            problems.append(f"'{key}' is not a permitted top-level key")
    for key in ("name", "description"):
        if not text(form.get(key)):
            problems.append(f"required top-level key '{key}' is missing or not text")
    if text(form.get("name")) and len(form["name"]) <= 3:
        problems.append("the name must be more than 3 characters")
    body = form.get("body")
    if not isinstance(body, list) or not body:
        return [*problems, "body must be a non-empty list"]
    ids: list[str] = []
    labels: list[str] = []
    for i, element in enumerate(body):
        where = f"body[{i}]"
        if not isinstance(element, dict):
            problems.append(f"{where}: not a mapping")
            continue
        problems += [
            f"{where}: '{k}' is not a permitted key" for k in element if k not in ELEMENT_KEYS
        ]
        kind = element.get("type")
        if kind not in ATTRIBUTES:
            problems.append(f"{where}: {kind!r} is not a valid input type")
            continue
        attributes = element.get("attributes")
        if not isinstance(attributes, dict):
            problems.append(f"{where}: attributes are missing")
            continue
        problems += [
            f"{where}: '{k}' is not a permitted attribute of {kind}"
            for k in attributes
            if k not in ATTRIBUTES[kind]
        ]
        if kind == "markdown":
            if "id" in element:
                problems.append(f"{where}: a markdown element has no id")
            if not text(attributes.get("value")):
                problems.append(f"{where}: required attribute key 'value' is missing")
            continue
        if not text(attributes.get("label")):
            problems.append(f"{where}: label must be a string")
        else:
            labels.append(attributes["label"])
        if "id" in element:
            if not (
                isinstance(element["id"], str) and re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
            ):
                problems.append(f"{where}: id can only contain numbers, letters, -, _")
            else:
                ids.append(element["id"])
        for key in ("description", "placeholder", "value"):
            if key in attributes and not text(attributes[key]):
                problems.append(f"{where}: {key} must be a non-empty string")
        validations = element.get("validations", {})
        if not isinstance(validations, dict) or set(validations) - {"required"}:
            problems.append(f"{where}: validations may only hold 'required'")
        elif not isinstance(validations.get("required", False), bool):
            problems.append(f"{where}: required must be true or false")
        if kind == "dropdown":
            options = attributes.get("options")
            if not isinstance(options, list) or not options:
                problems.append(f"{where}: options must be a non-empty list")
                continue
            if any(isinstance(o, bool) for o in options):
                problems.append(f"{where}: options must not include booleans")
            if not all(text(o) for o in options):
                problems.append(f"{where}: every option must be text")
            if len(set(map(str, options))) != len(options):
                problems.append(f"{where}: options must be unique")
            if any(str(o).strip().casefold() == "none" for o in options):
                problems.append(f"{where}: options must not include the reserved word, none")
    if all(isinstance(e, dict) and e.get("type") == "markdown" for e in body):
        problems.append("body must contain at least one non-markdown field")
    if len(set(ids)) != len(ids):
        problems.append(f"body must have unique ids: {ids}")
    if len(set(labels)) != len(labels):
        problems.append(f"body must have unique labels: {labels}")
    return problems


def load(name: str) -> dict:
    return yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))


def fields(form: dict) -> dict[str, str]:
    """id -> type of the form's fields."""
    return {e["id"]: e["type"] for e in form["body"] if "id" in e}


# ---------------------------------------------------------------- the forms


@pytest.mark.parametrize("name", ["correction.yml", "site.yml"])
def test_issue_form_follows_github_s_schema(name):
    assert form_problems(load(name)) == []


def test_the_schema_check_finds_what_github_refuses():
    good = load("correction.yml")
    assert form_problems({**good, **yaml.safe_load("yes: 1")})[0].startswith(
        "top-level key True is not text"
    )
    assert "required top-level key 'description' is missing or not text" in form_problems(
        {k: v for k, v in good.items() if k != "description"}
    )
    body = [dict(e) for e in good["body"]]
    body[1] = {**body[1], "id": body[2]["id"]}
    body[3] = {**body[3], "id": "two words"}
    body[5] = {**body[5], "attributes": {"label": "What is wrong?", "options": ["A", "A", "None"]}}
    found = form_problems({**good, "body": body})
    assert "body[3]: id can only contain numbers, letters, -, _" in found
    assert "body[5]: options must be unique" in found
    assert "body[5]: options must not include the reserved word, none" in found
    assert any(p.startswith("body must have unique ids") for p in found)
    only_text = [{"type": "markdown", "attributes": {"value": "Hello"}}]
    assert form_problems({**good, "body": only_text}) == [
        "body must contain at least one non-markdown field"
    ]


def test_the_correction_form_asks_what_is_wrong_what_it_should_be_and_the_source():
    form = load("correction.yml")
    by_id = {e["id"]: e for e in form["body"] if "id" in e}
    assert by_id["problem"]["type"] == "dropdown"
    assert by_id["problem"]["attributes"]["options"] == [
        "The words",
        "The speaker",
        "The date or place",
        "Something else",
    ]
    for required in ("problem", "correction", "source", "document", "permalink"):
        assert by_id[required]["validations"]["required"] is True, required


def test_blank_issues_are_off_and_the_guide_is_the_contact_link():
    config = load("config.yml")
    assert config["blank_issues_enabled"] is False
    site = settings.load(ROOT)
    (link,) = config["contact_links"]
    assert set(link) == {"name", "url", "about"} and all(link.values())
    # derived from repo_url: change mkdocs.yml's repo_url, and this link with it
    assert link["url"] == site.file_url(settings.GUIDE)
    assert (ROOT / settings.GUIDE).is_file()


# ---------------------------------------------------------------- the addresses


SITE = settings.Settings(repo_url="https://github.com/acme/onrecord")


def test_issue_url_encodes_every_value():
    url = SITE.issue_url(
        "correction.yml",
        [("title", "A & B"), ("text", "<script>{{ x }}</script> \"q\" 'r' #1 100%\nnext")],
    )
    assert url == (
        "https://github.com/acme/onrecord/issues/new?template=correction.yml&title=A%20%26%20B"
        "&text=%3Cscript%3E%7B%7B%20x%20%7D%7D%3C%2Fscript%3E%20%22q%22%20%27r%27%20%231%20100%25"
        "%0Anext"
    )
    assert settings.Settings(repo_url="").issue_url("correction.yml", [("title", "x")]) == ""


def test_fit_cuts_at_a_word_and_counts_encoded_characters():
    # " …" is 12 characters encoded (%20%E2%80%A6); each word 3, each space 3
    assert settings.fit("one two three", 12 + 7) == "one …"
    assert settings.fit("one two three", 12 + 9) == "one two …"
    assert settings.fit("één twee", 12 + 12) == "…"  # "één" is 13 characters encoded
    assert settings.fit("één twee", 12 + 13) == "één …"


def test_a_long_turn_is_cut_and_the_permalink_kept():
    words = " ".join(f"word{n}" for n in range(2000))
    permalink = "https://acme.github.io/onrecord/transcripts/x/#t-001"
    url = SITE.issue_url(
        "correction.yml", [("permalink", permalink), ("text", words)], shorten="text"
    )
    assert len(url) <= settings.MAX_ISSUE_URL
    query = dict(parse_qsl(urlsplit(url).query))
    assert query["permalink"] == permalink
    assert query["text"].endswith(" …") and words.startswith(query["text"][:-2] + " ")
    assert len(url) > settings.MAX_ISSUE_URL - 12  # as much of the turn as fits
    short = SITE.issue_url("correction.yml", [("text", "a few words")], shorten="text")
    assert dict(parse_qsl(urlsplit(short).query))["text"] == "a few words"


TRANSCRIPT = Transcript(
    id="2024-05-06-x",
    title="Remarks & <b>answers</b>",
    source_kind="official transcript",
    raw="source_texts/raw/2024-05-06-x.txt",
    path="source_texts/transcripts/2024-05-06-x.txt",
    turns=(Turn("t-002", "jens-stoltenberg", "STOLTENBERG:", ("Thank you.", "(Laughter.)")),),
)


def test_report_url_of_a_turn():
    turn = TRANSCRIPT.turns[0]
    text = "\n\n".join(turn.paragraphs)
    url = pages.report_url(TRANSCRIPT, turn.id, "Jens Stoltenberg", text, SITE)
    assert url == (
        "https://github.com/acme/onrecord/issues/new?template=correction.yml"
        "&title=Correction%3A%20Remarks%20%26%20%3Cb%3Eanswers%3C%2Fb%3E%2C%20t-002"
        "&document=source_texts%2Ftranscripts%2F2024-05-06-x.txt"
        "&permalink=https%3A%2F%2Facme.github.io%2Fonrecord%2Ftranscripts%2F2024-05-06-x%2F%23t-002"
        "&speaker=Jens%20Stoltenberg"
        "&text=Thank%20you.%0A%0A%28Laughter.%29"
    )
    # without a site address there is no permalink to give, and no link
    assert pages.report_url(TRANSCRIPT, turn.id, "x", text, settings.Settings(repo_url="")) == ""
    gitlab = settings.Settings(repo_url="https://gitlab.com/acme/onrecord")
    assert pages.report_url(TRANSCRIPT, turn.id, "x", text, gitlab) == ""


def test_every_field_the_link_fills_is_a_text_field_of_the_form():
    turn = TRANSCRIPT.turns[0]
    url = pages.report_url(TRANSCRIPT, turn.id, "Jens Stoltenberg", "Thank you.", SITE)
    query = parse_qsl(urlsplit(url).query)
    assert query[0] == ("template", pages.REPORT_FORM)
    assert (FORMS / pages.REPORT_FORM).is_file()
    form = fields(load(pages.REPORT_FORM))
    for key, _ in query[1:]:
        assert key == "title" or form.get(key) in TEXT_FIELDS, key
