"""The `onrecord` command: a thin layer over the library, one subcommand per stage."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import FORMATS, OnrecordError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="onrecord", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print what the importer reads in a raw capture")
    p.add_argument("raw", type=Path)
    p.add_argument("--url", help="the page the capture came from")
    p.add_argument("--json", action="store_true", help="one JSON record (the scoring contract)")
    p.set_defaults(run=_extract)

    p = sub.add_parser("import", help="add a raw capture: keep it, draft its cleaned transcript")
    p.add_argument("raw", type=Path)
    p.add_argument("--url", help="the page the capture came from")
    p.add_argument(
        "--id", dest="tid", help="the transcript's id (default: suggested from date and speakers)"
    )
    p.add_argument("--force", action="store_true", help="replace an existing cleaned transcript")
    p.set_defaults(run=_import)

    p = sub.add_parser("check", help="validate every cleaned transcript and the registries")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: 'file:line: problem — fix' (default); github: workflow annotations, shown "
        "on a pull request's diff at the line",
    )
    p.set_defaults(run=_check)
    p = sub.add_parser(
        "review",
        help="what the working tree changes against a git revision (a pull request's base), "
        "and the changes a correction may not make",
    )
    p.add_argument("base", help="the git revision to compare with, e.g. origin/main or HEAD")
    p.add_argument(
        "--format",
        choices=("text", "markdown", "github"),
        default="text",
        help="text for a terminal; markdown; github: text, then each problem as a workflow "
        "annotation",
    )
    p.add_argument(
        "--summary",
        type=Path,
        help="also append the review as Markdown to this file (CI: $GITHUB_STEP_SUMMARY)",
    )
    p.set_defaults(run=_review)
    p = sub.add_parser("convert", help="write the site's Markdown pages into docs/")
    p.set_defaults(run=_convert)
    p = sub.add_parser(
        "data",
        help="make the data downloads into data/: CSV data package, SQLite, Popolo, JSON",
    )
    p.set_defaults(run=_data)
    p = sub.add_parser(
        "clean", help="remove what convert and build made (docs/ pages, the cache, data/, site/)"
    )
    p.set_defaults(run=_clean)
    p = sub.add_parser("build", help="convert, then build the site with MkDocs (strict)")
    p.add_argument("--site-dir", type=Path, help="where to build (default: site/)")
    p.set_defaults(run=_build)

    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    try:
        return args.run(args) or 0
    except OnrecordError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _extract(args) -> int:
    from . import importer

    x = importer.read_capture(args.raw, url=args.url)
    if args.json:
        print(json.dumps(x.record(), ensure_ascii=False, indent=1))
    else:
        print(importer.report(x, args.raw))
    return 0


def repository_prefix(root: Path) -> str:
    """The folder of `root` within its git repository ('' at the top, or outside any): workflow
    annotations name files from the repository's top."""
    root = root.resolve()
    for folder in (root, *root.parents):
        if (folder / ".git").exists():  # a folder, or a file in a worktree
            return root.relative_to(folder).as_posix().removeprefix(".")
    return ""


def _check(args) -> int:
    from . import archive, policy
    from .errors import ValidationError, formatted

    layout = archive.Layout(archive.find_root())
    problems = policy.check(layout.root)  # what the build would refuse, listed with the rest
    try:
        a = archive.load_archive(layout)
    except ValidationError as exc:
        problems = problems + exc.problems
    if problems and args.format == "github":
        found = ValidationError(problems)  # sorted, each once
        prefix = repository_prefix(layout.root)
        print("\n".join(formatted(found.problems, "github", "onrecord check", prefix)))
        print(f"error: {str(found).splitlines()[0]}", file=sys.stderr)
        return 1
    if problems:
        raise ValidationError(problems)
    print(
        f"ok: {len(a.transcripts)} transcripts, {len(a.speakers)} speakers, {len(a.events)} events"
    )
    return 0


def _review(args) -> int:
    from . import archive, review, revision

    root = archive.find_root()
    base = revision.at_revision(root, args.base)
    head = revision.working_tree(root)

    found = review.compare(
        base, head, lambda path: revision.first_difference(root, base, head, path)
    )
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(review.markdown(found))
    if args.format == "markdown":
        sys.stdout.write(review.markdown(found))
        for problem in found.problems:  # the log shows them too
            print(problem, file=sys.stderr)
    else:
        sys.stdout.write(review.text(found))
        if args.format == "github":
            sys.stdout.write(review.github_annotations(found, repository_prefix(root)))
    return 1 if found.problems else 0


def _convert(args) -> int:
    from . import archive, convert

    print(convert.convert(archive.find_root()).summary())
    return 0


def _data(args) -> int:
    from . import archive, downloads

    root = archive.find_root()
    made = downloads.build(root, progress=print)
    folder = root / downloads.FOLDER
    print(f"data: {downloads.describe(made)} in {folder}")
    print(f"open the database: datasette {folder}/  (descriptions from {downloads.DATASETTE})")
    return 0


def _clean(args) -> int:
    import shutil

    from . import archive, convert, downloads, incremental, settings

    root = archive.find_root()
    layout = archive.Layout.of(root)
    gone = [layout.docs / top for top in convert.GENERATED] + [
        root / incremental.FOLDER,
        root / downloads.FOLDER,
        root / settings.load(root).site_dir,
    ]
    for path in gone:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    print("removed " + ", ".join(layout.rel(p) for p in gone))
    return 0


def _build(args) -> int:
    from . import archive
    from .builder import build

    build(archive.find_root(), Path(args.site_dir) if args.site_dir else None, progress=print)
    return 0


def _import(args) -> int:
    from . import importer

    x, d, written, to_complete = importer.import_capture(
        args.raw, url=args.url, tid=args.tid, force=args.force
    )
    print(importer.report(x, args.raw))
    print()
    for path in written:
        print(f"wrote {path}")
    if to_complete:
        # the one rule of check an import cannot meet by itself: see importer.check_draft
        print(
            f"`make check` fails until the {len(to_complete)} draft "
            f"entr{'ies' if len(to_complete) != 1 else 'y'} this import added "
            f"{'are' if len(to_complete) != 1 else 'is'} completed:"
        )
        for problem in to_complete:
            print(f"  {problem}")
    print(
        f"next: review source_texts/transcripts/{d.id}.txt (speakers, event, editorial notes), "
        "then `make check` and `make site`"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
