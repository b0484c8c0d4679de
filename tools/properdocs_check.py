"""Does ProperDocs build the same site as MkDocs? (`make properdocs`; CI runs it.)

    python -m tools.properdocs_check PROPERDOCS_BIN

Material for MkDocs reaches its end of life in May 2027; ProperDocs is the drop-in successor of
MkDocs 1.x that the project can move to. This builds the converted docs/ with both engines,
strict, and compares every file of the two sites; they may differ only in the generator tag
each engine writes into the page head. Run after `onrecord convert` (make does it).
"""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(command: list[str], out: Path, env: dict) -> None:
    done = subprocess.run(
        [*command, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(out)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"{command[-1]} build failed:\n{done.stderr[-3000:]}")


def differences(a: Path, b: Path) -> list[str]:
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    found = [f"only in the MkDocs build: {p}" for p in sorted(files_a - files_b)]
    found += [f"only in the ProperDocs build: {p}" for p in sorted(files_b - files_a)]
    for p in sorted(files_a & files_b):
        if filecmp.cmp(a / p, b / p, shallow=False):
            continue
        if GENERATOR.sub(b"", (a / p).read_bytes()) != GENERATOR.sub(b"", (b / p).read_bytes()):
            found.append(f"differs: {p}")
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "0"),
        # ProperDocs runs from its own environment: the hooks import the project's package
        PYTHONPATH=os.pathsep.join(
            p for p in (str(PROJECT / "scripts"), os.environ.get("PYTHONPATH")) if p
        ),
    )
    with tempfile.TemporaryDirectory(prefix="onrecord-engines-") as tmp:
        mkdocs_site, properdocs_site = Path(tmp) / "mkdocs", Path(tmp) / "properdocs"
        build([sys.executable, "-m", "mkdocs"], mkdocs_site, env)
        build([args[0]], properdocs_site, env)
        found = differences(mkdocs_site, properdocs_site)
        count = sum(1 for p in mkdocs_site.rglob("*") if p.is_file())
    if found:
        print(
            f"ProperDocs builds a different site ({len(found)} of {count} files):",
            *found[:30],
            sep="\n  ",
        )
        return 1
    print(
        f"ProperDocs and MkDocs build the same site: {count} files, identical but for the generator tag"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
