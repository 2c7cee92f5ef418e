"""The search index alone at a scale too large to build the whole site for on this machine (100,000 claims).

    .venv/bin/python scripts/benchmark/search_scale.py --claims 100000 --site SITE [--work /tmp/qantar-search-scale]

1. Generates the synthetic corpus (generate_corpus.py) and runs the engine on it (`qantar generate`: every
   page's Markdown and the open data).
2. Writes one plain HTML page per record from the open data (claim: statement, quotes and translations;
   source: title and whole text; actor: name, aliases, description; event and question: title and summary),
   each marked exactly as the MkDocs hook marks a real page (search_index.annotate_page: claimant, sources,
   status, names, spelling keys). MkDocs is skipped: its pages would carry the same indexed text, and it is
   what takes too long here (about 20 minutes per 10,000 claims on 2 shared cores, 8 GB at 100,000).
3. Runs Pagefind over them (search_index.build_bundle): time, peak memory, bundle size.
4. Copies SITE (a real site built by `qantar build`, e.g. the real corpus) with the large bundle in place of
   its own, and reads it in headless Chromium as run.py does: the first page load, the first query's bytes,
   the time from each query's data to its results.

Prints JSON; with --out, writes it there.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))

from generate_corpus import generate as generate_corpus  # noqa: E402
from run import BROWSER_WORDS, folder_bytes, make_project, measure_browser, page_sizes, say  # noqa: E402

from qantar import search_index  # noqa: E402

_SHELL = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>'
    '<article class="md-content__inner md-typeset"><h1>{title}</h1>{body}</article></body></html>'
)


def _paragraphs(*texts: Any) -> str:
    return "".join(f"<p>{html.escape(str(text))}</p>" for text in texts if text)


def write_pages(docs: Path, project: Path, site: Path) -> int:
    """One marked HTML page per record, from the open data the engine wrote under docs/."""
    data = docs / "data"
    actors = search_index.actors_by_id(data / "actors.json")
    names = search_index.NameMatcher(actors)
    count = 0

    def page(folder: str, record_id: str, title: str, body: str, fields: dict[str, str]) -> None:
        nonlocal count
        target = site / folder / record_id / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        marked = search_index.annotate_page(_SHELL.format(title=html.escape(title), body=body), fields, names)
        target.write_text(marked, encoding="utf-8")
        count += 1

    for path in sorted((docs / "claims").glob("*.json")):
        claim = json.loads(path.read_text(encoding="utf-8"))
        quotes = [text for item in claim["evidence"] for text in (item["quote"], item.get("translation"))]
        page("claims", claim["id"], claim["statement"], _paragraphs(*quotes), search_index.record_fields(claim, actors))
    for source in json.loads((data / "sources.json").read_text(encoding="utf-8")):
        page("sources", source["id"], source["title"], _paragraphs(source.get("text", "")), {})
    for actor in actors.values():
        page(
            "actors",
            actor["id"],
            actor["name"],
            _paragraphs(", ".join(actor.get("aliases") or []), actor.get("description")),
            {},
        )
    for event in json.loads((data / "events.json").read_text(encoding="utf-8")):
        page("events", event["id"], event["title"], _paragraphs(event.get("place"), event.get("summary")), {})
    for question in json.loads((data / "questions.json").read_text(encoding="utf-8")):
        page("questions", question["id"], question["question"], _paragraphs(question.get("description")), {})
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--site", type=Path, required=True, help="a site built by `qantar build`, to read in")
    parser.add_argument("--work", type=Path, default=Path("/tmp/qantar-search-scale"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the marked pages, their bundle and the reader copy")
    args = parser.parse_args()
    work = args.work.resolve() / str(args.claims)
    shutil.rmtree(work, ignore_errors=True)
    project = work / "project"
    result: dict[str, Any] = {"claims": args.claims}

    say(f"{args.claims:,} claims: corpus and engine")
    make_project(project)
    counts = generate_corpus(project, args.claims, args.seed)
    result["counts"] = counts.__dict__
    started = time.perf_counter()
    engine = subprocess.run(
        [sys.executable, "-m", "qantar.cli", "--root", str(project), "generate"],
        cwd=project,
        capture_output=True,
        text=True,  # its memory is gone before Pagefind runs
        env=dict(os.environ, PYTHONPATH=str(ROOT / "scripts")),
    )
    if engine.returncode != 0:
        raise SystemExit(engine.stdout + engine.stderr)
    result["engine_seconds"] = time.perf_counter() - started

    say("pages marked for Pagefind")
    pages_site = work / "pages"
    started = time.perf_counter()
    result["pages"] = write_pages(project / "docs", project, pages_site)
    result["marking_seconds"] = time.perf_counter() - started
    shutil.rmtree(project)

    say(f"Pagefind over {result['pages']:,} pages")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    bundle = search_index.build_bundle(pages_site)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["pagefind_seconds"] = time.perf_counter() - started
    result["pagefind_cpu_seconds"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    result["pagefind_peak_mb"] = after.ru_maxrss / 1024  # the largest child so far: Pagefind, the only one
    metas = sorted(bundle.glob("pagefind.*.pf_meta"))
    chunks = [p.stat().st_size for p in (bundle / "index").glob("*.pf_index")]
    result["bundle"] = {
        "bytes": folder_bytes(bundle),
        "meta_bytes": metas[0].stat().st_size if metas else 0,
        "chunks": len(chunks),
        "largest_chunk_bytes": max(chunks, default=0),
        "chunk_bytes_median": statistics.median(chunks) if chunks else 0,
        "fragments": sum(1 for _ in (bundle / "fragment").glob("*.pf_fragment")),
    }
    keys: Counter[str] = Counter()
    words_indexed = keys_indexed = 0
    for fragment in search_index.read_fragments(bundle):
        page_keys = fragment["meta"].get("keys", "").split()
        keys.update(page_keys)
        keys_indexed += len(page_keys)
        words_indexed += fragment.get("word_count", 0)
    result["spelling_keys"] = {
        "per_page_mean": keys_indexed / max(1, result["pages"]),
        "words_per_page_mean": words_indexed / max(1, result["pages"]),
        "most_frequent": keys.most_common(12),
    }

    say("reading it in headless Chromium")
    reader = work / "reader"
    shutil.copytree(args.site, reader, ignore=shutil.ignore_patterns("pagefind", "download"))
    (reader / "pagefind").symlink_to(bundle, target_is_directory=True)
    claim = page_sizes(reader, "claims")["largest"]
    result["browser"] = measure_browser(reader, claim, BROWSER_WORDS)
    if not args.keep:
        shutil.rmtree(work)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    raise SystemExit(main())
