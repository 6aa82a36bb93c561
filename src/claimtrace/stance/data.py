"""Headline/body pairs: FNC-1 and Emergent readers, and a split that shares no topic between its parts."""

from __future__ import annotations

import csv
import random
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimtrace.errors import ClaimtraceError

STANCES = ("agree", "disagree", "discuss", "unrelated")
RELATED = ("agree", "disagree", "discuss")
EMERGENT_STANCES = {"for": "agree", "against": "disagree", "observing": "discuss"}

csv.field_size_limit(sys.maxsize)


class StanceDataError(ClaimtraceError):
    """A stance data file is missing a column, a body or has an unknown label."""


@dataclass(slots=True)
class StancePair:
    """A claim (headline) and a text (article body) whose stance towards it is known or wanted."""

    headline: str
    body_id: str
    body: str
    stance: str | None = None


def read_fnc(stances_csv: str | Path, bodies_csv: str | Path) -> list[StancePair]:
    """Pairs of FNC-1-format files: stances (Headline, Body ID, optional Stance) and bodies (Body ID, articleBody)."""
    bodies = {row["Body ID"]: row["articleBody"] for row in _rows(bodies_csv, ("Body ID", "articleBody"))}
    pairs = []
    for number, row in enumerate(_rows(stances_csv, ("Headline", "Body ID")), start=2):
        body_id = row["Body ID"]
        if body_id not in bodies:
            raise StanceDataError(f"{stances_csv}: line {number}: Body ID {body_id!r} is not in {bodies_csv}")
        stance = (row.get("Stance") or "").strip().lower() or None
        if stance is not None and stance not in STANCES:
            raise StanceDataError(f"{stances_csv}: line {number}: stance {stance!r} is not one of {', '.join(STANCES)}")
        pairs.append(StancePair(row["Headline"], body_id, bodies[body_id], stance))
    return pairs


def write_fnc_predictions(path: str | Path, pairs: Sequence[StancePair], stances: Sequence[str]) -> None:
    """The stances file again (Headline, Body ID) with the predicted Stance column."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        for pair, stance in zip(pairs, stances, strict=True):
            writer.writerow([pair.headline, pair.body_id, stance])


def read_emergent(path: str | Path) -> list[StancePair]:
    """Emergent rows as pairs: claim = claimHeadline, text = articleHeadline, stance mapped to FNC's labels."""
    pairs = []
    for number, row in enumerate(_rows(path, ("claimHeadline", "articleHeadline", "articleHeadlineStance")), start=2):
        label = row["articleHeadlineStance"].strip()
        if label not in EMERGENT_STANCES:
            raise StanceDataError(f"{path}: line {number}: stance {label!r} is not one of for, against, observing")
        pairs.append(StancePair(row["claimHeadline"], row.get("articleId") or str(number),
                                row["articleHeadline"], EMERGENT_STANCES[label]))
    return pairs


def story_of(pairs: Sequence[StancePair]) -> dict[str, str]:
    """Each headline ("h:" + text) and body ("b:" + id) mapped to its story.

    A story is a connected component of the graph whose edges are the related
    pairs: a headline and a body that agree, disagree or discuss.
    """
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pair in pairs:
        head, body = find("h:" + pair.headline), find("b:" + pair.body_id)
        if pair.stance in RELATED and head != body:
            parent[head] = body
    return {node: find(node) for node in list(parent)}


def topic_split(pairs: Sequence[StancePair], test_fraction: float = 0.2,
                seed: int = 1) -> tuple[list[StancePair], list[StancePair]]:
    """Train and test parts that share no headline, no body and no story.

    Whole stories (see :func:`story_of`) go to one part; unrelated pairs that
    would mix the parts are dropped.
    """
    stories: dict[str, list[str]] = defaultdict(list)
    for node, root in story_of(pairs).items():
        stories[root].append(node)
    roots = sorted(stories)
    random.Random(seed).shuffle(roots)
    target, test_nodes = test_fraction * sum(map(len, stories.values())), set[str]()
    for root in roots:
        if len(test_nodes) >= target:
            break
        test_nodes.update(stories[root])
    train, test = [], []
    for pair in pairs:
        sides = ("h:" + pair.headline in test_nodes, "b:" + pair.body_id in test_nodes)
        if sides == (True, True):
            test.append(pair)
        elif sides == (False, False):
            train.append(pair)
    return train, test


def fill_unrelated(pairs: Sequence[StancePair], share: float, seed: int = 1) -> list[StancePair]:
    """The pairs plus unrelated ones (a headline with a body of another story) until ``share`` of them are unrelated.

    FNC-1 made its unrelated pairs the same way; a topic split drops most of
    them, so the test part is refilled to the competition's proportion.
    """
    stories = story_of(pairs)
    headlines = sorted({p.headline for p in pairs})
    bodies = sorted({(p.body_id, p.body) for p in pairs})
    seen = {(p.headline, p.body_id) for p in pairs}
    out, rng = list(pairs), random.Random(seed)
    wanted = int((share * len(out) - sum(p.stance == "unrelated" for p in out)) / (1 - share))
    attempts = 0
    while wanted > 0 and attempts < 50 * len(pairs):
        attempts += 1
        headline, (body_id, body) = rng.choice(headlines), rng.choice(bodies)
        if (headline, body_id) in seen or stories["h:" + headline] == stories["b:" + body_id]:
            continue
        seen.add((headline, body_id))
        out.append(StancePair(headline, body_id, body, "unrelated"))
        wanted -= 1
    return out


def _rows(path: str | Path, required: Iterable[str]) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [name for name in required if name not in (reader.fieldnames or [])]
            if missing:
                raise StanceDataError(f"{path}: missing column(s) {', '.join(missing)}; "
                                      f"found {', '.join(reader.fieldnames or []) or 'no header'}")
            return list(reader)
    except OSError as error:
        raise StanceDataError(f"cannot read {path}: {error.strerror or error}") from error
