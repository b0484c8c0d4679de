from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "dev"


def pytest_collection_modifyitems(config, items):
    # every test in one layer: what is neither a build nor a browser test is a unit test
    for item in items:
        if not any(item.get_closest_marker(layer) for layer in ("build", "browser")):
            item.add_marker(pytest.mark.unit)


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden from the current output"
    )


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
    from onrecord.convert import GENERATED

    for name in ("source_texts", "docs", "scripts"):
        shutil.copytree(
            ROOT / name,
            tmp_path / name,
            ignore=shutil.ignore_patterns("__pycache__", *GENERATED)
            if name == "docs"
            else shutil.ignore_patterns("__pycache__"),
        )
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path
