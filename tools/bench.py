"""How the archive scales: the shipped archive grown with N synthetic transcripts, converted,
built and searched.

    python -m tools.bench [--transcripts 1000 10000] [--out bench/results.md] [--keep DIR]
    python -m tools.bench --search-only [--transcripts 10000]     the search figures alone

First, on the shipped archive (its site built into a temporary folder): known-item search
(tools/knownitem.py: seeded six-word phrases typed into the header search, unquoted and quoted)
on this site and on the theme's own search built on the same pages (the peer). Then for each N,
in a temporary folder (or DIR/nN with --keep):

  1. generate   the shipped archive and N seeded synthetic transcripts beside it
                (`tools.synthetic.grow`), with copies of mkdocs.yml, docs/about.md,
                docs/search.md, docs/assets/ and links to the theme overrides and hooks; it must
                pass `onrecord.archive.load_archive`, or the run stops
  2. measure    `onrecord convert` (full, then after a one-word edit), `mkdocs build --strict`
                (time and peak RSS), the Python-Markdown render floor, page and site sizes,
                `properdocs build` where it can be installed into a throwaway venv, and search:
                the index build (time, peak RSS, sizes), searches in headless Chromium (time and
                bytes to the first screen of results), known-item search on this site and, up to
                --peer-up-to, on the peer
  3. report     Markdown tables (figures only, nothing is asserted) with the machine, printed
                and written to --out

bench/README.md says what each figure means.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from tools import browser
from tools.synthetic import (
    PROJECT,
    SEED,
    edit_one_word,
    generate,
    grow,
    put_in_one_event,
    set_up_site_files,
)

# ---------------------------------------------------------------- measuring


@dataclass
class Run:
    seconds: float
    rss_kb: int | None
    rc: int
    stdout: str
    stderr: str


_TIME = "/usr/bin/time"
_WRAP = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(rc)\n"
)


@functools.cache
def _has_gnu_time() -> bool:
    try:
        return (
            subprocess.run([_TIME, "-v", "true"], capture_output=True, timeout=10).returncode == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


def measured(command: list[str], cwd: Path, env: dict | None = None, timeout: float = 3600) -> Run:
    """Wall time and peak resident memory of a command (GNU time -v, else getrusage in a wrapper)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss", delete=False) as f:
        report = f.name
    if _has_gnu_time():
        wrapped = [_TIME, "-v", "-o", report, *command]
    else:
        wrapped = [sys.executable, "-c", _WRAP, report, *command]
    start = time.perf_counter()
    try:
        p = subprocess.run(
            wrapped, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
        )
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as exc:
        rc, out, err = -1, "", f"timed out after {timeout:.0f} s: {exc}"
    seconds = time.perf_counter() - start
    text = Path(report).read_text() if Path(report).exists() else ""
    os.unlink(report)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    rss = int(m.group(1)) if m else (int(text) if text.strip().isdigit() else None)
    return Run(seconds, rss, rc, out, err)


def _env(root: Path) -> dict:
    # the phased convert runs `python -m tools.bench` from the synthetic archive: tools/ on the path
    path = os.pathsep.join(p for p in (str(PROJECT), os.environ.get("PYTHONPATH", "")) if p)
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        ONRECORD_ROOT=str(root),
        PYTHONHASHSEED="0",
        PYTHONPATH=path,
    )
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    return env


def phased_convert(root: Path) -> dict:
    """`convert.convert(root)` as `onrecord convert` runs it, with the time spent in its main steps.

    The steps are timed by wrapping module functions for the length of the call (timing only: the
    results are those of the real functions). A step the code no longer has is simply not timed."""
    from onrecord import (
        archive as archive_io,
    )
    from onrecord import (
        convert as convert_io,
    )
    from onrecord import (
        crossref,
        incremental,
        writing,
    )
    from onrecord import (
        links as links_io,
    )

    timed: dict[str, list] = {}  # name -> [calls, seconds]
    patched = []
    for module, name, label in (
        (archive_io, "read", "load"),
        (links_io, "compute", "links"),
        (crossref, "align", "align"),
        (crossref, "best_turns", "match"),
        (incremental, "make", "make"),
        (writing, "write", "write"),
    ):
        real = getattr(module, name, None)
        if not callable(real):
            continue

        def wrapper(*args, _real=real, _label=label, **options):
            t0 = time.perf_counter()
            try:
                return _real(*args, **options)
            finally:
                entry = timed.setdefault(_label, [0, 0.0])
                entry[0] += 1
                entry[1] += time.perf_counter() - t0

        setattr(module, name, wrapper)
        patched.append((module, name, real))
    cached = incremental.has_cache(
        root
    )  # a cache made by other code is discarded: say whether this one counts
    try:
        t0 = time.perf_counter()
        result = convert_io.convert(root)
        total = time.perf_counter() - t0
    finally:
        for module, name, real in patched:
            setattr(module, name, real)
    return {
        "total_s": total,
        "cache_before": cached,
        "steps": timed,
        "written": len(result.written),
        "written_files": list(result.written[:6]),
        "unchanged": result.unchanged,
    }


def markdown_extensions(config_path: Path) -> tuple[list[str], dict]:
    """The markdown_extensions of mkdocs.yml, as Python-Markdown takes them."""
    from onrecord.settings import _Loader

    config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    names, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            for name, conf in item.items():
                names.append(name)
                if conf:
                    configs[name] = conf
        else:
            names.append(item)
    return names, configs


_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs strips it


def render_floor(root: Path) -> tuple[float, int]:
    """Seconds to render every docs/**/*.md with Python-Markdown alone (one reused instance)."""
    import markdown

    names, configs = markdown_extensions(root / "mkdocs.yml")
    texts = [
        _FRONT.sub("", p.read_text(encoding="utf-8"), count=1)
        for p in sorted((root / "docs").rglob("*.md"))
    ]
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    start = time.perf_counter()
    for text in texts:
        md.reset().convert(text)
    return time.perf_counter() - start, len(texts)


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def site_figures(site: Path) -> dict:
    out: dict = {}
    pages = [
        p
        for p in (site / "transcripts").glob("*/index.html")
        if not p.parent.name.startswith("year-")
    ]
    sizes = sorted((p.stat().st_size, p.parent.name) for p in pages)
    if sizes:
        out["page_max"], out["page_max_id"] = sizes[-1]
        out["page_median"] = int(statistics.median(s for s, _ in sizes))
        out["pages"] = len(sizes)
    page_set = set(pages)
    others = sorted(
        (p.stat().st_size, p.relative_to(site).as_posix())
        for p in site.rglob("*.html")
        if p not in page_set
    )
    if others:
        out["other_max"], out["other_max_path"] = others[-1]
    files = [p for p in site.rglob("*") if p.is_file()]
    out["site_bytes"], out["site_files"] = sum(p.stat().st_size for p in files), len(files)
    return out


# ---------------------------------------------------------------- optional tools in throwaway venvs


def _venv_tool(venv: Path, packages: list[str], probe) -> tuple[bool, str]:
    """Create `venv` and pip-install `packages` unless `probe()` finds them there already."""
    if probe():
        return True, "already installed"
    try:
        if not (venv / "bin" / "python").exists():
            subprocess.run(
                [sys.executable, "-m", "venv", str(venv)],
                check=True,
                capture_output=True,
                timeout=300,
            )
        p = subprocess.run(
            [
                str(venv / "bin" / "pip"),
                "install",
                "--quiet",
                "--disable-pip-version-check",
                *packages,
            ],
            capture_output=True,
            text=True,
            timeout=900,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return False, f"could not create the venv: {exc}"
    if p.returncode != 0 or not probe():
        lines = [
            x
            for x in (p.stderr or p.stdout).splitlines()
            if x.strip() and not x.startswith("WARNING: Location")
        ]
        return False, (lines[-1] if lines else f"pip exited {p.returncode}")[:200]
    return True, "installed"


def properdocs_build(root: Path, venv: Path) -> dict:
    from importlib.metadata import PackageNotFoundError, version

    try:
        material = version("mkdocs-material")
    except PackageNotFoundError:
        material = "9.8.1"
    ok, why = _venv_tool(
        venv,
        ["properdocs", f"mkdocs-material=={material}", "pymdown-extensions"],
        (venv / "bin" / "properdocs").exists,
    )
    if not ok:
        return {"error": f"properdocs could not be installed ({why})"}
    out_dir = root / "site-properdocs"
    # the hooks import the project's package (standard library only on that path): put it on the path
    env = dict(_env(root), PYTHONPATH=str(PROJECT / "scripts"))
    run = measured(
        [
            str(venv / "bin" / "properdocs"),
            "build",
            "--strict",
            "-f",
            "mkdocs.yml",
            "--site-dir",
            str(out_dir),
        ],
        root,
        env,
    )
    result: dict[str, object] = {"seconds": run.seconds, "rss_kb": run.rss_kb, "rc": run.rc}
    if run.rc != 0:
        result["error"] = _tail(run.stderr)
    shutil.rmtree(out_dir, ignore_errors=True)
    return result


def search_index(site: Path, root: Path) -> dict:
    """The search index, built as `onrecord build` builds it (`python -m onrecord.search`, from the
    records the convert read): time, peak RSS, what it holds, and the bytes a search starts with."""
    from onrecord import search

    site = site.resolve()
    run = measured([sys.executable, "-m", "onrecord.search", str(site)], root, _env(root))
    if run.rc != 0:
        return {"error": _tail(run.stderr or run.stdout)}
    bundle = site / search.BUNDLE
    files = [p for p in bundle.rglob("*") if p.is_file()]
    buckets = sorted(
        _gz(p.read_bytes()) for p in (*bundle.glob("words/*.json"), *bundle.glob("pairs/*.json"))
    )
    return {
        "seconds": run.seconds,
        "rss_kb": run.rss_kb,
        "summary": run.stdout.strip().splitlines()[-1],
        "bundle_bytes": sum(p.stat().st_size for p in files),
        "bundle_files": len(files),
        "index_gz": _gz((bundle / "index.json").read_bytes()),
        "facets_gz": _gz((bundle / "facets.json").read_bytes()),
        "bucket_median_gz": buckets[len(buckets) // 2] if buckets else 0,
        "bucket_max_gz": buckets[-1] if buckets else 0,
        "script_gz": _gz((site / "assets" / "search.js").read_bytes()),
    }


def data_figures(root: Path) -> dict:
    """The downloads' files as data/ holds them: name, bytes, rows (onrecord.downloads)."""
    from onrecord import downloads

    manifest = downloads.load_manifest(root / downloads.FOLDER) or {"files": []}
    index = root / "docs" / "data" / "index.json"  # written by convert, published beside them
    files = [(d["name"], d["bytes"], d["rows"], d["unit"]) for d in manifest["files"]]
    if index.is_file():
        files.append(("index.json", index.stat().st_size, None, ""))
    return {"files": files, "bytes": sum(b for _, b, _, _ in files)}


def _tail(text: str, lines: int = 3) -> str:
    return " / ".join(x.strip() for x in (text or "").strip().splitlines()[-lines:])[:300]


# ---------------------------------------------------------------- one N

PHRASE_QUERY = "support for ukraine"  # a phrase search, beside the one-word queries
KNOWN_QUERY = "unprecedented level of unity"  # a phrase of a shipped document, among the noise
# the dialog shows the results of what is typed (data-query), and marks its list busy till then
_SHOWN = """() => {
  const list = document.querySelector('.md-search-result__list');
  const input = document.querySelector('.md-search__input');
  return list && list.getAttribute('data-query') === input.value.trim() && list.getAttribute('aria-busy') === 'false';
}"""


def browser_search(site: Path, queries: tuple[str, ...], repeat: int = 3) -> dict:
    """A reader's search in headless Chromium, served as GitHub Pages serves (gzip): from pressing
    '/' on the home page to the first screen of results shown in the header dialog (each result
    needs its document's data, so the first screen is the first result), the bytes and requests
    by then. A fresh browser per search; each query `repeat` times, and the median time kept
    (one run on a shared machine is noise)."""
    from onrecord import search

    if browser.missing() or not (site / search.BUNDLE / "index.json").exists():
        return {"error": "needs Chromium and a site with its search index"}
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with browser.serve(site, compress=True) as base, sync_playwright() as p:
        for query in [q for q in queries for _ in range(repeat)]:
            chromium = browser.launch(p)
            page = chromium.new_page()
            page.goto(base)
            page.wait_for_load_state("networkidle")
            fetched: list[tuple[str, int]] = []
            page.on(
                "response",
                lambda r, fetched=fetched: fetched.append(
                    (r.url, int(r.headers.get("content-length") or 0))
                ),
            )
            start = time.perf_counter()
            page.keyboard.press("/")
            page.keyboard.type(query)
            typed = time.perf_counter()
            page.wait_for_function(_SHOWN, timeout=60_000, polling=10)
            seconds = time.perf_counter() - start
            after = time.perf_counter() - typed
            shown = page.locator(".md-search-result__item").count()
            meta = page.locator(".md-search-result__meta").inner_text()
            run = {
                "seconds": seconds,
                "after_typing": after,
                "bytes": sum(size for _, size in fetched),
                "requests": len(fetched),
                "shown": shown,
                "meta": " ".join(meta.split()),
                "largest": max(fetched, key=lambda f: f[1])[1] if fetched else 0,
            }
            out.setdefault(query, {"runs": []})["runs"].append(run)
            chromium.close()
    for found in out.values():
        times = sorted(r["seconds"] for r in found["runs"])
        found.update(
            found["runs"][0],
            seconds=statistics.median(times),
            fastest=times[0],
            slowest=times[-1],
            after_typing=statistics.median(r["after_typing"] for r in found["runs"]),
        )
    return out


def known_items(site: Path, peer: Path | None, args, log, label: str) -> dict:
    """Known-item search (tools/knownitem.py) on a built site, and on the peer's if there is one."""
    from tools import knownitem

    if browser.missing():
        return {"error": browser.missing()}
    found = knownitem.targets(args.phrases, args.phrase_seed)
    log(f"[{label}] known-item search: {len(found)} phrases, unquoted and quoted")
    out = {"site": knownitem.run(site, found, "site")}
    if peer is not None:
        log(f"[{label}] known-item search with the theme's own search (peer)")
        out["peer"] = knownitem.run(peer, found, "peer", timeout=args.peer_timeout)
    return out


def peer(root: Path, log, label: str, out: Path | None = None) -> tuple[Path | None, dict]:
    """The theme's built-in search on the same pages (the peer), built into `out` (default: beside
    `root`'s site)."""
    from tools import knownitem

    log(f"[{label}] the theme's own search: mkdocs build with Material's search plugin")
    out = out or root / "site-peer"
    built = knownitem.peer_site(root, out)
    return (out if "error" not in built else None), built


def _shipped_count() -> int:
    return len(list((PROJECT / "source_texts" / "transcripts").glob("*.txt")))


def shipped(args, log) -> dict:
    """Known-item search on the project's own archive: its site built as `onrecord build` does,
    into a temporary folder, and the peer on the same pages."""
    r: dict = {}
    with tempfile.TemporaryDirectory(prefix="onrecord-bench-shipped-") as tmp:
        site = Path(tmp) / "site"
        env = dict(_env(PROJECT))
        log("[shipped] onrecord build")
        run = measured(
            [sys.executable, "-m", "onrecord.cli", "build", "--site-dir", str(site)], PROJECT, env
        )
        if run.rc != 0:
            return {"error": _tail(run.stderr or run.stdout)}
        peer_dir, r["peer_build"] = (
            peer(PROJECT, log, "shipped", Path(tmp) / "site-peer") if args.peer else (None, {})
        )
        r["known"] = known_items(site, peer_dir, args, log, "shipped")
        if peer_dir:
            shutil.rmtree(peer_dir, ignore_errors=True)
    return r


def bench_one(n: int, root: Path, args, log) -> dict:
    r: dict = {"n": n}
    root.mkdir(parents=True, exist_ok=True)
    log(
        f"[N={n}] generating the archive in {root}: the shipped one and {n:,} synthetic transcripts"
    )
    start = time.perf_counter()
    stats = grow(root, n, args.seed)
    set_up_site_files(root)
    r["generate_s"] = time.perf_counter() - start
    r["stats"] = stats
    text = (root / "source_texts" / "speakers.yml").read_text(encoding="utf-8")
    r["speakers"] = text.count("\n- id: ")
    r["events"] = (
        (root / "source_texts" / "events.yml").read_text(encoding="utf-8").count("\n- id: ")
    )
    r["nested_events"] = (
        (root / "source_texts" / "events.yml").read_text(encoding="utf-8").count("\n  parent: ")
    )

    env = _env(root)
    convert_cmd = [sys.executable, "-m", "tools.bench", "--phased-convert", str(root)]
    log(f"[N={n}] onrecord convert (full)")
    run = measured(convert_cmd, root, env)
    if run.rc != 0:
        raise SystemExit(
            f"onrecord convert failed on the synthetic archive (N={n}):\n{run.stderr[-4000:]}"
        )
    r["convert"] = {
        **json.loads(run.stdout.strip().splitlines()[-1]),
        "wall_s": run.seconds,
        "rss_kb": run.rss_kb,
    }

    if not args.search_only:
        log(f"[N={n}] Python-Markdown render floor")
        r["floor_s"], r["floor_pages"] = render_floor(root)

    # ---- the data downloads (onrecord/downloads.py), made from the records as `onrecord build`
    # makes them before MkDocs, which then publishes them under site/data/
    if not args.search_only:
        log(f"[N={n}] onrecord data (the downloads)")
        run = measured([sys.executable, "-m", "onrecord.cli", "data"], root, env)
        if run.rc != 0:
            raise SystemExit(f"onrecord data failed (N={n}):\n{run.stderr[-4000:]}")
        r["data"] = {"seconds": run.seconds, "rss_kb": run.rss_kb, **data_figures(root)}
    # ---- end of the data downloads

    log(f"[N={n}] mkdocs build --strict")
    build_cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", "mkdocs.yml"]
    run = measured(build_cmd, root, env, timeout=4 * 3600)
    r["build_s"], r["build_rss"], r["build_rc"] = run.seconds, run.rss_kb, run.rc
    if run.rc != 0:
        r["build_error"] = _tail(run.stderr)
    if args.profile and n == min(args.transcripts):
        log(f"[N={n}] mkdocs build under cProfile (not timed)")
        prof = root / "mkdocs-build.prof"
        measured(
            [
                sys.executable,
                "-m",
                "cProfile",
                "-o",
                str(prof),
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--config-file",
                "mkdocs.yml",
                "--site-dir",
                "site-profiled",
            ],
            root,
            env,
            timeout=4 * 3600,
        )
        r["profile"] = _profile_summary(prof)
        shutil.rmtree(root / "site-profiled", ignore_errors=True)
    r.update(site_figures(root / "site"))
    if args.search:
        log(f"[N={n}] search index")
        r["search"] = search_index(root / "site", root)
        log(f"[N={n}] search in headless Chromium: time and bytes to the first result")
        r["browser_search"] = browser_search(
            root / "site", (*args.queries, PHRASE_QUERY, KNOWN_QUERY)
        )
        peer_dir, r["peer_build"] = (
            peer(root, log, f"N={n}") if args.peer and n <= args.peer_up_to else (None, {})
        )
        r["known"] = known_items(root / "site", peer_dir, args, log, f"N={n}")
        if peer_dir:
            shutil.rmtree(peer_dir, ignore_errors=True)
    if args.search_only:
        return r

    log(f"[N={n}] the archive committed to git, as the base a correction is reviewed against")
    start = time.perf_counter()
    _commit_base(root)
    r["git_s"] = time.perf_counter() - start
    log(f"[N={n}] incremental convert after a one-word edit")
    r["edited"] = edit_one_word(root)
    run = measured(convert_cmd, root, env)
    if run.rc != 0:
        raise SystemExit(f"incremental convert failed (N={n}):\n{run.stderr[-4000:]}")
    r["incr"] = {
        **json.loads(run.stdout.strip().splitlines()[-1]),
        "wall_s": run.seconds,
        "rss_kb": run.rss_kb,
    }
    # what CI runs on that pull request: the review against the base, and check
    for key, command in (("review", ["review", "main"]), ("check", ["check"])):
        log(f"[N={n}] onrecord {' '.join(command)} (the one-word correction)")
        run = measured([sys.executable, "-m", "onrecord.cli", *command], root, env)
        r[key] = {"seconds": run.seconds, "rss_kb": run.rss_kb, "rc": run.rc}
        if run.rc != 0:
            r[key]["error"] = _tail(run.stdout + run.stderr)

    if args.properdocs:
        log(f"[N={n}] properdocs build")
        r["properdocs"] = properdocs_build(root, Path(args.properdocs_venv))
    return r


_PROFILE_GROUPS = (
    ("/markdown/", "Python-Markdown"),
    ("/material/plugins/search/", "Material search plugin"),
    ("html/parser.py", "html.parser (the search plugin's HTML parsing)"),
    ("_markupbase.py", "html.parser (the search plugin's HTML parsing)"),
    ("/jinja2/", "Jinja2 (page templates)"),
    ("/material/", "Material theme (other)"),
    ("/mkdocs/", "MkDocs core"),
    ("/yaml/", "PyYAML"),
    ("/onrecord/", "onrecord hooks"),
    ("/pymdownx/", "pymdown-extensions"),
    ("~", "built-ins (regex, str, I/O…)"),
)


def _commit_base(root: Path) -> None:
    """The archive's hand-edited files as the one commit of a branch `main`."""

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "source_texts", "mkdocs.yml")
    git("-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-q", "-m", "base")


def _profile_summary(path: Path, limit: int = 15) -> str:
    """Own time grouped by package, then the functions with the most own time."""
    import io
    import pstats

    if not path.exists():
        return "(no profile)"
    stats = pstats.Stats(str(path))
    groups: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        label = next(
            (
                g
                for key, g in _PROFILE_GROUPS
                if key in filename or (key == "~" and filename == "~")
            ),
            "other Python",
        )
        groups[label] = groups.get(label, 0.0) + tottime
    total = sum(groups.values()) or 1.0
    lines = [
        f"{seconds:8.2f} s {100 * seconds / total:5.1f} %  {label}"
        for label, seconds in sorted(groups.items(), key=lambda kv: -kv[1])
    ]
    buf = io.StringIO()
    pstats.Stats(str(path), stream=buf).sort_stats("tottime").print_stats(limit)
    text = buf.getvalue()
    text = text[text.find("   ncalls") :] if "   ncalls" in text else text
    return "\n".join(lines) + "\n\n" + text.replace(str(Path(sys.prefix)), "<venv>")


# ---------------------------------------------------------------- report


def _kb(b: int | None) -> str:
    if b is None:
        return "—"
    if b >= 10 * 1024 * 1024:
        return f"{b / 1024 / 1024:,.0f} MB"
    if b >= 1024 * 1024:
        return f"{b / 1024 / 1024:,.1f} MB"
    return f"{b / 1024:,.1f} KB"


def _rss(kb: int | None) -> str:
    return "—" if kb is None else f"{kb / 1024:,.0f} MB"


def _s(x: float | None) -> str:
    return "—" if x is None else (f"{x:,.2f} s" if x < 10 else f"{x:,.1f} s")


def _revision() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(PROJECT), "log", "-1", "--format=%h %s"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(PROJECT), "status", "--porcelain", "--", "scripts", "mkdocs.yml"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown revision"
    return (
        f"`{head[:90]}`" + (" (with uncommitted changes)" if dirty else "")
        if head
        else "unknown revision"
    )


def machine() -> list[str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(
            int(x.split()[1])
            for x in Path("/proc/meminfo").read_text().splitlines()
            if x.startswith("MemTotal")
        )
        memory = f"{mem / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memory = "unknown"
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for package in ("mkdocs", "mkdocs-material", "markdown"):
        try:
            versions.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            pass
    return [
        f"- Date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}), "
        f"{model}, {memory} RAM, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {', '.join(versions)}",
        f"- onrecord at {_revision()}",
        f"- Peak RSS measured with {'GNU time -v' if _has_gnu_time() else 'getrusage(RUSAGE_CHILDREN)'}",
    ]


def bench_one_event(n: int, root: Path, args, log) -> dict:
    """The archive of N documents, every one in the same event: the cost of a large summit.
    Convert (full, then a rerun with nothing changed, then a one-word correction) and build."""
    r: dict = {"n": n}
    root.mkdir(parents=True, exist_ok=True)
    log(f"[one event, N={n}] generating the archive in {root}")
    generate(root, n, args.seed)
    set_up_site_files(root)
    put_in_one_event(root)
    env = _env(root)
    convert_cmd = [sys.executable, "-m", "tools.bench", "--phased-convert", str(root)]
    for key in ("convert", "again"):
        log(f"[one event, N={n}] onrecord convert ({key})")
        run = measured(convert_cmd, root, env)
        if run.rc != 0:
            raise SystemExit(f"onrecord convert failed (one event, N={n}):\n{run.stderr[-4000:]}")
        r[key] = {
            **json.loads(run.stdout.strip().splitlines()[-1]),
            "wall_s": run.seconds,
            "rss_kb": run.rss_kb,
        }
    log(f"[one event, N={n}] one-word correction")
    r["edited"] = edit_one_word(root)
    run = measured(convert_cmd, root, env)
    r["incr"] = {
        **json.loads(run.stdout.strip().splitlines()[-1]),
        "wall_s": run.seconds,
        "rss_kb": run.rss_kb,
    }
    if args.one_event_build:
        log(f"[one event, N={n}] mkdocs build --strict and the render floor")
        run = measured(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", "mkdocs.yml"],
            root,
            env,
            timeout=4 * 3600,
        )
        r["build_s"], r["build_rss"], r["build_rc"] = run.seconds, run.rss_kb, run.rc
        r["floor_s"], r["floor_pages"] = render_floor(root)
    return r


def report_one_event(results: list[dict]) -> list[str]:
    """The one-event table: what convert and build cost when one event holds every document."""
    if not results:
        return []

    def cell(r, key):
        c = r[key]
        return (
            f"{_s(c['total_s'])} ({_s(c['wall_s'])} with start-up) · {c['written']:,} files written"
        )

    rows = [
        ("Convert, full (no cache)", lambda r: cell(r, "convert")),
        (
            "… of which quote matching (`crossref.best_turns`)",
            lambda r: (
                f"{_s(r['convert']['steps']['match'][1])} · {r['convert']['steps']['match'][0]:,} calls"
            ),
        ),
        ("Convert again, nothing changed", lambda r: cell(r, "again")),
        ("Convert after a one-word correction", lambda r: cell(r, "incr")),
        (
            "`mkdocs build --strict` · render floor",
            lambda r: (
                f"{_s(r['build_s'])} · {_s(r['floor_s'])} ({r['build_s'] / r['floor_s']:.1f}×)"
                if "build_s" in r
                else "not measured"
            ),
        ),
    ]
    out = [
        "",
        "## One event holding every document",
        "",
        "| | " + " | ".join(f"N = {r['n']:,}" for r in results) + " |",
        "| --- | " + " | ".join("---" for _ in results) + " |",
    ]
    for name, f in rows:
        cells = []
        for r in results:
            try:
                cells.append(f(r))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("—")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return out


def _known(f: dict) -> str:
    return (
        f"{f['top1']}/{f['n']} first ({100 * f['top1'] / f['n']:.0f} %), MRR {f['mrr']:.2f}"
        if f.get("n")
        else "—"
    )


def _peer_build(b: dict | None) -> str:
    if not b:
        return "not built"
    if b.get("error"):
        return f"build failed: {b['error']}"
    return f"built in {_s(b['seconds'])}, index {_kb(b.get('index_bytes'))}"


def shipped_report(r: dict, args) -> list[str]:
    """Known-item figures on the project's own archive."""
    if r.get("error"):
        return ["", f"Known-item search on the shipped archive: {r['error']}"]
    k = r["known"]
    if k.get("error"):
        return ["", f"Known-item search on the shipped archive: {k['error']}"]
    out = [
        "",
        f"## Known-item search on the shipped archive ({len(k['site']['unquoted']['rows'])} phrases of six words, seed {args.phrase_seed})",
        "",
        "| search | unquoted: right turn first · MRR | quoted |",
        "| --- | --- | --- |",
        f"| this site | {_known(k['site']['unquoted'])} | {_known(k['site']['quoted'])} |",
    ]
    if k.get("peer"):
        out.append(
            f"| the theme's own search (peer, {_peer_build(r.get('peer_build'))}) | "
            f"{_known(k['peer']['unquoted'])} | {_known(k['peer']['quoted'])} |"
        )
    misses = [row for v in k["site"].values() for row in v["rows"] if row["rank"] != 1]
    if misses:
        out += ["", "Not first on this site:"] + [
            f"- `{m['query']}` ({m['document']}#{m['turn']}): rank {m['rank'] or 'not shown'}"
            for m in misses
        ]
    return out


def report(
    results: list[dict], args, first: dict | None = None, one_event: list[dict] | None = None
) -> str:
    cols = [r["n"] for r in results]
    rows: list[tuple[str, list[str]]] = []

    def row(name: str, f) -> None:
        cells = []
        for r in results:
            try:
                cells.append(f(r))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("—")
        rows.append((name, cells))

    row(
        "Transcripts (news articles)",
        lambda r: f"{r['stats'].transcripts:,} ({r['stats'].articles:,})",
    )
    row(
        "Speakers / events (nested)",
        lambda r: f"{r['speakers']:,} / {r['events']:,} ({r['nested_events']:,})",
    )
    row("Turns / words", lambda r: f"{r['stats'].turns:,} / {r['stats'].words / 1e6:,.1f} M")
    row("source_texts/ size", lambda r: _kb(r["stats"].source_bytes))
    row("Generate archive", lambda r: _s(r["generate_s"]))

    def step(key, label):
        def cell(r):
            calls, seconds = r[key]["steps"][label]
            return _s(seconds) + (f" · {calls:,} calls" if label in ("align", "match") else "")

        return cell

    def conv(key):
        def cell(r):
            c = r[key]
            return (
                f"{_s(c['total_s'])} ({_s(c['wall_s'])} with start-up) · {c['written']:,} files written"
                + (" (with the convert cache)" if c["cache_before"] else "")
            )

        return cell

    row("**Convert** (`convert.convert`, full, fresh process)", conv("convert"))
    row("… load + validate", step("convert", "load"))
    row("… cross-links (`links.compute`)", step("convert", "links"))
    row("… … version alignment (`crossref.align`)", step("convert", "align"))
    row("… … quote matching (`crossref.best_turns`)", step("convert", "match"))
    row(
        "… plan + render",
        lambda r: _s(
            r["convert"]["total_s"]
            - sum(r["convert"]["steps"].get(k, [0, 0.0])[1] for k in ("load", "links", "write"))
        ),
    )
    row("… write", step("convert", "write"))
    row("Convert peak RSS", lambda r: _rss(r["convert"]["rss_kb"]))
    row(
        "**Build** (`mkdocs build --strict`)",
        lambda r: _s(r["build_s"]) + (" (FAILED)" if r["build_rc"] else ""),
    )
    row("Build peak RSS", lambda r: _rss(r["build_rss"]))
    row(
        "Render floor (Python-Markdown only)",
        lambda r: f"{_s(r['floor_s'])} · {r['floor_pages']:,} pages",
    )
    row("Build / floor", lambda r: f"{r['build_s'] / r['floor_s']:.1f}×")
    row("Transcript page, largest", lambda r: f"{_kb(r['page_max'])} ({r['page_max_id'][:40]})")
    row("Transcript page, median", lambda r: _kb(r["page_median"]))
    row("Largest other page", lambda r: f"{_kb(r['other_max'])} ({r['other_max_path']})")
    row("Site total", lambda r: f"{_kb(r['site_bytes'])} · {r['site_files']:,} files")
    # ---- the data downloads
    row(
        "**Data downloads** (`onrecord data`: tables, CSV, SQLite + FTS, Popolo, JSON) · peak RSS",
        lambda r: f"{_s(r['data']['seconds'])} · {_rss(r['data']['rss_kb'])}",
    )
    row("Data files together (`site/data/`)", lambda r: _kb(r["data"]["bytes"]))
    names = [f[0] for f in (results[0].get("data") or {}).get("files", [])] if results else []
    for name in names:

        def one(r, name=name):
            _, size, rows, unit = next(f for f in r["data"]["files"] if f[0] == name)
            return _kb(size) + (f" · {rows:,} {unit}" if rows is not None else "")

        row(f"… `{name}`", one)
    # ---- end of the data downloads
    row("**Incremental convert** (one word)", conv("incr"))
    row(
        "… load + validate / cross-links",
        lambda r: f"{step('incr', 'load')(r)} / {step('incr', 'links')(r)}",
    )

    def ci(key):
        def cell(r):
            c = r[key]
            return f"{_s(c['seconds'])} · {_rss(c['rss_kb'])}" + (
                f" (exit {c['rc']}: {c['error']})" if c["rc"] else ""
            )

        return cell

    row("**Review of the correction** (`onrecord review main`) · peak RSS", ci("review"))
    row("`onrecord check` of it · peak RSS", ci("check"))
    row("(committing the base to git, not part of CI)", lambda r: _s(r["git_s"]))

    def pd(r):
        p = r["properdocs"]
        if "seconds" not in p:
            return p["error"]
        cell = f"{_s(p['seconds'])} · {_rss(p['rss_kb'])}"
        return cell + (f" (FAILED: {p['error']})" if p.get("error") else "")

    if args.properdocs:
        row("`properdocs build --strict` · peak RSS", pd)
    if args.search:

        def si(r):
            p = r["search"]
            if p.get("error"):
                return p["error"]
            return f"{_s(p['seconds'])} · {_rss(p['rss_kb'])} · {p['summary'].removeprefix('search: ')}"

        row("**Search index** (`onrecord.search`, from the records) · peak RSS", si)
        if not args.search_only:
            row(
                "Build + search index (`onrecord build` after convert)",
                lambda r: _s(r["build_s"] + r["search"]["seconds"]),
            )

            def full(r):
                total = r["convert"]["wall_s"] + r["build_s"] + r["search"]["seconds"]
                return f"{_s(total)} · {total / r['floor_s']:.1f}× the floor"

            row(
                "Full `make site` from scratch (sum: convert without cache + build + search index)",
                full,
            )
        row(
            "… read first by every search: index.json · search.js (gzip)",
            lambda r: f"{_kb(r['search']['index_gz'])} · {_kb(r['search']['script_gz'])}",
        )
        row(
            "… a bucket of words or pairs, median · largest (gzip) · facets.json (search page)",
            lambda r: (
                f"{_kb(r['search']['bucket_median_gz'])} · {_kb(r['search']['bucket_max_gz'])} · "
                f"{_kb(r['search']['facets_gz'])}"
            ),
        )

        def searched(key):
            def cell(r):
                b = r.get("browser_search") or {}
                if not b or b.get("error"):
                    return b.get("error", "—")
                v = b[key]
                spread = (
                    f" ({v['fastest'] * 1000:.0f}–{v['slowest'] * 1000:.0f} ms in {len(v['runs'])} runs)"
                    if len(v.get("runs", ())) > 1
                    else ""
                )
                return (
                    f"{v['seconds'] * 1000:.0f} ms{spread}, {v['after_typing'] * 1000:.0f} ms after the last key · "
                    f"{_kb(v['bytes'])} in {v['requests']} requests "
                    f"for the first screen ({v['shown']} results; largest file {_kb(v['largest'])})"
                )

            return cell

        for q in (*args.queries, PHRASE_QUERY, KNOWN_QUERY):
            row(
                f"Search “{q}”, headless Chromium, gzip as on Pages: '/' to the first screen of results (median) · bytes",
                searched(q),
            )

        def ki(engine, quoted):
            def cell(r):
                k = r.get("known") or {}
                if k.get("error"):
                    return k["error"]
                figures = (k.get(engine) or {}).get(quoted)
                return _known(figures) if figures else "—"

            return cell

        row(
            "**Known-item search**, this site: unquoted · quoted",
            lambda r: f"{ki('site', 'unquoted')(r)} · {ki('site', 'quoted')(r)}",
        )
        if args.peer:
            row(
                "… the theme's own search (peer): unquoted · quoted · its build",
                lambda r: (
                    (
                        f"{ki('peer', 'unquoted')(r)} · {ki('peer', 'quoted')(r)} · "
                        + _peer_build(r.get("peer_build"))
                    )
                    if r.get("peer_build")
                    else f"not run (--peer-up-to {args.peer_up_to})"
                ),
            )

    out = [
        "# onrecord benchmark",
        "",
        *machine(),
        f"- Seed {args.seed}; each archive is the shipped one ({_shipped_count()} documents) grown "
        "with N synthetic transcripts "
        "(`tools/synthetic.py`)"
        + ("; search figures only (--search-only)" if args.search_only else ""),
        "",
        "| | " + " | ".join(f"N = {n:,}" for n in cols) + " |",
        "| --- | " + " | ".join("---" for _ in cols) + " |",
    ]
    out.extend(
        f"| {name} | " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
        for name, cells in rows
    )
    notes = []
    for r in results:
        if r.get("build_error"):
            notes.append(f"- N={r['n']}: the build failed: {r['build_error']}")
        if r.get("incr"):
            notes.append(
                f"- N={r['n']}: the one-word edit in `{r['edited']}` rewrote "
                f"{', '.join(r['incr']['written_files'])}"
            )
    for r in results:
        misses = [
            row
            for v in ((r.get("known") or {}).get("site") or {}).values()
            if isinstance(v, dict)
            for row in v.get("rows", [])
            if row["rank"] != 1
        ]
        if misses:
            notes.append(
                f"- N={r['n']}: known-item phrases not first on this site: "
                + "; ".join(f"`{m['query']}` (rank {m['rank'] or 'not shown'})" for m in misses)
            )
    if notes:
        out += ["", *notes]
    if first:
        out += shipped_report(first, args)
    for r in results:
        if r.get("profile"):
            out += [
                "",
                f"## cProfile of `mkdocs build` at N={r['n']} (top functions by own time)",
                "",
                "```",
                r["profile"].rstrip(),
                "```",
            ]
    out += report_one_event(one_event or [])
    out += ["", "See bench/README.md for what each figure means."]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--transcripts",
        type=int,
        nargs="+",
        default=[1000, 10000],
        metavar="N",
        help="archive sizes to measure (default: 1000 10000)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("bench/results.md"), help="where to write the table"
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate into DIR/nN and keep it")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--no-properdocs", dest="properdocs", action="store_false", help="skip the properdocs build"
    )
    parser.add_argument(
        "--properdocs-venv", default=str(Path(tempfile.gettempdir()) / "onrecord-bench-properdocs")
    )
    parser.add_argument(
        "--no-search",
        dest="search",
        action="store_false",
        help="skip the search index, the browser searches and the known-item evaluation",
    )
    parser.add_argument(
        "--search-only",
        action="store_true",
        help="only what search needs: each archive converted and built, then the search figures "
        "(and the shipped archive's known-item figures); no floor, incremental convert or properdocs",
    )
    parser.add_argument(
        "--no-peer",
        dest="peer",
        action="store_false",
        help="skip the theme's own search (the peer) everywhere",
    )
    parser.add_argument(
        "--peer-up-to",
        type=int,
        default=1000,
        metavar="N",
        help="run the peer on the grown archives of at most N transcripts (default 1000: at 10,000 "
        "its build takes 3 minutes and its 140 MB index minutes per search)",
    )
    parser.add_argument(
        "--peer-timeout",
        type=float,
        default=120.0,
        help="seconds the peer may take for one query before it counts as a miss (default 120)",
    )
    parser.add_argument("--phrases", type=int, default=24, help="known-item phrases (default 24)")
    parser.add_argument(
        "--phrase-seed",
        type=int,
        default=None,
        help="seed of the phrases (default: tools.knownitem's)",
    )
    parser.add_argument(
        "--queries",
        nargs="+",
        default=["ukraine"],
        help="one-word queries timed in Chromium (beside a phrase and a known item)",
    )
    parser.add_argument(
        "--one-event",
        type=int,
        nargs="*",
        default=[1000, 2000],
        metavar="N",
        help="also archives of N documents all in one event (default: 1000 2000; none: skip)",
    )
    parser.add_argument(
        "--no-one-event-build",
        dest="one_event_build",
        action="store_false",
        help="in the one-event archives, measure convert only",
    )
    parser.add_argument("--phased-convert", type=Path, metavar="ROOT", help=argparse.SUPPRESS)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run the build of the smallest N under cProfile and add the top functions",
    )
    args = parser.parse_args(argv)
    if args.phrase_seed is None:
        from tools.knownitem import SEED as phrase_seed

        args.phrase_seed = phrase_seed
    if args.search_only:
        args.search, args.properdocs, args.profile, args.one_event = True, False, False, []
    if args.phased_convert:
        print(json.dumps(phased_convert(args.phased_convert)))
        return 0

    def log(message: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)

    first = shipped(args, log) if args.search else None
    results = []
    for n in args.transcripts:
        if args.keep:
            root = (args.keep / f"n{n}").resolve()
            if root.exists():
                shutil.rmtree(root)
            results.append(bench_one(n, root, args, log))
        else:
            with tempfile.TemporaryDirectory(prefix=f"onrecord-bench-{n}-") as tmp:
                results.append(bench_one(n, Path(tmp), args, log))
    one_event = []
    for n in args.one_event:
        with tempfile.TemporaryDirectory(prefix=f"onrecord-bench-one-event-{n}-") as tmp:
            one_event.append(bench_one_event(n, Path(tmp), args, log))
    text = report(results, args, first, one_event)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
