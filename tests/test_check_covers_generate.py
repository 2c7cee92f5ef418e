"""Whatever `qantar check` passes, `qantar generate` renders: no record that check accepts can crash the build.

Hypothesis writes hostile values into the fields that the pages compute with (figures, dates, texts, tags,
answers) and asserts: check either reports a problem with a position, or generate renders every page without an
exception. A figure of 1.7976931348623157e308 passed check and crashed generate (OverflowError in the figures
ledger's axis) before figures were bounded.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_CORPUS, TODAY
from qantar.build import check, generate
from qantar.config import Settings
from qantar.history import History

CLAIM = "claims/official-toll-12.yaml"
EVENT = "claims/events/riverton-flood.yaml"

NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=0, max_value=10**400).map(str),
    st.integers(min_value=0, max_value=10**30).map(lambda n: f"{n}e{n % 700}"),
    st.sampled_from(
        [
            "1.7976931348623157e308",
            "5e-324",
            "1e-320",
            "9007199254740991",
            "9007199254740992",
            "１２",
            "١٢",
            "12_000",
            "0",
            "0.0",
            "1e308",
            "1e999",
            "12.",
            ".5",
            "0x10",
            "1_",
        ]
    ),
    st.text(alphabet="0123456789.eE+-_ ١٢３", max_size=12),
)
DATES = st.one_of(
    st.sampled_from(
        [
            "2021",
            "2021-02",
            "2021-02-28",
            "1000-01-01",
            "2026-11-23",
            "２０２１",
            "2021-٠٣",
            "0999",
            "2021-02-29",
            "2024-02-29",
            "9999-12-31",
        ]
    ),
    st.text(alphabet="0123456789-٠١２", min_size=4, max_size=10),
)
TEXTS = st.text(max_size=80)
TAGS = st.lists(st.text(alphabet="abcxyz-019index", min_size=1, max_size=12), max_size=4)

PROPERTY = settings(
    max_examples=120, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(value)


@PROPERTY
@given(number=NUMBERS, claimed=DATES, start=DATES, end=DATES, statement=TEXTS, answer=TEXTS, tags=TAGS)
@example(
    number="1.7976931348623157e308",
    claimed="2021-03",
    start="2021-03-02",
    end="2021-03-04",
    statement="Riverton officials said 12 people died.",
    answer="12",
    tags=["casualties"],
)
def test_what_check_passes_generate_renders(
    number: str, claimed: str, start: str, end: str, statement: str, answer: str, tags: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        shutil.copytree(FIXTURE_CORPUS, root)
        claim = root / CLAIM
        text = claim.read_text(encoding="utf-8")
        text = text.replace("number: 12", f"number: {quoted(number)}")
        text = text.replace('claimed: "2021-03"', f"claimed: {quoted(claimed)}")
        text = text.replace(
            "statement: Riverton officials said 12 people died in the flood.", f"statement: {quoted(statement)}"
        )
        text = text.replace("tags: [casualties]", f"tags: {json.dumps(tags)}\nanswer: {quoted(answer)}")
        claim.write_text(text, encoding="utf-8")
        event = root / EVENT
        event.write_text(
            event.read_text(encoding="utf-8")
            .replace('date: "2021-03-02"', f"date: {quoted(start)}")
            .replace('end: "2021-03-04"', f"end: {quoted(end)}"),
            encoding="utf-8",
        )
        settings_ = Settings(root=root)
        checked = check(settings_, today=TODAY)
        for problem in checked.problems.items:
            assert problem.line >= 1 and problem.column >= 1, problem
        if checked.ok:
            result = generate(settings_, today=TODAY, write=False, history=History())
            assert result.ok and result.pages


def test_today_is_fixed() -> None:
    assert TODAY == dt.date(2026, 11, 23)
