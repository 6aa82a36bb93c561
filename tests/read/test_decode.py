from __future__ import annotations

import codecs
import random

import pytest

from claimtrace.errors import InputRejected
from claimtrace.read.decode import binary_kind, decode_bytes

RUSSIAN = (
    "Вчера вечером над рекой поднялся густой туман. Паромщик сказал, что переправа будет закрыта "
    "до утра, и жителям пришлось ночевать на станции.\n"
)
FRENCH = (
    "Le marché couvert rouvrira à l'été après deux années de travaux. Les commerçants espèrent "
    "retrouver leurs habitués, même si les loyers ont augmenté.\n"
)
GERMAN = "Die Fähre über den See fährt wieder. Anwohner müssen nicht länger den Umweg über die Brücke nehmen.\n"
POLISH = "Wczoraj w porcie zacumował nowy prom. Mieszkańcy mówią, że bilety są droższe niż przed rokiem.\n"
ENGLISH = "The harbour master’s “temporary” closure lasted — in the end — nine days.\r\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ENGLISH, "utf-8"),
        (RUSSIAN, "utf-8"),
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8-r"),
        (FRENCH, "latin-1"),
        (GERMAN, "latin-1"),
        (ENGLISH, "cp1252"),
        (POLISH, "cp1250"),
        (FRENCH, "utf-16"),
        (RUSSIAN, "utf-16"),
        (FRENCH, "utf-16-le"),
    ],
)
def test_decode_bytes_recovers_text_in_common_encodings(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "sample.txt") == text


def test_decode_bytes_drops_utf8_bom_only() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), "bom.txt") == ENGLISH


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP archive"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "ELF executable"),
        (bytes(random.Random(7).randrange(256) for _ in range(4096)) + b"\x00\x00", "NUL bytes"),
        (b"ab\x01\x02\x03\x04cd\x05\x06\x07\x08ef" * 20, "control characters"),
    ],
)
def test_decode_bytes_refuses_binary_data(data: bytes, kind: str) -> None:
    assert kind in (binary_kind(data) or "")
    with pytest.raises(InputRejected, match="binary input: blob.txt") as error:
        decode_bytes(data, "blob.txt")
    assert kind in str(error.value)


@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN, "MZ is how the memo began.\n"])
def test_binary_kind_accepts_text(text: str) -> None:
    assert binary_kind(text.encode("utf-8")) is None
