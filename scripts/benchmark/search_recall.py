"""Recall of the Cyrillic/Latin query set (search_queries.yaml) on a built site, in headless Chromium.

    .venv/bin/python scripts/benchmark/search_recall.py SITE_DIR [--engine pagefind|lunr] [--json OUT]

For each pair, both queries run in the browser against the site's search; over claim pages only, it reports
how many claims each finds and recall_a = |A ∩ B| / |A|, recall_b = |A ∩ B| / |B|. A pair passes when both
find a claim and find the same claims. `--engine lunr` runs Material's own search worker (lunr, with the
site's search/search_index.json) on a site built before Pagefind, for the side-by-side numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "search_queries.yaml"

# every result address of a query, from the site's search (search.js exposes it for tests and benchmarks)
PAGEFIND_ALL = "query => window.qantarSearch.all(query)"
# Material's worker, set up as its bundle does, asked directly (every result, not only the first page)
LUNR_ALL = """async query => {
  if (!window.__lunrWorker) {
    const config = JSON.parse(document.getElementById('__config').textContent);
    const base = new URL(config.base + '/', location.href);
    const index = await (await fetch(new URL('search/search_index.json', base))).json();
    const worker = new Worker(new URL(config.search, location.href));
    window.__lunrWorker = worker;
    await new Promise(resolve => {
      worker.onmessage = event => { if (event.data.type === 1) resolve(); };
      worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
    });
  }
  const worker = window.__lunrWorker;
  return await new Promise(resolve => {
    worker.onmessage = event => {
      if (event.data.type === 3) resolve(event.data.data.items.flat().map(item => item.location));
    };
    worker.postMessage({type: 2, data: query});
  });
}"""


@dataclass
class PairRecall:
    a: str
    b: str
    why: str
    found_a: int
    found_b: int
    recall_a: float
    recall_b: float

    @property
    def passes(self) -> bool:
        return self.found_a > 0 and self.found_b > 0 and self.recall_a == 1.0 and self.recall_b == 1.0


def load_pairs(path: Path = QUERIES) -> list[dict[str, str]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"])


def claim_ids(addresses: list[str]) -> set[str]:
    """The claims among result addresses (claims/<id>/ or claims/<id>.html, any prefix, query or fragment)."""
    found = set()
    for address in addresses:
        path = address.split("#")[0].split("?")[0]
        parts = [p for p in path.split("/") if p]
        if len(parts) >= 2 and parts[-2] == "claims" and parts[-1] not in ("index.html", ""):
            found.add(parts[-1].removesuffix(".html"))
    return found


def pair_recall(pair: dict[str, str], found_a: set[str], found_b: set[str]) -> PairRecall:
    both = len(found_a & found_b)
    return PairRecall(
        pair["a"],
        pair["b"],
        pair.get("why", ""),
        len(found_a),
        len(found_b),
        both / len(found_a) if found_a else 0.0,
        both / len(found_b) if found_b else 0.0,
    )


def measure(page: Any, site_url: str, pairs: list[dict[str, str]], engine: str = "pagefind") -> list[PairRecall]:
    """Run every pair's two queries on the site in the given Playwright page."""
    script = PAGEFIND_ALL if engine == "pagefind" else LUNR_ALL
    page.goto(site_url)
    results: dict[str, set[str]] = {}
    for pair in pairs:
        for query in (pair["a"], pair["b"]):
            if query not in results:
                results[query] = claim_ids(page.evaluate(script, query))
    return [pair_recall(pair, results[pair["a"]], results[pair["b"]]) for pair in pairs]


def summary(recalls: list[PairRecall]) -> dict[str, Any]:
    """Pairs passing, mean recall both ways, and the pairs that fail."""
    count = len(recalls)
    return {
        "pairs": count,
        "passing": sum(r.passes for r in recalls),
        "mean_recall": round(sum(r.recall_a + r.recall_b for r in recalls) / (2 * count), 3) if count else 0.0,
        "failing": [
            f"{r.a} / {r.b}: {r.found_a} / {r.found_b} claims, recall {r.recall_a:.2f} / {r.recall_b:.2f}"
            for r in recalls
            if not r.passes
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--engine", choices=["pagefind", "lunr"], default="pagefind")
    parser.add_argument("--json", type=Path, help="write every pair's numbers here")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent.parent / "tests"))
    from playwright.sync_api import sync_playwright

    from sitebuild import CHROMIUM, CHROMIUM_ARGS, SiteServer

    pairs = load_pairs()
    with SiteServer(args.site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        recalls = measure(browser.new_page(), server.url, pairs, args.engine)
        browser.close()
    print(f"| query a | query b | claims a | claims b | recall a | recall b | ({args.engine}) |")
    print("|---|---|---:|---:|---:|---:|---|")
    for r in recalls:
        print(
            f"| {r.a} | {r.b} | {r.found_a} | {r.found_b} | {r.recall_a:.2f} | {r.recall_b:.2f} | "
            f"{'pass' if r.passes else 'FAIL'} |"
        )
    result = summary(recalls)
    print(f"\n{result['passing']} of {result['pairs']} pairs pass; mean recall {result['mean_recall']}")
    if args.json:
        measured = {"engine": args.engine, **result, "pairs_measured": [asdict(r) for r in recalls]}
        args.json.write_text(json.dumps(measured, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
