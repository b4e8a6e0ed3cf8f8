"""Figures in text: money, measures, counts, dates and years, in digits or in words."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from brief.text import MONTHS, content_stems, wordlist

Kind = Literal["number", "date", "month", "year"]

_UNITS = {
    "mile": "mile",
    "miles": "mile",
    "mi": "mile",
    "km": "km",
    "kms": "km",
    "kilometer": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometres": "km",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "lb": "lb",
    "lbs": "lb",
    "tons": "ton",
    "ton": "ton",
    "tonnes": "ton",
    "tonne": "ton",
    "percent": "%",
    "per cent": "%",
    "%": "%",
    "percentage points": "pp",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pound": "GBP",
    "yuan": "CNY",
    "yen": "JPY",
    "mph": "mph",
    "seconds": "second",
    "second": "second",
    "minutes": "minute",
    "minute": "minute",
    "hours": "hour",
    "hour": "hour",
    "days": "day",
    "day": "day",
    "weeks": "week",
    "week": "week",
    "months": "month",
    "month": "month",
    "years": "year",
    "year": "year",
}
_CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "s$": "SGD"}
_SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_SMALL = {
    w: i
    for i, w in enumerate(
        wordlist(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(wordlist("twenty thirty forty fifty sixty seventy eighty ninety"))
}
_WORD_NUM = {**_SMALL, **_TENS, "dozen": 12}

_UNIT_RE = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_SCALE_RE = "|".join(sorted(_SCALES, key=len, reverse=True))
_NUMERIC = re.compile(
    rf"(?P<cur>US\$|S\$|[$€£¥])?\s?"
    rf"(?<![\w.,:/-])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d|[.,:]\d)"
    rf"(?:[\s-]?(?P<scale>{_SCALE_RE})\b)?"
    rf"(?:[\s-]?(?P<unit>{_UNIT_RE})(?![A-Za-z]))?",
    re.I,
)
_NUMWORD = "|".join(
    sorted([*_WORD_NUM, "hundred", "thousand", "million", "billion"], key=len, reverse=True)
)
_WORDS_NUMBER = re.compile(
    rf"\b(?P<words>(?:(?:{_NUMWORD})(?:[\s-]+(?:and[\s-]+)?|\b))+)"
    rf"(?P<unit>(?:{_UNIT_RE})(?![A-Za-z]))?",
    re.I,
)
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_MD = re.compile(rf"\b(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
_DATE_DM = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH_RE})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH_RE})\.?,?\s+(?:\d{{1,2}},?\s+)?(?P<y>\d{{4}})\b", re.I)
_YEAR = re.compile(
    rf"(?<![\w$€£.,-])(?P<y>1[89]\d\d|20\d\d)(?![\w%]|[.,-]\d|\s*(?:{_SCALE_RE}|{_UNIT_RE})\b)",
    re.I,
)
_SINCE = re.compile(r"\b(?:since|from|until|till)\s+(?:[\w’'-]+\s+){0,4}$", re.I)
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")


@dataclass(frozen=True)
class Quantity:
    """One figure: its value, unit (canonical) and the resolution it was written with."""

    kind: Kind
    value: float
    unit: str | None
    precision: float
    text: str
    start: int
    end: int

    def agrees(self, other: Quantity, *, loose: bool = False) -> bool:
        """The same figure: same kind, same unit when both have one, and equal to the precision
        this one was written with ("$56 billion" agrees with "$56.2 billion", not the reverse).
        `loose` uses the coarser of the two precisions (for comparing two sources)."""
        if self.kind != other.kind and {self.kind, other.kind} != {"number", "year"}:
            return False
        if self.unit and other.unit and self.unit != other.unit:
            return False
        precision = max(self.precision, other.precision) if loose else self.precision
        # Strictly within half a step: "$3 trillion" is not a rounding of "$3.5 trillion".
        return abs(self.value - other.value) < precision / 2 * (1 - 1e-9)

    def same_value(self, other: Quantity) -> bool:
        return self.kind == other.kind and abs(self.value - other.value) <= self.precision / 2

    def show(self) -> str:
        return self.text


def _precision(num: str, scale: float) -> float:
    decimals = len(num.split(".")[1]) if "." in num else 0
    return float(10**-decimals) * scale


def _words_value(text: str) -> float | None:
    """'ten thousand' -> 10000, 'twenty-five' -> 25; None when it is not a number."""
    total, current, seen = 0.0, 0.0, False
    for token in re.split(r"[\s-]+", text.lower()):
        if token in ("", "and"):
            continue
        if token in _WORD_NUM:
            current += _WORD_NUM[token]
            seen = True
        elif token == "hundred":
            current = (current or 1) * 100
            seen = True
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current, seen = 0.0, True
        else:
            return None
    return total + current if seen else None


def quantities(text: str) -> list[Quantity]:
    """Every figure in `text`; dates and years take priority over plain numbers."""
    return list(_quantities(text))


@lru_cache(maxsize=8192)
def _quantities(text: str) -> tuple[Quantity, ...]:
    # Cached: the disagreement check reads every sentence of every source once per point.
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(q: Quantity, span: tuple[int, int]) -> None:
        found.append(q)
        taken.append(span)

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for m in _ISO.finditer(text):
        md = int(m["m"]) * 100 + int(m["d"])
        add(Quantity("date", md, None, 1, m[0], m.start(), m.end()), m.span())
        found.append(Quantity("year", int(m["y"]), None, 1, m["y"], m.start(), m.end()))
    for pattern in (_DATE_MD, _DATE_DM):
        for m in pattern.finditer(text):
            if not free(*m.span()) or not 1 <= int(m["d"]) <= 31:
                continue
            if m["m"].lower() == "may" and (pattern is _DATE_DM or m["m"][0] != "M"):
                continue
            md = MONTHS[m["m"].lower()] * 100 + int(m["d"])
            add(Quantity("date", md, None, 1, m[0], m.start(), m.end()), m.span())
    for m in _MONTH_YEAR.finditer(text):
        if m["m"].lower() != "may" or m["m"][0] == "M":
            found.append(
                Quantity("month", MONTHS[m["m"].lower()], None, 1, m[0], m.start(), m.end())
            )
    for m in _YEAR.finditer(text):
        if free(*m.span("y")):
            add(Quantity("year", int(m["y"]), None, 1, m["y"], m.start(), m.end()), m.span())
    for m in _NUMERIC.finditer(text):
        if not free(*m.span("num")):
            continue
        after = text[m.end("num") : m.end("num") + 1]
        if not m["scale"] and not m["unit"] and after.isalpha():
            continue  # "19th", "3D", "F16s": not a figure we check
        scale_word = (m["scale"] or "").lower()
        if scale_word in ("m", "b") and not m["cur"]:
            scale_word = ""  # "5 m" is metres, "5m" without a currency is ambiguous
        scale = _SCALES.get(scale_word, 1.0)
        num = m["num"].replace(",", "")
        unit = _CURRENCY.get((m["cur"] or "").lower()) or _UNITS.get((m["unit"] or "").lower())
        value = float(num) * scale
        start = m.start() + len(m[0]) - len(m[0].lstrip())
        end = m.end() - len(m[0]) + len(m[0].rstrip())
        q = Quantity("number", value, unit, _precision(num, scale), text[start:end], start, end)
        add(q, (start, end))
    for m in _WORDS_NUMBER.finditer(text):
        phrase = m["words"].strip(" -")
        spelled = _words_value(phrase)
        if spelled is None or not free(*m.span()):
            continue
        unit = _UNITS.get((m["unit"] or "").lower())
        # A lone "one" is mostly a pronoun ("one of the", "no one"); count it only with a unit.
        if phrase.lower() == "one" and unit is None:
            continue
        if phrase.lower() in _SCALES:
            continue
        text_span = m[0].strip()
        add(Quantity("number", spelled, unit, 1.0, text_span, *m.span()), m.span())
    return tuple(sorted(found, key=lambda q: q.start))


def head_stems(text: str, q: Quantity, n: int = 2) -> set[str]:
    """Stems of the first `n` content words after a figure: what it counts ("troops")."""
    return set(content_stems(text[q.end :])[:n])


def latest_date(text: str) -> dt.date | None:
    """The most recent calendar date the text states with a year (month precision at least)."""
    best: dt.date | None = None
    for m in _ISO.finditer(text):
        try:
            cand = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        best = max(best or cand, cand)
    for m in _MONTH_YEAR.finditer(text):
        year, month = int(m["y"]), MONTHS[m["m"].lower()]
        if m["m"].lower() == "may" and m["m"][0] != "M":
            continue
        if _SINCE.search(text[max(0, m.start() - 50) : m.start()]):
            continue  # "since February 2022" starts a period that runs to now
        day = re.search(r"(\d{1,2}),?\s+\d{4}", m[0])
        # Without a day, the last day of the month: a fact is stale only once surely old.
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        cand = dt.date(year, month, int(day.group(1)) if day else last)
        best = max(best or cand, cand)
    return best
