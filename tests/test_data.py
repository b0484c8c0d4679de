"""The data downloads as researchers open them: the Frictionless validator, the standard
library's csv and sqlite3, Datasette in process, and Popolo readers. Made from the shipped
archive (the seeds among it) into a copy, as `onrecord build` makes them."""

from __future__ import annotations

import asyncio
import csv
import gzip
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from correcting import add_corrections
from onrecord import downloads, export, links, tables
from onrecord.tables import TABLES

SEEDS = (
    "2022-04-06-blinken-stoltenberg-before-meeting",
    "2022-03-04-blinken-stoltenberg-nato-foreign-ministerial",
    "2023-11-28-blinken-stoltenberg-before-meeting",
    "2022-06-01-stoltenberg-blinken-press-conference",
    "2022-06-stoltenberg-washington-visit-article",
)
PRESS = "2022-06-01-stoltenberg-blinken-press-conference"  # seed 003
PHRASE = "nuclear sabre rattling rhetoric is dangerous"  # said in its turn t-005


# ---------------------------------------------------------------- the one schema (unit)


def test_every_key_names_columns_of_its_tables():
    by_name = tables.BY_NAME
    for t in TABLES:
        assert len(set(t.names)) == len(t.names), t.name
        assert set(t.primary_key) <= set(t.names), t.name
        for c in t.primary_key:
            assert t.column(c).required, f"{t.name}.{c}: a primary key column is required"
        for fk in t.foreign_keys:
            assert set(fk.columns) <= set(t.names), (t.name, fk)
            target = by_name[fk.table]
            # what a key refers to is the target's primary key: SQLite and Frictionless agree
            assert fk.references == target.primary_key, (t.name, fk)
            for mine, theirs in zip(fk.columns, fk.references, strict=True):
                assert t.column(mine).type == target.column(theirs).type
        for c in t.columns:
            assert c.type in tables.SQL_TYPES and c.description.strip(), (t.name, c.name)


def test_rows_follow_the_schema_and_hold_every_turn(archive, root):
    from onrecord import settings

    cross, _ = links.compute(archive)
    found = tables.rows(archive, cross, settings.load(root).pages_url)
    tables.check(found)  # every row as wide as its table
    assert [r[0] for r in found["documents"]] == [t.id for t in cross.newest]
    turns = {(r[0], r[1]): r for r in found["turns"]}
    for t in archive.transcripts:
        for n, x in enumerate(t.turns, 1):
            row = dict(zip(tables.TURNS.names, turns[(t.id, x.id)], strict=True))
            assert (row["position"], row["speaker"], row["label"], row["text"]) == (
                n,
                x.speaker,
                x.label,
                x.speech,
            )
    assert len(turns) == sum(len(t.turns) for t in archive.transcripts)
    with pytest.raises(ValueError, match="turns: a row of 2 values for 8 columns"):
        tables.check({"turns": [("a", "b")]})


def test_one_format_number_in_every_writer(archive, root):
    from onrecord import settings

    site = settings.load(root)
    cross, _ = links.compute(archive)
    v = export.FORMAT_VERSION
    assert json.loads(export.index_json(()))["format"] == v
    assert json.loads("".join(export.bundle(archive, cross)))["format"] == v
    assert export.popolo(archive, site.pages_url)["format"] == v
    assert downloads.descriptor([], site)["version"].split(".")[0] == str(v)
    assert f"Data format {v}." in downloads.datasette_metadata(site)["description"]
    assert f"format **{v}**" in downloads.page(None, None, site)


def test_the_data_page_shows_the_descriptor_schema(root):
    from onrecord import settings

    text = downloads.page(None, None, settings.load(root))
    for t in TABLES:
        assert f"### {t.name} {{ #{t.name} }}" in text
        for c in t.columns:
            assert f"| `{c.name}` |" in text, (t.name, c.name)
    assert "| `turn` | string | → turns.turn |" in text  # quotes' half of the composite key
    # without downloads (a preview), nothing links to a file that is not there
    assert "](turns.csv.gz)" not in text and "make data" in text


# ---------------------------------------------------------------- the files (build)


@pytest.fixture(scope="module")
def made(tmp_path_factory, root) -> tuple[Path, dict]:
    """data/ made from a copy of the shipped archive, as `onrecord build` makes it, with a
    corrections log in one transcript (tests/correcting.py): every table has rows."""
    copy = tmp_path_factory.mktemp("data") / "archive"
    shutil.copytree(root / "source_texts", copy / "source_texts")
    shutil.copy(root / "mkdocs.yml", copy / "mkdocs.yml")
    add_corrections(copy)
    manifest = downloads.build(copy)
    return copy / downloads.FOLDER, manifest


@pytest.mark.build
def test_frictionless_validates_the_package_keys_included(made):
    import frictionless

    folder, _ = made
    report = frictionless.validate(folder / downloads.DESCRIPTOR)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    assert {task.name for task in report.tasks} == {t.name for t in TABLES}
    # the keys are checked: a quote pointing at a turn that does not exist is an error
    broken = folder.parent / "broken"
    shutil.copytree(folder, broken)
    quotes = (broken / "quotes.csv").read_text(encoding="utf-8")
    (broken / "quotes.csv").write_text(quotes.replace(",t-001,", ",t-999,", 1), encoding="utf-8")
    bad = frictionless.validate(broken / downloads.DESCRIPTOR)
    assert not bad.valid
    assert [e.type for task in bad.tasks for e in task.errors] == ["foreign-key"]


@pytest.mark.build
def test_turns_csv_read_with_the_standard_library_has_every_seed_turn(made, archive):
    folder, _ = made
    with gzip.open(folder / "turns.csv.gz", "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    by_turn = {(r["document"], r["turn"]): r for r in rows}
    seeds = [t for t in archive.transcripts if t.id in SEEDS]
    assert len(seeds) == len(SEEDS)
    for t in seeds:
        assert [r["turn"] for r in rows if r["document"] == t.id] == [x.id for x in t.turns]
        for n, x in enumerate(t.turns, 1):
            row = by_turn[(t.id, x.id)]
            assert row["speaker"] == x.speaker, (t.id, x.id)
            assert row["text"] == x.speech and row["position"] == str(n)
            assert row["label"] == (x.label or "")
            assert row["url"].endswith(f"/transcripts/{t.id}/#{x.id}")
    assert by_turn[(PRESS, "t-005")]["speaker"] == "jens-stoltenberg"
    with open(folder / "speakers.csv", encoding="utf-8", newline="") as f:
        speakers = {r["id"]: r for r in csv.DictReader(f)}
    assert {r["speaker"] for r in rows} <= speakers.keys()


def _database(folder: Path, tmp_path: Path) -> Path:
    path = tmp_path / downloads.DATABASE
    with gzip.open(folder / f"{downloads.DATABASE}.gz") as src, open(path, "wb") as out:
        shutil.copyfileobj(src, out)
    return path


@pytest.mark.build
def test_the_database_finds_a_phrase_of_seed_003(made, tmp_path, archive):
    import sqlite3

    folder, _ = made
    db = sqlite3.connect(_database(folder, tmp_path))
    found = db.execute(
        "SELECT turns.document, turns.turn, turns.speaker FROM turns_fts "
        "JOIN turns ON turns.rowid = turns_fts.rowid WHERE turns_fts MATCH ?",
        [f'"{PHRASE}"'],
    ).fetchall()
    assert found == [(PRESS, "t-005", "jens-stoltenberg")]
    assert db.execute("PRAGMA user_version").fetchone()[0] == export.FORMAT_VERSION
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for t in TABLES:
        assert [r[1] for r in db.execute(f"PRAGMA table_info([{t.name}])")] == list(t.names)
    assert db.execute("SELECT count(*) FROM turns").fetchone()[0] == sum(
        len(t.turns) for t in archive.transcripts
    )


@pytest.mark.build
def test_datasette_serves_the_tables_with_their_descriptions(made, tmp_path):
    from datasette.app import Datasette

    folder, _ = made
    home = tmp_path / "onrecord"
    home.mkdir()
    _database(folder, home)
    shutil.copy(folder / downloads.DATASETTE, home / downloads.DATASETTE)

    async def visit() -> tuple:
        # configuration-directory mode (`datasette onrecord/`): metadata.json found, no flag
        ds = Datasette([], config_dir=home)
        table = await ds.client.get("/onrecord/turns")
        search = await ds.client.get(
            "/onrecord/turns.json", params={"_search": PHRASE, "_shape": "objects"}
        )
        return table.status_code, table.text, search.status_code, search.json()

    # in a thread of its own: the browser tests' Playwright may hold this thread's event loop
    with ThreadPoolExecutor(1) as pool:
        status, page, search_status, searched = pool.submit(asyncio.run, visit()).result()
    assert status == 200
    assert tables.TURNS.description.split(":")[0] in page
    assert tables.TURNS.column("label").description.split("(")[0].strip() in page.replace(
        "&#39;", "'"
    )
    assert 'name="_search"' in page  # the full-text index is found: a search box
    assert search_status == 200
    assert [(r["document"], r["turn"]) for r in searched["rows"]] == [(PRESS, "t-005")]


@pytest.mark.build
def test_corrections_are_in_the_csv_the_database_and_the_json(made, tmp_path):
    import sqlite3

    import correcting

    folder, _ = made
    with open(folder / "corrections.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    page = f"https://owner.github.io/onrecord/transcripts/{PRESS}/"
    assert rows == [
        {
            "document": PRESS,
            "number": "1",
            "date": "2026-12-01",
            "summary": "t-001: the greeting checked against the video of the press conference",
            "turns": "t-001",
            "fields": "",
            "source": "",
            "link": "https://github.com/OWNER/onrecord/pull/7",
            "removed": "",
            "url": f"{page}#correction-1",
        },
        {
            "document": PRESS,
            "number": "2",
            "date": "2026-12-02",
            "summary": "t-005 and t-007 checked against the State Department's version; "
            "the place is its own",
            "turns": "t-005 t-007",
            "fields": "place",  # the column of documents it changed (the file says location)
            "source": f"the State Department's transcript, {correcting.SOURCE}.",
            "link": "",
            "removed": "",
            "url": f"{page}#correction-2",
        },
    ]
    db = sqlite3.connect(_database(folder, tmp_path))
    (title,) = db.execute("SELECT title FROM documents WHERE id = ?", [PRESS]).fetchone()
    assert db.execute(
        "SELECT corrections.number, corrections.turns, documents.title FROM corrections "
        "JOIN documents ON documents.id = corrections.document ORDER BY 1"
    ).fetchall() == [(1, "t-001", title), (2, "t-005 t-007", title)]
    package = json.loads((folder / downloads.DESCRIPTOR).read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "corrections")
    assert resource["schema"]["foreignKeys"] == [
        {"fields": ["document"], "reference": {"resource": "documents", "fields": ["id"]}}
    ]
    data = json.loads(gzip.decompress((folder / downloads.BUNDLE).read_bytes()))
    by_id = {d["id"]: d for d in data["documents"]}
    assert [(c["number"], c["turns"], c["fields"]) for c in by_id[PRESS]["corrections"]] == [
        (1, ["t-001"], []),
        (2, ["t-005", "t-007"], ["location"]),  # the JSON keeps the cleaned file's names
    ]
    assert by_id[PRESS]["corrections"][1]["source"].endswith(f"{correcting.SOURCE}.")
    assert all(d["corrections"] == [] for d in data["documents"] if d["id"] != PRESS)


@pytest.mark.build
def test_people_are_popolo(made, archive):
    folder, manifest = made
    people = json.loads((folder / downloads.PEOPLE).read_text(encoding="utf-8"))
    persons = {p["id"]: p for p in people["persons"]}
    orgs = {o["id"]: o for o in people["organizations"]}
    assert set(persons) == {s.id for s in archive.speakers.values() if s.kind == "person"}
    assert len(orgs) == len(people["organizations"])
    for m in people["memberships"]:
        assert m["person_id"] in persons and m.get("organization_id", next(iter(orgs))) in orgs
        if "start_date" in m and "end_date" in m:
            assert m["start_date"] <= m["end_date"]
    blinken = [m for m in people["memberships"] if m["person_id"] == "antony-blinken"]
    assert {
        "id": "antony-blinken-2",
        "person_id": "antony-blinken",
        "role": "Secretary of State",
        "label": "Secretary of State, U.S. Department of State",
        "organization_id": "u-s-department-of-state",
        "start_date": "2021-01-26",
        "end_date": "2025-01-20",
    } in blinken
    assert orgs["u-s-department-of-state"]["name"] == "U.S. Department of State"
    entry = next(d for d in manifest["files"] if d["name"] == downloads.PEOPLE)
    assert entry["rows"] == len(persons)


@pytest.mark.build
def test_the_json_export_keeps_its_documented_format(made, archive):
    folder, _ = made
    data = json.loads(gzip.decompress((folder / downloads.BUNDLE).read_bytes()))
    assert data["format"] == export.FORMAT_VERSION
    cross, _ = links.compute(archive)
    assert [d["id"] for d in data["documents"]] == [t.id for t in cross.newest]
    documented = {
        "id",
        "url",
        "title",
        "date",
        "location",
        "event",
        "source_url",
        "source_kind",
        "truncated",
        "speakers",
        "turns",
        "corrections",
    }
    for d in data["documents"]:
        assert documented <= d.keys()
        assert all(set(x) == {"id", "speaker", "label", "text"} for x in d["turns"])
    article = next(d for d in data["documents"] if d["id"] == SEEDS[4])
    assert {q["speaker"] for q in article["quotes"]} == {
        "jens-stoltenberg",
        "antony-blinken",
        "lloyd-austin",
    }


@pytest.mark.build
def test_every_file_states_the_format(made, tmp_path):
    import sqlite3

    folder, manifest = made
    v = export.FORMAT_VERSION
    for name in (downloads.PEOPLE,):
        assert json.loads((folder / name).read_text(encoding="utf-8"))["format"] == v
    assert json.loads(gzip.decompress((folder / downloads.BUNDLE).read_bytes()))["format"] == v
    package = json.loads((folder / downloads.DESCRIPTOR).read_text(encoding="utf-8"))
    assert package["version"] == f"{v}.0.0"
    metadata = json.loads((folder / downloads.DATASETTE).read_text(encoding="utf-8"))
    assert f"Data format {v}." in metadata["description"]
    db = sqlite3.connect(_database(folder, tmp_path))
    assert db.execute("PRAGMA user_version").fetchone()[0] == v
    assert manifest["format"] == v


@pytest.mark.build
def test_same_records_same_bytes_and_nothing_remade_when_nothing_changed(made, tmp_path, root):
    folder, manifest = made
    again = tmp_path / "archive"
    shutil.copytree(root / "source_texts", again / "source_texts")
    shutil.copy(root / "mkdocs.yml", again / "mkdocs.yml")
    add_corrections(again)
    downloads.build(again)
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(p.name for p in (again / downloads.FOLDER).iterdir())
    differ = [
        n for n in names if (folder / n).read_bytes() != (again / downloads.FOLDER / n).read_bytes()
    ]
    assert differ == []  # the SQLite file and every gzip too
    stamps = {p.name: p.stat().st_mtime_ns for p in (again / downloads.FOLDER).iterdir()}
    assert downloads.build(again) == manifest
    assert stamps == {p.name: p.stat().st_mtime_ns for p in (again / downloads.FOLDER).iterdir()}
    # a correction makes them afresh
    path = again / "source_texts" / "transcripts" / f"{SEEDS[0]}.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Secretary", "title: The Secretary", 1),
        encoding="utf-8",
    )
    remade = downloads.build(again)
    assert remade["fingerprint"] != manifest["fingerprint"]
    with open(again / downloads.FOLDER / "documents.csv", encoding="utf-8", newline="") as f:
        titles = {r["id"]: r["title"] for r in csv.DictReader(f)}
    assert titles[SEEDS[0]].startswith("The Secretary")


@pytest.mark.build
def test_the_manifest_lists_what_was_made(made):
    folder, manifest = made
    listed = {d["name"]: d for d in manifest["files"]}
    assert set(listed) | {downloads.MANIFEST, downloads.DATABASE} == {
        p.name for p in folder.iterdir()
    }
    for name, d in listed.items():
        assert (folder / name).stat().st_size == d["bytes"]
    for t in TABLES:
        path = folder / t.file
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8", newline="") as f:
            records = list(csv.reader(f))  # records, not lines: a turn's text spans several
        assert records[0] == list(t.names)
        assert listed[t.file]["rows"] == len(records) - 1 > 0, t.name
