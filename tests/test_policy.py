"""Project policies that a careless change could break: safe extensions, patched dependencies,
hardened workflows. Each assertion fails when the property it names is broken."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from onrecord import settings

ROOT = Path(__file__).resolve().parents[1]
# Extensions that neither read files (pymdownx.snippets) nor run code (macros): transcript text is data.
SAFE_EXTENSIONS = {
    "toc",
    "attr_list",
    "md_in_html",
    "admonition",
    "tables",
    "def_list",
    "footnotes",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.highlight",
}
SAFE_PLUGINS: set[str] = set()
MINIMUM = {
    "markdown": (3, 8),
    "mkdocs-material": (9, 7, 7),
    "pymdown-extensions": (10, 16),
    "jinja2": (3, 1, 6),
}


def _config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=settings._Loader)


def _names(items) -> set[str]:
    return {next(iter(i)) if isinstance(i, dict) else i for i in items or []}


def test_only_extensions_that_neither_read_files_nor_run_code():
    config = _config()
    assert _names(config["markdown_extensions"]) <= SAFE_EXTENSIONS
    assert _names(config.get("plugins")) <= SAFE_PLUGINS


def test_no_third_party_fonts():
    assert _config()["theme"]["font"] is False


def test_locked_versions_are_past_known_vulnerabilities():
    locked = dict(
        re.findall(
            r"^([a-z0-9-]+)==([\d.]+)", (ROOT / "requirements" / "site.txt").read_text(), re.M
        )
    )
    for name, minimum in MINIMUM.items():
        version = tuple(int(x) for x in locked[name].split("."))
        assert version >= minimum, f"{name} {locked[name]} is older than {minimum}"
    assert all(
        "--hash=sha256:" in block
        for block in (ROOT / "requirements" / "site.txt").read_text().split("\n\n")[1:]
        if "==" in block
    )


def test_workflows_are_hardened():
    for path in (ROOT / ".github" / "workflows").glob("*.yml"):
        text = path.read_text()
        flow = yaml.safe_load(text)
        triggers = flow.get(True) or flow.get("on")  # YAML reads the key 'on' as true
        assert "pull_request_target" not in triggers and "workflow_run" not in triggers, path.name
        assert flow.get("permissions") == {}, f"{path.name}: set top-level permissions: {{}}"
        for name, job in flow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} has no permissions of its own"
            for step in job.get("steps", []):
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step[
                        "uses"
                    ]
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False
                assert "${{ github.event" not in step.get("run", ""), (
                    "untrusted values go through env:"
                )
    assert (ROOT / ".github" / "CODEOWNERS").read_text().count("/source_texts/") >= 1
    assert (ROOT / ".github" / "dependabot.yml").exists()
