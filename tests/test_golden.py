"""The generated Markdown of the shipped archive, compared with tests/golden/.

After an intended change: `make golden`, then review the diff of tests/golden/."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord import convert, settings

GOLDEN = Path(__file__).parent / "golden"
REVIEW = GOLDEN / "review.md"  # onrecord review's, kept by tests/test_review.py


def test_generated_markdown_matches_golden(archive, root, request):
    files = convert.render(archive, settings.load(root))
    pages = {path: text for path, text in files.items() if path.endswith(".md")}
    if request.config.getoption("--update-golden"):
        for old in GOLDEN.rglob("*.md"):
            if old != REVIEW:
                old.unlink()
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
        pytest.skip("golden files rewritten")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in GOLDEN.rglob("*.md")
        if p != REVIEW
    }
    assert sorted(pages) == sorted(expected), (
        "pages added or removed: run `make golden` if intended"
    )
    for path in sorted(pages):
        assert pages[path] == expected[path], (
            f"{path} differs from tests/golden: run `make golden` if intended"
        )
