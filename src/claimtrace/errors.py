"""The exceptions claimtrace raises, and the catalogue of their messages.

Only the CLI turns these into exit codes and one-line messages; library code
raises them with the offending value and a hint on how to fix it.
"""

from __future__ import annotations


class ClaimtraceError(Exception):
    """Base class of every error claimtrace raises on purpose."""


class InputRejected(ClaimtraceError):
    """An input cannot be read as a document; the message is the one-line reason."""


class OntologyError(ClaimtraceError):
    """A data file of the ontology is malformed; the message names the file and entry."""


class StoreError(ClaimtraceError):
    """The store cannot be opened, migrated or written."""


class Messages:
    """Message templates, one place for wording (spaCy's errors.py)."""

    E001 = "empty input: {origin} has no text"
    E002 = "binary input: {origin} looks like binary data ({detail}), not text"
    E003 = "undecodable input: {origin} is not text in any encoding claimtrace recognises"
    E004 = "too large: {origin} is {size_mb:.1f} MB, over the limit of {limit_mb:.0f} MB (raise it with --max-size)"
    E005 = "unreadable: {origin}: {detail}"
    E006 = "no main text: {origin} is HTML but no article text could be extracted from it"
    E007 = "bad JSONL record: {origin}: {detail}"
    E008 = "unsupported file type: {origin} (expected .txt, .md, .html, .htm or .jsonl)"
    E010 = "ontology file {file}: entry {entry!r}: {detail}"
    E020 = "cannot open store {path}: {detail}"
    E021 = "store {path} has schema version {found}, newer than this claimtrace ({known}); upgrade claimtrace"
    E022 = "cannot write {what} to store {path}: {detail}"
    E023 = ("store {path}: {table} row has id {stored!r} but its content gives {computed!r}; "
            "the store was written by another claimtrace, re-ingest into a new store")
    E024 = "no document {doc_id!r} in store {path}"
    E025 = "cannot write document {doc_id} ({origin}): its {kind} has doc_id {found!r}, not the document's id"
