"""Badges as a reader sees them, in Chromium, in both palettes: readable (contrast at least 4.5:1 against what is
behind them), not overridden by the link colour, and told apart without colour (each status its own mark and border).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from browsing import COLOURS_JS

# A claim that is reported (paraphrased by three outlets), disputed and on a contested question; and one in an
# author's own words, corroborated or single-source: between them every badge kind appears.
PAGES = ("claims/tokayev-20000-terrorists/", "statuses/")

# For each badge: its text, its colour, its border style, the colour behind it and the link colour of the page.
BADGES_JS = (
    """
() => {
"""
    + COLOURS_JS
    + """  const probe = document.createElement('a'); probe.href = '#'; probe.textContent = 'x';
  document.querySelector('.md-typeset').appendChild(probe);
  const link = parse(getComputedStyle(probe).color).slice(0, 3); probe.remove();
  return [...document.querySelectorAll('.md-typeset a.qc-badge')].map(b => ({
    text: b.textContent.trim(), cls: [...b.classList].find(c => c.startsWith('qc-') && c !== 'qc-badge'),
    color: parse(getComputedStyle(b).color).slice(0, 3), border: getComputedStyle(b).borderTopStyle,
    back: behind(b), link: link, size: parseFloat(getComputedStyle(b).fontSize)}));
}
"""
)


def luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: list[float], two: list[float]) -> float:
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_badges_are_readable_and_distinct_without_colour(page: Page, site_url: str, scheme: str) -> None:
    seen: dict[str, tuple[str, str]] = {}
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")  # as a reader's system chooses it
    for path in PAGES:
        page.goto(site_url + path)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        badges = page.evaluate(BADGES_JS)
        assert badges, path
        for badge in badges:
            ratio = contrast(badge["color"], badge["back"])
            assert ratio >= 4.5, (scheme, path, badge)
            assert badge["color"] != badge["link"], (scheme, path, badge)  # the link colour did not win
            assert badge["size"] >= 12, (scheme, path, badge)
            mark = badge["text"].split(" ", 1)[0]
            seen.setdefault(badge["cls"], (mark, badge["border"]))
            assert seen[badge["cls"]] == (mark, badge["border"]), (badge, seen[badge["cls"]])
    kinds = {
        "qc-own-words",
        "qc-reported",
        "qc-not-attributed",
        "qc-disputed",
        "qc-corroborated",
        "qc-single-source",
        "qc-contested",
    }
    assert set(seen) == kinds
    marks = [mark for mark, _border in seen.values()]
    assert len(set(marks)) == len(marks), seen  # every status its own shape


def test_a_claim_page_answers_both_questions_at_the_top(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "claims/tokayev-20000-terrorists/")
    answers = page.locator(".qc-answers")
    expect(answers).to_contain_text("On record:")
    expect(answers).to_contain_text("3 independent publishers attest that Kassym-Jomart Tokayev said it")
    expect(answers).to_contain_text("Contested:")
    expect(answers).to_contain_text("disputed by 2 sources (The Diplomat, bne IntelliNews)")
    expect(answers).to_be_in_viewport()
    expect(page.locator("h1")).to_contain_text("Kassym-Jomart Tokayev: 20,000 terrorists")
