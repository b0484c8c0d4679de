from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "dev"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden from the current output")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def registry():
    from onrecord.importer import load_registry
    return load_registry(ROOT)


@pytest.fixture(scope="session")
def archive():
    from onrecord.archive import Layout, load_archive
    return load_archive(Layout(ROOT))


@pytest.fixture()
def archive_copy(tmp_path) -> Path:
    """A writable copy of the archive's sources and site config."""
    for name in ("source_texts", "docs", "scripts"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns(
            "__pycache__", "transcripts", "speakers", "events", "data", "index.md") if name == "docs" else
            shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path
