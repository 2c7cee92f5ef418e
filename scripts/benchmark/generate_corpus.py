#!/usr/bin/env python3
"""Generate a synthetic corpus of a given size, for the benchmark: sources, claims, actors, events, questions.

    .venv/bin/python scripts/benchmark/generate_corpus.py --claims 10000 --out /tmp/qantar-bench/10000

The same seed and scale always give the same files. Proportions follow a grown-up version of the real corpus:
one source per 10 claims (6-22 KB of article text each), one actor per 8, one event per 16, one contested
question per 40. Quotes are copied from the generated source texts, so they verify; some sources are in
Russian or bilingual (quotes with translations, given by the source or by the editors); three "hot"
questions are answered by 1% of all claims each. The output passes `qantar check` without errors or warnings.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qantar.meaning import hedges_in  # noqa: E402

# -- vocabulary ------------------------------------------------------------------------------------------------

_SUBJECTS = (
    "the police",
    "protesters",
    "the city administration",
    "residents of the district",
    "a spokesman for the ministry",
    "the security forces",
    "local officials",
    "witnesses",
    "the prosecutor's office",
    "the national guard",
    "several journalists",
    "human rights groups",
    "the regional governor",
    "young men in helmets",
    "the president's office",
    "a group of drivers",
    "hospital staff",
    "the interior ministry",
    "opposition activists",
    "foreign observers",
    "oil workers",
    "the state broadcaster",
    "shop owners",
    "a taxi driver",
    "two students",
)
_VERBS = (
    "reported",
    "denied",
    "confirmed",
    "described",
    "blamed",
    "documented",
    "questioned",
    "recalled",
    "dismissed",
    "announced",
    "estimated",
    "witnessed",
    "organised",
    "blocked",
    "disputed",
    "acknowledged",
    "filmed",
    "published",
    "demanded",
    "ordered",
    "rejected",
    "investigated",
    "counted",
    "photographed",
    "criticised",
)
_OBJECTS = (
    "the rise in gas prices",
    "the number of people detained",
    "the shooting near the square",
    "the curfew",
    "the closure of the airport",
    "the arrests of activists",
    "the burning of the administration building",
    "the internet shutdown",
    "the official death toll",
    "the arrival of foreign troops",
    "the looting of shops",
    "the order to open fire",
    "the list of victims",
    "the trial of the security chiefs",
    "the use of stun grenades",
    "the road blocks on the highway",
    "the crowd outside the hospital",
    "the statement on television",
    "the allegations of torture",
    "the release of the detainees",
    "the fuel price concession",
    "the cancelled screenings",
    "the closed printing houses",
    "the compensation for the families",
)
_PLACES = (
    "in Almaty",
    "in Zhanaozen",
    "in Aktau",
    "near Republic Square",
    "outside the akimat",
    "in the city centre",
    "at the airport",
    "on Abay Avenue",
    "in Shymkent",
    "in Taraz",
    "in the suburbs",
    "near the hospital",
    "at the police station",
    "in the capital",
    "on the main square",
    "in Kyzylorda",
    "in the western regions",
)
_TIMES = (
    "on the night of 4 January",
    "on 5 January",
    "the next morning",
    "later that week",
    "in the first days",
    "before the curfew",
    "after the internet was cut",
    "during the operation",
    "a year later",
    "in the spring",
    "within hours",
    "in the weeks that followed",
    "at dawn",
    "by the end of the month",
)
_CLAUSES = (
    "according to people who were there",
    "although no documents were shown",
    "as several videos appear to show",
    "which officials later contested",
    "while others stayed at home",
    "but the figures were never published",
    "and the account was repeated on state television",
    "though the details remain unclear",
    "as the court heard",
    "despite repeated requests for comment",
    "which the families reject",
    "and nobody has been held responsible",
    "according to the official report",
    "as one resident put it",
)
_OPENINGS = (
    "",
    "",
    "",
    "",
    "In an interview, ",
    "At the time, ",
    "Later, ",
    "According to the report, ",
    "Officially, ",
    "By contrast, ",
    "In the meantime, ",
    "Asked about it, ",
    "In a statement, ",
)
_QUOTED = (
    "“a provocation”",
    "“terrorists”",
    "“peaceful citizens”",
    "“an attempted coup”",
    "“order”",
    "“looters”",
    "“a tragedy”",
    "“our people”",
    "“bandits”",
    "“foreign agents”",
)

_RU_SUBJECTS = (
    "полиция",
    "жители района",
    "протестующие",
    "силовики",
    "местные власти",
    "свидетели",
    "прокуратура",
    "журналисты",
    "правозащитники",
    "водители такси",
    "врачи больницы",
    "военные",
)
_RU_VERBS = (
    "сообщили о",
    "отрицали",
    "подтвердили",
    "описали",
    "запомнили",
    "обсуждали",
    "записали",
    "опровергли",
    "видели",
    "расследовали",
    "сняли на видео",
    "признали",
)
_RU_OBJECTS = (
    "стрельбу на площади",
    "аресты активистов",
    "пожар в здании акимата",
    "отключение интернета",
    "число погибших",
    "приезд иностранных войск",
    "разграбление магазинов",
    "приказ стрелять",
    "список жертв",
    "суд над силовиками",
    "блокпосты на трассе",
    "пытки задержанных",
)
_RU_PLACES = (
    "в Алматы",
    "в Жанаозене",
    "в Актау",
    "у акимата",
    "в центре города",
    "в аэропорту",
    "на проспекте Абая",
    "в Шымкенте",
    "возле больницы",
    "на главной площади",
)
_RU_TIMES = (
    "в ночь на 5 января",
    "на следующее утро",
    "в первые дни",
    "после комендантского часа",
    "через год",
    "в те дни",
    "до рассвета",
    "в конце месяца",
)

_FIRST = (
    "Aigerim",
    "Daniyar",
    "Nurlan",
    "Aliya",
    "Yerlan",
    "Saule",
    "Askar",
    "Dina",
    "Marat",
    "Zhanna",
    "Timur",
    "Gulnara",
    "Serik",
    "Madina",
    "Bolat",
    "Assel",
    "Ruslan",
    "Aizhan",
    "Kairat",
    "Dana",
    "Arman",
    "Laura",
)
_LAST = (
    "Abenov",
    "Sultanova",
    "Zhaksybekov",
    "Omarova",
    "Nurpeisov",
    "Kassymova",
    "Tulegenov",
    "Akhmetova",
    "Bekturov",
    "Iskakova",
    "Mukanov",
    "Sarsenova",
    "Dzhumabaev",
    "Kenzhebaeva",
    "Ospanov",
    "Utebaeva",
)
_LAST_RU = {
    "Abenov": "Абенов",
    "Sultanova": "Султанова",
    "Omarova": "Омарова",
    "Mukanov": "Муканов",
    "Ospanov": "Оспанов",
    "Akhmetova": "Ахметова",
    "Tulegenov": "Тулегенов",
    "Iskakova": "Искакова",
}
_ORG_KINDS = (
    ("organisation", "Foundation for {x}"),
    ("state-body", "Ministry of {x}"),
    ("group", "{x} Committee"),
    ("media-outlet", "{x} Daily"),
    ("state-body", "{x} Prosecutor's Office"),
    ("group", "{x} Residents"),
    ("organisation", "Centre for {x}"),
    ("anonymous", "An unnamed resident of {x}"),
)
_ORG_WORDS = (
    "Justice",
    "Internal Affairs",
    "Almaty",
    "Zhanaozen",
    "Aktau",
    "Open Society",
    "Labour",
    "Mangystau",
    "Steppe",
    "Civic Rights",
    "Information",
    "Shymkent",
    "Karaganda",
    "Defence",
    "Press Freedom",
)
_OUTLETS = (
    "Steppe Herald",
    "Central Asia Wire",
    "Almaty Courier",
    "Caspian Review",
    "Open Eurasia",
    "Vlast Weekly",
    "Nomad Times",
    "Eastern Ledger",
    "Tengri Post",
    "Northern Observer",
    "Silk Road Monitor",
    "Qazaq Report",
)
_TAGS = (
    "protests",
    "casualties",
    "lethal-force",
    "torture",
    "media",
    "censorship",
    "csto",
    "elite",
    "looting",
    "detentions",
    "economy",
    "trials",
    "internet",
    "witnesses",
    "official-account",
    "memory",
)
_NUMBERS = (12, 160, 200, 225, 227, 230, 238, 240, 400, 1000, 4353, 10000)
_QUALIFIERS = ("exactly", "about", "at-least", "more-than", "slightly-more-than", "fewer-than", "at-most")


def _slug(text: str, words: int = 4) -> str:
    kept = ["".join(c for c in word.lower() if c.isascii() and c.isalnum()) for word in text.split()]
    return "-".join([word for word in kept if word][:words]) or "record"


def _make_id(*parts: str, number: int) -> str:
    """An id from a few words and a number that makes it unique, within the 80-character limit."""
    suffix = f"-{number}"
    base = "-".join(part for part in parts if part)
    while len(base) + len(suffix) > 80 and "-" in base:
        base = base.rsplit("-", 1)[0]
    return base[: 80 - len(suffix)] + suffix


def _folded(name: str, text: str, indent: str = "") -> str:
    """A long text as a folded block scalar (`>-`), the way editors write them."""
    lines = textwrap.wrap(text, width=110, break_long_words=False, break_on_hyphens=False)
    return f"{indent}{name}: >-\n" + "".join(f"{indent}  {line}\n" for line in lines)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


# -- text ------------------------------------------------------------------------------------------------------


class Writer:
    """Sentences and paragraphs of plausible English and Russian prose, from one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        r = self.rng
        words = [r.choice(_OPENINGS) + r.choice(_SUBJECTS), r.choice(_VERBS), r.choice(_OBJECTS)]
        for _ in range(r.randint(1, 2)):
            words.append(r.choice(_PLACES + _TIMES))
        if r.random() < 0.5:
            words[-1] += ","
            words.append(r.choice(_CLAUSES))
        if r.random() < 0.15:
            words.append(f"and called it {r.choice(_QUOTED)}")
        text = " ".join(words)
        if r.random() < 0.1:
            text = text.replace(" the ", " the country’s ", 1)
        if r.random() < 0.1:
            text = text.replace(", ", " — ", 1)
        return text[0].upper() + text[1:] + "."

    def russian_sentence(self) -> str:
        r = self.rng
        text = " ".join(
            (
                r.choice(_RU_SUBJECTS),
                r.choice(_RU_VERBS),
                r.choice(_RU_OBJECTS),
                r.choice(_RU_PLACES),
                r.choice(_RU_TIMES),
            )
        )
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int | None = None) -> list[str]:
        return [self.sentence() for _ in range(sentences or self.rng.randint(2, 6))]

    def prose(self, low: int, high: int) -> str:
        """Sentences up to a length between low and high characters."""
        target = self.rng.randint(low, high)
        out = self.sentence()
        while len(out) < target:
            out += " " + self.sentence()
        return out


@dataclass
class Passage:
    """A quotable stretch of a source: its text, and (for Russian) the translation the source prints beside it."""

    text: str
    language: str = "en"
    translation: str = ""


@dataclass
class Counts:
    claims: int
    sources: int
    actors: int
    events: int
    questions: int
    publishers: int
    places: int = 0

    @classmethod
    def for_claims(cls, claims: int) -> Counts:
        return cls(
            claims,
            max(3, claims // 10),
            max(6, claims // 8),
            max(3, claims // 16),
            max(4, claims // 40),
            max(4, min(200, claims // 50)),
            max(6, claims // 128),
        )


# -- records ---------------------------------------------------------------------------------------------------


class CorpusGenerator:
    def __init__(self, out: Path, claims: int, seed: int) -> None:
        self.out = out
        self.counts = Counts.for_claims(claims)
        self.rng = random.Random(seed)
        self.writer = Writer(self.rng)
        self.source_ids: list[str] = []
        self.source_passages: list[list[Passage]] = []
        self.source_languages: list[list[str]] = []
        self.actor_ids: list[str] = []
        self.actor_names: list[str] = []
        self.actor_kinds: list[str] = []
        self.quoted: list[str] = []  # the quotes and translations of the claim being written
        self.event_ids: list[str] = []
        self.place_ids: list[str] = []
        self.questions: list[tuple[str, str]] = []  # (id, unit)

    def write(self, relative: str, text: str) -> None:
        path = self.out / relative
        path.write_text(text, encoding="utf-8")

    def run(self) -> Counts:
        for folder in ("sources", "claims"):
            shutil.rmtree(self.out / folder, ignore_errors=True)
        for folder in ("sources", "claims/actors", "claims/events", "claims/questions", "claims/places"):
            (self.out / folder).mkdir(parents=True, exist_ok=True)
        self.make_places()
        self.make_actors()
        self.make_events()
        self.make_questions()
        self.make_sources()
        self.make_claims()
        return self.counts

    def make_actors(self) -> None:
        r = self.rng
        for i in range(self.counts.actors):
            if r.random() < 0.6:
                first, last = r.choice(_FIRST), r.choice(_LAST)
                name, kind = f"{first} {last}", "person"
                aliases = [last, f"{first[0]}. {last}"] + ([_LAST_RU[last]] if last in _LAST_RU else [])
            else:
                kind, pattern = r.choice(_ORG_KINDS)
                name = pattern.format(x=r.choice(_ORG_WORDS))
                aliases = [name.split()[-1]] if r.random() < 0.5 else []
            actor_id = _make_id(_slug(name, 4), number=i)
            self.actor_ids.append(actor_id)
            self.actor_names.append(name)
            self.actor_kinds.append(kind)
            text = f"# yaml-language-server: $schema=../../docs/schemas/actor.schema.json\nid: {actor_id}\n"
            text += f"name: {_q(name)}\nkind: {kind}\n"
            if aliases:
                text += "aliases: [" + ", ".join(_q(a) for a in aliases) + "]\n"
            text += _folded("description", self.writer.prose(180, 600))
            self.write(f"claims/actors/{actor_id}.yaml", text)

    def make_places(self) -> None:
        """A country, regions, cities in them and sites in the cities (at their city's position, as in the corpus)."""
        r = self.rng
        place = "# yaml-language-server: $schema=../../docs/schemas/place.schema.json\n"
        self.write(
            "claims/places/country.yaml",
            place + 'id: country\nname: "The country"\nkind: country\n'
            "coordinates:\n  latitude: 48.16\n  longitude: 67.3\nprecision: country\n"
            'coordinates_source: "synthetic"\n',
        )
        self.place_ids.append("country")
        regions = max(2, self.counts.places // 10)
        cities: list[tuple[str, float, float]] = []
        for i in range(self.counts.places - 1):
            name = f"{r.choice(_PLACES).split(' ', 1)[1].title()} {i}"
            place_id = _make_id(_slug(name, 4), number=i)
            if i < regions:
                kind, parent = "region", "country"
                lat, lon = round(r.uniform(42, 53), 4), round(r.uniform(52, 83), 4)
            elif i < regions * 4 or not cities:
                kind, parent = "city", self.place_ids[1 + r.randrange(regions)]
                lat, lon = round(r.uniform(42, 53), 4), round(r.uniform(52, 83), 4)
                cities.append((place_id, lat, lon))
            else:
                kind = "site"
                parent, lat, lon = cities[r.randrange(len(cities))]
            precision = "city" if kind == "site" else kind
            text = place + f"id: {place_id}\nname: {_q(name)}\nkind: {kind}\nparent: {parent}\n"
            text += f"coordinates:\n  latitude: {lat}\n  longitude: {lon}\nprecision: {precision}\n"
            text += 'coordinates_source: "synthetic"\n'
            self.place_ids.append(place_id)
            self.write(f"claims/places/{place_id}.yaml", text)

    def make_events(self) -> None:
        r = self.rng
        for i in range(self.counts.events):
            title = f"{r.choice(_OBJECTS)} {r.choice(_PLACES)}"
            title = title[0].upper() + title[1:]
            event_id = _make_id(_slug(title, 5), number=i)
            year = r.choice((2021, 2022, 2022, 2022, 2023, 2024))
            month, day = r.randint(1, 12), r.randint(1, 28)
            text = f"# yaml-language-server: $schema=../../docs/schemas/event.schema.json\nid: {event_id}\n"
            text += f"title: {_q(title)}\n"
            precision = r.random()
            if precision < 0.7:
                text += f'date: "{year}-{month:02d}-{day:02d}"\n'
                if r.random() < 0.3:
                    text += f'end: "{year}-{month:02d}-{min(28, day + r.randint(1, 9)):02d}"\n'
            elif precision < 0.9:
                text += f'date: "{year}-{month:02d}"\n'
            else:
                text += f'date: "{year}"\napproximate: true\n'
            if r.random() < 0.05:
                text += 'place: unknown\nplace_note: "The sources disagree."\n'
            else:
                text += f"place: {self.place_ids[r.randrange(len(self.place_ids))]}\n"
            text += _folded("summary", self.writer.prose(200, 700))
            if i and r.random() < 0.5:
                text += f"parent: {self.event_ids[r.randrange(max(0, i - 50), i)]}\n"  # earlier: never a cycle
            involved = sorted({self.actor_ids[(i * 7 + k * 13) % len(self.actor_ids)] for k in range(r.randint(1, 4))})
            text += "actors: [" + ", ".join(involved) + "]\n"
            self.event_ids.append(event_id)
            self.write(f"claims/events/{event_id}.yaml", text)

    def make_questions(self) -> None:
        r = self.rng
        for i in range(self.counts.questions):
            numeric = i % 5 in (0, 2)  # the hot questions 0 and 2 are numeric, 1 is not
            if numeric:
                question = f"How many people were affected by {r.choice(_OBJECTS)} {r.choice(_PLACES)}?"
            else:
                question = f"Who was responsible for {r.choice(_OBJECTS)} {r.choice(_PLACES)}?"
            question_id = _make_id(_slug(question, 6), number=i)
            text = f"# yaml-language-server: $schema=../../docs/schemas/question.schema.json\nid: {question_id}\n"
            text += f"question: {_q(question)}\n"
            if numeric:
                text += "unit: people\n"
            text += _folded("description", self.writer.prose(150, 500))
            self.questions.append((question_id, "people" if numeric else ""))
            self.write(f"claims/questions/{question_id}.yaml", text)

    def make_sources(self) -> None:
        r = self.rng
        publishers = [
            _OUTLETS[i % len(_OUTLETS)] + (f" {i // len(_OUTLETS) + 1}" if i >= len(_OUTLETS) else "")
            for i in range(self.counts.publishers)
        ]
        for i in range(self.counts.sources):
            roll = r.random()
            languages = ["ru"] if roll < 0.05 else ["en", "ru"] if roll < 0.2 else ["en"]
            paragraphs: list[str] = []
            passages: list[Passage] = []
            size = r.randint(6_000, 22_000)
            length = 0
            while length < size:
                if languages == ["ru"] or ("ru" in languages and r.random() < 0.25):
                    russian = " ".join(self.writer.russian_sentence() for _ in range(r.randint(1, 3)))
                    english = " ".join(self.writer.sentence() for _ in range(russian.count(".")))
                    paragraphs.append(f"«{russian}»")
                    passages.append(Passage(russian, "ru", ""))
                    if languages != ["ru"]:
                        paragraphs.append(f"(Translation: “{english}”)")
                        passages[-1] = Passage(russian, "ru", english)
                    length += len(paragraphs[-1]) + len(russian)
                else:
                    sentences = self.writer.paragraph()
                    paragraphs.append(" ".join(sentences))
                    passages.extend(Passage(s) for s in sentences)
                    length += len(paragraphs[-1])
            title = self.writer.sentence().rstrip(".")[:140]
            publisher = publishers[i % len(publishers)]
            source_id = _make_id(_slug(publisher, 2), str(2021 + i % 4), _slug(title, 4), number=i)
            full = r.random() < 0.4
            front = ["---", f"id: {source_id}", f"title: {_q(title)}", f"publisher: {_q(publisher)}"]
            if r.random() < 0.15:
                front.append("authors: unknown")
            else:
                front.append(
                    "authors: ["
                    + ", ".join(_q(f"{r.choice(_FIRST)} {r.choice(_LAST)}") for _ in range(r.randint(1, 3)))
                    + "]"
                )
            if r.random() < 0.1:
                front += ["published: unknown", f"published_note: {_q(self.writer.prose(60, 200))}"]
            else:
                front.append(f'published: "{2021 + i % 4}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"')
            front += [
                f"url: https://{_slug(publisher, 3).replace('-', '')}.example/{2021 + i % 4}/{source_id}",
                "languages: [" + ", ".join(languages) + "]",
                f"kind: {r.choice(('report', 'analysis', 'interview', 'opinion'))}",
                f"rights: {'full-text' if full else 'excerpts'}",
            ]
            if full:
                front.append('license: "CC BY 4.0"')
            if r.random() < 0.4:
                front.append(f"notes: {_q(self.writer.prose(100, 500))}")
            front.append("---")
            self.write(f"sources/{source_id}.md", "\n".join(front) + "\n" + "\n\n".join(paragraphs) + "\n")
            self.source_ids.append(source_id)
            self.source_passages.append(passages)
            self.source_languages.append(languages)

    def attribution(self, stance: str) -> str:
        """How the passage puts the claim in the claimant's mouth (a disputing passage only argues about it)."""
        if stance == "disputes":
            return "none"
        return self.rng.choices(("direct-quote", "paraphrase", "none"), weights=(40, 50, 10))[0]

    def evidence(self, source: int, stance: str) -> str:
        r = self.rng
        passages = self.source_passages[source]
        start = r.randrange(len(passages))
        passage = passages[start]
        text = f"  - source: {self.source_ids[source]}\n"
        if passage.language == "en":
            quote = passage.text
            self.quoted.append(quote)
            following = passages[start + 1] if start + 1 < len(passages) else None
            if following and following.language == "en" and r.random() < 0.3:
                quote += " " + following.text  # two sentences; the same paragraph or the next (spacing is folded)
            elif following and following.language == "en" and r.random() < 0.15:
                quote = quote.rstrip(".") + " … " + following.text.split(" ", 3)[-1]  # an elision
            self.quoted[-1] = quote
            if r.random() < 0.3:
                quote = quote.replace("“", '"').replace("”", '"').replace("’", "'").replace("—", "-")
            text += f"    quote: {_q(quote)}\n    stance: {stance}\n    attribution: {self.attribution(stance)}\n"
            return text
        self.quoted.append(passage.text)
        text += f"    quote: {_q(passage.text)}\n    stance: {stance}\n    attribution: {self.attribution(stance)}\n"
        if self.source_languages[source][0] != "ru":
            text += "    language: ru\n"
        if passage.translation and r.random() < 0.7:
            text += f"    translation: {_q(passage.translation)}\n    translated_by: source\n"
            self.quoted.append(passage.translation)
        else:
            translation = self.writer.prose(60, 200)
            text += f"    translation: {_q(translation)}\n    translated_by: editors\n"
            self.quoted.append(translation)
        return text

    def make_claims(self) -> None:
        r = self.rng
        n = self.counts.claims
        hot = [question for question in self.questions[:3]]
        hot_share = max(5, n // 100)
        for i in range(n):
            claimant = i % len(self.actor_ids)  # every actor makes at least one claim
            said, target = self.writer.sentence(), r.randint(100, 300)
            while len(said) < target:
                more = self.writer.sentence()
                if len(said) + len(more) > 440:
                    break
                said += " " + more
            statement = f"{self.actor_names[claimant]} said that {said[0].lower()}{said[1:]}"
            claim_id = _make_id(_slug(self.actor_names[claimant], 2), _slug(said, 5), number=i)
            lines = [
                f"# yaml-language-server: $schema=../docs/schemas/claim.schema.json\nid: {claim_id}\n",
                _folded("statement", statement),
                f"claimant: {self.actor_ids[claimant]}\n",
            ]
            if r.random() < 0.85:
                lines.append(
                    f'claimed: "{r.choice((2022, 2023, 2024))}-{r.randint(1, 12):02d}'
                    + (f'-{r.randint(1, 28):02d}"\n' if r.random() < 0.6 else '"\n')
                )
            if r.random() < 0.8:
                events = sorted({self.event_ids[r.randrange(len(self.event_ids))] for _ in range(r.randint(1, 2))})
                lines.append("events: [" + ", ".join(events) + "]\n")
            if r.random() < 0.7:
                about = sorted({self.actor_ids[r.randrange(len(self.actor_ids))] for _ in range(r.randint(1, 3))})
                lines.append("actors: [" + ", ".join(about) + "]\n")
            question: tuple[str, str] | None = None
            if i < hot_share * len(hot):
                question = hot[i % len(hot)]  # a few contested questions with many answers
            elif i < hot_share * len(hot) + len(self.questions) or r.random() < 0.25:
                question = self.questions[i % len(self.questions)]  # every question has an answer
            if question:
                lines.append(f"question: {question[0]}\n")
                if question[1]:
                    lines.append(
                        f"value: {{number: {r.choice(_NUMBERS)}, unit: {question[1]}, "
                        f"qualifier: {r.choice(_QUALIFIERS)}}}\n"
                    )
                else:
                    lines.append(f"answer: {_q(r.choice(_SUBJECTS).capitalize())}\n")
            lines.append("tags: [" + ", ".join(sorted(set(r.sample(_TAGS, r.randint(1, 3))))) + "]\n")
            lines.append("evidence:\n")
            count = r.choices((1, 2, 3), weights=(60, 30, 10))[0]
            chosen = [i % len(self.source_ids)]  # every source is cited at least once
            while len(chosen) < count:
                chosen.append(r.randrange(len(self.source_ids)))
            self.quoted = []
            for number, source in enumerate(chosen):
                stance = "reports" if number == 0 else r.choice(("reports", "supports", "supports", "disputes"))
                lines.append(self.evidence(source, stance))
            # the meaning checks' warnings that an editor would review and accept, with the reason, as editors do
            accepted = []
            if not hedges_in(statement) and any(hedges_in(text) for text in self.quoted):
                accepted.append("hedge")
            if self.actor_kinds[claimant] == "group":
                accepted.append("collective-claimant")
            if question and question[1] and not any(line.startswith("claimed:") for line in lines):
                accepted.append("undated-figure")
            if accepted:
                lines.append(
                    "accepted:\n"
                    + "".join(f'  - {{check: {check}, reason: "synthetic corpus"}}\n' for check in accepted)
                )
            if r.random() < 0.15:
                lines.append(_folded("notes", self.writer.prose(100, 400)))
            self.write(f"claims/{claim_id}.yaml", "".join(lines))


def generate(out: Path, claims: int, seed: int = 1) -> Counts:
    """Write a corpus of `claims` claims (and proportional other records) under out/sources and out/claims."""
    return CorpusGenerator(out, claims, seed).run()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1000, help="number of claims (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write sources/ and claims/ into")
    args = parser.parse_args()
    counts = generate(args.out, args.claims, args.seed)
    print(
        f"wrote {counts.sources} sources, {counts.claims} claims, {counts.actors} actors, {counts.events} events, "
        f"{counts.questions} questions under {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
