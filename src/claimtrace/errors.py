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


class StoreUnwritable(ClaimtraceError):
    """The store's file or disk refuses every write (full, read-only, failing), not just one document's.

    Not a StoreError on purpose: a run that records a bad document as rejected
    and goes on must stop here instead, as every later write would fail too.
    """


class SearchError(ClaimtraceError):
    """A search cannot be run as asked: the query or a filter is malformed."""


class ExportError(ClaimtraceError):
    """An export cannot be written: a library it needs is missing, or the asked options conflict."""


class ClusterError(ClaimtraceError):
    """The Dask cluster of a distributed ingest cannot be started, reached or kept working."""


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
    E026 = ("store {path} refused to write {what}: {detail}. Nothing was half-written and what was stored "
            "before is intact: {fix}, then run the same command again to go on where it stopped")
    E030 = "cannot fetch {url}: {detail}"
    E031 = "not a feed: {url}: {detail} (expected RSS or Atom)"
    E032 = "no text: feed item {origin}: its page gave no article text ({detail}) and the feed has no summary for it"
    E040 = ("nothing to search for in {query!r}: type a word, a \"phrase\" or a prefix* "
            "(or choose a filter)")
    E041 = "the search {query!r} only excludes words: add a word to find, as in 'tanks -rumour'"
    E042 = "the search has {count}, over the limit of {limit}: shorten it"
    E043 = ("no entity {entity!r} in this knowledge base: give an entity's key or name "
            "as 'claimtrace entities' lists it")
    E044 = "unknown event type {value!r}; known types: {known}"
    E045 = "bad date {value!r} for {what}: write YYYY, YYYY-MM or YYYY-MM-DD"
    E046 = "the search starts ({since}) after it ends ({until}): swap the dates"
    E047 = "bad search {what} {value!r}: expected {expected}"
    E048 = "no register page {value!r}: the register has pages 1 to {last}"
    E060 = ("the FollowTheMoney export needs the followthemoney library, which is not installed: "
            "pip install 'claimtrace[ftm]'")
    E070 = ("distributed ingest needs Dask, which is not installed: "
            "pip install 'claimtrace[scale]' (or run without --workers and --scheduler)")
    E071 = "cannot {doing} the Dask cluster {where}: {detail}"
    E072 = "no Dask worker at the scheduler {address} for {seconds:.0f} s: start workers there, or use --workers N"
    E073 = "worker died: {origin}: the Dask worker {doing} it died, and again when it was retried alone; not stored"
    E074 = "bad cluster options: {detail}"
