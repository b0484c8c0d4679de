"""Who is who: resolving a printed label or a mention in running text to a speaker.

Labels are resolved the way a careful reader does it: an exact label variant the
registry knows; a role label ("THE SECRETARY", "MR. PRESIDENT") held by someone on
that date; a generic questioner label; then the surname with or without a title.
Nothing is guessed when two people fit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from .records import UNIDENTIFIED, Speaker

QUESTIONER_LABELS = {
    "q",
    "question",
    "questions",
    "reporter",
    "journalist",
    "audience member",
    "participant",
    "press",
    "audience",
    "interviewer",
    # other words for the same voice, and in the languages captures come in
    "query",
    "questioner",
    "reporters",
    "journalists",
    "media",
    "pregunta",
    "periodista",
    "frage",
    "pytanie",
    "dziennikarz",
}
# Words that qualify a name in a label but are not part of it.
TITLE_WORDS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "madam",
    "secretary",
    "general",
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "ambassador",
    "deputy",
    "under",
    "assistant",
    "state",
    "of",
    "the",
    "us",
    "u",
    "s",
    "nato",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "senator",
    "representative",
    "chancellor",
    "king",
    "queen",
    "defense",
    "defence",
    "national",
    "security",
    "adviser",
    "advisor",
    "admiral",
    "gen",
    "lt",
    "col",
    "press",
    "moderator",
    "chair",
    "chairman",
    "chairwoman",
    "commissioner",
    "high",
    "special",
    "envoy",
    "counselor",
    "director",
    "acting",
    "senior",
    "official",
    "mister",
    "his",
    "her",
    "excellency",
    "honorable",
    "hon",
    "rt",
    "sec",
    "amb",
    "pm",
    "fm",
}


def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparing names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().casefold()


def tokens(text: str) -> list[str]:
    # letters of any script ("Støre": ø has no decomposition), digits, apostrophes
    return re.findall(r"(?:[^\W_]|')+", fold(text).replace("'s ", " "))


SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def name_tokens(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in TITLE_WORDS and t not in SUFFIXES and len(t) > 1]


@dataclass(frozen=True)
class Resolution:
    speaker_id: str | None  # None: not in the registry (a new speaker to add)
    name: str  # display name
    how: str  # how the label was resolved, for the import report
    outlet: str | None = None


class Registry:
    def __init__(self, speakers: dict[str, Speaker]):
        self.speakers = speakers
        self._labels = {fold(label): s for s in speakers.values() for label in s.labels}

    # -- labels ------------------------------------------------------------------
    def resolve_label(self, name: str, paren: str | None, day: date | None) -> Resolution:
        """`name` is the label without colon and timestamp; `paren` a parenthetical role or outlet."""
        key = fold(name)
        if paren and fold(f"{name} ({paren})") in self._labels:
            s = self._labels[fold(f"{name} ({paren})")]
            return Resolution(s.id, s.name, "label known to the registry", s.outlet)
        if key in self._labels:
            s = self._labels[key]
            return Resolution(s.id, s.name, "label known to the registry", s.outlet)
        by_role = self.holder_of_label(key, day)
        if by_role:
            return Resolution(
                by_role.id, by_role.name, f"role label held on {day} by {by_role.name}"
            )
        if key in QUESTIONER_LABELS:
            return Resolution(UNIDENTIFIED, "Unidentified journalist", "unnamed questioner")
        outlet = paren if paren and not self.is_role_text(paren) else None
        person = self.match_name(name, day)
        if person:
            return Resolution(person.id, person.name, "name matched in the registry", outlet)
        return Resolution(None, display_name(name), "new speaker: not in the registry", outlet)

    def holder_of_label(self, key: str, day: date | None) -> Speaker | None:
        holders = [
            s
            for s in self.speakers.values()
            for r in s.roles
            if key in {fold(label) for label in r.labels} and r.active_on(day)
        ]
        return holders[0] if len(holders) == 1 else None

    def is_role_text(self, text: str) -> bool:
        folded = fold(text)
        return any(fold(r.title) in folded for s in self.speakers.values() for r in s.roles) or all(
            t in TITLE_WORDS for t in tokens(text)
        )

    def match_name(self, text: str, day: date | None) -> Speaker | None:
        """The one registry person whose name contains the label's name words, preferring
        someone in office on `day`; None if nobody or several fit."""
        wanted = name_tokens(text)
        if not wanted:
            return None
        fits = []
        for s in self.speakers.values():
            if s.kind != "person":
                continue
            have = name_tokens(s.name)
            if have and set(wanted) <= set(have) and have[-1] in wanted:
                fits.append(s)
        if len(fits) > 1 and day:
            fits = [s for s in fits if s.role_on(day)] or fits
        return fits[0] if len(fits) == 1 else None

    # -- mentions in running text ------------------------------------------------
    def role_holders(self, phrase: str, day: date | None) -> list[Speaker]:
        """People whose role title on `day` ends with the words of `phrase`
        ("Secretary General" -> the NATO Secretary General; "US Secretary" -> ambiguous)."""
        want = [t for t in tokens(phrase) if t not in {"the", "us", "u", "s", "nato", "mr", "ms"}]
        if not want:
            return []
        found = []
        for s in self.speakers.values():
            role = s.role_on(day) if day else None
            if role and _contains_in_order(tokens(role.title), want):
                found.append(s)
        return found


def _contains_in_order(have: list[str], want: list[str]) -> bool:
    it = iter(have)
    return all(any(w == h for h in it) for w in want)


def display_name(label: str) -> str:
    """'LIZ SCHRAYER' -> 'Liz Schrayer'; mixed-case labels are kept as printed."""
    label = re.sub(r"\s+", " ", label).strip()
    if label.isupper():
        return " ".join(
            w if len(w) <= 2 and w.endswith(".") else w.capitalize() for w in label.split()
        )
    return label
