"""Article-length synthetic news documents for claimtrace's throughput, memory and scale benchmarks.

Usage (from the repository root):

    .venv/bin/python benchmarks/synthetic_corpus.py --docs 2000 --out DIR [--seed 0]

writes DIR/doc-000000.txt, DIR/doc-000001.html, ... and prints what it wrote. As a library
(``import benchmarks.synthetic_corpus`` from the repository root, or by path)::

    from benchmarks.synthetic_corpus import generate_documents, write_corpus

    for doc in generate_documents(100, seed=0, start=0):   # SyntheticDocument, lazily
        doc.filename, doc.content, doc.text
    paths = write_corpus(Path("corpus"), 2000, seed=0)

Document ``i`` of a seed is the same whichever slice it is generated in (its random
generator is seeded with the seed and ``i``), so workers can each generate a part.

Each document is about one incident (an arms transfer, talks, a deployment, training, an
export ban, cargo flights, a court case, an appointment or a budget) between two of 54 real
states, with invented people, ministries, outlets and companies; about five documents cover
each incident, from different outlets, some asserting it and some carrying the denial, so
linking has stories and contradictions to find. Incidents are 3.7 days apart from 1 January
1985 on: the corpus moves forward in time as a feed does, so once it spans the years a claim
can be about (about 1,500 documents), what a new document is compared with stops growing;
20,000 documents reach mid-2025, and every date stays in the past (a reader takes a date
after today in a text for a plan, not for the day it was published). The article (400 to 880 words) has a
headline, a byline or blog byline and a date line, often a dateline ("BAKU, March 3 (Steppe
Wire) —"), quotes with straight and typographic quotation marks, "according to" phrases,
denials, hedged claims, analysts with their institutes, background paragraphs about
neighbouring incidents and context sentences (visits, agreements, budgets, protests,
appointments). About a quarter carry a reader-comment thread; 30 % are HTML pages with
metadata and comment markup. The sentence templates and vocabulary are data, in
``synthetic_vocabulary.yaml`` beside this file.
"""

from __future__ import annotations

import argparse
import html
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

VOCABULARY = Path(__file__).with_name("synthetic_vocabulary.yaml")
DOCS_PER_INCIDENT = 5  # documents about one incident, on average
INCIDENT_SPREAD = 3  # a document is about an incident up to this many incidents away from its own slot
BACKGROUND_SPREAD = 40  # background paragraphs mention incidents this close
FIRST_DAY = date(1985, 1, 1)
DAYS_PER_TEN_INCIDENTS = 37  # incidents move forward in time (3.7 days apart), as a feed does
ARTICLE_WORDS = (400, 880)
HTML_SHARE = 0.3
COMMENT_SHARE = 0.25
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# How often each paragraph kind follows the lead, and how many sentences it has.
PARAGRAPH_WEIGHTS = {"assert": 3, "deny": 3, "hedge": 2, "according": 2, "noun": 1, "analysis": 2, "context": 3,
                     "background": 2}
EVENT_WEIGHTS = {"arms_transfer": 8, "arms_negotiation": 3, "military_deployment": 3, "military_training": 2,
                 "export_restriction": 2, "logistics_movement": 2, "legal_action": 1, "personnel_change": 1,
                 "military_spending": 1}


@dataclass(frozen=True, slots=True)
class SyntheticDocument:
    """One generated input file: its name, its content as written, and its plain text."""

    number: int
    suffix: str  # "txt" or "html"
    content: str  # the file as written (HTML markup for .html)
    text: str  # headline, paragraphs and comment bodies as plain text: what a reader (and spaCy) sees
    incident: int  # which incident it is about (documents sharing one are one story)

    @property
    def filename(self) -> str:
        return f"doc-{self.number:06d}.{self.suffix}"

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class State:
    name: str  # as running text writes it ("the United States")
    demonym: str
    capital: str

    @classmethod
    def from_row(cls, row: list[str]) -> State:
        return cls(row[3] if len(row) > 3 else row[0], row[1], row[2])


@dataclass(frozen=True, slots=True)
class Incident:
    """What happened (or is said to have), between whom, when, and who speaks about it."""

    number: int
    type: str
    sup: State
    rec: State
    third: State
    day: date
    people: dict[str, str]  # role -> full name
    fixed: dict[str, str]  # slots that stay the same in every document about the incident


@cache
def vocabulary() -> dict[str, Any]:
    """The templates and word lists, loaded once."""
    with VOCABULARY.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


class Slots(dict[str, str]):
    """Template values; ``NAME_cap`` is NAME with a capital first letter."""

    def __missing__(self, key: str) -> str:
        if key.endswith("_cap"):
            return _capitalise(self[key[:-4]])
        raise KeyError(key)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name(rng: random.Random) -> str:
    words = vocabulary()
    return f"{rng.choice(words['first_names'])} {rng.choice(words['surnames'])}"


@cache
def _incident(seed: int, number: int) -> Incident:
    rng = random.Random(f"{seed}:incident:{number}")
    words = vocabulary()
    sup, rec, third = (State.from_row(row) for row in rng.sample(words["states"], 3))
    singular, plural = rng.choice(words["items"])
    roles = ("minister_s", "minister_r", "spokes_s", "analyst", "mp", "president_r", "person", "person2")
    surnames = rng.sample(words["surnames"], len(roles))  # one surname per role: "Haddadin said" is unambiguous
    people = {role: f"{rng.choice(words['first_names'])} {surname}" for role, surname in zip(roles, surnames)}
    ministry = rng.choice(["Ministry of Defence", "Foreign Ministry", "Ministry of Industry"])
    fixed = {
        "items": plural, "item": singular, "qty": rng.choice(words["quantities"]),
        "troops": str(rng.choice([150, 300, 400, 800, 1200, 2500])), "flights": str(rng.randint(3, 40)),
        "pct": str(rng.randint(3, 35)), "amount": f"${rng.randint(12, 950)} million", "years": str(rng.randint(3, 14)),
        "company": rng.choice(words["companies"]), "airline": rng.choice(words["airlines"]),
        "ground": rng.choice(words["training_grounds"]), "think_tank": rng.choice(words["think_tanks"]),
        "ministry": ministry,
    }
    day = FIRST_DAY + timedelta(days=number * DAYS_PER_TEN_INCIDENTS // 10)
    event = rng.choices(list(EVENT_WEIGHTS), weights=list(EVENT_WEIGHTS.values()))[0]
    return Incident(number, event, sup, rec, third, day, people, fixed)


def _state(rng: random.Random, state: State) -> str:
    """A state as the press writes it: its name mostly, its capital or its government sometimes."""
    roll = rng.random()
    if roll < 0.72:
        return state.name
    if roll < 0.86:
        return state.capital
    return f"the {state.demonym} {rng.choice(['government', 'authorities'])}"


def _when(rng: random.Random, day: date, published: date) -> str:
    gap = (published - day).days
    choices = [f"on {day.day} {MONTHS[day.month - 1]}", f"in {MONTHS[day.month - 1]} {day.year}",
               f"in early {MONTHS[day.month - 1]}" if day.day <= 10 else f"in late {MONTHS[day.month - 1]}"]
    if gap <= 6:
        choices.append(f"on {WEEKDAYS[day.weekday()]}")
    elif gap <= 13:
        choices.append("last week")
    return rng.choice(choices)


def _ministry(rng: random.Random, incident: Incident, state: State) -> str:
    kind = incident.fixed["ministry"]
    short = {"Ministry of Defence": "Defence Ministry", "Foreign Ministry": "Foreign Ministry",
             "Ministry of Industry": "Industry Ministry"}[kind]
    return rng.choice([f"the {state.demonym} {kind}", f"{state.name}'s {short}",
                       f"the {kind.replace('Foreign Ministry', 'Ministry of Foreign Affairs')} of {state.name}"])


def _slots(rng: random.Random, incident: Incident, published: date, outlet: str) -> Slots:
    """Every template value for one sentence about ``incident``, with fresh choices of wording."""
    words, people = vocabulary(), incident.people
    sup, rec = incident.sup, incident.rec
    surname = {role: name.split()[-1] for role, name in people.items()}
    office = {"Ministry of Defence": "Defence Minister", "Foreign Ministry": "Foreign Minister",
              "Ministry of Industry": "Industry Minister"}[incident.fixed["ministry"]]
    ministry_s = _ministry(rng, incident, sup)
    slots = Slots(incident.fixed)
    slots.update(
        sup=_state(rng, sup), rec=_state(rng, rec), third=_state(rng, incident.third),
        sup_name=sup.name, rec_name=rec.name, sup_dem=sup.demonym, rec_dem=rec.demonym,
        sup_cap=sup.capital, rec_cap=rec.capital,
        when=_when(rng, incident.day, published), weekday=WEEKDAYS[published.weekday()],
        month=rng.choice(MONTHS), year_before=str(incident.day.year - rng.randint(1, 6)),
        agreement=rng.choice(words["agreements"]), crowd=rng.choice(words["crowds"]),
        year_old=str(incident.day.year - rng.randint(5, 20)),
        # Appositions carry their closing comma: these slots stand before a verb ("X, a fellow at Y, said").
        minister_s=rng.choice([f"{sup.demonym} {office} {people['minister_s']}", f"{office} {people['minister_s']}",
                               f"{sup.name}'s {office.lower()}, {people['minister_s']},"]),
        minister_s_short=surname["minister_s"],
        minister_r=rng.choice([f"{rec.demonym} Defence Minister {people['minister_r']}",
                               f"Defence Minister {people['minister_r']}"]),
        minister_r_short=surname["minister_r"],
        spokes_s=rng.choice([f"{people['spokes_s']}, a spokesperson for {ministry_s},",
                             f"ministry spokesman {people['spokes_s']}"]),
        spokes_s_short=surname["spokes_s"], ministry_s=ministry_s,
        ministry_r=_ministry(rng, incident, rec),
        analyst=f"{people['analyst']}, a senior fellow at the {incident.fixed['think_tank']},",
        analyst_last=f"{people['analyst']}, a senior fellow at the {incident.fixed['think_tank']}",
        analyst_short=surname["analyst"],
        mp=rng.choice([f"opposition lawmaker {people['mp']}", f"{people['mp']}, a member of parliament in {rec.name},"]),
        president_r=f"President {people['president_r']}", person=people["person"], person2=people["person2"],
        outlet=f"the {outlet}", outlet2=f"the {rng.choice(words['outlets'])}", sources=rng.choice(words["sources"]),
    )
    clauses = words["events"][incident.type]
    for key in ("claim", "neg", "hedged", "noun", "quote_assert", "quote_deny"):
        slots[key] = rng.choice(clauses[key]).format_map(slots)
    for key in ("quote_assert", "quote_deny"):  # a quote before its speaker ends in a comma: “...,” X said.
        slots[key] = slots[key].removesuffix(".") + ","
    return slots


@dataclass(slots=True)
class _Article:
    """The paragraphs of the article being written, and the frames already used."""

    paragraphs: list[str]
    used: set[str]

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def _sentence(rng: random.Random, kind: str, slots: Slots, used: set[str], opening: str = "") -> str:
    """A sentence of ``kind`` from a frame the article has not used yet (when all are used, any)."""
    frames = vocabulary()["frames"][kind]
    fresh = [frame for frame in frames if frame not in used]
    frame = rng.choice(fresh or frames)
    used.add(frame)
    return _capitalise(opening + frame.format_map(slots))


def _paragraph(rng: random.Random, kind: str, seed: int, incident: Incident, published: date, outlet: str,
               article: _Article) -> str:
    if kind == "background":
        other = max(0, incident.number + rng.randint(-BACKGROUND_SPREAD, BACKGROUND_SPREAD))
        about = _incident(seed, other if other != incident.number else other + 1)
        slots = _slots(rng, about, published, outlet)
        opening = rng.choice(vocabulary()["frames"]["background_opening"])
        first = _sentence(rng, rng.choice(["lead", "according"]), slots, article.used, opening)
        rest = [_sentence(rng, rng.choice(["deny", "assert", "context"]), slots, article.used)
                for _ in range(rng.randint(0, 2))]
        return " ".join([first, *rest])
    kinds = [kind] * rng.randint(1, 3) + (["context"] if rng.random() < 0.3 else [])
    return " ".join(_sentence(rng, k, _slots(rng, incident, published, outlet), article.used) for k in kinds)


def _article(rng: random.Random, seed: int, incident: Incident, published: date, outlet: str) -> list[str]:
    article = _Article([], set())
    target = rng.randint(*ARTICLE_WORDS)
    lead = _paragraph(rng, "lead", seed, incident, published, outlet, article)
    if rng.random() < 0.55:
        place = rng.choice([incident.sup.capital, incident.rec.capital]).upper()
        lead = f"{place}, {MONTHS[published.month - 1]} {published.day} ({outlet}) — {lead}"
    article.paragraphs.append(lead)
    kinds, weights = list(PARAGRAPH_WEIGHTS), list(PARAGRAPH_WEIGHTS.values())
    while article.words < target - 25:
        kind = rng.choices(kinds, weights=weights)[0]
        article.paragraphs.append(_paragraph(rng, kind, seed, incident, published, outlet, article))
    if rng.random() < 0.6:
        article.paragraphs.append(_sentence(rng, "closing", _slots(rng, incident, published, outlet), article.used))
    return article.paragraphs


def _written_date(rng: random.Random, day: date) -> str:
    month = MONTHS[day.month - 1]
    return rng.choice([f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}", day.isoformat()])


def _comments(rng: random.Random, incident: Incident, published: date, outlet: str) -> list[tuple[str, str, str]]:
    """(author, date as written, body) of a reader-comment thread; now and then a comment posted twice."""
    words = vocabulary()
    thread: list[tuple[str, str, str]] = []
    minutes = rng.randint(7 * 60, 12 * 60)  # first comment in the morning after the article, then later and later
    for _ in range(rng.randint(3, 9)):
        minutes += rng.randint(5, 400)
        when = published + timedelta(days=minutes // 1440)
        stamp = f"{MONTHS[when.month - 1][:3]} {when.day} {when.year} {minutes % 1440 // 60:02d}:{minutes % 60:02d} utc"
        if thread and rng.random() < 0.1:
            body = thread[-1][2]
        else:
            used: set[str] = set()
            body = " ".join(_sentence(rng, "comment", _slots(rng, incident, published, outlet), used)
                            for _ in range(rng.randint(1, 3)))
        thread.append((rng.choice(words["commenters"]), stamp, body))
    return thread


def make_document(number: int, seed: int = 0) -> SyntheticDocument:
    """Document ``number`` of the corpus of ``seed``: the same text every time."""
    rng = random.Random(f"{seed}:doc:{number}")
    words = vocabulary()
    slot = number // DOCS_PER_INCIDENT
    incident = _incident(seed, max(0, slot + rng.randint(-INCIDENT_SPREAD, INCIDENT_SPREAD)))
    published = incident.day + timedelta(days=rng.randint(0, 20))
    outlet = rng.choice(words["outlets"])
    title = _capitalise(rng.choice(words["frames"]["title"]).format_map(_slots(rng, incident, published, outlet)))
    paragraphs = _article(rng, seed, incident, published, outlet)
    comments = _comments(rng, incident, published, outlet) if rng.random() < COMMENT_SHARE else []
    author = _name(rng)
    text = "\n\n".join([title, *paragraphs, *(body for _, _, body in comments)])
    if rng.random() < HTML_SHARE:
        content = _html(rng, title, author, published, outlet, paragraphs, comments)
        return SyntheticDocument(number, "html", content, text, incident.number)
    return SyntheticDocument(number, "txt", _plain(rng, title, author, published, outlet, paragraphs, comments), text,
                             incident.number)


def _plain(rng: random.Random, title: str, author: str, published: date, outlet: str, paragraphs: list[str],
           comments: list[tuple[str, str, str]]) -> str:
    """A text file in one of three layouts: news (byline, date, copyright), blog (with its thread) or wire."""
    written = _written_date(rng, published)
    if comments or rng.random() < 0.2:
        header = [title, f"Posted by {author} on {written} | Permalink"]
        thread = ["Comments"]
        for n, (who, when, body) in enumerate(comments, start=1):
            thread += [body, f"Posted by: {who} | {when} | {n}"]
        footer = thread + ["The comments to this entry are closed."] if comments else []
        return "\n\n".join([*header, *paragraphs, *footer]) + "\n"
    if rng.random() < 0.6:
        return "\n\n".join([title, f"By {author}\n{written}", *paragraphs, f"© {published.year} {outlet}"]) + "\n"
    return "\n\n".join([f"{title}\n{written}", *paragraphs]) + "\n"


def _html(rng: random.Random, title: str, author: str, published: date, outlet: str, paragraphs: list[str],
          comments: list[tuple[str, str, str]]) -> str:
    """A news page: metadata in the head, navigation, the article, a comment section, a footer."""
    e = html.escape
    body = "\n".join(f"    <p>{e(p)}</p>" for p in paragraphs)
    thread = "\n".join(
        f'    <div class="comment"><span class="comment-author">{e(who)}</span> '
        f'<span class="comment-date">{e(when)}</span>\n      <div class="comment-content"><p>{e(text)}</p></div></div>'
        for who, when, text in comments)
    section = f'  <section class="comments">\n    <h2>Comments</h2>\n{thread}\n  </section>\n' if comments else ""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n'
            f"  <title>{e(title)} | {e(outlet)}</title>\n  <meta name=\"author\" content=\"{e(author)}\">\n"
            f'  <meta property="og:site_name" content="{e(outlet)}">\n'
            f'  <meta property="article:published_time" content="{published.isoformat()}T{rng.randint(6, 20):02d}:00:00Z">\n'
            f"</head>\n<body>\n  <nav><a href=\"/\">Home</a> | <a href=\"/defence\">Defence</a> | "
            f"<a href=\"/world\">World</a></nav>\n  <article>\n    <h1>{e(title)}</h1>\n"
            f'    <p class="byline">By {e(author)}, {e(_written_date(rng, published))}</p>\n{body}\n  </article>\n'
            f"{section}  <footer>&copy; {published.year} {e(outlet)}</footer>\n</body>\n</html>\n")


def generate_documents(count: int, seed: int = 0, start: int = 0) -> Iterator[SyntheticDocument]:
    """Documents ``start`` .. ``start + count - 1`` of the corpus of ``seed``, one at a time."""
    for number in range(start, start + count):
        yield make_document(number, seed)


def write_corpus(out: Path, count: int, seed: int = 0, start: int = 0) -> list[Path]:
    """Write documents ``start`` .. ``start + count - 1`` into the folder ``out`` (created); returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for document in generate_documents(count, seed, start):
        path = out / document.filename
        path.write_text(document.content, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="how many documents (default 2000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them into (created)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="number of the first document (default 0)")
    args = parser.parse_args(argv)
    if args.docs < 1:
        print(f"--docs must be at least 1, got {args.docs}", file=sys.stderr)
        return 2
    paths = write_corpus(args.out, args.docs, args.seed, args.start)
    html_pages = sum(path.suffix == ".html" for path in paths)
    size = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} documents ({html_pages} HTML, {size / 1e6:.1f} MB) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
