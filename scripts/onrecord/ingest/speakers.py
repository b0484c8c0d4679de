"""Who speaks each turn: labels resolved against the registry and against the people the
capture itself names, never guessed.

In order, for a label: a label or role the registry knows on that date; a generic questioner
("QUESTION:", the interviewer when the title names one, the reporter a moderator has just
called on or who introduces themself); the person the registry knows by that surname; the
full name the title, URL, header or text gives for a "TITLE SURNAME" label; a garbled label
matched (fuzzily) only against people the title, URL or registry name, in office on the day.
A turn without a label is given to the person the title announces, or to a speaker who
introduces themself. Everything decided this way is listed in the report with its basis;
what cannot be decided is listed too, and stays visible in the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from ..registry import QUESTIONER_LABELS, UNIDENTIFIED, Registry, display_name, fold
from . import places
from .metadata import title_from_url
from .people import ROLE_WORDS, full_name, key, named, plain, same_person

OUTLET_WORDS = re.compile(
    r"(?i)\b(?:news|times|post|journal|press|agency|radio|tv|television|network|daily|"
    r"magazine|broadcasting|channel|media|tribune|herald|gazette|wire|reuters|bloomberg)\b"
)
ANONYMOUS = re.compile(
    r"(?i)^(?:the\s+)?(?:moderator|host|operator|interpreter|translator|narrator|announcer|"
    r"(?:senior\s+|a\s+)?(?:state department |administration |u\.?s\.? |defense |white house )?"
    r"(?:official|officials)|senior [\w ]{1,40} official|participant|staff|speaker \d+|unknown)$"
)


@dataclass
class Context:
    """What the capture says about its people, outside the turns."""

    title: str | None
    url: str | None
    day: date | None
    header: list[tuple[str, str]]  # (text, where) of the header lines
    text: str  # the first part of the capture, for full names spelled out once
    people: list[str] = field(default_factory=list)  # names the title, URL and header give

    def sources(self) -> list[tuple[str, str]]:
        out = []
        if self.title:
            out.append((self.title, "the title"))
        slug = title_from_url(self.url)
        if slug:
            out.append((slug, "the source URL"))
        out.extend(self.header)
        return out


def context(
    title: str | None, url: str | None, day: date | None, header: list[tuple[str, str]], text: str
) -> Context:
    c = Context(title, url, day, header, text[:3000])
    for t, where in c.sources():
        for n in named(t, where):
            if not any(same_person(n.name, p) for p in c.people):
                c.people.append(n.name)
    return c


def principal(c: Context, registry: Registry) -> tuple[str | None, str, str] | None:
    """Whose statement a title announces ('Press conference by NATO Secretary General Jens
    Stoltenberg with …' -> Stoltenberg; otherwise the first person the title names), with
    where it was read: (speaker id or None, name, basis)."""
    for text, where in [(c.title, "the title"), (title_from_url(c.url), "the source URL")]:
        if not text:
            continue
        m = re.search(
            r"\bby\s+(?P<who>.+?)(?:\s+(?:with|and|at|in|on|during|ahead|before|after)\b|$)", text
        )
        for part in ([m["who"]] if m else []) + [text]:
            words = part.split()
            for size in (4, 3, 2, 1):
                for i in range(len(words) - size + 1):
                    person = registry.match_name(" ".join(words[i : i + size]), c.day)
                    if person and len(words[i + size - 1]) > 2 and words[i + size - 1][0].isupper():
                        return person.id, person.name, where
            for n in named(part, where):
                person = registry.match_name(n.name, c.day)
                if person:
                    return person.id, person.name, where
                fuller = full_name(
                    n.name.split()[-1], c.sources()
                )  # "Mark Rutte", never a bare role
                return None, fuller[0] if fuller else n.name, where
    return None


def interviewer(c: Context) -> tuple[str, str] | None:
    """'Secretary Blinken With Gayle King of CBS Mornings' -> ('Gayle King', 'the title')."""
    for text, where in [(c.title, "the title"), (title_from_url(c.url), "the source URL")]:
        if not text:
            continue
        m = re.search(
            r"\b(?:[Ww]ith|[Ii]nterview(?:ed)? by|[Ii]nterview with)\s+(?P<who>[A-Z][\w’'-]+"
            r"(?:\s+[A-Z][\w’'-]+){1,2})\s+(?:[Oo]f|[Oo]n|[Ff]rom|[Ff]or)\s+[A-Z0-9]",
            text,
        )
        if m and not re.search(r"(?i)secretary|president|minister|general|ambassador", m["who"]):
            return m["who"], where
    return None


@dataclass(frozen=True)
class Decision:
    speaker_id: str | None
    name: str | None
    how: str
    outlet: str | None = None
    inferred: str | None = None  # a line for the report's "inferred" list
    undecided: str | None = None  # a line for "could not decide"


def resolve(
    label_name: str, paren: str | None, printed: str, c: Context, registry: Registry
) -> Decision:
    named_in = _named_in_brackets(label_name, paren)
    if named_in:  # "Moderator (NATO Spokesperson Farah Dakhlallah):" is Farah Dakhlallah
        person = registry.match_name(named_in, c.day)
        return Decision(
            person.id if person else None,
            person.name if person else named_in,
            "the name the label gives in brackets",
            inferred=f"'{printed}' is {named_in}, whom its brackets name",
            undecided=None
            if person
            else f"new speaker '{named_in}' (label '{printed}'): added to the registry as a draft",
        )
    r = registry.resolve_label(label_name, paren, c.day)
    if r.speaker_id:
        return Decision(r.speaker_id, r.name, r.how, r.outlet)
    folded = fold(label_name)
    if folded.rstrip(".") in QUESTIONER_LABELS or re.fullmatch(
        r"(?:questions?|questioner|reporters?|journalists?|"
        r"audience|press|media|q\.)(?: \d+)?",
        folded,
    ):
        return Decision(UNIDENTIFIED, "Unidentified journalist", "unnamed questioner")
    # a stray word before a name the registry knows: "AND SECRETARY BLINKEN", "TRANSCRIPT SECRETARY RUBIO"
    words = label_name.split()
    for drop in (1, 2):
        if len(words) - drop >= 1:
            rest = " ".join(words[drop:])
            again = registry.resolve_label(rest, paren, c.day)
            if (
                again.speaker_id
                and again.how != "unnamed questioner"
                and fold(words[drop - 1]) not in ROLE_WORDS
            ):
                return Decision(
                    again.speaker_id,
                    again.name,
                    again.how,
                    again.outlet,
                    inferred=f"'{printed}' read as '{rest}' ({again.name}): "
                    f"'{' '.join(words[:drop])}' is not part of a name",
                )
    outlet = paren if paren and not registry.is_role_text(paren) and not _role_text(paren) else None
    # a full name with a role in front: "NATO Secretary General Mark Rutte:" is Mark Rutte
    if len(key(label_name)) >= 2:
        given = next((p for p in c.people if same_person(label_name, p)), None)
        bare = _without_role(label_name)
        if given or bare != label_name:
            name = given or bare
            return Decision(
                None,
                name,
                "the name the label prints",
                outlet,
                undecided=f"new speaker '{name}' (label '{printed}'): added to the registry as a draft",
            )
    if ANONYMOUS.match(label_name.strip()) or all(
        w.lower().strip(".,") in ROLE_WORDS for w in words
    ):
        name = display_name(label_name)
        return Decision(
            None,
            name,
            "a role, not a name",
            outlet,
            undecided=f"'{printed}' names a role, not a person: kept as '{name}'",
        )
    surname = key(label_name)[-1] if key(label_name) else None
    # the full name the capture gives: "FOREIGN MINISTER LAVROV" and the title's "Sergey Lavrov"
    if surname and len(key(label_name)) == 1:
        found = full_name(surname, c.sources()) or full_name(surname, [(c.text, "the text")])
        if found:
            person = registry.match_name(found[0], c.day)
            if person:
                return Decision(person.id, person.name, "name matched in the registry", outlet)
            return Decision(
                None,
                found[0],
                f"full name from {found[1]}",
                outlet,
                inferred=f"'{printed}' is {found[0]}, as {found[1]} names them",
                undecided=f"new speaker '{found[0]}' (label '{printed}'): added to the registry "
                f"as a draft",
            )
    fuzzy = _fuzzy(label_name, c, registry)
    if fuzzy:
        return Decision(
            fuzzy.speaker_id,
            fuzzy.name,
            fuzzy.how,
            outlet,
            inferred=f"'{printed}' {fuzzy.inferred}",
        )
    name = display_name(label_name)
    if surname and len(key(label_name)) == 1:
        name = display_name(
            _surname_as_printed(label_name)
        )  # "MR PALLADINO" -> "Palladino": a title is not a name
        return Decision(
            None,
            name,
            "new speaker: not in the registry",
            outlet,
            undecided=f"'{printed}' gives only a surname and the capture never spells out the full "
            f"name: new speaker '{name}' added to the registry as a draft",
        )
    return Decision(
        None,
        name,
        "new speaker: not in the registry",
        outlet,
        undecided=f"new speaker '{name}' (label '{printed}'): added to the registry as a draft",
    )


def _named_in_brackets(label_name: str, paren: str | None) -> str | None:
    """The person a role label names in brackets: 'Moderator (NATO Spokesperson Farah
    Dakhlallah)' -> 'Farah Dakhlallah'; never an outlet or a role alone ('Q (Reuters)')."""
    if not paren or not all(
        w.lower().strip(".,") in ROLE_WORDS or w.lower() in ("moderator", "host", "chair")
        for w in label_name.split()
    ):
        return None
    found = named(paren, "the label")
    return found[0].name if found and found[0].name.split()[-1] in paren.split() else None


def _surname_as_printed(label_name: str) -> str:
    words = label_name.split()
    while len(words) > 1 and words[0].lower().strip(".,") in ROLE_WORDS:
        words.pop(0)
    return " ".join(words)


def _without_role(label_name: str) -> str:
    """'NATO Secretary General Mark Rutte' -> 'Mark Rutte'; mixed case only (capitals are a label's style)."""
    words = label_name.split()
    if label_name.isupper():
        return label_name
    i = 0
    while i < len(words) - 2 and words[i].lower().strip(".,") in ROLE_WORDS:
        i += 1
    return " ".join(words[i:]) if i else label_name


def _role_text(text: str) -> bool:
    return all(w.lower().strip(".,") in ROLE_WORDS for w in text.split())


def _fuzzy(label_name: str, c: Context, registry: Registry) -> Decision | None:
    """A misspelt surname ('SECRETARY BLINKIN') matched against the people the title, URL or
    registry name (registry people only if in office on the day): one clear match or nothing."""
    wanted = key(label_name)
    if not wanted:
        return None
    surname = wanted[-1]
    candidates: list[tuple[str | None, str, str]] = []
    if c.day:
        candidates += [
            (s.id, s.name, "the registry")
            for s in registry.speakers.values()
            if s.kind == "person" and s.role_on(c.day)
        ]
    candidates += [(None, p, "the title or URL") for p in c.people]
    hits: dict[object, tuple[float, str | None, str, str]] = {}
    for sid, name, where in candidates:
        have = key(name)
        if not have:
            continue
        score = fuzz.ratio(surname, have[-1])
        if score >= 80 and surname[0] == have[-1][0] and surname != have[-1]:
            hits.setdefault(fold(name), (score, sid, name, where))
    if len(hits) != 1:
        return None
    score, sid, name, where = next(iter(hits.values()))
    if sid is None:
        person = registry.match_name(name, c.day)
        sid, name = (person.id, person.name) if person else (None, name)
    return Decision(
        sid,
        name,
        f"spelling close to {name}, whom {where} names",
        inferred=f"read as {name}: the spelling is close ({score:.0f}%) to the name {where} gives, "
        f"and nobody else fits",
    )


def respelled(
    label_name: str, others: list[tuple[str | None, str, str]]
) -> tuple[str | None, str, str, float] | None:
    """A label that names nobody known ('SECRETARY BLINKIN') read as the one speaker another
    label of the same capture names ('SECRETARY BLINKEN' → Antony J. Blinken), when the surnames
    are spelt alike: `others` are (id, name, label printed). One clear match or nothing."""
    wanted = key(label_name)
    if len(wanted) != 1:
        return None
    hits: dict[str, tuple[str | None, str, str, float]] = {}
    for sid, name, printed in others:
        have = key(name)
        if not have or have[-1] == wanted[0] or have[-1][0] != wanted[0][0]:
            continue
        score = fuzz.ratio(wanted[0], have[-1])
        if score >= 85:  # Blinkin/Blinken 86, Rubbio/Rubio 91; Smith/Smyth (80) stay two people
            hits.setdefault(fold(name), (sid, name, printed, score))
    return next(iter(hits.values())) if len(hits) == 1 else None


# ---------------------------------------------------------------- unnamed questioners named in the text

_INTRO = re.compile(
    r"(?:^|[.!?]\s+|,\s+)(?:(?:I'm|I’m|I am|This is|My name is|It's|It’s)\s+)?"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+){1,2}),?\s+(?:from|with|of)\s+"
    r"(?:the\s+)?(?P<outlet>[A-Z][\w&.’' -]{1,40}?)\s*[.,]"
)
_INTRO_LOWER = re.compile(
    r"(?i)\b(?:i'm|i’m|im|i am|my name is)\s+(?P<name>[a-z’'-]{2,} [a-z’'-]{2,}),\s+"
    r"(?P<role>[a-z]+)\b[\w ]{0,40}?\s+of\b"
)


def self_introduction(text: str, people: frozenset = frozenset()) -> tuple[str, str | None] | None:
    """'Michelle Nichols from Reuters.' / "I'm Steven Knapp, president of …": (name, outlet)."""
    head = text[:300]
    m = _INTRO.search(head)
    if m and _personal(m["name"], people) and m.start() < 120:
        return m["name"], m["outlet"].strip()
    m = _INTRO_LOWER.search(head)
    if m and m["role"].lower() in ROLE_WORDS and m.start() < 120:
        name = " ".join(w.capitalize() for w in m["name"].split())
        if _personal(name, people):
            return name, None
    return None


def called_on(text: str, people: frozenset = frozenset()) -> str | None:
    """A moderator's short turn calling a reporter by full name: 'Reuters, Michelle Nichols.'"""
    if len(text.split()) > 10:
        return None
    names = [
        m.group(0)
        for m in re.finditer(r"(?<![\w’'])[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}", text)
    ]
    names = [n for n in names if _personal(n, people)]
    return names[0] if len(names) == 1 else None


def _personal(name: str, people: frozenset) -> bool:
    words = name.split()
    if any(w.lower().strip(".") in ROLE_WORDS for w in words) or OUTLET_WORDS.search(name):
        return False
    if any(
        places.known_place(" ".join(words[i:j]))
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
    ):
        return False  # "New York", "Washington Post"
    return plain(name) not in people
