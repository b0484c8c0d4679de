"""A synthetic archive shaped like source_texts/: seeded, so the same N and seed always give the
same files, whatever the real archive holds (the vocabulary is fixed below).

    generate(root, n)         registries, cleaned transcripts and raw captures under root/source_texts/
    set_up_site_files(root)   the project's mkdocs.yml, docs/about.md, docs/search.md, docs/assets/,
                              theme and hooks
    edit_one_word(root)       a one-word correction, as a contributor makes it
    grow(root, n)             the shipped archive (source_texts/) and n synthetic transcripts beside it

Used by the benchmark (tools/bench.py) and by the tests that need an archive larger than the
shipped one. bench/README.md describes the shape of what it makes.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import random
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from onrecord import validate, yamlio

PROJECT = Path(__file__).resolve().parents[1]
SEED = 20240704

# ---------------------------------------------------------------- word material

_FIRST = (
    "Anna Antony Barbara Carlos Chen Daniel Dmytro Elena Erik Fatima Giorgia Hanna Ingrid Ivan "
    "James Jonas Julia Kaja Karin Lars Laura Liz Lukas Maria Mark Martin Matthew Mette Michael "
    "Nadia Ned Oana Olaf Paolo Pedro Petr Radek Rachel Sara Simon Sofia Stefan Tomas Tove "
    "Ursula Vivian Wei Yuki Zbigniew Ahmed Amira Björn Chloé François Gülşen Łukasz Zoë Mirjana "
    "Ramón Søren Ángela José"
).split()
_LAST_SYLLABLES = (
    "ber bran cas dal ders dor fen gan har hol kam kov lan lind mar mer mon nov pet "
    "ric ros sal sen son stad stein strom tan ter vall ven vic wald zek"
).split()
_LAST_REAL = (
    "Abbott Adeyemi Alvarez Andersen Baker Banerjee Berg Bianchi Brandt Carter Castillo "
    "Costa Dahl Dubois Eriksen Fischer Fontaine Garcia Haas Hansen Horvat Ivanova Jansen "
    "Kaminski Keller Kowalski Kuznetsova Lambert Larsen Lehmann Lindqvist Marino Meyer "
    "Moreau Nakamura Nielsen Novak Okafor Olsen Park Petrov Popescu Quinn Reyes Rossi "
    "Sato Schmidt Silva Sørensen Takahashi Tanaka Thompson Varga Vasquez Weber Wójcik "
    "Yilmaz Zieliński Åberg Müller"
).split()
_OUTLETS = (
    ("Associated Press", "AP"),
    ("Reuters", "Reuters"),
    ("CNN", "CNN"),
    ("NRK", "NRK"),
    ("SVT", "SVT"),
    ("The Wall Street Journal", "Wall Street Journal"),
    ("BBC", "BBC"),
    ("Agence France-Presse", "AFP"),
    ("Deutsche Welle", "DW"),
    ("Bloomberg", "Bloomberg"),
    ("The New York Times", "New York Times"),
    ("Politico Europe", "Politico"),
    ("Kyiv Independent", "Kyiv Independent"),
    ("NHK", "NHK"),
    ("ARD", "ARD"),
    ("Le Monde", "Le Monde"),
    ("Financial Times", "FT"),
    ("CBS News", "CBS"),
    ("ANSA", "ANSA"),
    ("Polskie Radio", "Polskie Radio"),
)
_PLACES = (
    "NATO Headquarters, Brussels, Belgium",
    "U.S. Department of State, Washington, D.C.",
    "Vilnius, Lithuania",
    "Madrid, Spain",
    "Bucharest, Romania",
    "Oslo, Norway",
    "Riga, Latvia",
    "Kyiv, Ukraine",
    "Warsaw, Poland",
    "Berlin, Germany",
    "Paris, France",
    "London, United Kingdom",
    "Ottawa, Canada",
    "Tokyo, Japan",
    "Helsinki, Finland",
    "Stockholm, Sweden",
    "Rome, Italy",
    "Ankara, Türkiye",
    "The Hague, Netherlands",
    "Tallinn, Estonia",
    "The White House, Washington, D.C.",
)
_ROLE_KINDS = (  # title, org, label prefix as transcripts print it
    ("Minister of Foreign Affairs", "Government of {c}", "FOREIGN MINISTER"),
    ("Minister of Defence", "Government of {c}", "DEFENCE MINISTER"),
    ("Prime Minister", "Government of {c}", "PRIME MINISTER"),
    ("President", "Government of {c}", "PRESIDENT"),
    ("Ambassador to NATO", "Permanent Delegation of {c}", "AMBASSADOR"),
    ("Deputy Secretary of State", "U.S. Department of State", "DEPUTY SECRETARY"),
    ("Under Secretary of State", "U.S. Department of State", "UNDER SECRETARY"),
    ("Department Spokesperson", "U.S. Department of State", "MR."),
    ("NATO Spokesperson", "NATO", "MS."),
    ("Deputy Secretary General", "NATO", "DEPUTY SECRETARY GENERAL"),
    ("Senator", "United States Senate", "SENATOR"),
    ("European Commissioner", "European Commission", "COMMISSIONER"),
)
_COUNTRIES = (
    "Norway",
    "Poland",
    "Estonia",
    "Latvia",
    "Lithuania",
    "Germany",
    "France",
    "Italy",
    "Spain",
    "Canada",
    "Türkiye",
    "Romania",
    "Finland",
    "Sweden",
    "Ukraine",
    "Japan",
    "the Netherlands",
    "Denmark",
    "Czechia",
    "Greece",
    "Portugal",
    "Slovakia",
    "Hungary",
    "Croatia",
    "Albania",
)
_EVENT_PARENTS = (
    "Meeting of NATO Ministers of Foreign Affairs, {my}",
    "NATO Summit, {city} {y}",
    "G7 Foreign Ministers' Meeting, {city}",
    "The Secretary's travel to {city}",
    "NATO Defence Ministers' Meeting, {my}",
    "OSCE Ministerial Council, {city}",
)
_EVENT_CHILDREN = (
    "Meeting of {a} and {b}",
    "Joint press conference of {a} and {b}",
    "Press availability of {a}",
    "Bilateral meeting with {c}",
    "Doorstep statement by {a}",
    "Working dinner hosted by {a}",
)
_EVENT_SINGLE = (
    "Press briefing at the Department of State",
    "Interview of {a} with {o}",
    "Remarks to the press by {a}",
    "Meeting of {a} and {b}",
    "Town hall with {a}",
    "Joint press availability of {a} and {b}",
    "Videoconference of {a} and {b}",
)

# The words of the seed transcripts that occur at least twice, most frequent first (fixed here, so
# the synthetic archive does not change when source_texts/ does).
_VOCAB = """
the and to of in that we NATO for a you is I our with Ukraine this on will have as more Secretary so
also are thank Allies it at Alliance United it’s be your all but support President we’re going
leadership States very not by has Europe security defense summit General an war they been what said
Sweden important US do he Finland welcome time new think Jens strong Russia its from forward know
here much together good up great just again well world continue Russia’s NATO’s other see course was
which today Putin military their U S there when Stoltenberg Blinken nuclear me against can
commitment because one now strategic aggression agree about over make than work partners meeting
many people European really need say back meet seen Russian address America leaders way made then
let defence challenges including look spending last we’ve two how Concept presence doing that’s
around would countries actually troops every strengthen Biden met years eastern invest increased
across able want dear like making efforts invasion dangerous we’ll members Turkey message where
issues transatlantic Canada no my only unity next response part any ready significant decisions
membership concerns some Norway first had Ally Mr coming if take Tony once demonstrates State year
sure defend assistance something Madrid ensure historic confident deterrence addressed done crisis
months conflict taking personal future clear I’ve since lot sit down Antony grateful his into face
same therefore them always stepping full strengthening fact I’m three end month closely both ever
stronger additional percent pleasure before being forces international facing place these importance
foreign North China continued power you’ve must terms weeks sanctions few strength everything
collective tomorrow working days morning Washington Brussels join role battlefield am find close
discussed even progress table send Joe Austin Ukrainians Headquarters wide range different increase
White House bond capabilities agenda exactly major never decision posture upcoming ministers
critical air another inch further start extraordinary continuing moment come got through includes
difference getting negotiating looking he’s possible most fighting number heavy does situation South
attacks after open consulting ahead billion incredible mean quite were Article You’re right others
American increasing discussion later brutal implications attack unprecedented defensive land better
force helping territory indispensable Pacific strongest leading Ukrainian what’s engagement agreed
each Union friendship rules-based order peace change package announced real Putin’s readiness wanted
less convene senior officials authoritarian weapons win key point humanitarian shared I'm makes
democracy long soon door added June dealing committed continues Energy safety Vilnius Prime Minister
member several call threats terrorist Afghanistan relationship among China’s respond review
consecutive essential stepped four out happened happen without words discuss use put pressure
between plant diplomatic seek protect sea came determination rapid bolster or Ukraine’s comes things
intelligence should own period happening asked activity partnership during opportunity base weaken
foundation commend provided prevent naval higher apply contact Asia-Pacific keep sir Western follow
level economic hard th totally themselves almost stage clearly exercises threat expressed you're
willing move view environment flank needed joining pledge needs preparations thanked stressed Lloyd
joint press sovereignty independence within welcomed high become Yes Lithuania yesterday offensive Q
heard Gaza home determined concerned serious equipment contribute stop uphold violence Iraq Syria
ways information fighters technology enable mission main purpose mis powerful pivotal Allied views
growing matters extra dollars friends count frankly weren’t couple hoped colleagues who G
coordination itself believe whole decided remind attacked pleased there’s wouldn’t such Ministerial
tensions vulnerable remarkable already fully modernizing We're particularly tremendous tireless
coordinate consult longer-term reports provide anything standing couldn’t unprovoked task common
display remain steps imposing throughout ongoing Asia Japan Korea history hallmark consultation
element defenses sustain Second informed stay little D C center consequential Today’s touch adopt
anticipate malicious occurring cyberspace People’s Republic militarization no-limits climate
profound relationships reflected appreciate playing day latest demonstration helps rewarded prevails
Moscow backed seventh guideline prepare age competition powers burden-sharing safe questions front
disagreement could Russia's aggressive imposed country February consulted that's price refugees
mistake underestimated political question wars predict stated judgments negotiations monitoring
rhetoric knows wondering actions Turkey’s staff applications those least fight approve differences
record having neutrality secure sending enhance bringing total destroyers six rotational personnel
deployments step lie demonstrated announcement issue invite wants Finlandization get Thursday
emphasized Indo-Pacific budget senseless underlined financial advanced longer began quickly turn
engaged Government forced beyond Instead direct why stand democratic independent sovereign strongly
grown especially floor ceiling resources applaud afternoon I’ll control Atomic Agency Along
facilities Breezy briefer thought thanks Jonas Norwegian host liberate expect Investment providing
talking deal strengthened line still minimum welcoming surprised how’s agreement delivering
commitments lead proposed outlast Middle East hostages Balkans celebrate anniversary none
""".split()

START, END = date(2009, 1, 1), date(2025, 6, 30)


def slugify(text: str, limit: int = 60) -> str:
    return validate.slugify(text, limit) or "x"


class Words:
    """Sentences drawn from a Zipf-like vocabulary: the seed transcripts' words by rank, then a long
    tail of invented words (names, places, rare terms) carrying `tail_share` of all tokens, so that
    search indexes grow with the archive as they would with real text."""

    def __init__(self, rng: random.Random, tail: int = 40_000, tail_share: float = 0.08):
        seen = set(_VOCAB)
        invented: list[str] = []
        while len(invented) < tail:
            w = "".join(rng.choice(_LAST_SYLLABLES) for _ in range(rng.randint(2, 4)))
            if w not in seen:
                seen.add(w)
                invented.append(w.capitalize() if rng.random() < 0.3 else w)
        head = [1.0 / (rank + 2.7) ** 1.07 for rank in range(len(_VOCAB))]
        rest = [1.0 / (rank + 50) ** 1.07 for rank in range(tail)]
        scale = sum(head) * tail_share / (1 - tail_share) / sum(rest)
        self.vocab = list(_VOCAB) + invented
        self.cum = list(itertools.accumulate(head + [w * scale for w in rest]))
        self.rng = rng

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=n)

    def paragraph(self, n_words: int, question: bool = False) -> str:
        words, out, i = self.words(n_words), [], 0
        while i < len(words):
            length = min(len(words) - i, self.rng.randint(6, 24))
            sentence = words[i : i + length]
            sentence[0] = sentence[0][:1].upper() + sentence[0][1:]
            if length > 8 and self.rng.random() < 0.4:
                k = self.rng.randint(3, length - 3)
                sentence[k] += ","
            i += length
            end = "?" if question and i >= len(words) else "."
            out.append(" ".join(sentence) + end)
        return " ".join(out)


def _skewed(rng: random.Random, median: float, sigma: float, low: int, high: int) -> int:
    return max(low, min(high, round(rng.lognormvariate(math.log(median), sigma))))


def _day(rng: random.Random, start: date = START, end: date = END) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


# ---------------------------------------------------------------- registries


@dataclass
class GenSpeaker:
    id: str
    name: str
    last: str
    kind: str = "person"  # person, group
    outlet: tuple[str, str] | None = None  # journalists: (outlet, short name printed in labels)
    roles: list[dict] = field(default_factory=list)  # title, org, from, to, prefix (label prefix)
    weight: float = 1.0

    def role_on(self, day: date) -> dict | None:
        for r in self.roles:
            if r.get("from") and r["from"] <= day and (r.get("to") is None or day <= r["to"]):
                return r
        return None


@dataclass
class GenEvent:
    id: str
    name: str
    start: date
    end: date | None
    location: str
    parent: str | None = None
    weight: float = 1.0


def make_speakers(rng: random.Random, count: int) -> list[GenSpeaker]:
    used_names, used_last, used_ids = set(), set(), set()
    speakers: list[GenSpeaker] = []

    def person(kind_weight: float = 1.0) -> tuple[str, str, str]:
        while True:
            first = rng.choice(_FIRST)
            if rng.random() < 0.5:
                last = rng.choice(_LAST_REAL)
            else:
                last = "".join(
                    rng.choice(_LAST_SYLLABLES) for _ in range(rng.randint(2, 3))
                ).capitalize()
            name = f"{first} {last}"
            sid = slugify(name)
            if name not in used_names and sid not in used_ids and last not in used_last:
                used_names.add(name)
                used_last.add(last)
                used_ids.add(sid)
                return name, last, sid

    speakers.append(
        GenSpeaker("unidentified-journalist", "Unidentified journalist", "", kind="group", weight=0)
    )
    # principals: successions of Secretaries of State and NATO Secretaries General covering 2009-2025
    for title, org, prefix, terms in (
        ("Secretary of State", "U.S. Department of State", "SECRETARY", 5),
        ("NATO Secretary General", "NATO", "SECRETARY GENERAL", 3),
    ):
        span = (END - START).days // terms
        for i in range(terms):
            name, last, sid = person()
            s = GenSpeaker(sid, name, last, weight=25.0)
            earlier = START - timedelta(days=rng.randint(900, 3000))
            s.roles.append(
                {
                    "title": "Prime Minister" if "NATO" in title else "Senator",
                    "org": "Government of Norway" if "NATO" in title else "United States Senate",
                    "from": earlier,
                    "to": START + timedelta(days=i * span - 1) if i else START - timedelta(days=1),
                    "prefix": "PRIME MINISTER" if "NATO" in title else "SENATOR",
                }
            )
            s.roles.append(
                {
                    "title": title,
                    "org": org,
                    "from": START + timedelta(days=i * span),
                    "to": None if i == terms - 1 else START + timedelta(days=(i + 1) * span - 1),
                    "prefix": prefix,
                }
            )
            speakers.append(s)
    officials = round((count - len(speakers)) * 0.45)
    for _ in range(officials):
        name, last, sid = person()
        s = GenSpeaker(sid, name, last, weight=rng.choice((1, 1, 1, 2, 4)))
        cursor = _day(rng, date(2006, 1, 1), date(2023, 1, 1))
        for _ in range(_skewed(rng, 1.5, 0.5, 1, 3)):
            kind = rng.choice(_ROLE_KINDS)
            length = timedelta(days=rng.randint(365, 6 * 365))
            end = cursor + length
            s.roles.append(
                {
                    "title": kind[0]
                    if "{c}" not in kind[1]
                    else f"{kind[0]} of {rng.choice(_COUNTRIES)}",
                    "org": kind[1].format(c=rng.choice(_COUNTRIES)),
                    "from": cursor,
                    "to": None if end > END else end,
                    "prefix": kind[2],
                }
            )
            if end > END:
                break
            cursor = end + timedelta(days=1)
        speakers.append(s)
    while len(speakers) < count:
        name, last, sid = person()
        outlet = rng.choice(_OUTLETS)
        speakers.append(
            GenSpeaker(
                sid,
                name,
                last,
                outlet=outlet,
                weight=1.0,
                roles=[{"title": "Journalist", "org": outlet[0]}],
            )
        )
    return speakers


def speakers_yaml(speakers: list[GenSpeaker]) -> list[dict]:
    out = []
    for s in speakers:
        entry: dict = {"id": s.id, "name": s.name}
        if s.kind == "group":
            entry.update(
                kind="group",
                labels=["QUESTION", "Q"],
                note="Questions the transcript prints without naming who asked.",
            )
        if s.outlet:
            entry["outlet"] = s.outlet[0]
            entry["labels"] = [f"{s.name} ({s.outlet[1]})"]
        roles = []
        for r in s.roles:
            role = {"title": r["title"], "org": r["org"]}
            if r.get("from"):
                role["from"] = r["from"].isoformat()
            if r.get("to"):
                role["to"] = r["to"].isoformat()
            roles.append(role)
        if roles:
            entry["roles"] = roles
        out.append(entry)
    return out


def make_events(rng: random.Random, count: int, speakers: list[GenSpeaker]) -> list[GenEvent]:
    people = [s for s in speakers if s.kind == "person" and not s.outlet]
    ids: set[str] = set()
    events: list[GenEvent] = []

    def new_id(day: date, name: str) -> str:
        base = f"{day.isoformat()}-{slugify(name, 48)}"
        eid, n = base, 2
        while eid in ids:
            eid, n = f"{base}-{n}", n + 1
        ids.add(eid)
        return eid

    def names() -> dict:
        a, b = rng.sample(people, 2)
        return {"a": a.name, "b": b.name, "c": rng.choice(_COUNTRIES), "o": rng.choice(_OUTLETS)[0]}

    parents = []
    for _ in range(max(2, round(count * 0.15))):
        start = _day(rng)
        place = rng.choice(_PLACES)
        name = rng.choice(_EVENT_PARENTS).format(
            my=f"{start:%B %Y}", y=start.year, city=place.split(",")[-2].strip()
        )
        e = GenEvent(
            new_id(start, name),
            name,
            start,
            start + timedelta(days=rng.randint(1, 3)),
            place,
            weight=0.5,
        )
        parents.append(e)
        events.append(e)
    children = []
    for _ in range(round(count * 0.35)):
        p = rng.choice(parents)
        day = p.start + timedelta(days=rng.randint(0, ((p.end or p.start) - p.start).days))
        name = rng.choice(_EVENT_CHILDREN).format(**names())
        e = GenEvent(new_id(day, name), name, day, None, p.location, parent=p.id, weight=1.5)
        children.append(e)
        events.append(e)
    for _ in range(round(count * 0.03)):  # a third level: meetings on the margins of a meeting
        p = rng.choice(children)
        name = "Side meeting: " + rng.choice(_EVENT_CHILDREN).format(**names())
        events.append(GenEvent(new_id(p.start, name), name, p.start, None, p.location, parent=p.id))
    while len(events) < count:
        day = _day(rng)
        name = rng.choice(_EVENT_SINGLE).format(**names())
        events.append(GenEvent(new_id(day, name), name, day, None, rng.choice(_PLACES)))
    return events


def events_yaml(events: list[GenEvent]) -> list[dict]:
    out = []
    for e in sorted(events, key=lambda e: (e.start, e.id)):
        entry = {"id": e.id, "name": e.name, "start": e.start.isoformat()}
        if e.end:
            entry["end"] = e.end.isoformat()
        entry["location"] = e.location
        if e.parent:
            entry["parent"] = e.parent
        out.append(entry)
    return out


# ---------------------------------------------------------------- transcripts


@dataclass
class Stats:
    transcripts: int = 0
    articles: int = 0
    turns: int = 0
    words: int = 0
    source_bytes: int = 0


def _label(style: str, s: GenSpeaker, day: date) -> str:
    if s.kind == "group":
        return "Q" if style == "qa" else "QUESTION"
    if s.outlet:
        return s.name if style == "service" else f"{s.name} ({s.outlet[1]})"
    if style == "service":
        return s.name
    role = s.role_on(day)
    if style == "nato":
        return f"{role['title']} {s.name}" if role and "NATO" in role["title"] else s.name
    return f"{role['prefix'] if role else 'MR.'} {s.last.upper()}"


def _timestamp(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60:02d}:{rest % 60:02d}"


def make_transcript(
    rng: random.Random,
    words: Words,
    index: int,
    day: date,
    event: GenEvent | None,
    speakers: list[GenSpeaker],
    ids: set[str],
) -> tuple[str, dict, str, int, int]:
    """(id, front matter, body, turns, words) of one cleaned transcript."""
    active = [s for s in speakers if s.kind == "person" and not s.outlet and s.role_on(day)]
    journalists = [s for s in speakers if s.outlet]
    group = speakers[0]
    article = rng.random() < 0.05
    n_speakers = rng.choices((2, 3, 4, 5, 6), weights=(38, 24, 17, 12, 9))[0]
    n_officials = min(
        len(active), 1 + (rng.random() < 0.55) + (n_speakers > 4 and rng.random() < 0.5)
    )
    chosen: list[GenSpeaker] = []
    while len(chosen) < n_officials:
        s = rng.choices(active, weights=[x.weight for x in active])[0]
        if s not in chosen:
            chosen.append(s)
    officials = list(chosen)
    asking: list[GenSpeaker] = []
    style = rng.choices(("state", "nato", "service", "qa"), weights=(50, 22, 15, 13))[0]
    if len(chosen) < n_speakers:
        if style in ("state", "qa") and rng.random() < 0.6:
            asking.append(group)
        while len(chosen) + len(asking) < n_speakers:
            s = rng.choice(journalists)
            if s not in asking:
                asking.append(s)
    everyone = officials + asking
    names = [s.name for s in officials[:2]]
    kind, kind_title = rng.choice(
        (
            ("remarks", "Remarks by {n}"),
            ("meeting", "{n} Before Their Meeting"),
            ("press-conference", "Press Conference by {n}"),
            ("press-availability", "Joint Press Availability: {n}"),
            ("briefing", "{n} at a Press Briefing"),
            ("interview", "Interview: {n}"),
        )
    )
    if article:
        kind, kind_title = (
            "article",
            rng.choice(
                (
                    "{n} meet in {c}",
                    "{n} discuss support for Ukraine",
                    "Allies welcome talks between {n}",
                )
            ),
        )
    title = kind_title.format(
        n=" and ".join(names), c=(event.location if event else rng.choice(_PLACES)).split(",")[0]
    )
    if event and rng.random() < 0.4:
        title += f" ({event.name})"
    base = f"{day.isoformat()}-{slugify(' '.join(s.last for s in officials[:2]) + ' ' + kind, 48)}"
    tid, n = base, 2
    while tid in ids:
        tid, n = f"{base}-{n}", n + 1
    ids.add(tid)

    front: dict = {"id": tid, "title": title}
    editorial: dict = {}
    if rng.random() < 0.9:
        front["date"] = day.isoformat()
    else:
        editorial["date"] = (
            "Not stated in the capture; the date is that of the event it belongs to."
        )
    if rng.random() < 0.8 or event is None:
        front["location"] = event.location if event else rng.choice(_PLACES)
    if rng.random() < 0.1:
        front["time"] = f"{rng.randint(8, 19)}:{rng.choice(('00', '15', '30', '45'))}"
    if event:
        front["event"] = event.id
    if rng.random() < 0.85:
        host = rng.choice(("www.state.gov", "www.nato.int", "nato.usmission.gov"))
        front["source_url"] = f"https://{host}/{tid}/"
    else:
        editorial["source_url"] = "A repost; the address of the original is not known."
    front["source_kind"] = (
        "news article"
        if article
        else rng.choices(("official transcript", "repost", "other"), weights=(70, 25, 5))[0]
    )
    front["raw"] = f"source_texts/raw/{tid}.txt"
    front["raw_sha256"] = None  # filled in once the raw capture is written
    if rng.random() < 0.03:
        front["truncated"] = True
        editorial["truncated"] = "The capture stops mid-sentence."

    lines: list[str] = []
    turns = total_words = 0
    if article:
        quoted = officials[: rng.randint(1, len(officials))]
        paragraphs = [
            words.paragraph(_skewed(rng, 45, 0.5, 12, 110)) for _ in range(rng.randint(8, 30))
        ]
        quotes = []
        for qn in range(1, rng.randint(2, 6) + 1):
            i = rng.randrange(len(paragraphs))
            tokens = paragraphs[i].split(" ")
            length = min(len(tokens), rng.randint(8, 30))
            start = rng.randint(0, len(tokens) - length)
            text = " ".join(tokens[start : start + length])
            speaker = rng.choice(quoted)
            paragraphs[i] = f"“{paragraphs[i]}” said {speaker.name}."
            quotes.append({"id": f"q-{qn:03d}", "speaker": speaker.id, "text": text})
        front["quotes"] = quotes
        lines = paragraphs
        total_words = sum(p.count(" ") + 1 for p in paragraphs)
    else:
        labels = {s.id: _label(style, s, day) for s in everyone}
        front["speakers"] = {labels[s.id]: s.id for s in everyone}
        n_turns = _skewed(rng, 8, 0.85, 2, 60)
        clock = rng.randint(0, 40)
        unlabelled = rng.random() < 0.02
        for t in range(1, n_turns + 1):
            if t <= len(officials):
                s = officials[t - 1]
            elif asking and t % 2 == (len(officials) + 1) % 2:
                s = rng.choice(asking)
            else:
                s = rng.choices(officials, weights=[3] + [1] * (len(officials) - 1))[0]
            if s in asking:
                paras = [
                    words.paragraph(_skewed(rng, 35, 0.5, 10, 90), question=True)
                    for _ in range(_skewed(rng, 1, 0.5, 1, 3))
                ]
            else:
                paras = [
                    words.paragraph(_skewed(rng, 50, 0.5, 10, 120))
                    for _ in range(_skewed(rng, 2.2, 0.75, 1, 12))
                ]
                if rng.random() < 0.03:
                    paras.append(
                        rng.choice(("(Laughter.)", "(Applause.)", "(Inaudible.)", "(Cross-talk.)"))
                    )
            total_words += sum(p.count(" ") + 1 for p in paras)
            if unlabelled and t == 1:
                head = f"[t-{t:03d} {s.id}]"
                editorial[f"t-{t:03d}"] = (
                    "Printed without a label; the title names who gives the remarks."
                )
            else:
                label = labels[s.id]
                if style == "service":
                    label += f" ({_timestamp(clock)}):"
                elif style == "qa" and s.kind == "group":
                    pass  # 'Q' is printed without a colon
                else:
                    label += ":"
                head = f"[t-{t:03d}] {label}"
            clock += rng.randint(10, 240)
            lines.append(f"{head} {paras[0]}")
            lines.extend(paras[1:])
            lines.append("")
            turns += 1
    if editorial:
        front["editorial"] = editorial
    front["omitted"] = [{"lines": "1-3", "reason": "title and dateline"}]  # of the raw capture
    if rng.random() < 0.02:
        front["corrections"] = [
            {
                "date": _day(rng, date(2024, 1, 1), date(2025, 6, 30)).isoformat(),
                "summary": "Corrected the attribution of one answer.",
                "link": f"https://github.com/OWNER/onrecord/pull/{index + 1}",
            }
        ]
    if rng.random() < 0.08:
        front["notes"] = [words.paragraph(_skewed(rng, 25, 0.4, 10, 60))]
    body = "\n".join(lines).rstrip("\n") + "\n"
    return tid, front, body, turns, total_words


def generate(root: Path, n: int, seed: int = SEED) -> Stats:
    """A synthetic archive of `n` transcripts in `root`, identical for the same (n, seed)."""
    rng = random.Random(f"{seed}-{n}")
    words = Words(random.Random(seed))
    n_speakers = max(40, round(300 * math.sqrt(n / 10_000)))
    n_events = max(20, round(1_500 * n / 10_000))
    speakers = make_speakers(rng, n_speakers)
    events = make_events(rng, n_events, speakers)
    sources = root / "source_texts"
    (sources / "transcripts").mkdir(parents=True, exist_ok=True)
    (sources / "raw").mkdir(parents=True, exist_ok=True)
    header = "# Synthetic registry written by tools/synthetic.py (seeded; not real people).\n\n"
    (sources / "speakers.yml").write_text(
        header + yamlio.dump(speakers_yaml(speakers)), encoding="utf-8"
    )
    (sources / "events.yml").write_text(header + yamlio.dump(events_yaml(events)), encoding="utf-8")

    stats = Stats()
    ids: set[str] = set()
    event_weights = [e.weight for e in events]
    for i in range(n):
        event = rng.choices(events, weights=event_weights)[0] if rng.random() < 0.92 else None
        day = (
            event.start
            + timedelta(days=rng.randint(0, ((event.end or event.start) - event.start).days))
            if event
            else _day(rng)
        )
        tid, front, body, turns, count = make_transcript(rng, words, i, day, event, speakers, ids)
        # the capture as a plain-text page: title and dateline (recorded as omitted), then the text
        # without turn anchors, so `onrecord check`'s nothing-lost comparison does its real work
        raw_text = f"{front['title']}\n\n{day:%B %d, %Y}\n" + re.sub(
            r"^\[[^\]]*\] ?", "", body, flags=re.M
        )
        raw_path = sources / "raw" / f"{tid}.txt"
        raw_path.write_text(raw_text, encoding="utf-8")
        front["raw_sha256"] = hashlib.sha256(raw_text.encode("utf-8")).hexdigest()
        text = "---\n" + yamlio.dump(front) + "---\n\n" + body
        (sources / "transcripts" / f"{tid}.txt").write_text(text, encoding="utf-8")
        stats.transcripts += 1
        stats.articles += front["source_kind"] == "news article"
        stats.turns += turns
        stats.words += count
        stats.source_bytes += len(text.encode("utf-8")) + len(raw_text.encode("utf-8"))
    return stats


def set_up_site_files(root: Path) -> None:
    """The files of the real project that the site build reads beside docs/."""
    shutil.copy2(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir(exist_ok=True)
    for page in ("about.md", "search.md"):
        shutil.copy2(PROJECT / "docs" / page, root / "docs" / page)
    if (PROJECT / "docs" / "assets").is_dir():
        shutil.copytree(PROJECT / "docs" / "assets", root / "docs" / "assets", dirs_exist_ok=True)
    package = root / "scripts" / "onrecord"
    package.mkdir(parents=True, exist_ok=True)
    # copies, not links: the build refuses a link in the theme (onrecord/policy.py)
    if not (package / "theme").exists():
        shutil.copytree(PROJECT / "scripts" / "onrecord" / "theme", package / "theme")
    shutil.copy2(PROJECT / "scripts" / "onrecord" / "mkdocs_hooks.py", package / "mkdocs_hooks.py")


def edit_one_word(root: Path) -> str:
    """Correct one word in the first turn of a transcript in the middle of the archive, as a
    contributor would: the word replaced, and a correction that names the turn and declares the
    word it removes."""
    paths = sorted((root / "source_texts" / "transcripts").glob("*.txt"))
    for path in paths[len(paths) // 2 :] + paths[: len(paths) // 2]:
        text = path.read_text(encoding="utf-8")
        _, front_text, body = text.split("---\n", 2)
        if "source_kind: news article" in front_text or "corrections:" in front_text:
            continue
        start = body.find("] ") + 2
        m = re.search(r"(?<= )[a-z]{5,}(?=[ ,.])", body[start:])
        if not m or m.group(0) == "amended":
            continue
        at = start + m.start()
        body = body[:at] + "amended" + body[at + len(m.group(0)) :]
        front, _ = yamlio.load(front_text, path.name)
        assert isinstance(front, dict)
        front["corrections"] = [
            {
                "date": "2025-06-30",
                "turns": [body[body.find("[") + 1 : start - 2].split()[0]],
                "summary": "Corrected one word of the first turn.",
                "source": "the synthetic archive's own text",
                "removed": m.group(0),
            }
        ]
        path.write_text("---\n" + yamlio.dump(front) + "---\n" + body, encoding="utf-8")
        return path.name
    raise RuntimeError("no transcript to edit")


def grow(root: Path, n: int, seed: int = SEED) -> Stats:
    """The project's own archive with `n` synthetic transcripts added: the real documents keep
    their words, speakers and events, and the synthetic ones (whose vocabulary comes from the
    real documents) are the noise a search must see through. Registries are concatenated; a
    synthetic entry whose id the real archive already has (the unidentified-journalist group)
    is the real one."""
    real = PROJECT / "source_texts"
    sources = root / "source_texts"
    with tempfile.TemporaryDirectory(prefix="onrecord-grow-") as tmp:
        stats = generate(Path(tmp), n, seed)
        made = Path(tmp) / "source_texts"
        extra = {}
        for kind in ("speakers", "events"):
            taken = set(
                re.findall(
                    r"^- id: (\S+)", (real / f"{kind}.yml").read_text(encoding="utf-8"), re.M
                )
            )
            entries, problems = yamlio.load(
                (made / f"{kind}.yml").read_text(encoding="utf-8"), f"{kind}.yml"
            )
            assert not problems and isinstance(entries, list), problems
            extra[kind] = yamlio.dump([e for e in entries if e["id"] not in taken])
        shutil.rmtree(sources, ignore_errors=True)
        shutil.copytree(real, sources)
        for kind in ("speakers", "events"):
            with (sources / f"{kind}.yml").open("a", encoding="utf-8") as f:
                f.write(
                    "\n# Synthetic entries written by tools/synthetic.py (seeded; not real people).\n\n"
                    + extra[kind]
                )
        for folder in ("transcripts", "raw"):
            for path in (made / folder).iterdir():
                if (sources / folder / path.name).exists():
                    raise RuntimeError(
                        f"a synthetic transcript has the id of a real one: {path.name}"
                    )
                shutil.move(str(path), sources / folder / path.name)
    return stats


def put_in_one_event(root: Path) -> str:
    """Give every document of a generated archive the same event (the first of events.yml): the
    shape of a summit with hundreds of documents, at its extreme. Returns the event's id."""
    events = (root / "source_texts" / "events.yml").read_text(encoding="utf-8")
    first = re.search(r"^- id: (\S+)", events, re.M)
    assert first, "no event in events.yml"
    for path in sorted((root / "source_texts" / "transcripts").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^event: ", text, re.M):
            text = re.sub(r"^event: .*$", f"event: {first.group(1)}", text, count=1, flags=re.M)
        else:
            text = text.replace("\nsource_kind:", f"\nevent: {first.group(1)}\nsource_kind:", 1)
        path.write_text(text, encoding="utf-8")
    return first.group(1)
