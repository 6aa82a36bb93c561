"""A hand-built knowledge base for the timeline and graph tests: two states whose names are hostile markup.

One document has Ruritania's (hostile-named) ministry say that Ruritania
delivered rifles to Freedonia in March 2024; another has Freedonia deny it.
The store is written and linked through the real store and linker, so it has
real entities, one disputed story and both kinds of graph edge.
"""

from __future__ import annotations

from pathlib import Path

from claimtrace.link.corpus import link_corpus
from claimtrace.model import Attribution, Document, EventClaim, Mention, Segment
from claimtrace.store import open_store

RURITANIA = "Ruri</script><script>alert('name')</script><!--tania"
FREEDONIA = 'Free"donia <img src=x onerror=alert(1)> & Co'
MINISTRY = "Ministry <b onmouseover=alert(2)>of</b> Defence"


def _document(name: str, sentence: str, parts: dict[str, tuple[str, str, str]], source: str,
              content_from: str, polarity: str) -> Document:
    """One document of one sentence; ``parts`` maps the text of each mention to (key, name, type)."""
    document = Document(name=name, text=sentence, origin=f"/hand/{name}.txt", format="txt", title=name,
                        published="2024-04-02", language="en")
    document.segments = [Segment(document.id, "article", 0, len(sentence))]
    after = 0
    for text, (key, entity_name, entity_type) in parts.items():
        start = sentence.index(text, after)
        document.mentions.append(Mention(start, start + len(text), text, "GPE", key, entity_name,
                                         entity_type))  # type: ignore[arg-type]
        after = start + len(text)
    source_key = parts[source][0]
    content = (sentence.index(content_from), len(sentence) - 1)
    cue = "denied" if polarity == "negative" else "said"
    cue_start = sentence.index(cue)
    attribution = Attribution(document.id, content, parts[source][1], "government", cue,
                              (cue_start, cue_start + len(cue)), polarity,  # type: ignore[arg-type]
                              source_span=(sentence.index(source), sentence.index(source) + len(source)),
                              source_key=source_key)
    trigger = sentence.index("deliver")
    document.attributions = [attribution]
    document.event_claims = [EventClaim(
        document.id, "arms_transfer", evidence=(0, len(sentence)), trigger=(trigger, trigger + 9),
        source=parts[source][1], source_type="government", polarity=polarity,  # type: ignore[arg-type]
        arguments={"agent": RURITANIA, "recipient": FREEDONIA, "item": "rifles"},
        argument_keys={"agent": "country:RX", "recipient": "country:FX"}, time="2024-03",
        time_text="in March 2024", attribution_id=attribution.id)]
    return document


def write_visual_store(path: Path) -> Path:
    """Write and link the two documents into a new store at ``path``."""
    ruritania = ("country:RX", RURITANIA, "place")
    freedonia = ("country:FX", FREEDONIA, "place")
    claim = f"{RURITANIA} delivered rifles to {FREEDONIA} in March 2024."
    said = _document("ministry-statement", f"The {MINISTRY} said that {claim}",
                     {MINISTRY: ("org:ministry@rx", MINISTRY, "government"), RURITANIA: ruritania,
                      FREEDONIA: freedonia}, MINISTRY, RURITANIA, "positive")
    denied = _document("freedonia-denial", f"{FREEDONIA} denied that {claim}",
                       {FREEDONIA: freedonia, RURITANIA: ruritania}, FREEDONIA, RURITANIA, "negative")
    with open_store(path) as store:
        for document in (said, denied):
            store.write_document(document)
        link_corpus(store, similarity=False)
    return path
