from __future__ import annotations

from claimtrace.model import Document, Segment
from claimtrace.stance.check import check_claim
from claimtrace.store import Store


def _document(name: str, text: str, comment: str | None = None) -> Document:
    document = Document(name=name, text=text if comment is None else text + "\n\n" + comment,
                        origin=f"{name}.txt", format="txt")
    segments = [Segment(document.id, "article", 0, len(text))]
    if comment is not None:
        segments.append(Segment(document.id, "comment", len(text) + 2, len(document.text), author="reader"))
    document.segments = segments
    return document


def test_check_claim_ranks_related_documents_and_drops_unrelated(store: Store, shipped_model, fnc_bodies) -> None:
    store.write_document(_document("sale", fnc_bodies["1"]))
    store.write_document(_document("denial", fnc_bodies["2"]))
    store.write_document(_document("bakery", fnc_bodies["4"]))
    matches = check_claim("Navy frigate Aurora sold to Chile", store, shipped_model)
    assert {m.document for m in matches} == {"sale", "denial"}
    assert all(m.evidence and m.stance in ("agree", "disagree", "discuss") for m in matches)


def test_check_claim_judges_comments_on_their_own(store: Store, shipped_model, fnc_bodies) -> None:
    comment = "Nonsense. The frigate Aurora was never sold to Chile, that story is a hoax and the ministry denied it."
    store.write_document(_document("thread", fnc_bodies["4"], comment))
    matches = check_claim("Navy frigate Aurora sold to Chile", store, shipped_model, include_unrelated=True)
    kinds = {m.segment_kind: m.stance for m in matches}
    assert kinds["comment"] != "unrelated" and kinds["article"] == "unrelated"
    assert matches[0].segment_kind == "comment"


def test_check_claim_on_empty_store_is_empty(store: Store, shipped_model) -> None:
    assert check_claim("Any claim", store, shipped_model) == []
