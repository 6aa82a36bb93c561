from __future__ import annotations

import pytest

from claimtrace.analyse.amounts import Amount, currency_of, parse_amount, parse_quantity


@pytest.mark.parametrize("text, value, currency, converted", [
    ("3.2 trillion rupiah ($205 million)", 3.2e12, "IDR", (205e6, "USD")),
    ("$1.7 billion", 1.7e9, "USD", None),
    ("€450m", 450e6, "EUR", None),
    ("£2bn", 2e9, "GBP", None),
    ("USD 75 million", 75e6, "USD", None),
    ("1,250,000 roubles", 1.25e6, "RUB", None),
    ("90 billion tenge (about $190 million)", 90e9, "KZT", (190e6, "USD")),
    ("6 billion hryvnias", 6e9, "UAH", None),
    ("300 million Swiss francs", 300e6, "CHF", None),
])
def test_parse_amount_reads_value_currency_and_stated_conversion(text, value, currency, converted) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.value, amount.currency) == (value, currency)
    if converted is None:
        assert amount.converted is None
    else:
        assert isinstance(amount.converted, Amount)
        assert (amount.converted.value, amount.converted.currency) == converted


@pytest.mark.parametrize("text", ["40 tanks", "in 2021", "Soviet-designed arms", "", "sent the 12 tanks"])
def test_parse_amount_is_none_without_money(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize("text, count, thing", [
    ("12 Caesar howitzers", 12, "Caesar howitzers"),
    ("twelve armoured personnel carriers", 12, "armoured personnel carriers"),
    ("two dozen drones", 24, "drones"),
    ("at least 50 mortars", 50, "mortars"),
    ("1,000 assault rifles", 1000, "assault rifles"),
    ("three thousand rifles", 3000, "rifles"),
])
def test_parse_quantity_reads_the_count_of_an_item(text: str, count: int, thing: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None and (quantity.count, quantity.thing) == (count, thing)


@pytest.mark.parametrize("text", ["Soviet-designed arms", "the tanks", "arms and ammunition"])
def test_parse_quantity_is_none_without_a_count(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize("word, code", [("tenge", "KZT"), ("$", "USD"), ("Naira", "NGN"), ("EUR", "EUR"),
                                         ("Swiss Franc", "CHF"), ("pebbles", None)])
def test_currency_of_maps_words_codes_and_symbols(word: str, code: str | None) -> None:
    assert currency_of(word) == code
