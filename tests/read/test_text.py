from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from claimtrace.model import Document, Rejection
from claimtrace.options import Options

ENGLISH = (
    "Quay cranes arrive at last\r\n\r\n"
    "  The two cranes ordered for the container terminal were unloaded on Tuesday, the port said.\r\n"
    "Dockers had waited three years for them.  \r\n\r\n"
)
RUSSIAN = (
    "Паром снова ходит\n\nПосле двухнедельного перерыва паром через залив снова ходит по расписанию. "
    "Капитан сказал, что ремонт двигателя занял больше времени, чем ожидалось.\n"
)
FRENCH = (
    "Le marché couvert rouvrira à l'été après deux années de travaux. Les commerçants espèrent "
    "retrouver leurs habitués, même si les loyers ont augmenté.\n"
)


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("plain.txt", ENGLISH.encode("utf-8"), ENGLISH),
        ("bom.txt", codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), ENGLISH),
        ("notes.md", ("# Heading\n\n" + ENGLISH).encode("utf-8"), "# Heading\n\n" + ENGLISH),
        ("cyrillic.txt", RUSSIAN.encode("cp1251"), RUSSIAN),
        ("western.txt", FRENCH.encode("latin-1"), FRENCH),
        ("wide.txt", ENGLISH.encode("utf-16"), ENGLISH),
    ],
)
def test_read_inputs_keeps_text_exactly_as_decoded(
    write_file: Callable[[str, bytes | str], Path],
    read_one: Callable[..., Document | Rejection],
    name: str,
    data: bytes,
    text: str,
) -> None:
    path = write_file(name, data)
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.text == text
    assert (document.name, document.origin, document.format) == (path.stem, str(path), path.suffix[1:])


@pytest.mark.parametrize(
    ("data", "language", "status"),
    [
        (ENGLISH.encode("utf-8"), "en", "analysed"),
        (RUSSIAN.encode("cp1251"), "ru", "not analysed: language not supported (ru)"),
        (FRENCH.encode("latin-1"), "fr", "not analysed: language not supported (fr)"),
    ],
)
def test_read_inputs_marks_unsupported_languages(
    write_file: Callable[[str, bytes | str], Path],
    read_one: Callable[..., Document | Rejection],
    data: bytes,
    language: str,
    status: str,
) -> None:
    document = read_one(write_file("doc.txt", data))
    assert isinstance(document, Document)
    assert (document.language, document.status) == (language, status)


def test_read_inputs_analyses_languages_named_in_options(
    write_file: Callable[[str, bytes | str], Path], read_one: Callable[..., Document | Rejection]
) -> None:
    document = read_one(write_file("doc.txt", RUSSIAN), Options(languages=frozenset({"en", "ru"})))
    assert isinstance(document, Document) and document.analysed


def test_read_inputs_fills_metadata_from_the_text(
    write_file: Callable[[str, bytes | str], Path], read_one: Callable[..., Document | Rejection]
) -> None:
    text = "Ferry fares to rise\nBy Johan Ekdahl\n12 January 2021\n\nThe operator blamed fuel costs.\n"
    document = read_one(write_file("fares.txt", text))
    assert isinstance(document, Document)
    assert (document.title, document.author, document.published) == (
        "Ferry fares to rise",
        "Johan Ekdahl",
        "2021-01-12",
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b" \n\t\r\n  \n", "empty input"),
        (codecs.BOM_UTF8 + b"\n\n", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary input"),
        (b"\x00\x01\x02" + bytes(range(256)) * 8, "binary input"),
    ],
)
def test_read_inputs_rejects_files_without_text(
    write_file: Callable[[str, bytes | str], Path],
    read_one: Callable[..., Document | Rejection],
    data: bytes,
    reason: str,
) -> None:
    path = write_file("bad.txt", data)
    rejection = read_one(path)
    assert isinstance(rejection, Rejection)
    assert rejection.origin == str(path)
    assert rejection.reason.startswith(reason) and str(path) in rejection.reason


def test_read_inputs_rejects_too_large_file_before_reading(
    write_file: Callable[[str, bytes | str], Path], read_one: Callable[..., Document | Rejection]
) -> None:
    path = write_file("long.txt", ENGLISH * 200)
    rejection = read_one(path, Options(max_size_mb=0.001))
    assert isinstance(rejection, Rejection)
    assert rejection.reason.startswith(f"too large: {path} is")
