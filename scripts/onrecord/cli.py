"""The `onrecord` command: a thin layer over the library, one subcommand per stage."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import OnrecordError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="onrecord", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print what the importer reads in a raw capture")
    p.add_argument("raw", type=Path)
    p.add_argument("--url", help="the page the capture came from")
    p.add_argument("--json", action="store_true", help="one JSON record (the scoring contract)")
    p.set_defaults(run=_extract)

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


if __name__ == "__main__":
    sys.exit(main())
