"""The whole-archive downloads, made from the records at build time (never by convert, so that a
correction stays cheap), into data/ at the project root; MkDocs publishes them under site/data/:

    datapackage.json      Frictionless descriptor of the tables (onrecord.tables)
    <table>.csv[.gz]      one CSV per table; turns.csv.gz, which holds every word, gzipped
    onrecord.sqlite.gz    the same tables in SQLite (sqlite-utils), full-text index over turns
    metadata.json         table and column descriptions for Datasette (`datasette data/`)
    people.json           the speakers as Popolo (onrecord.export)
    transcripts.json.gz   every document as JSON, gzipped (onrecord.export)

onrecord.sqlite itself stays in data/ for local use (`make data`, then `datasette data/`).
Every file that holds the archive's words in bulk is published gzipped, and once: an
uncompressed copy of the words is as large as the rest of the data together (bench/README.md).

    build()   makes data/ (or keeps it, when nothing it is made from changed), all or nothing
    page()    the Data page: each download, its size and rows, the schema, citation, licence

Same records, same bytes: gzip headers carry no name or time, rows come in a fixed order, and
the database is written by one sequence of statements, then vacuumed (with the same SQLite
library, the same file). Only the standard library at import time: the MkDocs hooks use page().
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import export, tables
from .markup import attr, md_text
from .settings import Settings
from .tables import TABLES, Row, Table

FOLDER = "data"  # at the project root: what the site publishes under site/data/
MANIFEST = ".manifest.json"  # what was made, its sizes and rows, and from what (not published)
DATABASE = "onrecord.sqlite"
DESCRIPTOR = "datapackage.json"
DATASETTE = "metadata.json"  # the name Datasette's configuration-directory mode looks for
PEOPLE = "people.json"
BUNDLE = "transcripts.json.gz"
FTS = "turns_fts"
TITLE = "On the Record"
DESCRIPTION = (
    "What NATO's Secretary General, the US Secretary of State and the people they meet said, in "
    "their own words: cleaned transcripts and news quotes, turn by turn, with speakers, roles and "
    "events."
)
LICENCE = (
    "Transcripts by US government bodies are works of the US government, in the public domain. "
    "NATO texts and news articles belong to their publishers: they are quoted here with their "
    "sources, and reusing them is subject to their terms. The archive's own work (the cleaning, "
    "the speaker and event registries, the cross-links) may be reused freely with a citation."
)
_GZIP_LEVEL = 6  # level 9 saves under 1% for twice the time


# ---------------------------------------------------------------- the descriptor


def _field(c: tables.Column) -> dict:
    field: dict[str, Any] = {"name": c.name, "type": c.type, "description": c.description}
    if c.format:
        field["format"] = c.format
    constraints: dict[str, Any] = {}
    if c.required:
        constraints["required"] = True
    if c.enum:
        constraints["enum"] = list(c.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def resource(t: Table) -> dict:
    """One table as a Frictionless tabular data resource."""
    out: dict[str, Any] = {
        "name": t.name,
        "path": t.file,
        "profile": "tabular-data-resource",
        "title": t.title,
        "description": t.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
    }
    if t.compressed:
        out["compression"] = "gz"
    out["schema"] = {
        "fields": [_field(c) for c in t.columns],
        "primaryKey": list(t.primary_key),
        "foreignKeys": [
            {
                "fields": list(fk.columns),
                "reference": {
                    "resource": "" if fk.table == t.name else fk.table,
                    "fields": list(fk.references),
                },
            }
            for fk in t.foreign_keys
        ],
        "missingValues": [""],
    }
    return out


def descriptor(sources: list[dict], site: Settings) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "onrecord",
        "title": TITLE,
        "description": DESCRIPTION,
        # the major number is the format: fields are only ever added within one
        "version": f"{export.FORMAT_VERSION}.0.0",
        "homepage": f"{site.pages_url}data/" if site.pages_url else "data/",
        "licenses": [
            {
                "name": "other-pd",
                "title": "US government transcripts: public domain",
                "path": f"{site.pages_url}data/#licence",
            },
            {
                "name": "other-at",
                "title": "NATO texts and news articles: their publishers' terms; the archive's own "
                "work: free to reuse with a citation",
                "path": f"{site.pages_url}data/#licence",
            },
        ],
        "sources": sources,
        "keywords": ["NATO", "US Department of State", "transcripts", "speeches", "diplomacy"],
        "resources": [resource(t) for t in TABLES],
    }


def sources(archive_transcripts: Iterable[Any], site: Settings) -> list[dict]:
    """Where the texts come from: the archive itself, then each publisher's site, with how many
    of the documents come from it."""
    hosts: dict[str, int] = {}
    for t in archive_transcripts:
        if t.source_url:
            host = t.origin
            hosts[host] = hosts.get(host, 0) + 1
    out = [{"title": "On the Record: the cleaned transcripts and their raw captures"}]
    if site.repo_url:
        out[0]["path"] = site.repo_url
    out += [
        {"title": f"{host} ({n:,} documents)", "path": f"https://{host}/"}
        for host, n in sorted(hosts.items())
    ]
    return out


def datasette_metadata(site: Settings) -> dict:
    """Datasette's metadata.json: the same descriptions as the data package, table by table."""
    home = f"{site.pages_url}data/"
    return {
        "title": TITLE,
        "description": f"{DESCRIPTION} Data format {export.FORMAT_VERSION}.",
        "license": "Public domain (US government) and publishers' terms: see the Data page",
        "license_url": f"{home}#licence",
        "source": TITLE,
        "source_url": home,
        "databases": {
            Path(DATABASE).stem: {
                "tables": {
                    t.name: {
                        "title": t.title,
                        "description": t.description,
                        "columns": {c.name: c.description for c in t.columns},
                    }
                    | ({"label_column": "title"} if t.name == "documents" else {})
                    | ({"label_column": "name"} if t.name in ("speakers", "events") else {})
                    for t in TABLES
                }
            }
        },
    }


# ---------------------------------------------------------------- writers


def _cell(value: tables.Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _open(path: Path, compressed: bool) -> io.BufferedIOBase:
    """A file to write, gzipped without a name or a time in its header when `compressed`."""
    raw = open(path, "wb")  # closed by the caller, through the gzip layer if any
    if not compressed:
        return raw
    return _Gzip(raw)


class _Gzip(gzip.GzipFile):
    def __init__(self, raw: io.BufferedIOBase) -> None:
        super().__init__(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=_GZIP_LEVEL)
        self._raw = raw

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


def write_csv(path: Path, table: Table, found: Iterable[Row]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: quoted where needed, CRLF between records
    writer.writerow(table.names)
    with _open(path, table.compressed) as out:
        for row in found:
            writer.writerow([_cell(v) for v in row])
            if buffer.tell() > 1 << 20:
                out.write(buffer.getvalue().encode("utf-8"))
                buffer.seek(0)
                buffer.truncate()
        out.write(buffer.getvalue().encode("utf-8"))


def _ddl(t: Table) -> str:
    """CREATE TABLE with the schema's keys, each column's description kept as a comment (which
    SQLite stores: `.schema` and Datasette show it)."""
    lines = [
        f"   [{c.name}] {tables.SQL_TYPES[c.type]}{' NOT NULL' if c.required else ''}, -- "
        + c.description.replace("\n", " ")
        for c in t.columns
    ]
    keys = [f"   PRIMARY KEY ({', '.join(f'[{k}]' for k in t.primary_key)})"]
    keys += [
        f"   FOREIGN KEY ({', '.join(f'[{k}]' for k in fk.columns)}) REFERENCES [{fk.table}] "
        f"({', '.join(f'[{k}]' for k in fk.references)})"
        for fk in t.foreign_keys
    ]
    return (
        f"CREATE TABLE [{t.name}] ( -- {t.description}\n"
        + "\n".join(lines)
        + "\n"
        + ",\n".join(keys)
        + "\n)"
    )


def write_database(path: Path, rows: dict[str, list[Row]]) -> None:
    """The tables in SQLite, with a full-text index (FTS5, Porter stemming) over turns' text."""
    import sqlite_utils

    if path.exists():
        path.unlink()
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode = OFF")  # a new file, made in one go: nothing to roll back
    db.execute("PRAGMA synchronous = OFF")
    with db.conn:
        for t in TABLES:
            db.execute(_ddl(t))
            db.table(t.name).insert_all(
                (dict(zip(t.names, row, strict=True)) for row in rows[t.name]), batch_size=500
            )
    for table, column in (
        ("turns", "speaker"),
        ("quotes", "speaker"),
        ("quotes", "document"),
        ("documents", "event"),
        ("events", "parent"),
    ):
        db.table(table).create_index([column])
    turns = db.table("turns")
    turns.enable_fts(["text"], fts_version="FTS5", tokenize="porter", create_triggers=False)
    turns.optimize()
    db.execute(f"PRAGMA user_version = {export.FORMAT_VERSION}")
    db.vacuum()
    db.conn.close()


def _gzip_file(source: Path, target: Path) -> None:
    with open(source, "rb") as src, _open(target, True) as out:
        shutil.copyfileobj(src, out, 1 << 20)


def _write_text(path: Path, parts: Iterable[str], compressed: bool = False) -> None:
    with _open(path, compressed) as out:
        for part in parts:
            out.write(part.encode("utf-8"))


# ---------------------------------------------------------------- build


@dataclass(frozen=True)
class Download:
    name: str  # file name under data/
    title: str
    rows: int | None  # rows (documents, persons…) it holds, when it is a table
    unit: str  # what a row is
    bytes: int


def _code() -> str:
    """The code and libraries that shape the downloads' bytes."""
    h = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for name in ("downloads", "tables", "export", "records", "links", "crossref", "settings"):
        h.update((here / f"{name}.py").read_bytes())
    h.update(sqlite3.sqlite_version.encode())
    return h.hexdigest()


def _fingerprint(archive: Any, cross: Any, site: Settings) -> str:
    from .incremental import Fingerprints, Output

    matches = tuple(tuple(cross.quote_matches[k]) for k in sorted(cross.quote_matches))
    args = (
        tuple(sorted(archive.transcripts, key=lambda t: t.id)),
        tuple(archive.speakers[k] for k in sorted(archive.speakers)),
        tuple(archive.events[k] for k in sorted(archive.events)),
        matches,
        site,
        _code(),
    )
    return Fingerprints().of(Output("downloads", build, args))


def load_manifest(folder: Path) -> dict | None:
    """What the last build made in `folder`, if all of it is still there as made."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = [Download(**d) for d in manifest["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if manifest.get("format") != export.FORMAT_VERSION or any(
        not (folder / d.name).is_file() or (folder / d.name).stat().st_size != d.bytes
        for d in files
    ):
        return None
    return manifest


def _make(
    folder: Path, archive: Any, cross: Any, site: Settings, say: Callable[[str], None]
) -> list[Download]:
    found = tables.rows(archive, cross, site.pages_url)
    tables.check(found)
    counts = tables.counts(found)
    made: list[Download] = []

    def done(name: str, title: str, rows: int | None, unit: str) -> None:
        made.append(Download(name, title, rows, unit, (folder / name).stat().st_size))

    _write_text(
        folder / DESCRIPTOR, [export.dumps(descriptor(sources(archive.transcripts, site), site))]
    )
    done(
        DESCRIPTOR,
        "The data package's descriptor (Frictionless): every table's columns, types and keys",
        None,
        "",
    )
    for t in TABLES:
        write_csv(folder / t.file, t, found[t.name])
        done(t.file, t.description.split(". ")[0].rstrip("."), counts[t.name], "rows")
    say(f"downloads: {len(TABLES)} tables, {counts['turns']:,} turns")
    write_database(folder / DATABASE, found)
    _gzip_file(folder / DATABASE, folder / f"{DATABASE}.gz")
    done(
        f"{DATABASE}.gz",
        "Every table in one SQLite database, with a full-text index over turns (turns_fts)",
        counts["turns"],
        "turns",
    )
    _write_text(folder / DATASETTE, [export.dumps(datasette_metadata(site))])
    done(DATASETTE, "Table and column descriptions for Datasette", None, "")
    people = export.popolo(archive, site.pages_url)
    _write_text(folder / PEOPLE, [export.dumps(people)])
    done(
        PEOPLE,
        "The speakers as Popolo: persons, organisations and memberships with dates",
        len(people["persons"]),
        "persons",
    )
    _write_text(folder / BUNDLE, export.bundle(archive, cross), compressed=True)
    done(
        BUNDLE,
        "Every document as JSON, turns and quotes included (the format of README, Data export)",
        counts["documents"],
        "documents",
    )
    return made


def build(root: Path, progress: Callable[[str], None] | None = None) -> dict:
    """data/ from the records (read through the convert cache: cheap after a convert). Kept as
    it is when nothing it is made from changed; else made afresh beside it and swapped in whole.
    Returns the manifest: {"format", "fingerprint", "files": [Download fields…]}."""
    from . import archive as archive_io
    from . import incremental, links
    from . import settings as settings_io

    say = progress or (lambda message: None)
    layout = archive_io.Layout.of(root)
    with incremental.no_gc():
        cache = incremental.load(root)
        archive, _ = archive_io.read(layout, cache)
        cross, _ = links.compute(archive, cache.memo)
    site = settings_io.load(root)
    fingerprint = _fingerprint(archive, cross, site)
    folder = root / FOLDER
    known = load_manifest(folder)
    if known and known.get("fingerprint") == fingerprint:
        say(f"downloads: {folder.name}/ unchanged")
        return known
    fresh = root / f".{FOLDER}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    try:
        made = _make(fresh, archive, cross, site, say)
        manifest = {
            "format": export.FORMAT_VERSION,
            "fingerprint": fingerprint,
            "files": [d.__dict__ for d in made],
        }
        _write_text(fresh / MANIFEST, [export.dumps(manifest)])
        old = root / f".{FOLDER}.old"
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            os.replace(folder, old)
        os.replace(fresh, folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return manifest


def describe(manifest: dict) -> str:
    files = manifest["files"]
    return f"{len(files)} files, {sum(f['bytes'] for f in files) / 1e6:,.1f} MB"


def published(manifest: dict) -> Iterator[str]:
    """The names under data/ the site publishes (onrecord.sqlite itself is for local use)."""
    for d in manifest["files"]:
        yield d["name"]


# ---------------------------------------------------------------- the Data page


PAGE = f"{FOLDER}/index.md"  # site/data/index.html, beside the files it lists


def size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n:,} bytes"


def _schema(resources: list[dict]) -> list[str]:
    out = []
    for r in resources:
        schema = r["schema"]
        keys = {k: "primary key" for k in schema["primaryKey"]}
        for fk in schema["foreignKeys"]:
            target = fk["reference"]["resource"] or r["name"]
            for mine, theirs in zip(fk["fields"], fk["reference"]["fields"], strict=True):
                keys[mine] = (keys[mine] + ", " if mine in keys else "") + f"→ {target}.{theirs}"
        out += [
            f"### {md_text(r['name'])} {{ #{r['name']} }}\n",
            f"`{r['path']}` · {md_text(r['description'])}\n",
            "| Column | Type | Key | Description |",
            "| --- | --- | --- | --- |",
        ]
        for f in schema["fields"]:
            kind = f["type"] + (" (required)" if f.get("constraints", {}).get("required") else "")
            allowed = f.get("constraints", {}).get("enum")
            text = f["description"] + (f" ({', '.join(allowed)})" if allowed else "")
            out.append(
                f"| `{f['name']}` | {kind} | {md_text(keys.get(f['name'], ''))} | {md_text(text)} |"
            )
        out.append("")
    return out


def page(
    manifest: dict | None,
    index_bytes: int | None,
    site: Settings,
    per_document: tuple[int, int] = (0, 0),
) -> str:
    """The Data page's Markdown. Without a manifest (a preview, or MkDocs run on its own), the
    downloads are listed without links: `make data` or `make site` makes them."""
    home = f"{site.pages_url}data/" if site.pages_url else "data/"
    out = [
        "---",
        "title: Data",
        "description: "
        + json.dumps(
            attr(
                f"{TITLE} as data: CSV tables (a Frictionless data package), an SQLite database, "
                "Popolo people and JSON."
            )
        ),
        "---",
        "",
        "# Data",
        "",
        "Everything in the archive, as tables anyone can open without writing a parser: a "
        "[Frictionless](https://frictionlessdata.io/) data package of CSV files, the same tables "
        "in an SQLite database with a full-text index (ready for Datasette), the speakers as "
        "[Popolo](https://www.popoloproject.com/) JSON, and every document as one JSON file. "
        f"They are made from the same cleaned transcripts as the pages, at every build. Data "
        f"format **{export.FORMAT_VERSION}**: fields are only ever added; a change that renames "
        "or removes one raises the format, which every file states.",
        "",
        "## Downloads",
        "",
    ]
    if manifest is None:
        out += [
            "The downloads are made by `make site` (or `make data`) and are not part of this "
            "preview.",
            "",
        ]
    else:
        out += ["| File | What it holds | Rows | Size |", "| --- | --- | --- | --- |"]
        for d in manifest["files"]:
            rows = f"{d['rows']:,} {d['unit']}" if d["rows"] is not None else ""
            out.append(
                f"| [{d['name']}]({d['name']}) | {md_text(d['title'])} | {rows} | {size(d['bytes'])} |"
            )
        if index_bytes is not None:
            documents = next(d["rows"] for d in manifest["files"] if d["name"] == BUNDLE)
            out.append(
                f"| [index.json](index.json) | The list of documents: id, title, date, page, and "
                f"`json`, the address of the document's own file | {documents:,} documents | "
                f"{size(index_bytes)} |"
            )
        count, total = per_document
        if count:
            out.append(
                f"| `transcripts/<id>.json` | One document, the object `{BUNDLE}` lists, in a file of "
                f"its own (its address is in index.json): for a tool that wants one transcript, or "
                f"what changed | {count:,} files | {size(total)} in all |"
            )
        out += [
            "",
            "Files ending in `.gz` are gzipped: `gunzip` opens them, and so do pandas, R and "
            "Frictionless without unpacking. They hold the archive's words, published "
            "uncompressed only in the pages and in the one-file-per-document JSON.",
            "",
        ]
    out += [
        "## Examples",
        "",
        "With [pandas](https://pandas.pydata.org/): every turn, with the speaker's name.",
        "",
        "```python",
        "import pandas as pd",
        "",
        f'base = "{home}"',
        'turns = pd.read_csv(base + "turns.csv.gz", keep_default_na=False)',
        'speakers = pd.read_csv(base + "speakers.csv", keep_default_na=False)',
        'said = turns.merge(speakers, left_on="speaker", right_on="id", suffixes=("", "_speaker"))',
        'print(said.groupby("name").size().sort_values(ascending=False).head())',
        "```",
        "",
        "With Python's `sqlite3`, after `gunzip onrecord.sqlite.gz`: a phrase searched in "
        "every turn.",
        "",
        "```python",
        "import sqlite3",
        "",
        'db = sqlite3.connect("onrecord.sqlite")',
        "query = (",
        '    "SELECT turns.document, turns.turn, turns.speaker, turns.url FROM turns_fts"',
        '    " JOIN turns ON turns.rowid = turns_fts.rowid WHERE turns_fts MATCH ?"',
        ")",
        "for row in db.execute(query, ['\"support for ukraine\"']):",
        "    print(row)",
        "```",
        "",
        "With [Datasette](https://datasette.io/): put `onrecord.sqlite` (unpacked) and "
        "`metadata.json` in one folder and serve the folder; Datasette reads the table and "
        "column descriptions from `metadata.json` there, and offers a search box over turns.",
        "",
        "```sh",
        "mkdir onrecord && cd onrecord",
        "gunzip -c ~/Downloads/onrecord.sqlite.gz > onrecord.sqlite",
        "cp ~/Downloads/metadata.json .",
        "cd .. && datasette onrecord/     # or: datasette onrecord.sqlite --metadata metadata.json",
        "```",
        "",
        "With the Frictionless tools, check the whole package, keys included: "
        f"`frictionless validate {home}datapackage.json`.",
        "",
        "## Citation { #citation }",
        "",
        "```text",
        f"{TITLE}: an open archive of diplomatic remarks. Data package, format "
        f"{export.FORMAT_VERSION}. {home} (retrieved YYYY-MM-DD).",
        "```",
        "",
        "```bibtex",
        "@misc{onrecord,",
        "  title = {{" + TITLE + "}: an open archive of diplomatic remarks},",
        f"  howpublished = {{Data package, format {export.FORMAT_VERSION}}},",
        f"  url = {{{home}}},",
        "  urldate = {YYYY-MM-DD}",
        "}",
        "```",
        "",
        "Cite a single statement by its turn's permalink (the `url` column of `turns`).",
        "",
        "## Licence { #licence }",
        "",
        md_text(LICENCE),
        "",
        "## Schema",
        "",
        "The tables and their columns, as `datapackage.json` describes them. A value a capture "
        "does not state is empty; where the archive fills one in, the `editorial` table says how "
        "it is known.",
        "",
        *_schema([resource(t) for t in TABLES]),
    ]
    return "\n".join(out).rstrip() + "\n"


def site_files(root: Path) -> tuple[dict | None, list[str]]:
    """The manifest of data/ under `root` and the names to publish from it (none without one)."""
    manifest = load_manifest(root / FOLDER)
    return manifest, list(published(manifest)) if manifest else []
