"""Lines of a text with their offsets, so rules over lines can report str spans."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class Line:
    """One line of a text: `start`/`end` bound its content (line break excluded)."""

    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    """The lines of `text` (any of \\n, \\r\\n, \\r), offsets into `text`."""
    lines: list[Line] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        lines.append(Line(position, position + len(content), content))
        position += len(raw)
    return lines
