"""The evaluation export: the shape and values that eval/SCHEMA.md asks for."""

from __future__ import annotations

import json

import pytest

from claimtrace.export.evaluation import build_eval_export, write_eval_export
from claimtrace.model import AUTHOR, Attribution, Contradiction, Document, Entity, EventClaim, Story

NEWS = "Zorvath denied that Atlantis shipped rifles to Borduria. The shipment of rifles reached Borduria."
BLOG = "Atlantis and Borduria held talks in Évora. No rifles were shipped."


def corpus() -> tuple[list[Document], list[Entity], list[Story], list[Contradiction]]:
    news = Document(name="news-item", text=NEWS, origin="in/news-item.txt", format="txt", published="2021-05-02")
    blog = Document(name="blog-post", text=BLOG, origin="in/blog-post.txt", format="txt")
    news.attributions = [Attribution(doc_id=news.id, content=(20, 55), source="Zorvath", source_type="person",
                                     cue="denied", cue_span=(8, 14), polarity="negative")]
    denial = EventClaim(doc_id=news.id, type="arms_transfer", evidence=(20, 55), trigger=(34, 41), source="Zorvath",
                        source_type="person", polarity="negative",
                        arguments={"agent": "Atlantis", "recipient": "Borduria", "item": "rifles"}, time="2021")
    shipment = EventClaim(doc_id=news.id, type="arms_transfer", evidence=(57, 97), trigger=(61, 69), source=AUTHOR,
                          source_type="author", arguments={"recipient": "Borduria", "item": "rifles"},
                          time="2021-05", time_end="2021-06")
    talks = EventClaim(doc_id=blog.id, type="meeting", evidence=(0, 46), trigger=(30, 35), source=AUTHOR,
                       source_type="author", arguments={"agent": "Atlantis", "recipient": "Borduria",
                                                        "location": "Évora"}, certainty="probable")
    blog_denial = EventClaim(doc_id=blog.id, type="arms_transfer", evidence=(47, 67), trigger=(58, 65),
                             source=AUTHOR, source_type="author", polarity="negative")
    news.event_claims = [shipment, denial]
    blog.event_claims = [talks, blog_denial]
    entities = [Entity(key="country:BD", name="Borduria", type="place",
                       mentions=[(news.id, 48, 56), (blog.id, 13, 21), ("elsewhere", 0, 8)]),
                Entity(key="person:zorvath", name="Zorvath", type="person", mentions=[("elsewhere", 1, 2)]),
                Entity(key="country:AT", name="Atlantis", type="place", mentions=[(blog.id, 0, 8), (news.id, 25, 33)])]
    for entity in entities:
        entity.mentions = [(doc, start, end, "form") for doc, start, end in entity.mentions]
    stories = [Story(id="s1", type="arms_transfer", label="arms transfer", claim_ids=[shipment.id, denial.id,
                                                                                    blog_denial.id]),
               Story(id="s2", type="meeting", label="meeting", claim_ids=[talks.id])]
    contradictions = [Contradiction("s1", *sorted((denial.id, shipment.id)), "contradiction", "x"),
                      Contradiction("s1", *sorted((shipment.id, blog_denial.id)), "contradiction", "y"),
                      Contradiction("s1", *sorted((denial.id, blog_denial.id)), "tension", "z")]
    return [news, blog], entities, stories, contradictions


def test_build_eval_export_has_the_four_layers():
    data = build_eval_export(*corpus())
    assert set(data) == {"documents", "entities", "stories", "contradictions"}
    assert [d["doc"] for d in data["documents"]] == ["blog-post", "news-item"]
    assert all(set(d) == {"doc", "attributions", "event_claims"} for d in data["documents"])


def test_build_eval_export_writes_attributions_as_in_the_schema():
    news = build_eval_export(*corpus())["documents"][1]
    assert news["attributions"] == [{"content": [20, 55], "source": "Zorvath", "source_type": "person",
                                     "cue": "denied", "polarity": "negative"}]


def test_build_eval_export_writes_event_claims_with_their_arguments():
    documents = corpus()[0]
    exported = build_eval_export(*corpus())["documents"]
    blog, news = exported
    denial, shipment = news["event_claims"]  # in the order of the text
    assert shipment == {"id": documents[0].event_claims[0].id, "type": "arms_transfer", "evidence": [57, 97],
                        "source": AUTHOR, "agent": None, "recipient": "Borduria", "item": "rifles",
                        "polarity": "positive", "certainty": "certain", "time": "2021-05", "time_end": "2021-06"}
    assert denial["source"] == "Zorvath" and denial["agent"] == "Atlantis" and denial["polarity"] == "negative"
    talks, blog_denial = blog["event_claims"]
    assert talks["location"] == "Évora" and talks["certainty"] == "probable" and talks["time"] is None
    assert set(blog_denial) == {"id", "type", "evidence", "source", "agent", "recipient", "polarity", "certainty",
                                "time"}


def test_build_eval_export_maps_entity_mentions_to_document_names():
    entities = build_eval_export(*corpus())["entities"]
    assert entities == [{"name": "Atlantis", "type": "place", "mentions": [["blog-post", 0, 8],
                                                                          ["news-item", 25, 33]]},
                        {"name": "Borduria", "type": "place", "mentions": [["blog-post", 13, 21],
                                                                          ["news-item", 48, 56]]}]


def test_build_eval_export_keeps_stories_of_two_claims_and_contradictions_proper():
    documents, entities, stories, contradictions = corpus()
    data = build_eval_export(documents, entities, stories, contradictions)
    shipment, denial = documents[0].event_claims
    blog_denial = documents[1].event_claims[1]
    refs = {shipment.id: f"news-item#{shipment.id}", denial.id: f"news-item#{denial.id}",
            blog_denial.id: f"blog-post#{blog_denial.id}"}
    assert data["stories"] == [sorted(refs.values())]
    assert sorted(map(frozenset, data["contradictions"]), key=sorted) == sorted(
        [frozenset({refs[shipment.id], refs[denial.id]}), frozenset({refs[shipment.id], refs[blog_denial.id]})],
        key=sorted)


def test_write_eval_export_is_utf8_json_and_deterministic(tmp_path):
    data = build_eval_export(*corpus())
    first = write_eval_export(data, tmp_path / "out" / "eval.json")
    text = first.read_text(encoding="utf-8")
    assert "Évora" in text and "\\u" not in text
    assert text.startswith('{\n "contradictions"')
    assert json.loads(text) == data
    again = write_eval_export(build_eval_export(*corpus()), tmp_path / "again.json")
    assert again.read_bytes() == first.read_bytes()


def test_build_eval_export_refuses_two_documents_with_one_name():
    documents, entities, stories, contradictions = corpus()
    documents[1].name = "news-item"
    with pytest.raises(ValueError, match="news-item"):
        build_eval_export(documents, entities, stories, contradictions)


def test_build_eval_export_refuses_an_argument_that_clashes_with_a_field():
    documents, entities, stories, contradictions = corpus()
    documents[0].event_claims[0].arguments["time"] = "yesterday"
    with pytest.raises(ValueError, match="time"):
        build_eval_export(documents, entities, stories, contradictions)
