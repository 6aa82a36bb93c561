"""Money amounts and quantities as written in news: "441 billion tenge ($918 million)", "twelve tanks".

Amounts stay in the store as written; these parsers turn them into numbers with an
ISO 4217 currency (and the conversion the text states) for registers and exports.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import pycountry
import yaml

SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                "hundred": 100, "dozen": 12, "dozens": 24, "a dozen": 12}

_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>thousand|million|billion|trillion|mln|bln|mn|bn|tn|k|m|b)\b)?"


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum of money: its value in units of the currency, and the conversion the text states."""

    value: float
    currency: str | None  # ISO 4217 code, None when the text names no currency
    text: str
    converted: Amount | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """How many of a thing: "twelve armoured personnel carriers" -> 12, "armoured personnel carriers"."""

    count: int
    thing: str


@functools.cache
def _currency_table() -> tuple[dict[str, str], dict[str, str]]:
    data = yaml.safe_load(resources.files("claimtrace.knowledge").joinpath("currencies.yaml").read_text("utf-8"))
    words: dict[str, str] = {}
    for currency in pycountry.currencies:
        words.setdefault(currency.name.lower(), currency.alpha_3)
        words.setdefault(currency.alpha_3.lower(), currency.alpha_3)
    words.update({word.lower(): code for word, code in data["words"].items()})
    return dict(data["symbols"]), words


def currency_of(word: str) -> str | None:
    """The ISO 4217 code a currency word, code or symbol stands for ("tenge" -> "KZT", "$" -> "USD")."""
    symbols, words = _currency_table()
    folded = word.strip().lower()
    return symbols.get(word) or words.get(folded) or (words.get(folded[:-1]) if folded.endswith("s") else None)


def parse_amount(text: str) -> Amount | None:
    """The first sum of money in ``text`` and a conversion stated in parentheses after it, or None."""
    found = _amounts(text)
    if not found:
        return None
    first, end = found[0]
    rest = text[end:]
    converted = None
    bracket = re.match(r"\s*[(\[]\s*(?:about|around|approximately|roughly|some|~)?\s*", rest)
    if bracket and len(found) > 1 and found[1][1] <= end + rest.find(")") + 1:
        converted = found[1][0]
    return Amount(first.value, first.currency, text.strip(), converted)


def _amounts(text: str) -> list[tuple[Amount, int]]:
    symbols, _ = _currency_table()
    symbol = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    pattern = re.compile(
        rf"(?P<pre>{symbol}|\b[A-Z]{{3}}\b)?\s?{_NUMBER}{_SCALE}(?:\s+(?P<word>[A-Za-z]+(?:\s[A-Za-z]+)?))?",
        re.IGNORECASE)
    out = []
    for match in pattern.finditer(text):
        currency, word_end = _currency_at(match)
        if currency is None and match["scale"] is None:
            continue  # a bare number is not money
        value = float(match["number"].replace(",", "")) * SCALES.get((match["scale"] or "").lower(), 1)
        out.append((Amount(value, currency, match.group().strip()), word_end))
    return out


def _currency_at(match: re.Match[str]) -> tuple[str | None, int]:
    if match["pre"]:
        code = currency_of(match["pre"])
        if code is not None:
            return code, match.end("scale") if match["scale"] else match.end("number")
    if match["word"]:
        words = match["word"].split()
        for length in (2, 1):  # "US dollar" before "US"
            code = currency_of(" ".join(words[:length]))
            if code is not None:
                return code, match.start("word") + len(" ".join(words[:length]))
    return None, match.end("scale") if match["scale"] else match.end("number")


_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000}
_QUANTITY = re.compile(r"^(?:(?:some|about|around|at least|up to|nearly|almost|over|more than|roughly|approximately)\s+)?"
                       r"(?P<count>\d{1,3}(?:,\d{3})+|\d+|a dozen|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
                       + r")\s+(?:of\s+(?:the\s+)?)?(?P<thing>\S.*)$", re.IGNORECASE)


def parse_quantity(text: str) -> Quantity | None:
    """The count at the head of an item phrase ("12 Caesar howitzers", "two dozen drones"), or None."""
    match = _QUANTITY.match(text.strip())
    if match is None:
        return None
    count_text = match["count"].lower()
    count = NUMBER_WORDS[count_text] if count_text in NUMBER_WORDS else int(count_text.replace(",", ""))
    words = match["thing"].split()
    while len(words) > 1 and words[0].lower() in _MULTIPLIERS:  # "two dozen drones", "3 thousand rifles"
        count *= _MULTIPLIERS[words.pop(0).lower()]
    return Quantity(count, " ".join(words))
