"""The search index's pure parts: spelling keys, Russian endings, what a page gives Pagefind, the offline bundle."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from qantar.search_index import (
    NameMatcher,
    annotate_page,
    indexed_text,
    inline_bundle,
    inline_name,
    keep_exclusions,
    record_fields,
    strip_russian_ending,
)
from qantar.transliterate import fold, spelling_keys

PAGE = (
    '<html><body><header>Qantar Claims</header><article class="md-content__inner md-typeset">'
    '<h1>Karim Massimov was arrested<a class="headerlink" href="#x">¶</a></h1>'
    "<p>Жанаозен & Zhanaozen</p><ul data-search-exclude><li>Tokayev</li></ul>"
    "<div data-pagefind-ignore><p>Nazarbayev</p></div><script>var qantar = 1;</script></article></body></html>"
)


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (("Qantar", "Kantar", "Қаңтар"), "kantar"),
        (("Massimov", "Masimov", "Масимов"), "masimov"),
        (("Zhanaozen", "Janaozen", "Жанаозен", "Жаңаөзен"), "janaozen"),
        (("Nazarbayev", "Nazarbaev", "Назарбаев"), "nazarbaev"),
        (("Mangystau", "Mangistau", "Мангистау"), "mangistau"),
        (("Khabar", "Хабар"), "habar"),
        (("Baikonur", "Байконур"), "baikonur"),
        (("Qaitalanbasyn", "Қайталанбасын"), "kaitalanbasin"),
        (("Şymkent", "Shymkent", "Шымкент"), "shimkent"),
    ],
)
def test_spellings_of_one_name_fold_to_one_key(spellings: tuple[str, ...], key: str) -> None:
    assert {fold(spelling) for spelling in spellings} == {key}


def test_spelling_keys_hold_only_words_their_own_spelling_would_miss() -> None:
    assert spelling_keys("Massimov met Tokayev in Almaty, not Kantar") == ["almati", "masimov", "tokaev"]
    assert spelling_keys("Назарбаев") == ["nazarbaev"]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("пытками", "пытк"),
        ("пытки", "пытк"),
        ("расстрелов", "расстрел"),
        ("Назарбаевым", "назарбаев"),
        ("Токаев", "токаев"),  # -ев also ends surnames: a short stem keeps it
        ("Масимов", "масимов"),
        ("Қанды", "қанды"),  # Kazakh: no Russian endings
        ("КНБ", "кнб"),
        ("Nazarbayev", "nazarbayev"),
    ],
)
def test_russian_words_lose_their_inflectional_ending(word: str, stem: str) -> None:
    assert strip_russian_ending(word) == stem


def test_the_indexed_text_is_the_article_less_what_search_excludes() -> None:
    text = indexed_text(PAGE)
    assert "Karim Massimov was arrested" in text and "Жанаозен & Zhanaozen" in text
    for left_out in ("Qantar Claims", "¶", "Tokayev", "Nazarbayev", "var qantar"):
        assert left_out not in text


def test_material_exclusions_are_kept_for_pagefind() -> None:
    assert keep_exclusions('<p data-search-exclude="">a</p><ul data-search-exclude>') == (
        '<p data-search-exclude="" data-pagefind-ignore>a</p><ul data-search-exclude data-pagefind-ignore>'
    )


def test_a_page_is_marked_with_its_fields_and_keys_escaped_and_hidden() -> None:
    marked = annotate_page(PAGE, {"claimant": "<b>Kassym-Jomart Tokayev</b>", "status": "Disputed"})
    assert (
        '<article data-pagefind-body class="md-content__inner md-typeset"><div hidden data-pagefind-ignore>' in marked
    )
    assert '<span data-pagefind-meta="claimant">&lt;b&gt;Kassym-Jomart Tokayev&lt;/b&gt;</span>' in marked
    assert '<span data-pagefind-meta="status">Disputed</span>' in marked
    keys = marked.split('<span data-pagefind-meta="keys">')[1].split("</span>")[0].split()
    assert {"masimov", "janaozen", "kasim", "tokaev"} <= set(keys)
    assert "nazarbaev" not in keys  # excluded text gives no key either
    assert (
        annotate_page("<html><body><p>no article</p></body></html>", {})
        == "<html><body><p>no article</p></body></html>"
    )


def test_a_claims_fields_come_from_its_open_data() -> None:
    claim = {
        "claimant": {"id": "masimov", "name": "Karim Masimov"},
        "status": "disputed",
        "status_label": "Disputed",
        "actors": [{"id": "csto", "name": "CSTO"}],
        "evidence": [{"publisher": "The Diplomat"}, {"publisher": "Global Voices"}, {"publisher": "The Diplomat"}],
    }
    actors = {
        "masimov": {"name": "Karim Masimov", "aliases": ["Massimov", "Масимов"]},
        "csto": {"name": "CSTO", "aliases": ["ОДКБ"]},
    }
    assert record_fields(claim, actors) == {
        "claimant": "Karim Masimov",
        "sources": "The Diplomat; Global Voices",
        "status": "Disputed",
        "names": "Karim Masimov; Massimov; Масимов; CSTO; ОДКБ",
    }
    assert record_fields({"id": "an-actor", "name": "x"}, actors) == {}


def test_the_offline_bundle_holds_each_file_as_a_script(tmp_path: Path) -> None:
    (tmp_path / "fragment").mkdir()
    (tmp_path / "fragment" / "en_1.pf_fragment").write_bytes(b"\x1f\x8b\x00binary")
    (tmp_path / "pagefind.js").write_text("export{}", encoding="utf-8")
    assert inline_bundle(tmp_path) == 2
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "inline/fragment__en_1.pf_fragment.js",
        "inline/pagefind.js.js",
    ]
    script = (tmp_path / inline_name("fragment/en_1.pf_fragment")).read_text(encoding="ascii")
    encoded = json.loads(script.split('["fragment/en_1.pf_fragment"]=')[1].rstrip(";\n"))
    assert base64.b64decode(encoded) == b"\x1f\x8b\x00binary"


def test_an_actor_named_in_the_text_brings_every_spelling_of_its_names() -> None:
    csto = {"name": "Collective Security Treaty Organization (CSTO)", "aliases": ["CSTO", "ОДКБ"]}
    matcher = NameMatcher({"csto": csto, "officials": {"name": "Kazakh authorities", "aliases": ["the authorities"]}})
    assert matcher.mentioned("Russian troops of the Csto arrived; the authorities said") == [
        "Collective Security Treaty Organization (CSTO)",
        "CSTO",
        "ОДКБ",
    ]  # "the authorities" is not a name to look for
    page = PAGE.replace("<p>Жанаозен", "<p>CSTO troops in Жанаозен")
    keys = annotate_page(page, {}, matcher).split('data-pagefind-meta="keys">')[1].split("<")[0].split()
    assert "odkb" in keys
