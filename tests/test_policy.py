"""Project policies that a careless change could break: safe extensions, patched dependencies,
hardened workflows, owners for everything CI runs. The site's own policy (extensions, plugins,
scripts, links) is onrecord/policy.py, which the build enforces: checked here against the
shipped configuration and against each thing it must refuse. Each assertion fails when the
property it names is broken."""

from __future__ import annotations

import fnmatch
import re
import shutil
from pathlib import Path

import pytest
import yaml

from onrecord import policy

ROOT = Path(__file__).resolve().parents[1]
MINIMUM = {
    "markdown": (3, 8),
    "mkdocs-material": (9, 7, 7),
    "pymdown-extensions": (10, 16),
    "jinja2": (3, 1, 6),
}


def test_the_shipped_site_follows_the_policy():
    config, problems = policy.read_config(ROOT)
    assert not problems
    assert {
        next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]
    } <= policy.SAFE_EXTENSIONS
    assert config["plugins"] == [] and config["theme"]["font"] is False
    assert policy.check(ROOT) == []


@pytest.fixture()
def site_root(tmp_path) -> Path:
    """mkdocs.yml, docs/ and the theme, as shipped."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    shutil.copytree(
        ROOT / "scripts" / "onrecord" / "theme", tmp_path / "scripts" / "onrecord" / "theme"
    )
    shutil.copy(
        ROOT / "scripts" / "onrecord" / "mkdocs_hooks.py", tmp_path / "scripts" / "onrecord"
    )
    return tmp_path


def _edit(root: Path, old: str, new: str) -> int:
    """Replace `old` in the copy's mkdocs.yml; returns the line where `new` starts."""
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


REFUSED = [  # (what the pull request changes, the text in its place, what the policy says)
    (
        "  - tables\n",
        "  - tables\n  - pymdownx.snippets\n",
        "Markdown extension 'pymdownx.snippets' is not allowed",
    ),
    (
        "  - tables\n",
        "  - tables\n  - markdown.extensions.toc\n  - mdx_include\n",
        "Markdown extension 'mdx_include'",
    ),
    (
        "plugins: []\n",
        "plugins:\n  - search\n  - macros\n",
        "MkDocs plugin 'macros' is not allowed",
    ),
    (
        "  - assets/search.js\n",
        "  - assets/search.js\n  - https://cdn.example/track.js\n",
        "extra_javascript entry is not a file of docs/",
    ),
    (
        "  - assets/search.js\n",
        "  - assets/search.js\n  - path: //cdn.example/x.js\n    type: module\n",
        "extra_javascript entry is not a file of docs/",
    ),
    (
        "  - assets/onrecord.css\n",
        "  - assets/onrecord.css\n  - ../../../etc/passwd\n",
        "extra_css entry is not a file of docs/",
    ),
    (
        "  - assets/onrecord.css\n",
        "  - assets/onrecord.css\n  - assets/missing.css\n",
        "'docs/assets/missing.css' is not there",
    ),
    (
        "site_name: On the Record\n",
        "site_name: !!python/object/apply:os.getpid []\n",
        "YAML tag '!!python/object/apply:os.getpid'",
    ),
    (
        "site_name: On the Record\n",
        "site_name: !ENV [SECRET_TOKEN, On the Record]\n",
        "YAML tag '!ENV'",
    ),
    (
        "site_name: On the Record\n",
        "INHERIT: ../elsewhere.yml\nsite_name: On the Record\n",
        "setting 'INHERIT'",
    ),
    (
        "site_name: On the Record\n",
        "site_name: On the Record\nextra_templates: [x.html]\n",
        "setting 'extra_templates'",
    ),
    ("docs_dir: docs\n", "docs_dir: /\n", "docs_dir is not docs"),
    (
        "  custom_dir: scripts/onrecord/theme\n",
        "  custom_dir: /etc\n",
        "theme overrides from another folder",
    ),
    ("  font: false", "  font:\n    text: Roboto", "web fonts are fetched from Google Fonts"),
    (
        "  - scripts/onrecord/mkdocs_hooks.py\n",
        "  - docs/evil_hooks.py\n",
        "hooks other than onrecord's own",
    ),
    (
        "copyright: Transcripts",
        "copyright: <script src=https://x.example/a.js></script> Transcripts",
        "a value with '<', '>' or '\"'",
    ),
    (
        "repo_url: https://github.com/OWNER/onrecord",
        "repo_url: javascript:alert(1)",
        "repo_url is not an https://",
    ),
    (
        "site_name: On the Record\n",
        "site_name: On the Record\nextra:\n  analytics:\n    provider: google\n",
        "extra: analytics loads scripts from another server",
    ),
]


@pytest.mark.parametrize("old, new, message", REFUSED, ids=[m for _, _, m in REFUSED])
def test_the_policy_refuses(site_root, old, new, message):
    line = _edit(site_root, old, new)
    problems = policy.check(site_root)
    found = [p for p in problems if message in p.problem]
    assert found, problems
    assert found[0].path == "mkdocs.yml" and found[0].line is not None and found[0].line >= line, (
        found
    )
    assert found[0].fix


def test_the_policy_names_every_link_in_the_site_s_folders(site_root):
    (site_root / "docs" / "assets" / "env.txt").symlink_to("/proc/self/environ")
    (site_root / "scripts" / "onrecord" / "theme" / "partials" / "x.html").symlink_to(
        "/etc/hostname"
    )
    (site_root / "source_texts").mkdir()
    (site_root / "source_texts" / "raw").symlink_to("/etc")
    problems = {p.path: p for p in policy.check(site_root)}
    assert set(problems) == {
        "docs/assets/env.txt",
        "scripts/onrecord/theme/partials/x.html",
        "source_texts/raw",
    }
    assert all(p.problem == "is a symbolic link" for p in problems.values())


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
    assert (ROOT / ".github" / "dependabot.yml").exists()


def test_the_job_that_uploads_the_preview_builds_with_onrecord_build():
    """The policy holds for the preview because `make site` runs `onrecord build`."""
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    steps = flow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    upload = next(
        i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert "make site" in runs[:upload]
    assert re.search(
        r"^site:.*\n(?:\t.*\n)*\t\$\(BIN\)/onrecord build$", (ROOT / "Makefile").read_text(), re.M
    )


# ---------------------------------------------------------------- owners


def _owners(path: str) -> list[str]:
    """The owners CODEOWNERS gives `path` (GitHub's rule: the last matching line wins)."""
    owners: list[str] = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, *names = line.split()
        anchored = pattern.startswith("/")
        body = pattern.strip("/")
        candidates = (
            [path]
            if anchored
            else [path, *(path.split("/", i)[-1] for i in range(1, path.count("/") + 1))]
        )
        if pattern.endswith("/"):
            hit = any(c == body or c.startswith(body + "/") for c in candidates)
        else:
            hit = any(fnmatch.fnmatchcase(c, body) or c.startswith(body + "/") for c in candidates)
        if hit:
            owners = names
    return owners


# everything a hostile pull request would need to change to get past review unnoticed
OWNED = [
    "source_texts/transcripts/x.txt",
    "source_texts/speakers.yml",
    "source_texts/events.yml",
    "docs/assets/cite.js",
    "docs/about.md",
    "scripts/onrecord/theme/main.html",
    "scripts/onrecord/mkdocs_hooks.py",
    "scripts/onrecord/policy.py",
    "Makefile",
    ".ci/run",
    "tests/test_policy.py",
    "tests/browser/conftest.py",
    "pyproject.toml",
    "requirements/site.txt",
    ".github/workflows/ci.yml",
    ".github/CODEOWNERS",
    "mkdocs.yml",
    "some/new/file.txt",
]


@pytest.mark.parametrize("path", OWNED)
def test_codeowners_covers(path):
    assert _owners(path), f"no owner for {path} in .github/CODEOWNERS"


def test_codeowners_lists_each_path_of_the_build():
    listed = {
        line.split()[0]
        for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {
        "/docs/",
        "/scripts/",
        "/tests/",
        "/Makefile",
        "/.ci/",
        "/pyproject.toml",
        "/requirements/",
        "/source_texts/",
        "/.github/",
        "/mkdocs.yml",
    } <= listed
