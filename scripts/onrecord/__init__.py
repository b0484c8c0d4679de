"""onrecord: an open archive of diplomatic remarks, built from cleaned transcripts.

Pipeline stages, each a module:
    ingest    raw capture -> Extraction (turns, quotes, metadata, report)
    archive   cleaned transcripts + registries on disk -> typed records
    validate  every rule a cleaned file and the registries must follow
    links     cross-links computed once for the whole archive
    pages     records -> Markdown pages for MkDocs
    export    records -> data/transcripts.json
    convert   the orchestrator: read all, link, write changed pages only
"""

__version__ = "0.1.0"
