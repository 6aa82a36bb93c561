"""Voices: one source as a reader counts it, across descriptions, groups and spokespeople."""

import pytest

from claimtrace.link.voices import group_head, spoken_for, voices_of
from claimtrace.model import AUTHOR, EventClaim


def claim(doc: str, source: str, source_type: str, start: int, polarity: str = "positive") -> EventClaim:
    return EventClaim(doc_id=doc, type="arms_transfer", evidence=(start, start + 10), trigger=(start, start + 4),
                      source=source, source_type=source_type, polarity=polarity, certainty="certain",
                      arguments={"agent": "Valdoria", "recipient": "Ostrenia"}, time="2023-05")


@pytest.mark.parametrize("source, body", [
    ("a spokesman for the Ministry of Defence", "the Ministry of Defence"),
    ("the ministry's press service", "the ministry"),
    ("Defence Ministry spokesman", "Defence Ministry"),
    ("the Ministry of Defence spokesperson", "the Ministry of Defence"),
    ("an official representative of the Border Agency", "the Border Agency"),
    ("a spokesman", None),
    ("Ilse Vardmann", None),
])
def test_spoken_for_finds_the_body_behind_a_spokesperson(source, body):
    assert spoken_for(source) == body


@pytest.mark.parametrize("source, group", [
    ("channels", ("channels", frozenset())),
    ("Several Telegram channels", ("channels", frozenset({"telegram"}))),
    ("our insiders", ("insiders", frozenset())),
    ("the Valdorian press", ("press", frozenset({"valdorian"}))),
    ("Reuters", None),
    ("the Ministry of Defence", None),
    ("Ilse Vardmann", None),
])
def test_group_head_reads_unnamed_groups(source, group):
    assert group_head(source) == group


def test_a_headline_group_and_the_bodys_named_group_are_one_voice():
    claims = [claim("d1", "channels", "media", 0), claim("d1", "Several Telegram channels", "media", 40),
              claim("d1", AUTHOR, "author", 80)]
    assert len(voices_of(claims)) == 2


def test_groups_with_different_names_or_documents_stay_apart():
    claims = [claim("d1", "the Valdorian press", "media", 0), claim("d1", "the Ostrenian press", "media", 40),
              claim("d2", "the Valdorian press", "media", 0)]
    assert len(voices_of(claims)) == 3


def test_a_bare_group_joins_only_a_single_modified_group_of_its_head():
    claims = [claim("d1", "the Valdorian press", "media", 0), claim("d1", "the Ostrenian press", "media", 40),
              claim("d1", "the press", "media", 80)]
    assert len(voices_of(claims)) == 3


def test_a_spokesperson_speaks_for_the_ministry_across_documents():
    claims = [claim("d1", "Ministry of Defence", "government", 0, "negative"),
              claim("d2", "a spokesman for the Ministry of Defence", "government", 0, "negative"),
              claim("d3", "Evening Courier", "media", 0)]
    voices = voices_of(claims)
    assert [len(voice.claims) for voice in voices] == [2, 1]
