"""Bytes to text: UTF-8 first, then a byte-order mark, then charset detection; binary data is refused.

The text is returned exactly as decoded (no newline normalisation, nothing
stripped), because every offset claimtrace reports indexes into it. A UTF-8
byte-order mark is dropped: it is an encoding marker, not text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from claimtrace.errors import InputRejected, Messages

MAGIC_NUMBERS: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "ZIP archive (or DOCX/XLSX/EPUB)",
    b"\x7fELF": "ELF executable",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"\x1f\x8b": "gzip archive",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ\x00": "xz archive",
    b"7z\xbc\xaf\x27\x1c": "7-Zip archive",
    b"Rar!\x1a\x07": "RAR archive",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "MS Office document",
    b"MZ": "Windows executable",
    b"SQLite format 3\x00": "SQLite database",
    b"OggS": "Ogg media",
    b"ID3": "MP3 audio",
}
BOMS: list[tuple[bytes, str]] = [  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
SAMPLE_BYTES = 8192
MAX_CONTROL_RATIO = 0.05  # share of control bytes above which data is binary, not text
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_TEXT_CONTROLS = set("\t\n\r\x0b\x0c\x1b")
# Latin letters of the major languages written with Latin script, and typography seen in news text.
COMMON_NON_ASCII = set(
    "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿßœšžÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞŸŒŠŽ"
    "ąćęłńśźżĄĆĘŁŃŚŹŻčďěňřťůČĎĚŇŘŤŮőűŐŰăîșțşţĂÎȘȚŞŢğıİĞđĐ"
    "“”‘’„‚«»‹›–—…•·°§€£¥©®™\u00a0"
)
PREFERRED_ENCODINGS = [  # charset-normalizer's names, most common on the web first
    "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1250", "iso8859_2", "cp1254", "iso8859_9",
    "cp1253", "iso8859_7", "cp1256", "cp1255", "gb18030", "gb2312", "big5", "shift_jis", "euc_jp", "euc_kr",
    "koi8_u", "iso8859_5", "mac_cyrillic", "cp1257", "iso8859_13",
]  # fmt: skip


def binary_kind(data: bytes) -> str | None:
    """Why `data` looks binary ("PNG image", "NUL bytes", ...), or None when it may be text."""
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    for magic, kind in MAGIC_NUMBERS.items():
        if data.startswith(magic):
            if kind == "Windows executable" and b"PE\x00\x00" not in data[:1024]:
                continue  # a text that happens to start with "MZ"
            return kind
    sample = data[:SAMPLE_BYTES]
    if b"\x00" in sample and _utf16_without_bom(sample) is None:
        return "NUL bytes"
    if sample and len(_CONTROL_BYTES.findall(sample)) / len(sample) > MAX_CONTROL_RATIO:
        if _utf16_without_bom(sample) is None:
            return "control characters"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when NUL bytes sit where UTF-16 puts them for Latin text."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) / len(zeros) > 0.6 and other.count(0) / max(len(other), 1) < 0.05:
            return encoding
    return None


def _control_ratio(text: str) -> float:
    sample = text[:SAMPLE_BYTES]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS)
    return controls / max(len(sample), 1)


def _declared_first(data: bytes, declared: str | None) -> str | None:
    if declared is None:
        return None
    try:
        text = data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None
    return text


def decode_bytes(data: bytes, origin: str, *, declared: str | None = None) -> str:
    """The text in `data`; raises InputRejected (E002 binary, E003 undecodable).

    `declared` is an encoding the container names (an HTML meta charset); it is
    tried after UTF-8 and before detection.
    """
    kind = binary_kind(data)
    if kind is not None:
        raise InputRejected(Messages.E002.format(origin=origin, detail=kind))
    text = _decode(data, declared)
    if text is None:
        raise InputRejected(Messages.E003.format(origin=origin))
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise InputRejected(Messages.E002.format(origin=origin, detail="control characters after decoding"))
    return text


def _decode(data: bytes, declared: str | None) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared_text = _declared_first(data, declared)
    if declared_text is not None:
        return declared_text
    utf16 = _utf16_without_bom(data[:SAMPLE_BYTES])
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            return None
    return _best_detected(data)


def _plausible_share(text: str) -> float:
    """Share of non-ASCII characters that are letters of a living language or common typography."""
    foreign = [ch for ch in text[:SAMPLE_BYTES] if ord(ch) > 127]
    if not foreign:
        return 1.0
    return sum(1 for ch in foreign if ch in COMMON_NON_ASCII or _non_latin_letter(ch)) / len(foreign)


def _non_latin_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L") and ord(ch) >= 0x370 and not 0x1E00 <= ord(ch) < 0x1F00


def _best_detected(data: bytes) -> str | None:
    """charset-normalizer's candidates, re-ranked: on short Latin-script texts its first guess
    is often a Baltic or DOS code page that turns "é" into "č" or "ü" into "³"."""
    candidates = []
    for rank, match in enumerate(from_bytes(data)):
        text = str(match)
        known = match.encoding in PREFERRED_ENCODINGS
        preference = PREFERRED_ENCODINGS.index(match.encoding) if known else len(PREFERRED_ENCODINGS)
        candidates.append((-_plausible_share(text), -round(match.coherence, 2), preference, rank, text))
    return min(candidates)[-1] if candidates else None
