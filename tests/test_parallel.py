"""`mkdocs build` renders Markdown on every core (onrecord/parallel.py): the same site, the same
warnings. Checked on a generated archive large enough for the workers to start."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord import convert, parallel
from tools import synthetic

N = 240  # transcripts: with speakers and events, above parallel.MIN_PAGES

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("generated")
    synthetic.generate(root, N)
    synthetic.set_up_site_files(root)
    convert.convert(root)
    return root


def build(root: Path, site: Path, jobs: int) -> subprocess.CompletedProcess:
    env = dict(
        os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000", ONRECORD_JOBS=str(jobs)
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def same_tree(a: Path, b: Path) -> list[str]:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return [str(f) for f in files if not filecmp.cmp(a / f, b / f, shallow=False)]


def test_two_workers_build_the_same_site_as_one(generated, tmp_path):
    assert len(list((generated / "docs").rglob("*.md"))) >= parallel.MIN_PAGES
    one, two = build(generated, tmp_path / "one", 1), build(generated, tmp_path / "two", 2)
    assert one.returncode == 0 and two.returncode == 0, two.stderr[-2000:]
    assert same_tree(tmp_path / "one", tmp_path / "two") == []


def test_a_warning_in_a_page_a_worker_renders_still_fails_strict(generated, tmp_path):
    pages = sorted((generated / "docs" / "transcripts").glob("2*.md"))[
        10:12
    ]  # one is surely a worker's
    saved = {p: p.read_text(encoding="utf-8") for p in pages}
    try:
        for p in pages:
            p.write_text(saved[p] + f"\n[a broken link](missing-{p.stem}.md)\n", encoding="utf-8")
        done = build(generated, tmp_path / "site", 2)
    finally:
        for p, text in saved.items():
            p.write_text(text, encoding="utf-8")
    said = done.stdout + done.stderr
    assert done.returncode != 0
    assert all(f"missing-{p.stem}.md" in said for p in pages)
    assert "Aborted with 2 warnings in strict mode" in said


def in_fresh_process(code: str, jobs: int) -> str:
    """Python code run in a new, single-threaded process: pytest's may hold threads (the browser
    tests'), and fork_map rightly refuses to fork from a threaded process."""
    env = dict(os.environ, ONRECORD_JOBS=str(jobs))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_convert_on_two_cores_writes_what_one_core_writes(generated):
    """Reading the transcripts and making the pages are spread over the cores (fork_map)."""
    docs = generated / "docs"

    def snapshot(jobs: int) -> dict[str, bytes]:
        for path in list(docs.rglob("*")):  # everything made afresh, nothing left from before
            if path.is_file() and path.relative_to(docs).parts[0] in convert.GENERATED:
                path.unlink()
        in_fresh_process(
            f"from pathlib import Path; from onrecord import convert\n"
            f"convert.convert(Path({str(generated)!r}), use_cache=False)",
            jobs,
        )
        return {
            p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()
        }

    one, two = snapshot(1), snapshot(2)
    assert len(one) > parallel.MIN_PAGES and one == two


def test_fork_map_keeps_order_and_takes_closures():
    out = in_fresh_process(
        "import os\nfrom onrecord import parallel\noffset = 7\n"
        "found = parallel.fork_map(lambda x: (x + offset, os.getpid()), list(range(300)), least=10)\n"
        "assert [x for x, _ in found] == [x + 7 for x in range(300)]\n"
        "print(os.getpid() not in {pid for _, pid in found})\n",
        jobs=2,
    )
    assert out.strip() == "True"  # the work was done in the forked workers


def test_fork_map_stays_in_a_threaded_process(monkeypatch):
    import threading

    monkeypatch.setenv("ONRECORD_JOBS", "2")
    hold = threading.Event()
    thread = threading.Thread(target=hold.wait)
    thread.start()
    try:
        found = parallel.fork_map(lambda x: (x, os.getpid()), list(range(300)), least=10)
    finally:
        hold.set()
        thread.join()
    assert found == [(x, os.getpid()) for x in range(300)]
