"""People the capture names outside its speech: in the title, the source address, the header.

Most speakers of a new capture are not in the registry yet. Their labels then give a title
and a surname ("FOREIGN MINISTER LAVROV:"), and the full name is only in the title, the URL
slug or a dateline ("… with Russian Foreign Minister Sergey Lavrov"). This stage reads those
names, so that a label can be given the full name the capture states, and so that fuzzy
matching of a garbled label is tried only against people the capture itself names.

Names are split with nameparser (its list of titles and honorifics, and its name particles),
never guessed: a surname found with two different given names is ambiguous, while the same
person with and without a middle initial ("Antony Blinken", "Antony J. Blinken") is one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nameparser.config import CONSTANTS

from ..registry import TITLE_WORDS

# Words that qualify a name: nameparser's titles and honorifics, and ours (organisations
# printed in front of a role: "NATO Secretary General", "U.S. Secretary of State").
ROLE_WORDS = (
    frozenset(CONSTANTS.titles)
    | TITLE_WORDS
    | {
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "moderator",
        "nato",
        "u.s.",
        "us",
        "un",
        "eu",
        "sec",
        "secretary-general",
        "external",
        "affairs",
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "high",
        "representative",
        "commissioner",
        "head",
        "leader",
        "host",
        "anchor",
        "correspondent",
    }
)
PARTICLES = frozenset(CONSTANTS.prefixes) | {
    "de",
    "van",
    "von",
    "der",
    "den",
    "da",
    "du",
    "del",
    "della",
    "di",
    "bin",
    "ibn",
    "al",
    "el",
    "la",
    "le",
    "ter",
    "ten",
}
# Capitalised words of a title-cased headline that end a name ("Taro Kono Before Their Meeting").
NOT_NAME = {
    "and",
    "with",
    "before",
    "after",
    "during",
    "at",
    "in",
    "on",
    "of",
    "for",
    "from",
    "to",
    "the",
    "a",
    "an",
    "by",
    "their",
    "his",
    "her",
    "its",
    "our",
    "meeting",
    "meetings",
    "remarks",
    "press",
    "joint",
    "availability",
    "conference",
    "interview",
    "briefing",
    "statement",
    "transcript",
    "visit",
    "talks",
    "discusses",
    "says",
    "said",
    "welcomes",
    "speaks",
    "more",
    "news",
    "trending",
    "amp",
    "via",
    "video",
    "ahead",
    "following",
    "about",
    "over",
    "as",
    "is",
    "was",
    "will",
    "&",
    "–",
    "—",
    "-",
    "|",
}
_WORD = re.compile(r"[^\W\d_][\w’'.-]*[,:;]?|&|[–—|]")  # with the comma or colon that ends a name


@dataclass(frozen=True)
class Named:
    name: str  # as printed, best spelling ("Sergey Lavrov", "Michael R. Pompeo")
    source: str  # where: "the title", "the source URL", "line 5"
    role: str = ""  # the words before the name ("Russian Foreign Minister")


def _cap(word: str) -> bool:
    return word[:1].isupper()


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.?", word))


def key(name: str) -> list[str]:
    """A name as comparable tokens: accents and case off, initials and titles dropped."""
    words = [plain(w).strip("’'") for w in name.replace("-", " ").split()]
    return [w for w in words if len(w) > 1 and w not in ROLE_WORDS]


def same_person(a: str, b: str) -> bool:
    """'Antony J. Blinken' = 'Antony Blinken' = 'Secretary Antony Blinken'; 'Joe Biden' != 'Jill Biden'."""
    ka, kb = key(a), key(b)
    if not ka or not kb or ka[-1] != kb[-1]:
        return False
    return set(ka) <= set(kb) or set(kb) <= set(ka)


def names_before(surname: str, text: str) -> list[str]:
    """Every 'Given [Middle] Surname' in `text` for a surname (compared without accents and case)."""
    target = plain(surname)
    words = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
    found = []
    for i, (w, _) in enumerate(words):
        bare = re.sub(r"[’']s$", "", w.rstrip(".,:;"))  # "Rutte's"
        if plain(bare) != target:
            continue
        given: list[str] = []
        j = i - 1
        while j >= 0 and len(given) < 3:
            prev = words[j][0]
            if prev.endswith((",", ":", ";")):
                break  # "Thank you, Blinken" is no given name
            low = prev.lower().rstrip(".")
            if _is_initial(prev) or (prev.lower() in PARTICLES and given):
                given.insert(0, prev)
            elif (
                _cap(prev) and low not in ROLE_WORDS and low not in NOT_NAME and not prev.isupper()
            ):
                given.insert(0, prev)
            else:
                break
            j -= 1
        while given and (prev := given[0]).lower() in PARTICLES:
            given.pop(0)
        if given and not all(_is_initial(g) for g in given):
            found.append(" ".join([*given, bare]))
    return found


def full_name(surname: str, sources: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The one full name the capture gives for a surname, and where: sources are tried in
    order (title, URL, header, then the text); None if none or two different people fit."""
    for text, where in sources:
        variants = names_before(surname, text)
        if not variants:
            continue
        people: list[str] = []
        for v in variants:  # the same person with and without a middle initial is one
            same = next((p for p in people if same_person(p, v)), None)
            if same is None:
                people.append(v)
            elif len(key(v)) > len(key(same)) or (len(v) > len(same) and key(v) == key(same)):
                people[people.index(same)] = v
        if len(people) == 1:
            return _best_spelling(people[0], sources), where
        return None  # two people with this surname: the reviewer decides
    return None


def _best_spelling(name: str, sources: list[tuple[str, str]]) -> str:
    """A name read from a URL slug ('Jonas Gahr Store', 'Michael R Pompeo') takes the text's
    spelling when it has one ('Jonas Gahr Støre', 'Michael R. Pompeo')."""
    want = [plain(w) for w in name.split()]
    spellings = [name]
    for text, _ in sources:
        words = [m.group(0).rstrip(",:;") for m in _WORD.finditer(text)]
        for i in range(len(words) - len(want) + 1):
            span = words[i : i + len(want)]
            if [plain(w) for w in span] == want and all(
                _cap(w) and not (w.isupper() and len(w) > 2) for w in span
            ):
                spellings.append(" ".join(w if _is_initial(w) else w.rstrip(".") for w in span))
    return max(spellings, key=lambda s: sum(not c.isascii() or c == "." for c in s))


_LETTERS = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "’": "'",
    }
)


def plain(word: str) -> str:
    """A word without accents or case, for comparing a slug or a label with the text ('STØRE' = 'store')."""
    text = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    return "".join(c for c in text if not unicodedata.combining(c)).strip(".,")


_HEADING = re.compile(
    r"(?i)^(?:greeting|greetings|official|summit|ministerial|ministers|council|alliance|"
    r"headquarters|office|house|department|ministry|government|republic|kingdom|union|nations)$"
)


def _not_a_person(words: list[str]) -> bool:
    """'Greeting Vilnius Lithuania' after 'Official' in a slug is not a name."""
    from . import places  # places reads the gazetteer lazily

    return any(_HEADING.match(w.strip(".,")) for w in words) or places.known_place(
        words[-1].strip(".,")
    )


def named(text: str, where: str) -> list[Named]:
    """People a title or header names with their role: 'Russian Foreign Minister Sergey Lavrov',
    'by NATO Spokesman, James Appathurai', 'NATO Secretary General Mark Rutte'."""
    out: list[Named] = []
    words = [m.group(0) for m in _WORD.finditer(text)]
    i = 0
    while i < len(words):
        w = words[i].lower().rstrip(".,:;")
        if (w in ROLE_WORDS and w not in {"the", "of", "us", "state"}) or words[i].rstrip(",") in {
            "Mr",
            "Mr.",
            "Ms",
            "Ms.",
        }:
            j = i + 1
            while (
                j < len(words)
                and (words[j].lower().rstrip(".,:;") in ROLE_WORDS)
                and not words[j - 1].endswith((":", ";"))
            ):
                j += 1
            name: list[str] = []
            k = j
            while k < len(words) and len(name) < 4:
                cand = words[k].rstrip(",:;")
                low = cand.lower().rstrip(".")
                if _is_initial(cand) or (
                    _cap(cand) and low not in NOT_NAME and low not in ROLE_WORDS
                ):
                    name.append(cand)
                elif low in PARTICLES and name:
                    name.append(cand)
                else:
                    break
                if words[k].endswith((",", ":", ";")):
                    break
                if cand.endswith(".") and not _is_initial(cand) and low not in {"jr", "sr"}:
                    name[-1] = cand.rstrip(".")  # "… Marco Rubio. Welcome back": the sentence ends
                    break
                k += 1
            while name and name[-1].lower() in PARTICLES:
                name.pop()
            if (
                len(name) >= 2
                and not all(_is_initial(n) for n in name[:-1] if n)
                and not _is_initial(name[-1])
                and not _not_a_person(name)
            ):
                out.append(Named(" ".join(name), where, " ".join(words[i:j])))
            i = max(k, i + 1)
            continue
        i += 1
    return out
