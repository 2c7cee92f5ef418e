#!/usr/bin/env python3
"""The benchmark: engine stages and `mkdocs build`, page and index weight, against a plain-MkDocs baseline.

    .venv/bin/python scripts/benchmark/run.py --scales 100 1000 10000

For each scale it generates a synthetic corpus (generate_corpus.py) in a project copied to a scratch folder
(default /tmp/qantar-bench; nothing is written inside the repository), then measures, each in a fresh process:

- the YAML floor: every record file read and parsed with yaml.load(..., CSafeLoader) (sources: front matter);
- the engine (`qantar generate`: load, validate, link, render, write; the stage times are the engine's own
  `result.timings`), from an empty docs folder;
- `mkdocs build --strict` of the generated pages (the hook sees QANTAR_ENGINE_DONE=1, as under `qantar build`);
- the baseline: `mkdocs build --strict` of the same number of ready-made Markdown pages, at the same paths and
  of the same sizes (plain prose in English and Russian), with the same mkdocs.yml minus hooks and watch;
- the whole build, as `qantar build` runs it: the engine process (interpreter start and imports included),
  then the mkdocs process.

Peak memory is the peak resident set size, read without any tracing overhead: per engine stage from VmHWM in
/proc/self/status, reset between stages through /proc/self/clear_refs (Linux); per process from os.wait4's
rusage (ru_maxrss). With --serve (1,000 claims) it times how long an edited claim takes to appear under
`qantar serve`; with --browser it loads the largest claim page and searches the index in headless Chromium.

Results: a Markdown table on stdout (and in results.md), and results.json for comparisons across commits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))

from generate_corpus import generate as generate_corpus  # noqa: E402
from listings import first_views, listing_sizes, listings_site, listings_table  # noqa: E402

MB = 1024 * 1024
KB = 1024
STAGES = ("load", "validate", "link", "render", "write")
CHROMIUM = Path("/usr/bin/chromium")


# -- measuring a process ---------------------------------------------------------------------------------------


def run_measured(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, log: Path | None = None
) -> dict[str, Any]:
    """Run a command to its end; its wall time, peak RSS (with its children) and exit code."""
    out = open(log, "w", encoding="utf-8") if log else subprocess.DEVNULL  # noqa: SIM115
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if log:
        out.close()  # type: ignore[union-attr]
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "exit": process.returncode,
    }


def child_env(**extra: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **extra)


# -- the children (run as `run.py --child KIND PROJECT`) ---------------------------------------------------------


def _peak_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        found = re.search(r"VmHWM:\s+(\d+)", status.read())
    return int(found.group(1)) if found else 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def child_engine(project: Path) -> dict[str, Any]:
    """Run `qantar generate` on the project; stage times from the engine, peak RSS per stage."""
    import resource

    sys.path.insert(0, str(project / "scripts"))
    from qantar import build
    from qantar.config import load_settings

    peaks: dict[str, float] = {}
    cpu: dict[str, float] = {}
    per_stage = _reset_peak()

    class MeasuringStopwatch(build._Stopwatch):  # the engine's own stopwatch, plus memory and CPU per lap
        def __init__(self, timings: dict[str, float]) -> None:
            super().__init__(timings)
            self.cpu = time.process_time()
            _reset_peak()

        def lap(self, stage: str) -> None:
            super().lap(stage)
            now = time.process_time()
            cpu[stage] = cpu.get(stage, 0.0) + now - self.cpu
            self.cpu = now
            peaks[stage] = max(peaks.get(stage, 0.0), _peak_kb() / 1024)
            _reset_peak()

    build._Stopwatch = MeasuringStopwatch  # type: ignore[misc]
    result = build.generate(load_settings(project), keep_pages=False)
    written = result.written
    return {
        "ok": result.ok,
        "problems": result.problems.report()[-2000:] if not result.ok else "",
        "timings": result.timings,
        "cpu": cpu,
        "stage_peak_mb": peaks if per_stage else {},
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "counts": result.corpus.counts() if result.corpus else {},
        "pages": (len(written.written) + written.unchanged) if written else len(result.pages),
        "written": len(written.written) if written else 0,
    }


def child_yaml_floor(project: Path) -> dict[str, Any]:
    """Read and parse every record file with PyYAML's C loader: what loading cannot beat."""
    import yaml

    start, cpu = time.perf_counter(), time.process_time()
    files = 0
    for path in sorted((project / "claims").rglob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        files += 1
    for path in sorted((project / "sources").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = text.split("\n---", 2)[0] if not text.startswith("---") else text[3:].split("\n---", 1)[0]
        yaml.load(front, Loader=yaml.CSafeLoader)
        files += 1
    return {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu, "files": files}


def run_child(kind: str, project: Path, log: Path) -> dict[str, Any]:
    output = log.with_suffix(".json")
    measured = run_measured(
        [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(project), "--child-output", str(output)],
        cwd=project,
        env=child_env(),
        log=log,
    )
    data = json.loads(output.read_text(encoding="utf-8")) if output.exists() else {}
    if measured["exit"] != 0 or not data:
        raise SystemExit(f"the {kind} step failed at {project}; see {log}")
    data.update(
        process_seconds=measured["seconds"],
        process_cpu_seconds=measured["cpu_seconds"],
        process_peak_mb=measured["peak_mb"],
    )
    return data


# -- projects --------------------------------------------------------------------------------------------------


def generated_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from qantar.site.routes import GENERATED_FILES, GENERATED_FOLDERS

    return tuple(GENERATED_FOLDERS), tuple(GENERATED_FILES)


def make_project(target: Path) -> None:
    """A copy of the project's configuration and hand-written docs (no generated page), the engine linked in."""
    folders, files = generated_names()
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, target / name)
    if (ROOT / "overrides").is_dir():  # the theme's custom_dir
        shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(
        ROOT / "docs",
        target / "docs",
        ignore=lambda folder, names: [
            name for name in names if Path(folder).resolve() == (ROOT / "docs").resolve() and name in folders + files
        ],
    )
    # the curation guide quotes records of the real corpus; the synthetic corpus gets a plain page instead
    for guide in (target / "docs" / "guide").glob("*.md"):
        guide.write_text(
            f"---\ntitle: {guide.stem.capitalize()}\n---\n\n# {guide.stem.capitalize()}\n\nFor the benchmark corpus.\n",
            encoding="utf-8",
        )
    # the home page's introduction tells the real corpus's story and links to its records: the synthetic one has none
    (target / "docs" / "introduction.md").unlink(missing_ok=True)
    (target / "scripts").mkdir()
    (target / "scripts" / "mkdocs_hook.py").symlink_to(ROOT / "scripts" / "mkdocs_hook.py")
    (target / "scripts" / "qantar").symlink_to(ROOT / "scripts" / "qantar")


def without_top_level_keys(config: str, keys: set[str]) -> str:
    """mkdocs.yml text without some top-level keys (and their indented or listed values)."""
    out: list[str] = []
    skipping = False
    for line in config.splitlines():
        top = re.match(r"^([A-Za-z_][\w-]*):", line)
        if top:
            skipping = top.group(1) in keys
        elif line and not line[0].isspace() and not line.startswith("#") and not line.startswith("-"):
            skipping = False
        if not skipping:
            out.append(line)
    return "\n".join(out) + "\n"


_EN = (
    "the report said that residents of the city waited for news while the police closed the roads and the "
    "official figures changed again later that week according to several witnesses"
).split()
_RU = "жители города ждали новостей пока полиция перекрывала дороги а официальные цифры снова менялись".split()


def _prose(rng: random.Random, size: int) -> str:
    """Plain Markdown of about `size` bytes: a heading, paragraphs in English with some Russian, a short list."""
    parts = [f"## {' '.join(rng.choice(_EN) for _ in range(4)).capitalize()}\n"]
    length = len(parts[0])
    while length < size:
        words = [rng.choice(_RU if rng.random() < 0.15 else _EN) for _ in range(rng.randint(30, 70))]
        paragraph = " ".join(words).capitalize() + ".\n"
        if rng.random() < 0.2:
            paragraph = "".join(f"- {' '.join(rng.choice(_EN) for _ in range(6))}\n" for _ in range(3))
        parts.append(paragraph)
        length += len(paragraph.encode("utf-8")) + 1
    return "\n".join(parts)


def make_baseline(project: Path, target: Path) -> int:
    """Ready-made pages of the same sizes at the same paths as the project's docs, with the same config."""
    if target.exists():
        shutil.rmtree(target)
    rng = random.Random(7)
    docs = project / "docs"
    pages = 0
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        destination = target / "docs" / relative
        if path.is_dir():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix != ".md":
            if relative.parts[0] in ("assets", "schemas"):  # the site's own CSS and scripts stay
                shutil.copy2(path, destination)
            continue
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^title: (.*)$", text, re.M)
        front = f"---\ntitle: {title.group(1) if title else json.dumps(path.stem)}\n"
        if re.search(r"^search:\n\s+exclude: true", text, re.M):
            front += "search:\n  exclude: true\n"
        body = _prose(rng, max(200, len(text.encode("utf-8")) - len(front)))
        destination.write_text(front + "---\n\n" + body, encoding="utf-8")
        pages += 1
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", target / "overrides")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(without_top_level_keys(config, {"hooks", "watch"}), encoding="utf-8")
    return pages


# -- sizes -----------------------------------------------------------------------------------------------------


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_sizes(site: Path, kind: str) -> dict[str, Any]:
    sizes = {path.parent.name: path.stat().st_size for path in (site / kind).glob("*/index.html")}
    if not sizes:
        return {}
    largest = max(sizes, key=lambda name: sizes[name])
    return {
        "count": len(sizes),
        "largest_bytes": sizes[largest],
        "largest": largest,
        "median_bytes": statistics.median(sizes.values()),
        "largest_gzip_bytes": gzip_size((site / kind / largest / "index.html").read_bytes()),
    }


def site_sizes(site: Path, claims: int) -> dict[str, Any]:
    bundle = site / "pagefind"
    pagefind_bytes = folder_bytes(bundle) if bundle.exists() else 0
    metas = sorted(bundle.glob("pagefind.*.pf_meta")) if bundle.exists() else []
    chunks = [p.stat().st_size for p in (bundle / "index").glob("*.pf_index")] if bundle.exists() else []
    fragments = [p.stat().st_size for p in (bundle / "fragment").glob("*.pf_fragment")] if bundle.exists() else []
    return {
        "pagefind_bytes": pagefind_bytes,
        "pagefind_bytes_per_claim": pagefind_bytes / claims if claims else 0,
        "pagefind_meta_bytes": metas[0].stat().st_size if metas else 0,
        "pagefind_chunks": len(chunks),
        "pagefind_chunk_largest_bytes": max(chunks, default=0),
        "pagefind_fragments": len(fragments),
        "pagefind_fragment_median_bytes": statistics.median(fragments) if fragments else 0,
        "site_bytes": folder_bytes(site),
        "files": sum(1 for path in site.rglob("*") if path.is_file()),
        "claim_page": page_sizes(site, "claims"),
        "actor_page": page_sizes(site, "actors"),
        "source_page": page_sizes(site, "sources"),
    }


# -- editing and reading ---------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def measure_serve(project: Path, log: Path) -> dict[str, Any]:
    """Under `qantar serve`, how long after saving a claim file its page shows the change."""
    claim = sorted((project / "claims").glob("*.yaml"))[len(list((project / "claims").glob("*.yaml"))) // 2]
    original = claim.read_text(encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/claims/{claim.stem}/"
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "qantar.cli", "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=child_env(PYTHONPATH=str(ROOT / "scripts")),
            start_new_session=True,
        )
    try:
        while "said that" not in _fetch(url):
            if time.perf_counter() - start > 600 or server.poll() is not None:
                return {"error": f"the site was not served; see {log}"}
            time.sleep(0.2)
        startup = time.perf_counter() - start
        time.sleep(2)  # let the watcher settle after the first build
        claim.write_text(original.replace(" said that ", " said, on the record, that ", 1), encoding="utf-8")
        edited = time.perf_counter()
        while "said, on the record, that" not in _fetch(url):
            if time.perf_counter() - edited > 300:
                return {"error": "the edit never showed up", "startup_seconds": startup}
            time.sleep(0.05)
        return {"startup_seconds": startup, "edit_seconds": time.perf_counter() - edited, "claim": claim.stem}
    finally:
        claim.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


_WATCH_RESULTS = """() => {
  window.__shownAt = null;
  const meta = document.querySelector('.md-search-result__meta');
  new MutationObserver((_, observer) => {
    if (/matching document|No matching/.test(meta.textContent)) {
      window.__shownAt = performance.now();
      observer.disconnect();
    }
  }).observe(meta, {childList: true, characterData: true, subtree: true});
  return performance.now();
}"""


BROWSER_WORDS = ["curfew", "residents", "полиция", "Жанаозен", "Kantar", "zzzunfound"]


def measure_browser(site: Path, claim: str, words: list[str]) -> dict[str, Any]:
    """Load the largest claim page in headless Chromium and search as a reader does, right away.

    Measures what the first load transfers (gzipped: page, CSS, scripts and whatever search fetches before
    the first keystroke), what the first query transfers more (Pagefind's script, WebAssembly, metadata, the
    index chunks for the words and one fragment per result shown), and for each query the time from the
    last byte of its data to the results on screen (Resource Timing: responseEnd; a MutationObserver on the
    result count)."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    html = (site / "claims" / claim / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    blocking = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', head) + [
        src
        for tag, src in re.findall(r'(<script[^>]*src="([^"]+)"[^>]*>)', head)
        if "async" not in tag and "defer" not in tag and 'type="module"' not in tag
    ]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            responses: list[tuple[str, int, int]] = []

            def record(response: Any) -> None:
                try:
                    body = response.body()
                except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
                    return
                responses.append((response.url, len(body), gzip_size(body)))

            finished: list[float] = []  # when each index response's last byte arrived (ms since the epoch)

            def arrived(request: Any) -> None:
                timing = request.timing
                if timing.get("responseEnd", -1) >= 0 and "/fragment/" not in request.url:
                    # the index's data (Pagefind's script, WebAssembly, metadata, chunks), not the fragments
                    # of the results found, which are fetched after the search itself
                    finished.append(timing["startTime"] + timing["responseEnd"])

            page.on("response", record)
            context.on("requestfinished", arrived)  # the page's and its workers' (Pagefind fetches in one)
            page.goto(base + f"claims/{claim}/")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            first_load = list(responses)
            box = page.locator("input.md-search__input")
            box.click()
            timings = []
            for word in words:
                box.fill("")
                box.press("End")
                page.wait_for_timeout(200)
                before, arrivals = len(responses), len(finished)
                started = page.evaluate(_WATCH_RESULTS)
                box.fill(word)
                box.press("End")  # one key up: Material reads the box then, and sends one query
                page.wait_for_function("() => window.__shownAt !== null", timeout=120_000)
                page.wait_for_load_state("networkidle")
                rendered = page.evaluate("() => window.__shownAt")
                shown_epoch = page.evaluate("() => performance.timeOrigin + window.__shownAt")
                data_end = max([t for t in finished[arrivals:] if t <= shown_epoch], default=0.0)
                fetched = responses[before:]
                split = page.evaluate("() => window.qantarSearch.timings.slice(-1)[0] || {}")
                timings.append(
                    {
                        "ms_pagefind_search": split.get("search_ms"),
                        "ms_fragments": split.get("fragments_ms"),
                        "query": word,
                        "results": page.locator(".md-search-result__meta").inner_text(),
                        "ms_typed_to_results": rendered - started,
                        "ms_data_to_results": (shown_epoch - data_end) if data_end else rendered - started,
                        "requests": len(fetched),
                        "gzip_bytes": sum(r[2] for r in fetched),
                    }
                )
            browser.close()
    finally:
        httpd.shutdown()
    page_bytes = sum(r[2] for r in first_load)
    return {
        "claim": claim,
        "requests": len(first_load),
        "transfer_gzip_bytes": page_bytes,
        "first_load_files": [(url.replace(base, ""), gz) for url, _raw, gz in first_load],
        "first_query_gzip_bytes": timings[0]["gzip_bytes"] if timings else 0,
        "render_blocking": blocking,
        "searches": timings,
    }


# -- one scale -------------------------------------------------------------------------------------------------


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def engine_summary(engine: dict[str, Any], floor: dict[str, Any], claims: int) -> dict[str, Any]:
    """The engine's stages, totals and peak memory, and its time against the YAML floor."""
    timings = engine["timings"]
    engine_seconds, engine_cpu = sum(timings.values()), sum(engine["cpu"].values())
    return {
        "stages": {
            stage: {
                "seconds": seconds,
                "cpu_seconds": engine["cpu"].get(stage),
                "peak_mb": engine["stage_peak_mb"].get(stage),
            }
            for stage, seconds in timings.items()
        },
        "seconds": engine_seconds,
        "cpu_seconds": engine_cpu,
        "process_seconds": engine["process_seconds"],
        "process_cpu_seconds": engine["process_cpu_seconds"],
        "peak_mb": engine["process_peak_mb"],
        "pages": engine["pages"],
        "claims_per_second": claims / engine_seconds if engine_seconds else 0,
        "times_floor": engine_seconds / floor["seconds"] if floor["seconds"] else 0,
        "times_floor_cpu": engine_cpu / floor["cpu_seconds"] if floor.get("cpu_seconds") else 0,
    }


def bench_scale(
    claims: int,
    work: Path,
    seed: int,
    serve: bool,
    browser: bool,
    listings: bool = False,
    baseline_build: bool = True,
    listings_only: bool = False,
) -> dict[str, Any]:
    folder = work / str(claims)
    project = folder / "project"
    logs = folder / "logs"
    say(f"{claims:,} claims: generating the corpus under {project}")
    make_project(project)
    logs.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    counts = generate_corpus(project, claims, seed)
    generated_seconds = time.perf_counter() - started
    corpus_bytes = folder_bytes(project / "claims") + folder_bytes(project / "sources")

    say("YAML floor")
    floor = run_child("yaml", project, logs / "yaml.log")
    say("engine (qantar generate)")
    engine = run_child("engine", project, logs / "engine.log")
    if not engine["ok"]:
        raise SystemExit(f"the engine refused the corpus:\n{engine['problems']}")
    docs_pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    if listings_only:  # the whole site is beyond this machine: build the lists alone, to read them
        say(f"mkdocs build of the listing pages alone (of {docs_pages:,} pages)")
        site = listings_site(project, folder / "lists", logs / "mkdocs-lists.log")
        result_lists = {"sizes": listing_sizes(site)}
        if CHROMIUM.exists():
            say("reading the listing pages in headless Chromium")
            result_lists["browser"] = first_views(site)
        return {
            "claims": claims,
            "counts": counts.__dict__,
            "docs_pages": docs_pages,
            "yaml_floor": floor,
            "engine": engine_summary(engine, floor, claims),
            "listings": result_lists,
            "listings_only": True,
        }
    say(f"mkdocs build --strict ({docs_pages:,} pages)")
    site = project / "site"
    mkdocs = run_measured(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=child_env(QANTAR_ENGINE_DONE="1", QANTAR_OFFLINE_COPY="0"),
        log=logs / "mkdocs.log",
    )
    if mkdocs["exit"] != 0:
        raise SystemExit(f"mkdocs build failed; see {logs / 'mkdocs.log'}")
    sizes = site_sizes(site, claims)
    lists: dict[str, Any] = {}
    if listings:
        lists["sizes"] = listing_sizes(site)
        if CHROMIUM.exists():
            say("reading the listing pages in headless Chromium")
            lists["browser"] = first_views(site)

    if baseline_build:
        say("baseline: plain mkdocs build of as many ready-made pages")
        baseline_project = folder / "baseline"
        baseline_pages = make_baseline(project, baseline_project)
        baseline = run_measured(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(baseline_project / "site")],
            cwd=baseline_project,
            env=child_env(),
            log=logs / "baseline.log",
        )
        if baseline["exit"] != 0:
            raise SystemExit(f"the baseline build failed; see {logs / 'baseline.log'}")
        baseline["site_bytes"] = folder_bytes(baseline_project / "site")
        baseline["pages"] = baseline_pages
        shutil.rmtree(baseline_project / "site")
    else:  # not measured (--no-baseline): the ratios read as not measured
        baseline = {
            "seconds": float("nan"),
            "cpu_seconds": float("nan"),
            "peak_mb": float("nan"),
            "pages": 0,
            "site_bytes": 0,
        }

    whole_seconds = engine["process_seconds"] + mkdocs["seconds"]
    whole_cpu = engine["process_cpu_seconds"] + mkdocs["cpu_seconds"]
    result: dict[str, Any] = {
        "claims": claims,
        "counts": counts.__dict__,
        "corpus_bytes": corpus_bytes,
        "generate_corpus_seconds": generated_seconds,
        "docs_pages": docs_pages,
        "yaml_floor": floor,
        "engine": engine_summary(engine, floor, claims),
        "mkdocs": mkdocs,
        "whole": {
            "seconds": whole_seconds,
            "cpu_seconds": whole_cpu,
            "peak_mb": max(engine["process_peak_mb"], mkdocs["peak_mb"]),
            "engine_share": engine["process_seconds"] / whole_seconds,
            "engine_share_cpu": engine["process_cpu_seconds"] / whole_cpu,
        },
        "baseline": baseline,
        "whole_over_baseline": whole_seconds / baseline["seconds"],
        "whole_over_baseline_cpu": whole_cpu / baseline["cpu_seconds"],
        "mkdocs_over_baseline": mkdocs["seconds"] / baseline["seconds"],
        "mkdocs_over_baseline_cpu": mkdocs["cpu_seconds"] / baseline["cpu_seconds"],
        "sizes": sizes,
    }
    if lists:
        result["listings"] = lists
    if serve:
        say("editing under qantar serve")
        try:
            result["serve"] = measure_serve(project, logs / "serve.log")
        except Exception as error:  # noqa: BLE001 - a failed extra measure must not lose the others
            result["serve"] = {"error": repr(error)}
    if browser:
        if CHROMIUM.exists():
            say("reading in headless Chromium")
            try:
                result["browser"] = measure_browser(site, sizes["claim_page"]["largest"], BROWSER_WORDS)
            except Exception as error:  # noqa: BLE001
                result["browser"] = {"error": repr(error)}
        else:
            result["browser"] = {"error": f"no Chromium at {CHROMIUM}"}
    shutil.rmtree(site)
    return result


# -- reporting -------------------------------------------------------------------------------------------------


def _s(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} MB"


def _kb(value: float | None) -> str:
    return "–" if value is None else f"{value / KB:,.1f} KB"


def _wall_cpu(wall: float | None, cpu: float | None) -> str:
    return f"{_s(wall)} ({_s(cpu)})" if cpu is not None else _s(wall)


def markdown_table(results: list[dict[str, Any]]) -> str:
    """Rows of measures, a column per scale; times as wall (CPU), memory as peak resident set size."""
    heads = [f"{r['claims']:,} claims" for r in results]
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, cell: Any) -> None:
        rows.append((label, [cell(r) for r in results]))

    row(
        "records: sources / actors / events / questions",
        lambda r: "{sources:,} / {actors:,} / {events:,} / {questions:,}".format(**r["counts"]),
    )
    row("Markdown pages built", lambda r: f"{r['docs_pages']:,}")
    row(
        "YAML floor: C-loader parse of every record file",
        lambda r: _wall_cpu(r["yaml_floor"]["seconds"], r["yaml_floor"].get("cpu_seconds")),
    )
    stages = list(STAGES)
    for r in results:
        stages += [s for s in r["engine"]["stages"] if s not in stages]

    def stage_cell(r: dict[str, Any], stage: str) -> str:
        if stage not in r["engine"]["stages"]:
            return "–"
        item = r["engine"]["stages"][stage]
        return f"{_wall_cpu(item['seconds'], item.get('cpu_seconds'))} · {_mb(item['peak_mb'])}"

    for stage in stages:
        row(f"engine · {stage} (peak RSS)", lambda r, s=stage: stage_cell(r, s))

    def timed(item: dict[str, Any], wall: str = "seconds", cpu: str = "cpu_seconds", peak: bool = True) -> str:
        text = _wall_cpu(item[wall], item.get(cpu))
        return f"{text} · {_mb(item['peak_mb'])}" if peak else text

    row(
        "**engine total** (× YAML floor)",
        lambda r: f"**{timed(r['engine'], peak=False)}** ({r['engine']['times_floor']:.1f}×)",
    )
    row("engine: claims per second", lambda r: f"{r['engine']['claims_per_second']:,.0f}")
    row(
        "engine process, start-up included (peak RSS)",
        lambda r: timed(r["engine"], "process_seconds", "process_cpu_seconds"),
    )
    row("`mkdocs build --strict` (peak RSS)", lambda r: timed(r["mkdocs"]))
    row("**whole build**: engine process + mkdocs (peak RSS)", lambda r: f"**{timed(r['whole'])}**")
    row(
        "engine's share of the whole build",
        lambda r: f"{r['whole']['engine_share']:.0%} ({r['whole'].get('engine_share_cpu', 0):.0%})",
    )
    row("baseline: plain mkdocs, as many pages of the same sizes (peak RSS)", lambda r: timed(r["baseline"]))
    row(
        "**whole ÷ baseline**",
        lambda r: f"**{r['whole_over_baseline']:.2f}×** ({r.get('whole_over_baseline_cpu', 0):.2f}×)",
    )
    row(
        "mkdocs alone ÷ baseline",
        lambda r: f"{r['mkdocs_over_baseline']:.2f}× ({r.get('mkdocs_over_baseline_cpu', 0):.2f}×)",
    )
    row("site/ size (files)", lambda r: f"{r['sizes']['site_bytes'] / MB:,.0f} MB ({r['sizes']['files']:,})")
    for kind in ("claim", "actor", "source"):
        row(
            f"{kind} page HTML: largest / median",
            lambda r, k=kind: (
                f"{_kb(r['sizes'][f'{k}_page'].get('largest_bytes'))} / "
                f"{_kb(r['sizes'][f'{k}_page'].get('median_bytes'))}"
                if r["sizes"][f"{k}_page"]
                else "–"
            ),
        )
    row(
        "Pagefind bundle on disk (per claim)",
        lambda r: f"{r['sizes']['pagefind_bytes'] / MB:,.1f} MB ({_kb(r['sizes']['pagefind_bytes_per_claim'])})",
    )
    row(
        "Pagefind: metadata file / chunks (largest) / fragments (median)",
        lambda r: (
            f"{_kb(r['sizes']['pagefind_meta_bytes'])} / {r['sizes']['pagefind_chunks']:,} "
            f"({_kb(r['sizes']['pagefind_chunk_largest_bytes'])}) / {r['sizes']['pagefind_fragments']:,} "
            f"({_kb(r['sizes']['pagefind_fragment_median_bytes'])})"
        ),
    )
    if any("serve" in r for r in results):
        row(
            "`qantar serve`: an edited claim shows after",
            lambda r: _s(r["serve"].get("edit_seconds")) if "serve" in r else "–",
        )
    if any("browser" in r and "error" not in r["browser"] for r in results):
        row(
            "largest claim page, first load, gzip (all search needs before a keystroke)",
            lambda r: (
                f"{_kb(r['browser']['transfer_gzip_bytes'])} in {r['browser']['requests']} requests"
                if "browser" in r and "error" not in r["browser"]
                else "–"
            ),
        )
        row(
            "first query: transferred more, gzip",
            lambda r: (
                f"{_kb(r['browser']['first_query_gzip_bytes'])} in {r['browser']['searches'][0]['requests']} requests"
                if "browser" in r and "error" not in r["browser"]
                else "–"
            ),
        )
        row(
            "search: data to results shown, slowest query (typed to shown)",
            lambda r: (
                f"{max(q['ms_data_to_results'] for q in r['browser']['searches']):,.0f} ms "
                f"({max(q['ms_typed_to_results'] for q in r['browser']['searches']):,.0f} ms)"
                if "browser" in r and "error" not in r["browser"]
                else "–"
            ),
        )
    lines = ["| | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(heads)]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    return "\n".join(lines) + "\n\nTimes: wall (CPU: user + system of the process). Memory: peak resident set size."


def growth(results: list[dict[str, Any]], small: int = 1000, large: int = 10000) -> dict[str, float]:
    by_scale = {r["claims"]: r for r in results}
    if small not in by_scale or large not in by_scale:
        return {}
    a, b = by_scale[small], by_scale[large]
    key = "cpu_seconds" if all("cpu_seconds" in item["mkdocs"] for item in (a, b)) else "seconds"
    out = {
        stage: b["engine"]["stages"][stage][key] / a["engine"]["stages"][stage][key]
        for stage in a["engine"]["stages"]
        if stage in b["engine"]["stages"] and a["engine"]["stages"][stage][key] > 0.001
    }
    out.update({part: b[part][key] / a[part][key] for part in ("engine", "mkdocs", "baseline", "whole")})
    return out


def targets(results: list[dict[str, Any]]) -> list[str]:
    """The issue's targets at the largest scale measured up to 10,000 claims, met or not, with the numbers."""
    eligible = [r for r in results if r["claims"] <= 10000] or results
    r = max(eligible, key=lambda item: item["claims"])
    n = f"{r['claims']:,} claims"

    def line(ok: bool, text: str) -> str:
        return f"- [{'x' if ok else ' '}] {text}"

    claim_page = r["sizes"]["claim_page"].get("largest_bytes", 0)
    e, w = r["engine"], r["whole"]
    out = [
        line(
            e.get("times_floor_cpu", e["times_floor"]) <= 2,
            f"engine within 2× the YAML floor at {n}: "
            f"{e.get('times_floor_cpu', 0):.1f}× in CPU time ({e['times_floor']:.1f}× wall; engine "
            f"{_wall_cpu(e['seconds'], e.get('cpu_seconds'))}, floor "
            f"{_wall_cpu(r['yaml_floor']['seconds'], r['yaml_floor'].get('cpu_seconds'))})",
        ),
        line(
            w.get("engine_share_cpu", w["engine_share"]) < 0.10,
            f"engine under 10% of the whole build: "
            f"{w.get('engine_share_cpu', 0):.0%} of CPU time ({w['engine_share']:.0%} of wall time)",
        ),
        line(
            r.get("whole_over_baseline_cpu", r["whole_over_baseline"]) <= 1.15,
            f"whole build at most 1.15× the plain-MkDocs baseline: {r.get('whole_over_baseline_cpu', 0):.2f}× in "
            f"CPU time ({r['whole_over_baseline']:.2f}× wall)",
        ),
        line(w["peak_mb"] < 1024, f"peak memory under 1 GiB: {_mb(w['peak_mb'])}"),
        line(
            claim_page < 40 * KB,
            f"every claim page under 40 KB of HTML: largest {_kb(claim_page)} "
            f"({r['sizes']['claim_page'].get('largest', '')}), median "
            f"{_kb(r['sizes']['claim_page'].get('median_bytes'))}",
        ),
    ]
    grown = growth(results)
    if grown:
        worst = max(grown, key=lambda key: grown[key])
        out.append(
            line(
                grown[worst] <= 11,
                "every stage grows at most 11× from 1,000 to 10,000 claims (CPU): "
                + ", ".join(f"{key} {value:.1f}×" for key, value in grown.items()),
            )
        )
    for item in results:
        if "serve" in item and "edit_seconds" in item["serve"]:
            out.append(
                line(
                    item["serve"]["edit_seconds"] < 3,
                    f"serve at {item['claims']:,} claims: an edit appears in {item['serve']['edit_seconds']:.1f} s",
                )
            )
        if "browser" in item and "error" not in item["browser"]:
            b = item["browser"]
            foreign_or_script = [
                url
                for url in b["render_blocking"]
                if "://" in url
                or url.startswith("//")
                or not url.split("?")[0].endswith(".css")
                and not url.split("?")[0].endswith("assets/search.js")
            ]
            out.append(
                line(
                    b["transfer_gzip_bytes"] <= 150 * KB and not foreign_or_script,
                    f"first load of the largest claim page at {item['claims']:,} claims, with all search "
                    f"needs before a keystroke, at most 150 KB: {_kb(b['transfer_gzip_bytes'])} gzip in "
                    f"{b['requests']} requests; render-blocking: {', '.join(b['render_blocking']) or 'none'}",
                )
            )
            out.append(
                line(
                    b["first_query_gzip_bytes"] <= 300 * KB,
                    f"first query's results after at most 300 KB more at {item['claims']:,} claims: "
                    f"{_kb(b['first_query_gzip_bytes'])} ({b['searches'][0]['query']})",
                )
            )
            slowest = max(q["ms_data_to_results"] for q in b["searches"])
            out.append(
                line(
                    slowest <= 300,
                    f"results at most 300 ms after their data at {item['claims']:,} "
                    f"claims: slowest {slowest:,.0f} ms ("
                    + ", ".join(f"{q['query']} {q['ms_data_to_results']:,.0f} ms" for q in b["searches"])
                    + ")",
                )
            )
    return out


def environment() -> dict[str, Any]:
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "PyYAML", "Jinja2"):
        try:
            from importlib.metadata import version

            versions[package] = version(package)
        except Exception:  # noqa: BLE001
            versions[package] = None
    commit = None
    head = ROOT / ".git" / "HEAD"
    if head.exists():  # read, not run: the commit the numbers belong to
        text = head.read_text().strip()
        ref = ROOT / ".git" / text[5:] if text.startswith("ref: ") else None
        commit = ref.read_text().strip() if ref and ref.exists() else (text if not ref else None)
    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": commit,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "versions": versions,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[100, 1000, 10000], help="claims per corpus")
    parser.add_argument("--with-30000", action="store_true", help="add the 30,000-claim scale (about 15 minutes)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/qantar-bench"), help="scratch folder")
    parser.add_argument("--out", type=Path, help="where results.json and results.md go (default: the scratch folder)")
    parser.add_argument("--serve", action="store_true", help="time an edit under `qantar serve` at 1,000 claims")
    parser.add_argument("--browser", action="store_true", help="load a claim page and search in headless Chromium")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument(
        "--listings",
        action="store_true",
        help="measure the listing pages (first page, first view "
        "in headless Chromium, the explorer's filter, words and next page) at every scale",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain-MkDocs baseline build")
    parser.add_argument(
        "--listings-only",
        type=int,
        nargs="*",
        default=[],
        metavar="CLAIMS",
        help="at these scales, run the engine and build only the listing pages (for a scale whose "
        "whole site this machine cannot build), then measure them",
    )
    parser.add_argument(
        "--read-site",
        type=Path,
        help="only read a built site in headless Chromium (e.g. the real "
        "corpus after `qantar build`): first load, first query, time to results; prints JSON",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("child_project", nargs="?", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        data = child_engine(args.child_project) if args.child == "engine" else child_yaml_floor(args.child_project)
        args.child_output.write_text(json.dumps(data), encoding="utf-8")
        return 0

    if args.read_site:
        site = args.read_site.resolve()
        largest = page_sizes(site, "claims")["largest"]
        print(json.dumps(measure_browser(site, largest, BROWSER_WORDS), indent=1, ensure_ascii=False))
        return 0
    work = args.work.resolve()
    if work == ROOT or ROOT in work.parents:
        parser.error("the scratch folder must be outside the repository")
    scales = sorted(set(args.scales + ([30000] if args.with_30000 else []) + args.listings_only))
    out = (args.out or work).resolve()
    out.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    for claims in scales:
        results.append(
            bench_scale(
                claims,
                work,
                args.seed,
                serve=args.serve and claims == 1000,
                browser=args.browser,
                listings=args.listings,
                baseline_build=not args.no_baseline,
                listings_only=claims in args.listings_only,
            )
        )
        if not args.keep:
            shutil.rmtree(work / str(claims), ignore_errors=True)
        whole = [r for r in results if not r.get("listings_only")]  # the scales whose whole site was built
        report = {
            "environment": environment(),
            "results": results,
            "growth_1000_to_10000": growth(whole),
            "targets": targets(whole) if whole else [],
        }
        text = (markdown_table(whole) if whole else "") + "\n\nTargets:\n\n" + "\n".join(report["targets"]) + "\n"
        if any("listings" in r for r in results):
            text += "\nListing pages:\n\n" + listings_table(results) + "\n"
        (out / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        (out / "results.md").write_text(text, encoding="utf-8")  # after every scale: a long run keeps what it has
    print(text)
    say(f"results in {out / 'results.json'} and {out / 'results.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
