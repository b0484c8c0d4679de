"""onrecord: an open archive of diplomatic remarks, built from cleaned transcripts.

The pipeline, one module per stage (README, "How it works"):

    ingest/      raw capture -> Extraction: decode, html, lines, metadata, places, quotes, extract
    importer     `onrecord import`/`extract`: the I/O around ingest; draft turns an Extraction
                 into a cleaned file and registry entries; registry resolves labels to speakers
    records      the frozen records every stage passes on: Transcript, Turn, Speaker, Event...
    cleaned      the cleaned-file format: split into front matter and blocks, render back
    yamlio       strict YAML for hand-edited files (every key's line remembered)
    validate     every rule a cleaned file and the registries follow, in one place
    archive      source_texts/ on disk -> validated records (the read side's only I/O)
    incremental  the cache between runs, outputs and their fingerprints
    links        cross-links computed once: appearances, event families, quotes, versions
    crossref     the fuzzy matching links uses: quotes in turns, versions turn by turn
    pages        records -> Markdown pages; markup escapes every string on its way in
    export       records -> the JSON data files
    feeds        records -> Atom feeds
    writing      atomic writes of the files that changed
    convert      the orchestrator: read, link, make what changed, write
    builder      convert, then MkDocs (strict), then search: `build()`
    search       the search index over the built site
    mkdocs_hooks the MkDocs side: settings from repo_url, edit links, the data bundle
    parallel     work spread over every core (convert, and MkDocs' Markdown rendering)
    settings     what mkdocs.yml sets: repo_url and the addresses derived from it
    errors       Problem, the file:line messages, and the exceptions that carry them
    cli          the `onrecord` command, a thin layer over the above
"""

__version__ = "0.1.0"


def build(root=None, site_dir=None):
    """Build the site of the archive at `root` (default: the one found from here): convert,
    MkDocs (strict) and search. Returns a builder.Built; see onrecord.builder."""
    from pathlib import Path

    from .archive import find_root
    from .builder import build as _build

    return _build(Path(root) if root else find_root(), Path(site_dir) if site_dir else None)
