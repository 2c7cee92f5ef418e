"""Partial dates: a year, a month or a day, never more precise than the sources allow."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

ACCEPTED_FORMS = 'YYYY, YYYY-MM or YYYY-MM-DD (e.g. "2022", "2022-01", "2022-01-06")'
_SHAPE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits only: \d takes any script's
MONTHS = list(calendar.month_name)


class DateError(ValueError):
    """A date that cannot be; the message says why and the accepted forms."""


def foreign_digit(text: str) -> tuple[int, str] | None:
    """The first digit that is not ASCII (full-width, Arabic-Indic, Devanagari…) and its position, or None."""
    for position, char in enumerate(text):
        if char > "\x7f" and unicodedata.decimal(char, None) is not None:
            return position, char
    return None


def ascii_digits(text: str) -> str:
    """The text with every decimal digit written in ASCII: '２０２２' → '2022'."""
    return "".join(
        str(unicodedata.decimal(char)) if char > "\x7f" and unicodedata.decimal(char, None) is not None else char
        for char in text
    )


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int = 0  # 0: unknown
    day: int = 0  # 0: unknown

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read YYYY, YYYY-MM or YYYY-MM-DD; refuse anything else with a reason."""
        foreign = foreign_digit(text)
        if foreign:
            raise DateError(
                f"'{text}' is written with digits that are not ASCII ({describe(foreign[1])} at position "
                f"{foreign[0] + 1})"
            )
        match = _SHAPE.match(text.strip())
        if not match:
            raise DateError(f"'{text}' is not a date in a form we accept")
        year, month, day = (int(group) if group else 0 for group in match.groups())
        if year < 1000:
            raise DateError(f"'{text}' has an impossible year")
        if match.group(2) and not 1 <= month <= 12:
            raise DateError(f"'{text}' has no month {month}")
        if match.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateError(f"'{text}' does not exist: {MONTHS[month]} {year} has {last} days")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        """Show only the precision we have: '6 January 2022', 'January 2022', '2022'."""
        if self.day:
            return f"{self.day} {MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.iso()


def date_range_human(start: PartialDate, end: PartialDate | None, approximate: bool) -> str:
    """'4–6 January 2022', 'c. January 2022', '2 January – 13 January 2022'."""
    prefix = "c. " if approximate else ""
    if end is None or end == start:
        return prefix + start.human()
    if start.precision == end.precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{prefix}{start.day}–{end.day} {MONTHS[start.month]} {start.year}"
    return f"{prefix}{start.human()} – {end.human()}"


def describe(char: str) -> str:
    """A character as a message names it: U+0661 ARABIC-INDIC DIGIT ONE."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"
