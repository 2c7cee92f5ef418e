"""Text from editors is data, never code: hostile values render as text, ids cannot escape docs/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_CORPUS, TODAY
from qantar.build import generate
from qantar.config import Settings
from qantar.publish import UnsafePath, write_pages
from qantar.render import Page, md_escape
from sitebuild import build_site, copy_project

PAYLOADS = [
    "<script>alert('x1')</script>",
    "<img src=x onerror=alert('x2')>",
    "[click](javascript:alert('x3'))",
    "![img](javascript:alert('x4'))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<a href=\"vbscript:msgbox('x6')\">v</a>",
    "{{ 7*7 }} {% raw %}x{% endraw %}",
    "\"><svg onload=alert('x8')>",
    "</title><script>alert('x9')</script>",
    "<div markdown=\"1\">**raw block**</div>",
    "text {: onclick=\"alert('x11')\" }",
    "<javascript:alert('x12')>",
    "evil\u202eexe.txt",
]
MARKERS = ("alert(", "onerror=", "onload=", "onclick=", "javascript:", "vbscript:", "data:text/html")


def hostile_corpus(root: Path, payload: str) -> None:
    """Put the payload into every free-text field of every record kind in a copy of the fixture corpus."""
    shutil.copytree(FIXTURE_CORPUS / "claims", root / "claims")
    shutil.copytree(FIXTURE_CORPUS / "sources", root / "sources")
    edits = {
        "claims/official-toll-12.yaml": ("statement", "notes", "answer"),
        "claims/actors/riverton-officials.yaml": ("name", "description"),
        "claims/events/riverton-flood.yaml": ("title", "summary", "place"),
        "claims/questions/flood-death-toll.yaml": ("question", "description"),
    }
    for path, fields in edits.items():
        data = yaml.safe_load((root / path).read_text(encoding="utf-8"))
        for field in fields:
            data[field] = payload
        if "aliases" in data:
            data["aliases"] = [payload]
        if "tags" in data:
            data["tags"] = ["casualties"]
        (root / path).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    source = root / "sources" / "open-wire-2021.md"
    text = source.read_text(encoding="utf-8")
    front, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    meta = yaml.safe_load(front)
    meta.update(title=payload, publisher=payload, authors=[payload], notes=payload)
    source.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body + "\n\n" + payload + "\n",
                      encoding="utf-8")


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "\u202e" not in p])
def test_markdown_escaping_leaves_no_markup(payload: str) -> None:
    escaped = md_escape(payload)
    assert "<" not in escaped and ">" not in escaped and "[" not in escaped and "{" not in escaped


def test_bidi_controls_in_names_are_refused(tmp_path: Path) -> None:
    from conftest import problem_lines
    hostile_corpus(tmp_path, "evil\u202eexe.txt")
    lines = problem_lines(tmp_path)
    assert lines and all("U+202E" in line for line in lines if "warning" not in line)


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sites = {}
    for number, payload in enumerate(p for p in PAYLOADS if "\u202e" not in p):
        corpus = tmp_path_factory.mktemp(f"hostile{number}")
        hostile_corpus(corpus, payload)
        project = copy_project(tmp_path_factory.mktemp(f"project{number}"), corpus=corpus)
        site = tmp_path_factory.mktemp(f"site{number}")
        result = build_site(project, site)
        assert result.returncode == 0, payload + "\n" + result.stdout + result.stderr
        sites[payload] = site
    return sites


def test_no_payload_survives_as_markup_in_any_page(hostile_sites: dict[str, Path]) -> None:
    for payload, site in hostile_sites.items():
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            body = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)  # the theme's own scripts
            for tag in re.findall(r"<[^>]+>", body):
                lowered = tag.lower()
                assert not any(marker in lowered for marker in MARKERS), (payload, page, tag)
            assert "<script>alert" not in html, (payload, page)


def test_template_syntax_in_a_record_shows_up_literally(hostile_sites: dict[str, Path]) -> None:
    site = hostile_sites["{{ 7*7 }} {% raw %}x{% endraw %}"]
    page = (site / "claims" / "official-toll-12" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in page.replace("&#123;", "{").replace("&#125;", "}")


def test_pages_cannot_be_written_outside_the_generated_folders(tmp_path: Path) -> None:
    for path in ("../escape.md", "/etc/passwd", "claims/../../x.md", "mkdocs.yml", "assets/x.md", "claims/a/b.md"):
        with pytest.raises(UnsafePath):
            write_pages([Page(path, "x")], tmp_path / "docs")
    assert not (tmp_path / "escape.md").exists()


def test_ids_that_could_escape_are_rejected_before_rendering(corpus_dir: Path) -> None:
    for bad in ("../x", "/etc", "a/b"):
        claim = corpus_dir / "claims" / "official-toll-12.yaml"
        claim.write_text(claim.read_text(encoding="utf-8").replace("claimant: riverton-officials",
                                                                    f"claimant: '{bad}'"), encoding="utf-8")
        result = generate(Settings(root=corpus_dir, docs=str(corpus_dir / "docs")), today=TODAY)
        assert not result.ok
        assert not (corpus_dir / "docs").exists()
        claim.write_text((FIXTURE_CORPUS / "claims" / "official-toll-12.yaml").read_text(encoding="utf-8"),
                         encoding="utf-8")
