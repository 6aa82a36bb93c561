"""Roles with time: written with their document, read back whole, found by entity."""

from __future__ import annotations

from claimtrace.model import Entity, Role
from claimtrace.store import Store


def with_roles(document, *roles: tuple[str, str, str | None, str | None, bool]):
    """The document with roles of the made-up minister Arvid Holm: (title, affiliation, time, until, current)."""
    key = "person:arvid holm"
    document.roles = [
        Role(document.id, key, "Arvid Holm", title, affiliation, f"country:{affiliation}" if affiliation else None,
             time, until, current, (0, 8))
        for title, affiliation, time, until, current in roles
    ]
    return document


def test_write_document_roles_read_back_exactly(store: Store, make_document):
    document = with_roles(make_document(1), ("Minister of Ports", "Norland", "2021-03", None, True),
                          ("head of the naval staff", None, None, "2021-03", False))
    store.write_document(document)
    assert store.load_document(document.id).roles == document.roles


def test_write_document_again_replaces_its_roles(store: Store, make_document):
    document = with_roles(make_document(2), ("Minister of Ports", "Norland", "2021-03", None, True))
    store.write_document(document)
    store.write_document(document)
    with_roles(document, ("Minister of Fisheries", "Norland", "2021-03", None, True))
    store.write_document(document)
    assert [r.title for r in store.load_document(document.id).roles] == ["Minister of Fisheries"]


def test_roles_of_entity_two_titles_at_two_times(store: Store, make_document):
    earlier = with_roles(make_document(3), ("Minister of Defence", "Norland", "2018", None, True))
    later = with_roles(make_document(4), ("Minister of Ports", "Norland", "2021-03", None, True))
    store.write_document(later)
    store.write_document(earlier)
    roles = store.roles("person:arvid holm")
    assert [(r.title, r.time) for r in roles] == [("Minister of Defence", "2018"), ("Minister of Ports", "2021-03")]


def test_roles_of_entity_follow_merged_keys(store: Store, make_document):
    document = with_roles(make_document(5), ("Minister of Ports", "Norland", "2021-03", None, True))
    for role in document.roles:
        role.person_key = "person:arvid kholm"
    store.write_document(document)
    store.replace_links([Entity("person:arvid holm", "Arvid Holm", "person", aliases=["person:arvid kholm"])], [], [])
    assert [r.title for r in store.roles("person:arvid holm")] == ["Minister of Ports"]
    assert [r.title for r in store.roles("person:arvid kholm")] == ["Minister of Ports"]
    assert store.roles("person:somebody else") == []


def test_roles_of_entity_undated_role_first_on_both_engines(store: Store, make_document):
    dated = with_roles(make_document(6), ("Minister of Ports", "Norland", "2021-03", None, True))
    undated = with_roles(make_document(7), ("spokesman of the navy", "Norland", None, None, False))
    store.write_document(dated)
    store.write_document(undated)
    assert [r.title for r in store.roles("person:arvid holm")] == ["spokesman of the navy", "Minister of Ports"]
