"""Every page kind as a reader sees it, in Chromium, on a desktop (1366 px) and a phone (390 px), in both palettes:
no table cell hidden off-screen, no text under 12 px, statements and quotes at least 4.5:1 against their background;
a screenshot of each (tests/_artifacts/screenshots/, uploaded by the pull-request workflow). Then the four questions
readers came with, each answered within two clicks from the home page and visible on a phone without scrolling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

import tally
from browsing import COLOURS_JS
from test_badges_browser import contrast

SCREENSHOTS = Path(__file__).parent / "_artifacts" / "screenshots"
PAGE_KINDS = {
    "home": "",
    "claim": "claims/tokayev-20000-terrorists/",
    "question": "questions/death-toll/",
    "event": "events/almaty-riots-5-january/",
    "actor": "actors/tokayev/",
    "source": "sources/novayagazeta-2023-kazakh-cover-up/",
    "sources": "sources/",
    "events": "events/",
    "questions": "questions/",
    "actors": "actors/",
    "claims": "claims/",
    "claims-page-2": "claims/page/2/",
    "figures": "figures/",
    "timeline": "timeline/",
    "map": "map/",
    "place": "places/almaty/",
    "tag": "tags/casualties/",
    "statuses": "statuses/",
    "data": "data/",
}
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
SCHEMES = {"light": "default", "dark": "slate"}

# Every rendered cell of every table in the page's content (folded parts unfolded first): where it is, and where the
# boxes that could clip it (the viewport, and any ancestor that scrolls or hides what overflows) end.
CELLS_JS = """
() => {
  document.querySelectorAll('.md-content details').forEach(d => { d.open = true; });
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const cell of document.querySelectorAll('.md-content td, .md-content th')) {
    const box = cell.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || !cell.textContent.trim()) continue;
    if (cell.closest('thead') && getComputedStyle(cell.closest('thead')).position === 'absolute') continue;
    let left = 0, right = width;
    for (let n = cell.parentElement; n && n !== document.body; n = n.parentElement) {
      const style = getComputedStyle(n);
      if (style.overflowX !== 'visible') {
        const clip = n.getBoundingClientRect();
        left = Math.max(left, clip.left); right = Math.min(right, clip.right);
      }
    }
    if (box.left < left - 1 || box.right > right + 1)
      found.push({text: cell.textContent.trim().slice(0, 60), left: box.left, right: box.right, clipLeft: left,
                  clipRight: right});
  }
  return found;
}
"""

# Every piece of text a reader can see (outside charts, which draw their own text): its size in CSS pixels.
SMALL_TEXT_JS = """
() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent || parent.closest('svg, script, style, noscript, [hidden]')) continue;
    const range = document.createRange(); range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) continue;
    const style = getComputedStyle(parent);
    if (style.visibility === 'hidden' || style.opacity === '0') continue;
    let clipped = false;
    for (let n = parent; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if ((s.clipPath && s.clipPath.startsWith('inset(50%')) || s.clip === 'rect(0px, 0px, 0px, 0px)'
          || (s.position === 'absolute' && n.getBoundingClientRect().width <= 1)) { clipped = true; break; }
    }
    if (clipped) continue;
    const size = parseFloat(style.fontSize);
    if (size < 12) small.push({text: node.textContent.trim().slice(0, 40), size: size, tag: parent.tagName,
                               cls: parent.className});
  }
  return small;
}
"""

# The statement (the page's title) and every quote: their text colour and what is behind them.
READING_JS = (
    """
() => {
"""
    + COLOURS_JS
    + """  const texts = [...document.querySelectorAll('.md-content h1, .md-content blockquote p')];
  return texts.map(t => {
    const color = parse(getComputedStyle(t).color);
    return {text: t.textContent.trim().slice(0, 40), color: color.slice(0, 3), alpha: color.length === 4 ? color[3] : 1,
            back: behind(t), weight: getComputedStyle(t).fontWeight};
  });
}
"""
)


@pytest.fixture(scope="module")
def shots() -> Iterator[list[str]]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    taken: list[str] = []
    yield taken
    tally.record("screenshots written (tests/_artifacts/screenshots)", len(taken))


def tab(chromium: Browser, width: str, scheme: str) -> Page:
    size = WIDTHS[width]
    context = chromium.new_context(
        viewport={"width": size[0], "height": size[1]}, color_scheme="dark" if scheme == "dark" else "light"
    )
    return context.new_page()


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_page_kind_reads_whole_at_both_widths_in_both_palettes(
    chromium: Browser, site_url: str, kind: str, width: str, scheme: str, shots: list[str]
) -> None:
    page = tab(chromium, width, scheme)
    try:
        page.goto(site_url + PAGE_KINDS[kind])
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        name = f"{kind}-{WIDTHS[width][0]}-{scheme}.png"
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
        shots.append(name)
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"), (
            "the page scrolls sideways"
        )
        assert page.evaluate(SMALL_TEXT_JS) == [], "text under 12 px"
        readings = page.evaluate(READING_JS)
        assert readings, "no statement or quote found"
        for reading in readings:  # a see-through colour is seen blended with what is behind it
            alpha = reading["alpha"]
            seen = [c * alpha + b * (1 - alpha) for c, b in zip(reading["color"], reading["back"], strict=True)]
            assert contrast(seen, reading["back"]) >= 4.5, reading
        assert page.evaluate(CELLS_JS) == [], "table cells hidden off-screen"
    finally:
        page.context.close()


# -- the four questions readers came with ----------------------------------------------------------------


def phone(chromium: Browser) -> Page:
    return tab(chromium, "phone", "light")


def above_the_fold(page: Page, selector: str) -> None:
    """The element is on the first screen, top to bottom, without scrolling."""
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], (selector, box)  # type: ignore[index]


def test_how_many_people_died_and_who_says_so(chromium: Browser, site_url: str) -> None:
    page = phone(chromium)
    page.goto(site_url)
    page.locator("#key-figures + ul").get_by_role(
        "link", name="How many people died in the January 2022 unrest?"
    ).click()  # 1
    page.wait_for_load_state()
    summary = page.locator(".qc-summary")
    expect(summary).to_contain_text(
        "Answers: from a little over 200 people (Kazakh authorities, January 2022; "
        "disputed by bne IntelliNews) to 238 people (Kazakh authorities, 2023)"
    )
    expect(summary).to_contain_text("Latest official figure: 238 people (Kazakh authorities, 2023)")
    expect(summary).to_contain_text("other answers from Peter Baunov, Sorin Brut")
    above_the_fold(page, ".qc-summary")
    page.context.close()


def test_did_tokayev_say_20000_terrorists_and_who_disputes_it(chromium: Browser, site_url: str) -> None:
    page = phone(chromium)
    page.goto(site_url)
    page.locator(".qc-lede").get_by_role("link", name='"20,000 terrorists"').click()  # 1
    page.wait_for_load_state()
    figures = page.locator(".qc-summary li").filter(
        has_text="How many “terrorists” took part in the January 2022 unrest?"
    )
    expect(figures).to_contain_text(
        "20,000 people (Kassym-Jomart Tokayev, 7 January 2022; disputed by The Diplomat and bne IntelliNews)"
    )
    above_the_fold(page, ".qc-summary")
    figures.get_by_role("link", name="20,000 people", exact=True).click()  # 2
    page.wait_for_load_state()
    answers = page.locator(".qc-answers")
    expect(answers).to_contain_text("3 independent publishers attest that Kassym-Jomart Tokayev said it")
    expect(answers).to_contain_text("disputed by 2 sources (The Diplomat, bne IntelliNews)")
    above_the_fold(page, ".qc-answers")
    page.context.close()


def test_what_happened_in_almaty_on_5_january(chromium: Browser, site_url: str) -> None:
    page = phone(chromium)
    page.goto(site_url)
    page.locator(".qc-lede").get_by_role("link", name="5 January", exact=True).click()  # 1
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(re.compile("Riots in Almaty on 5 January"))
    summary = page.locator(".qc-summary")
    expect(summary).to_contain_text("near simultaneous attacks on government buildings in Almaty")
    expect(summary).to_contain_text("The same day: Seizure and burning of the Almaty Akimat")
    expect(summary).to_contain_text("Tokayev asks the CSTO for help")
    above_the_fold(page, ".qc-summary")
    page.context.close()


def test_what_novaya_gazeta_reports_about_torture(chromium: Browser, site_url: str) -> None:
    """Nothing, in our corpus: the outlet's review lists its topics at the top, and torture is not among them (the
    Global Voices interview's list has it)."""
    page = phone(chromium)
    page.goto(site_url)
    page.locator("#what-this-site-covers ~ ul").first.get_by_role("link", name="The Kazakh cover-up").click()  # 1
    page.wait_for_load_state()
    topics = page.locator(".qc-summary li").filter(has_text="Claims:")
    expect(topics).to_contain_text("Claims: 74, on: book (47)")
    expect(page.locator(".qc-summary")).to_contain_text("Novaya Gazeta Europe: Russian-language news outlet")
    assert "torture" not in (topics.text_content() or "")
    above_the_fold(page, ".qc-summary li:has-text('Claims:')")
    page.goto(site_url + "sources/globalvoices-2024-bloody-january-taboo/")
    expect(page.locator(".qc-summary li").filter(has_text="Claims:")).to_contain_text("torture (")
    page.context.close()


def test_print_shows_where_links_out_lead_and_the_page_s_own_address(chromium: Browser, site_url: str) -> None:
    page = tab(chromium, "desktop", "light")
    page.goto(site_url + "sources/novayagazeta-2023-kazakh-cover-up/")
    page.emulate_media(media="print")
    original = page.locator(".qc-summary a[href^='https://novayagazeta.eu']").first
    after = original.evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://novayagazeta.eu/articles/2023/02/22/the-kazakh-cover-up-en" in after
    expect(page.locator(".qc-cite")).to_contain_text("sources/novayagazeta-2023-kazakh-cover-up/")
    page.context.close()
