"""How the archive scales: generate synthetic archives of N transcripts, convert and build them.

    python -m onrecord.bench [--transcripts 1000 10000] [--out bench/results.md] [--keep DIR]

For each N, in a temporary folder (or DIR/nN with --keep):

  1. generate   a seeded synthetic archive shaped like source_texts/ (registries, cleaned
                transcripts, raw captures) beside copies of mkdocs.yml, docs/about.md,
                docs/assets/ and links to the theme overrides and hooks; it must pass
                `onrecord.archive.load_archive`, or the run stops
  2. measure    `onrecord convert` (full, then after a one-word edit), `mkdocs build --strict`
                (time and peak RSS), the Python-Markdown render floor, page, search-index and
                site sizes, and where they can be installed into throwaway venvs,
                `properdocs build` and a Pagefind index of the built site
  3. report     one Markdown table (figures only, nothing is asserted) with the machine,
                printed and written to --out

bench/README.md says what each figure means.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import http.server
import io
import itertools
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from . import yamlio

PROJECT = Path(__file__).resolve().parents[2]
SEED = 20240704

# ---------------------------------------------------------------- word material

_FIRST = ("Anna Antony Barbara Carlos Chen Daniel Dmytro Elena Erik Fatima Giorgia Hanna Ingrid Ivan "
          "James Jonas Julia Kaja Karin Lars Laura Liz Lukas Maria Mark Martin Matthew Mette Michael "
          "Nadia Ned Oana Olaf Paolo Pedro Petr Radek Rachel Sara Simon Sofia Stefan Tomas Tove "
          "Ursula Vivian Wei Yuki Zbigniew Ahmed Amira Björn Chloé François Gülşen Łukasz Zoë Mirjana "
          "Ramón Søren Ángela José").split()
_LAST_SYLLABLES = ("ber bran cas dal ders dor fen gan har hol kam kov lan lind mar mer mon nov pet "
                   "ric ros sal sen son stad stein strom tan ter vall ven vic wald zek").split()
_LAST_REAL = ("Abbott Adeyemi Alvarez Andersen Baker Banerjee Berg Bianchi Brandt Carter Castillo "
              "Costa Dahl Dubois Eriksen Fischer Fontaine Garcia Haas Hansen Horvat Ivanova Jansen "
              "Kaminski Keller Kowalski Kuznetsova Lambert Larsen Lehmann Lindqvist Marino Meyer "
              "Moreau Nakamura Nielsen Novak Okafor Olsen Park Petrov Popescu Quinn Reyes Rossi "
              "Sato Schmidt Silva Sørensen Takahashi Tanaka Thompson Varga Vasquez Weber Wójcik "
              "Yilmaz Zieliński Åberg Müller").split()
_OUTLETS = (("Associated Press", "AP"), ("Reuters", "Reuters"), ("CNN", "CNN"), ("NRK", "NRK"),
            ("SVT", "SVT"), ("The Wall Street Journal", "Wall Street Journal"), ("BBC", "BBC"),
            ("Agence France-Presse", "AFP"), ("Deutsche Welle", "DW"), ("Bloomberg", "Bloomberg"),
            ("The New York Times", "New York Times"), ("Politico Europe", "Politico"),
            ("Kyiv Independent", "Kyiv Independent"), ("NHK", "NHK"), ("ARD", "ARD"),
            ("Le Monde", "Le Monde"), ("Financial Times", "FT"), ("CBS News", "CBS"), ("ANSA", "ANSA"),
            ("Polskie Radio", "Polskie Radio"))
_PLACES = ("NATO Headquarters, Brussels, Belgium", "U.S. Department of State, Washington, D.C.",
           "Vilnius, Lithuania", "Madrid, Spain", "Bucharest, Romania", "Oslo, Norway", "Riga, Latvia",
           "Kyiv, Ukraine", "Warsaw, Poland", "Berlin, Germany", "Paris, France", "London, United Kingdom",
           "Ottawa, Canada", "Tokyo, Japan", "Helsinki, Finland", "Stockholm, Sweden", "Rome, Italy",
           "Ankara, Türkiye", "The Hague, Netherlands", "Tallinn, Estonia", "The White House, Washington, D.C.")
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
_COUNTRIES = ("Norway", "Poland", "Estonia", "Latvia", "Lithuania", "Germany", "France", "Italy", "Spain",
              "Canada", "Türkiye", "Romania", "Finland", "Sweden", "Ukraine", "Japan", "the Netherlands",
              "Denmark", "Czechia", "Greece", "Portugal", "Slovakia", "Hungary", "Croatia", "Albania")
_EVENT_PARENTS = ("Meeting of NATO Ministers of Foreign Affairs, {my}", "NATO Summit, {city} {y}",
                  "G7 Foreign Ministers' Meeting, {city}", "The Secretary's travel to {city}",
                  "NATO Defence Ministers' Meeting, {my}", "OSCE Ministerial Council, {city}")
_EVENT_CHILDREN = ("Meeting of {a} and {b}", "Joint press conference of {a} and {b}",
                   "Press availability of {a}", "Bilateral meeting with {c}", "Doorstep statement by {a}",
                   "Working dinner hosted by {a}")
_EVENT_SINGLE = ("Press briefing at the Department of State", "Interview of {a} with {o}",
                 "Remarks to the press by {a}", "Meeting of {a} and {b}", "Town hall with {a}",
                 "Joint press availability of {a} and {b}", "Videoconference of {a} and {b}")

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
    ascii_text = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O").replace("ł", "l")
                                       .replace("Ł", "L")).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "x"


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
            sentence = words[i:i + length]
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
                last = "".join(rng.choice(_LAST_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            name = f"{first} {last}"
            sid = slugify(name)
            if name not in used_names and sid not in used_ids and last not in used_last:
                used_names.add(name), used_last.add(last), used_ids.add(sid)
                return name, last, sid

    speakers.append(GenSpeaker("unidentified-journalist", "Unidentified journalist", "", kind="group", weight=0))
    # principals: successions of Secretaries of State and NATO Secretaries General covering 2009-2025
    for title, org, prefix, terms in (
            ("Secretary of State", "U.S. Department of State", "SECRETARY", 5),
            ("NATO Secretary General", "NATO", "SECRETARY GENERAL", 3)):
        span = (END - START).days // terms
        for i in range(terms):
            name, last, sid = person()
            s = GenSpeaker(sid, name, last, weight=25.0)
            earlier = START - timedelta(days=rng.randint(900, 3000))
            s.roles.append({"title": "Prime Minister" if "NATO" in title else "Senator",
                            "org": "Government of Norway" if "NATO" in title else "United States Senate",
                            "from": earlier, "to": START + timedelta(days=i * span - 1) if i else START - timedelta(days=1),
                            "prefix": "PRIME MINISTER" if "NATO" in title else "SENATOR"})
            s.roles.append({"title": title, "org": org, "from": START + timedelta(days=i * span),
                            "to": None if i == terms - 1 else START + timedelta(days=(i + 1) * span - 1),
                            "prefix": prefix})
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
            s.roles.append({"title": kind[0] if "{c}" not in kind[1] else f"{kind[0]} of {rng.choice(_COUNTRIES)}",
                            "org": kind[1].format(c=rng.choice(_COUNTRIES)), "from": cursor,
                            "to": None if end > END else end, "prefix": kind[2]})
            if end > END:
                break
            cursor = end + timedelta(days=1)
        speakers.append(s)
    while len(speakers) < count:
        name, last, sid = person()
        outlet = rng.choice(_OUTLETS)
        speakers.append(GenSpeaker(sid, name, last, outlet=outlet, weight=1.0,
                                   roles=[{"title": "Journalist", "org": outlet[0]}]))
    return speakers


def speakers_yaml(speakers: list[GenSpeaker]) -> list[dict]:
    out = []
    for s in speakers:
        entry: dict = {"id": s.id, "name": s.name}
        if s.kind == "group":
            entry.update(kind="group", labels=["QUESTION", "Q"],
                         note="Questions the transcript prints without naming who asked.")
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
        name = rng.choice(_EVENT_PARENTS).format(my=f"{start:%B %Y}", y=start.year, city=place.split(",")[-2].strip())
        e = GenEvent(new_id(start, name), name, start, start + timedelta(days=rng.randint(1, 3)), place, weight=0.5)
        parents.append(e)
        events.append(e)
    children = []
    for _ in range(round(count * 0.35)):
        p = rng.choice(parents)
        day = p.start + timedelta(days=rng.randint(0, (p.end - p.start).days))
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


def make_transcript(rng: random.Random, words: Words, index: int, day: date, event: GenEvent | None,
                    speakers: list[GenSpeaker], ids: set[str]) -> tuple[str, dict, str, int, int]:
    """(id, front matter, body, turns, words) of one cleaned transcript."""
    active = [s for s in speakers if s.kind == "person" and not s.outlet and s.role_on(day)]
    journalists = [s for s in speakers if s.outlet]
    group = speakers[0]
    article = rng.random() < 0.05
    n_speakers = rng.choices((2, 3, 4, 5, 6), weights=(38, 24, 17, 12, 9))[0]
    n_officials = min(len(active), 1 + (rng.random() < 0.55) + (n_speakers > 4 and rng.random() < 0.5))
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
    kind, kind_title = rng.choice((("remarks", "Remarks by {n}"), ("meeting", "{n} Before Their Meeting"),
                                   ("press-conference", "Press Conference by {n}"),
                                   ("press-availability", "Joint Press Availability: {n}"),
                                   ("briefing", "{n} at a Press Briefing"), ("interview", "Interview: {n}")))
    if article:
        kind, kind_title = "article", rng.choice(("{n} meet in {c}", "{n} discuss support for Ukraine",
                                                  "Allies welcome talks between {n}"))
    title = kind_title.format(n=" and ".join(names), c=(event.location if event else rng.choice(_PLACES)).split(",")[0])
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
        editorial["date"] = "Not stated in the capture; the date is that of the event it belongs to."
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
    front["source_kind"] = "news article" if article else rng.choices(
        ("official transcript", "repost", "other"), weights=(70, 25, 5))[0]
    front["raw"] = f"source_texts/raw/{tid}.txt"
    front["raw_sha256"] = None  # filled in once the raw capture is written
    if rng.random() < 0.03:
        front["truncated"] = True
        editorial["truncated"] = "The capture stops mid-sentence."

    lines: list[str] = []
    turns = total_words = 0
    if article:
        quoted = officials[: rng.randint(1, len(officials))]
        paragraphs = [words.paragraph(_skewed(rng, 45, 0.5, 12, 110)) for _ in range(rng.randint(8, 30))]
        quotes = []
        for qn in range(1, rng.randint(2, 6) + 1):
            i = rng.randrange(len(paragraphs))
            tokens = paragraphs[i].split(" ")
            length = min(len(tokens), rng.randint(8, 30))
            start = rng.randint(0, len(tokens) - length)
            text = " ".join(tokens[start:start + length])
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
                paras = [words.paragraph(_skewed(rng, 35, 0.5, 10, 90), question=True)
                         for _ in range(_skewed(rng, 1, 0.5, 1, 3))]
            else:
                paras = [words.paragraph(_skewed(rng, 50, 0.5, 10, 120))
                         for _ in range(_skewed(rng, 2.2, 0.75, 1, 12))]
                if rng.random() < 0.03:
                    paras.append(rng.choice(("(Laughter.)", "(Applause.)", "(Inaudible.)", "(Cross-talk.)")))
            total_words += sum(p.count(" ") + 1 for p in paras)
            if unlabelled and t == 1:
                head = f"[t-{t:03d} {s.id}]"
                editorial[f"t-{t:03d}"] = "Printed without a label; the title names who gives the remarks."
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
        front["corrections"] = [{"date": _day(rng, date(2024, 1, 1), date(2025, 6, 30)).isoformat(),
                                 "summary": "Corrected the attribution of one answer.",
                                 "link": f"https://github.com/OWNER/onrecord/pull/{index + 1}"}]
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
    header = "# Synthetic registry written by onrecord.bench (seeded; not real people).\n\n"
    (sources / "speakers.yml").write_text(header + yamlio.dump(speakers_yaml(speakers)), encoding="utf-8")
    (sources / "events.yml").write_text(header + yamlio.dump(events_yaml(events)), encoding="utf-8")

    stats = Stats()
    ids: set[str] = set()
    event_weights = [e.weight for e in events]
    for i in range(n):
        event = rng.choices(events, weights=event_weights)[0] if rng.random() < 0.92 else None
        day = (event.start + timedelta(days=rng.randint(0, ((event.end or event.start) - event.start).days))
               if event else _day(rng))
        tid, front, body, turns, count = make_transcript(rng, words, i, day, event, speakers, ids)
        # the capture as a plain-text page: title and dateline (recorded as omitted), then the text
        # without turn anchors, so `onrecord check`'s nothing-lost comparison does its real work
        raw_text = f"{front['title']}\n\n{day:%B %d, %Y}\n" + re.sub(r"^\[[^\]]*\] ?", "", body, flags=re.M)
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
    shutil.copy2(PROJECT / "docs" / "about.md", root / "docs" / "about.md")
    if (PROJECT / "docs" / "assets").is_dir():
        shutil.copytree(PROJECT / "docs" / "assets", root / "docs" / "assets", dirs_exist_ok=True)
    package = root / "scripts" / "onrecord"
    package.mkdir(parents=True, exist_ok=True)
    # copies, not links: the build refuses a link in the theme (onrecord/policy.py)
    if not (package / "theme").exists():
        shutil.copytree(PROJECT / "scripts" / "onrecord" / "theme", package / "theme")
    shutil.copy2(PROJECT / "scripts" / "onrecord" / "mkdocs_hooks.py", package / "mkdocs_hooks.py")


# ---------------------------------------------------------------- measuring

@dataclass
class Run:
    seconds: float
    rss_kb: int | None
    rc: int
    stdout: str
    stderr: str


_TIME = "/usr/bin/time"
_WRAP = ("import resource, subprocess, sys\n"
         "rc = subprocess.call(sys.argv[2:])\n"
         "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
         "sys.exit(rc)\n")


@functools.lru_cache(maxsize=None)
def _has_gnu_time() -> bool:
    try:
        return subprocess.run([_TIME, "-v", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def measured(command: list[str], cwd: Path, env: dict | None = None, timeout: float = 3600) -> Run:
    """Wall time and peak resident memory of a command (GNU time -v, else getrusage in a wrapper)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss", delete=False) as f:
        report = f.name
    if _has_gnu_time():
        wrapped = [_TIME, "-v", "-o", report, *command]
    else:
        wrapped = [sys.executable, "-c", _WRAP, report, *command]
    start = time.perf_counter()
    try:
        p = subprocess.run(wrapped, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as exc:
        rc, out, err = -1, "", f"timed out after {timeout:.0f} s: {exc}"
    seconds = time.perf_counter() - start
    text = Path(report).read_text() if Path(report).exists() else ""
    os.unlink(report)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    rss = int(m.group(1)) if m else (int(text) if text.strip().isdigit() else None)
    return Run(seconds, rss, rc, out, err)


def _env(root: Path) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ONRECORD_ROOT=str(root), PYTHONHASHSEED="0")
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    return env


def phased_convert(root: Path) -> dict:
    """`convert.convert(root)` as `onrecord convert` runs it, with the time spent in its main steps.

    The steps are timed by wrapping module functions for the length of the call (timing only: the
    results are those of the real functions). A step the code no longer has is simply not timed."""
    from . import archive as archive_io, convert as convert_io, crossref, links as links_io
    timed: dict[str, list] = {}  # name -> [calls, seconds]
    patched = []
    for module, name, label in ((archive_io, "load_archive", "load"), (links_io, "compute", "links"),
                                (crossref, "align", "align"), (crossref, "match_quotes", "match"),
                                (convert_io, "plan", "plan"), (convert_io, "write", "write")):
        real = getattr(module, name, None)
        if not callable(real):
            continue

        def wrapper(*args, _real=real, _label=label, **options):
            t0 = time.perf_counter()
            try:
                return _real(*args, **options)
            finally:
                entry = timed.setdefault(_label, [0, 0.0])
                entry[0] += 1
                entry[1] += time.perf_counter() - t0
        setattr(module, name, wrapper)
        patched.append((module, name, real))
    cached = convert_io.has_cache(root)  # a cache made by other code is discarded: say whether this one counts
    try:
        t0 = time.perf_counter()
        result = convert_io.convert(root)
        total = time.perf_counter() - t0
    finally:
        for module, name, real in patched:
            setattr(module, name, real)
    return {"total_s": total, "cache_before": cached, "steps": timed, "written": len(result.written),
            "written_files": list(result.written[:6]), "unchanged": result.unchanged}


def markdown_extensions(config_path: Path) -> tuple[list[str], dict]:
    """The markdown_extensions of mkdocs.yml, as Python-Markdown takes them."""
    from .settings import _Loader
    config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    names, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            for name, conf in item.items():
                names.append(name)
                if conf:
                    configs[name] = conf
        else:
            names.append(item)
    return names, configs


_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs strips it


def render_floor(root: Path) -> tuple[float, int]:
    """Seconds to render every docs/**/*.md with Python-Markdown alone (one reused instance)."""
    import markdown
    names, configs = markdown_extensions(root / "mkdocs.yml")
    texts = [_FRONT.sub("", p.read_text(encoding="utf-8"), count=1) for p in sorted((root / "docs").rglob("*.md"))]
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    start = time.perf_counter()
    for text in texts:
        md.reset().convert(text)
    return time.perf_counter() - start, len(texts)


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def site_figures(site: Path) -> dict:
    out: dict = {}
    pages = [p for p in (site / "transcripts").glob("*/index.html") if not p.parent.name.startswith("year-")]
    sizes = sorted((p.stat().st_size, p.parent.name) for p in pages)
    if sizes:
        out["page_max"], out["page_max_id"] = sizes[-1]
        out["page_median"] = int(statistics.median(s for s, _ in sizes))
        out["pages"] = len(sizes)
    page_set = set(pages)
    others = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")
                    if p not in page_set)
    if others:
        out["other_max"], out["other_max_path"] = others[-1]
    files = [p for p in site.rglob("*") if p.is_file()]
    out["site_bytes"], out["site_files"] = sum(p.stat().st_size for p in files), len(files)
    return out


def edit_one_word(root: Path) -> str:
    """Correct one word in the first turn of a transcript in the middle of the archive, as a
    contributor would: the word replaced, and a correction that declares the word it removes."""
    paths = sorted((root / "source_texts" / "transcripts").glob("*.txt"))
    for path in paths[len(paths) // 2:] + paths[:len(paths) // 2]:
        text = path.read_text(encoding="utf-8")
        _, front_text, body = text.split("---\n", 2)
        if "source_kind: news article" in front_text or "corrections:" in front_text:
            continue
        start = body.find("] ") + 2
        m = re.search(r"(?<= )[a-z]{5,}(?=[ ,.])", body[start:])
        if not m or m.group(0) == "amended":
            continue
        at = start + m.start()
        body = body[:at] + "amended" + body[at + len(m.group(0)):]
        front, _ = yamlio.load(front_text, path.name)
        front["corrections"] = [{"date": "2025-06-30", "summary": "Corrected one word of the first turn.",
                                 "removed": m.group(0)}]
        path.write_text("---\n" + yamlio.dump(front) + "---\n" + body, encoding="utf-8")
        return path.name
    raise RuntimeError("no transcript to edit")


# ---------------------------------------------------------------- optional tools in throwaway venvs

def _venv_tool(venv: Path, packages: list[str], probe) -> tuple[bool, str]:
    """Create `venv` and pip-install `packages` unless `probe()` finds them there already."""
    if probe():
        return True, "already installed"
    try:
        if not (venv / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
        p = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                            *packages], capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.SubprocessError) as exc:
        return False, f"could not create the venv: {exc}"
    if p.returncode != 0 or not probe():
        lines = [x for x in (p.stderr or p.stdout).splitlines() if x.strip() and not x.startswith("WARNING: Location")]
        return False, (lines[-1] if lines else f"pip exited {p.returncode}")[:200]
    return True, "installed"


def properdocs_build(root: Path, venv: Path) -> dict:
    from importlib.metadata import PackageNotFoundError, version
    try:
        material = version("mkdocs-material")
    except PackageNotFoundError:
        material = "9.8.1"
    ok, why = _venv_tool(venv, ["properdocs", f"mkdocs-material=={material}", "pymdown-extensions"],
                         (venv / "bin" / "properdocs").exists)
    if not ok:
        return {"error": f"properdocs could not be installed ({why})"}
    out_dir = root / "site-properdocs"
    # the hooks import the project's package (standard library only on that path): put it on the path
    env = dict(_env(root), PYTHONPATH=str(PROJECT / "scripts"))
    run = measured([str(venv / "bin" / "properdocs"), "build", "--strict", "-f", "mkdocs.yml",
                    "--site-dir", str(out_dir)], root, env)
    result = {"seconds": run.seconds, "rss_kb": run.rss_kb, "rc": run.rc}
    if run.rc != 0:
        result["error"] = _tail(run.stderr)
    shutil.rmtree(out_dir, ignore_errors=True)
    return result


def pagefind_index(site: Path) -> dict:
    """The search indexes, built as `onrecord build` builds them (`onrecord.search`: one Pagefind
    run per year, as many at once as there are cores): time, peak RSS, what they hold."""
    from . import search
    site = site.resolve()
    run = measured([sys.executable, "-m", "onrecord.search", str(site)], site)
    if run.rc != 0:
        return {"error": _tail(run.stderr or run.stdout)}
    bundle = site / search.BUNDLE
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))["shards"]
    files = [p for p in bundle.rglob("*") if p.is_file()]
    metas = {p.parent.name: p.stat().st_size for p in bundle.glob("*/pagefind.*.pf_meta")}
    return {"seconds": run.seconds, "rss_kb": run.rss_kb, "jobs": os.cpu_count() or 1,
            "shards": len(manifest), "largest_shard": max(s["pages"] for s in manifest),
            "bundle_bytes": sum(p.stat().st_size for p in files), "bundle_files": len(files),
            "meta_max": max(metas.values(), default=0),
            "engine_gz": sum(_gz((bundle / n).read_bytes()) if n.endswith(".js") else (bundle / n).stat().st_size
                             for n in ("pagefind.js", "wasm.en.pagefind"))}


def _tail(text: str, lines: int = 3) -> str:
    return " / ".join(x.strip() for x in (text or "").strip().splitlines()[-lines:])[:300]


# ---------------------------------------------------------------- one N

PHRASE_QUERY = "support for ukraine"  # a phrase search, beside the one-word queries


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that compresses text as GitHub Pages does (gzip when the browser accepts
    it), so the bytes counted are the bytes a reader downloads. Pagefind's own files are already
    compressed and are sent as they are."""
    TEXT = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in self.TEXT or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def browser_search(site: Path, queries: tuple[str, ...], repeat: int = 3) -> dict:
    """A reader's search in headless Chromium, served as GitHub Pages serves (gzip): from pressing
    '/' on the home page to the first result shown, the bytes fetched by then, and the bytes and
    requests once the first screenful of results is complete. A fresh browser per search; each
    query `repeat` times, and the median time kept (one run on a shared machine is noise)."""
    import threading
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists() or not (site / "pagefind" / "shards.json").exists():
        return {"error": "needs Chromium and a site with its Pagefind indexes"}
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesLikeHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict = {}
    try:
        with sync_playwright() as p:
            for query in [q for q in queries for _ in range(repeat)]:
                browser = p.chromium.launch(executable_path=chromium, args=[
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
                page = browser.new_page()
                page.goto(base)
                page.wait_for_load_state("networkidle")
                fetched: list[tuple[str, int]] = []
                page.on("response", lambda r: fetched.append((r.url, int(r.headers.get("content-length") or 0)))
                        if "/pagefind/" in r.url else None)
                start = time.perf_counter()
                page.keyboard.press("/")
                page.keyboard.type(query)
                page.wait_for_function("document.querySelector('.md-search-result__item') || /^No matching/"
                                       ".test(document.querySelector('.md-search-result__meta').textContent.trim())",
                                       timeout=60_000, polling=10)
                seconds = time.perf_counter() - start
                first = sum(size for _, size in fetched)
                # the dialog marks its list busy until the screenful is complete (or every year is searched)
                page.wait_for_function("document.querySelector('.md-search-result__list')"
                                       ".getAttribute('aria-busy') === 'false'", timeout=120_000, polling=20)
                shown = page.locator(".md-search-result__item").count()
                meta = page.locator(".md-search-result__meta").inner_text()
                run = {"seconds": seconds, "bytes_first": first, "bytes": sum(size for _, size in fetched),
                       "requests": len(fetched), "shown": shown, "meta": " ".join(meta.split())}
                out.setdefault(query, {"runs": []})["runs"].append(run)
                browser.close()
    finally:
        server.shutdown()
    for query, found in out.items():
        times = sorted(r["seconds"] for r in found["runs"])
        found.update(found["runs"][0], seconds=statistics.median(times), fastest=times[0], slowest=times[-1])
    return out


def bench_one(n: int, root: Path, args, log) -> dict:
    r: dict = {"n": n}
    root.mkdir(parents=True, exist_ok=True)
    log(f"[N={n}] generating the archive in {root}")
    start = time.perf_counter()
    stats = generate(root, n, args.seed)
    set_up_site_files(root)
    r["generate_s"] = time.perf_counter() - start
    r["stats"] = stats
    text = (root / "source_texts" / "speakers.yml").read_text(encoding="utf-8")
    r["speakers"] = text.count("\n- id: ")
    r["events"] = (root / "source_texts" / "events.yml").read_text(encoding="utf-8").count("\n- id: ")
    r["nested_events"] = (root / "source_texts" / "events.yml").read_text(encoding="utf-8").count("\n  parent: ")

    env = _env(root)
    convert_cmd = [sys.executable, "-m", "onrecord.bench", "--phased-convert", str(root)]
    log(f"[N={n}] onrecord convert (full)")
    run = measured(convert_cmd, root, env)
    if run.rc != 0:
        raise SystemExit(f"onrecord convert failed on the synthetic archive (N={n}):\n{run.stderr[-4000:]}")
    r["convert"] = {**json.loads(run.stdout.strip().splitlines()[-1]), "wall_s": run.seconds, "rss_kb": run.rss_kb}

    log(f"[N={n}] Python-Markdown render floor")
    r["floor_s"], r["floor_pages"] = render_floor(root)

    log(f"[N={n}] mkdocs build --strict")
    build_cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", "mkdocs.yml"]
    run = measured(build_cmd, root, env, timeout=4 * 3600)
    r["build_s"], r["build_rss"], r["build_rc"] = run.seconds, run.rss_kb, run.rc
    if run.rc != 0:
        r["build_error"] = _tail(run.stderr)
    if args.profile and n == min(args.transcripts):
        log(f"[N={n}] mkdocs build under cProfile (not timed)")
        prof = root / "mkdocs-build.prof"
        measured([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--strict",
                  "--config-file", "mkdocs.yml", "--site-dir", "site-profiled"], root, env, timeout=4 * 3600)
        r["profile"] = _profile_summary(prof)
        shutil.rmtree(root / "site-profiled", ignore_errors=True)
    r.update(site_figures(root / "site"))

    log(f"[N={n}] incremental convert after a one-word edit")
    r["edited"] = edit_one_word(root)
    run = measured(convert_cmd, root, env)
    if run.rc != 0:
        raise SystemExit(f"incremental convert failed (N={n}):\n{run.stderr[-4000:]}")
    r["incr"] = {**json.loads(run.stdout.strip().splitlines()[-1]), "wall_s": run.seconds, "rss_kb": run.rss_kb}

    if args.properdocs:
        log(f"[N={n}] properdocs build")
        r["properdocs"] = properdocs_build(root, Path(args.properdocs_venv))
    if args.pagefind:
        log(f"[N={n}] search indexes")
        r["pagefind"] = pagefind_index(root / "site")
        log(f"[N={n}] search in headless Chromium")
        r["browser_search"] = browser_search(root / "site", (args.queries[0], PHRASE_QUERY))
    return r


_PROFILE_GROUPS = (("/markdown/", "Python-Markdown"), ("/material/plugins/search/", "Material search plugin"),
                   ("html/parser.py", "html.parser (the search plugin's HTML parsing)"),
                   ("_markupbase.py", "html.parser (the search plugin's HTML parsing)"),
                   ("/jinja2/", "Jinja2 (page templates)"), ("/material/", "Material theme (other)"),
                   ("/mkdocs/", "MkDocs core"), ("/yaml/", "PyYAML"), ("/onrecord/", "onrecord hooks"),
                   ("/pymdownx/", "pymdown-extensions"), ("~", "built-ins (regex, str, I/O…)"))


def _profile_summary(path: Path, limit: int = 15) -> str:
    """Own time grouped by package, then the functions with the most own time."""
    import io
    import pstats
    if not path.exists():
        return "(no profile)"
    stats = pstats.Stats(str(path))
    groups: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        label = next((g for key, g in _PROFILE_GROUPS if key in filename or (key == "~" and filename == "~")),
                     "other Python")
        groups[label] = groups.get(label, 0.0) + tottime
    total = sum(groups.values()) or 1.0
    lines = [f"{seconds:8.2f} s {100 * seconds / total:5.1f} %  {label}"
             for label, seconds in sorted(groups.items(), key=lambda kv: -kv[1])]
    buf = io.StringIO()
    pstats.Stats(str(path), stream=buf).sort_stats("tottime").print_stats(limit)
    text = buf.getvalue()
    text = text[text.find("   ncalls"):] if "   ncalls" in text else text
    return "\n".join(lines) + "\n\n" + text.replace(str(Path(sys.prefix)), "<venv>")


# ---------------------------------------------------------------- report

def _kb(b: int | None) -> str:
    if b is None:
        return "—"
    if b >= 10 * 1024 * 1024:
        return f"{b / 1024 / 1024:,.0f} MB"
    if b >= 1024 * 1024:
        return f"{b / 1024 / 1024:,.1f} MB"
    return f"{b / 1024:,.1f} KB"


def _rss(kb: int | None) -> str:
    return "—" if kb is None else f"{kb / 1024:,.0f} MB"


def _s(x: float | None) -> str:
    return "—" if x is None else (f"{x:,.2f} s" if x < 10 else f"{x:,.1f} s")


def _revision() -> str:
    try:
        head = subprocess.run(["git", "-C", str(PROJECT), "log", "-1", "--format=%h %s"], capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(PROJECT), "status", "--porcelain", "--", "scripts", "mkdocs.yml"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown revision"
    return f"`{head[:90]}`" + (" (with uncommitted changes)" if dirty else "") if head else "unknown revision"


def machine() -> list[str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal"))
        memory = f"{mem / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memory = "unknown"
    from importlib.metadata import PackageNotFoundError, version
    versions = []
    for package in ("mkdocs", "mkdocs-material", "markdown"):
        try:
            versions.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            pass
    return [f"- Date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
            f"- Machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}), "
            f"{model}, {memory} RAM, {platform.system()} {platform.release()}",
            f"- Python {platform.python_version()}; {', '.join(versions)}",
            f"- onrecord at {_revision()}",
            f"- Peak RSS measured with {'GNU time -v' if _has_gnu_time() else 'getrusage(RUSAGE_CHILDREN)'}"]


def report(results: list[dict], args) -> str:
    cols = [r["n"] for r in results]
    rows: list[tuple[str, list[str]]] = []

    def row(name: str, f) -> None:
        cells = []
        for r in results:
            try:
                cells.append(f(r))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("—")
        rows.append((name, cells))

    row("Transcripts (news articles)", lambda r: f"{r['stats'].transcripts:,} ({r['stats'].articles:,})")
    row("Speakers / events (nested)", lambda r: f"{r['speakers']:,} / {r['events']:,} ({r['nested_events']:,})")
    row("Turns / words", lambda r: f"{r['stats'].turns:,} / {r['stats'].words / 1e6:,.1f} M")
    row("source_texts/ size", lambda r: _kb(r["stats"].source_bytes))
    row("Generate archive", lambda r: _s(r["generate_s"]))
    def step(key, label):
        def cell(r):
            calls, seconds = r[key]["steps"][label]
            return _s(seconds) + (f" · {calls:,} calls" if label in ("align", "match") else "")
        return cell

    def conv(key):
        def cell(r):
            c = r[key]
            return (f"{_s(c['total_s'])} ({_s(c['wall_s'])} with start-up) · {c['written']:,} files written"
                    + (" (with the convert cache)" if c["cache_before"] else ""))
        return cell
    row("**Convert** (`convert.convert`, full, fresh process)", conv("convert"))
    row("… load + validate", step("convert", "load"))
    row("… cross-links (`links.compute`)", step("convert", "links"))
    row("… … version alignment (`crossref.align`)", step("convert", "align"))
    row("… … quote matching (`crossref.match_quotes`)", step("convert", "match"))
    row("… plan + render", lambda r: _s(r["convert"]["total_s"] - sum(
        r["convert"]["steps"].get(k, [0, 0.0])[1] for k in ("load", "links", "write"))))
    row("… write", step("convert", "write"))
    row("Convert peak RSS", lambda r: _rss(r["convert"]["rss_kb"]))
    row("**Build** (`mkdocs build --strict`)", lambda r: _s(r["build_s"]) + (" (FAILED)" if r["build_rc"] else ""))
    row("Build peak RSS", lambda r: _rss(r["build_rss"]))
    row("Render floor (Python-Markdown only)", lambda r: f"{_s(r['floor_s'])} · {r['floor_pages']:,} pages")
    row("Build / floor", lambda r: f"{r['build_s'] / r['floor_s']:.1f}×")
    row("Transcript page, largest", lambda r: f"{_kb(r['page_max'])} ({r['page_max_id'][:40]})")
    row("Transcript page, median", lambda r: _kb(r["page_median"]))
    row("Largest other page", lambda r: f"{_kb(r['other_max'])} ({r['other_max_path']})")
    row("Site total", lambda r: f"{_kb(r['site_bytes'])} · {r['site_files']:,} files")
    row("**Incremental convert** (one word)", conv("incr"))
    row("… load + validate / cross-links", lambda r: f"{step('incr', 'load')(r)} / {step('incr', 'links')(r)}")

    def pd(r):
        p = r["properdocs"]
        if "seconds" not in p:
            return p["error"]
        cell = f"{_s(p['seconds'])} · {_rss(p['rss_kb'])}"
        return cell + (f" (FAILED: {p['error']})" if p.get("error") else "")
    if args.properdocs:
        row("`properdocs build --strict` · peak RSS", pd)
    if args.pagefind:
        def pf(r):
            p = r["pagefind"]
            if p.get("error"):
                return p["error"]
            return (f"{_s(p['seconds'])} · {_rss(p['rss_kb'])} for the largest run ({p['jobs']} at once) · "
                    f"{p['shards']} indexes, the largest of {p['largest_shard']:,} pages")
        row("Search indexes (`onrecord.search`, Pagefind per year) · peak RSS", pf)
        row("Build + search indexes (`onrecord build` after convert)",
            lambda r: _s(r["build_s"] + r["pagefind"]["seconds"]))

        def full(r):
            total = r["convert"]["wall_s"] + r["build_s"] + r["pagefind"]["seconds"]
            return f"{_s(total)} · {total / r['floor_s']:.1f}× the floor"
        row("Full `make site` from scratch (sum: convert without cache + build + search indexes)", full)
        row("Search bundle · engine (js + wasm, gzip) · largest page list",
            lambda r: f"{_kb(r['pagefind']['bundle_bytes'])} · {r['pagefind']['bundle_files']:,} files · "
                      f"{_kb(r['pagefind']['engine_gz'])} · {_kb(r['pagefind']['meta_max'])}")

        def searched(key):
            def cell(r):
                b = r.get("browser_search") or {}
                if not b or b.get("error"):
                    return b.get("error", "—")
                v = b[key]
                spread = (f" ({v['fastest'] * 1000:.0f}–{v['slowest'] * 1000:.0f} ms in {len(v['runs'])} runs)"
                          if len(v.get("runs", ())) > 1 else "")
                return (f"{v['seconds'] * 1000:.0f} ms{spread} · {_kb(v['bytes_first'])} to the first result · "
                        f"{_kb(v['bytes'])} for {v['shown']} results ({v['requests']} requests)")
            return cell
        for q in (args.queries[0], PHRASE_QUERY):
            row(f"Search “{q}” in headless Chromium, gzip as on Pages: '/' to first result (median) · bytes", searched(q))

    out = ["# onrecord benchmark", "", *machine(), f"- Seed {args.seed}; archives generated by `onrecord.bench`", "",
           "| | " + " | ".join(f"N = {n:,}" for n in cols) + " |",
           "| --- | " + " | ".join("---" for _ in cols) + " |"]
    out.extend(f"| {name} | " + " | ".join(c.replace("|", "\\|") for c in cells) + " |" for name, cells in rows)
    notes = []
    for r in results:
        if r.get("build_error"):
            notes.append(f"- N={r['n']}: the build failed: {r['build_error']}")
        if r.get("incr"):
            notes.append(f"- N={r['n']}: the one-word edit in `{r['edited']}` rewrote "
                         f"{', '.join(r['incr']['written_files'])}")
    if notes:
        out += ["", *notes]
    for r in results:
        if r.get("profile"):
            out += ["", f"## cProfile of `mkdocs build` at N={r['n']} (top functions by own time)", "",
                    "```", r["profile"].rstrip(), "```"]
    out += ["", "See bench/README.md for what each figure means."]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="onrecord bench", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transcripts", type=int, nargs="+", default=[1000, 10000], metavar="N",
                        help="archive sizes to measure (default: 1000 10000)")
    parser.add_argument("--out", type=Path, default=Path("bench/results.md"), help="where to write the table")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate into DIR/nN and keep it")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--no-properdocs", dest="properdocs", action="store_false",
                        help="skip the properdocs build")
    parser.add_argument("--properdocs-venv", default=str(Path(tempfile.gettempdir()) / "onrecord-bench-properdocs"))
    parser.add_argument("--no-pagefind", dest="pagefind", action="store_false",
                        help="skip the search indexes and the browser search")
    parser.add_argument("--queries", nargs="+", default=["ukraine"],
                        help="the one-word query searched in Chromium (beside the phrase)")
    parser.add_argument("--phased-convert", type=Path, metavar="ROOT", help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true",
                        help="run the build of the smallest N under cProfile and add the top functions")
    args = parser.parse_args(argv)
    if args.phased_convert:
        print(json.dumps(phased_convert(args.phased_convert)))
        return 0

    def log(message: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)

    results = []
    for n in args.transcripts:
        if args.keep:
            root = (args.keep / f"n{n}").resolve()
            if root.exists():
                shutil.rmtree(root)
            results.append(bench_one(n, root, args, log))
        else:
            with tempfile.TemporaryDirectory(prefix=f"onrecord-bench-{n}-") as tmp:
                results.append(bench_one(n, Path(tmp), args, log))
    text = report(results, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
