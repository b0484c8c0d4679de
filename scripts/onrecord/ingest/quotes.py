"""News articles: every direct quote, and the person the article attributes it to.

Attribution follows the article's own grammar, in this order: a speech verb next to the
quote ("…,” said Jens Stoltenberg / “…,” he added / Blinken says: '…'); the subject of
the sentence that introduces it ("…, saying “…”"); for a quote that opens a paragraph,
whoever the article was last quoting or talking about. A quote with nobody to give it
to stays unattributed: the report lists it for the reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..records import Speaker
from ..registry import Registry, fold, name_tokens, tokens
from .people import named as people_named
from .people import plain

VERBS = (
    r"said|says|say|added|adds|stressed|stresses|underlined|underlines|emphasi[sz]ed|emphasi[sz]es|"
    r"noted|notes|told|tells|continued|continues|concluded|concludes|explained|explains|declared|"
    r"declares|stated|states|warned|warns|insisted|insists|argued|argues|asked|asks|answered|replied|"
    r"remarked|observed|highlighted|highlights|recalled|affirmed|reaffirmed|urged|urges|acknowledged|"
    r"announced|announces|wrote|writes|tweeted|pointed out|went on|praised|commented|confirmed|"
    r"assured|promised|vowed|welcomed|thanked|agreed|cautioned|underscored|described|according to"
)
_SPANS = [
    re.compile(r"“(?P<q>[^“”]+)”"),
    re.compile(r"«\s?(?P<q>[^«»]+?)\s?»"),  # French guillemets, with their narrow spaces
    re.compile(r"„(?P<q>[^„“”]+)[“”]"),  # German and Polish: „…“
    re.compile(r"“(?P<q>[^“”]{12,})$"),  # opened and never closed: runs to the paragraph's end
    re.compile(r'(?<![\w])"(?P<q>[^"]+)"'),
    # opened and never closed, but the attribution shows where it ends: '"We will …, Blinken added.'
    re.compile(
        rf'(?:(?<=^)|(?<=\s))["“](?P<q>[^"“”]{{12,}}?,)(?=\s+(?:he|she|[A-Z][\w’\'-]+'
        rf"(?:\s+[A-Z][\w’'-]+){{0,2}})\s+(?:{VERBS})\b[^\"“”]*$)"
    ),
    re.compile(r"‘(?P<q>[^‘]+?)’(?![\w])"),
    re.compile(r"(?:(?<=^)|(?<=[\s(:]))'(?P<q>[A-Z0-9][^']*?(?:'\w[^']*?)*)'(?=[\s.,;:!?)]|$)"),
]
_AFTER_VERB_WHO = re.compile(rf"^\s*,?\s*(?:{VERBS})\s+(?P<who>[^.,;:“”\"!?]+)", re.I)
# in any language: "…" - powiedział Rasmussen / "…" – a déclaré M. Macron
_AFTER_DASH_VERB_WHO = re.compile(
    r"^\s*[,.]?\s*[-–—]\s*(?:[^\W\d_]+\s+){1,3}?(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)
# the verb first, as French, Spanish, German and Polish put it: « … », a déclaré le secrétaire
# général Jens Stoltenberg / "…", dijo el ministro José Albares / „…“, sagte Annalena Baerbock
FOREIGN_VERBS = (
    r"dijo|afirmó|declaró|señaló|añadió|aseguró|subrayó|sagte|erklärte|betonte|fügte|"
    r"powiedział|powiedziała|dodał|dodała|podkreślił|podkreśliła|stwierdził|stwierdziła|"
    r"zaznaczył|zaznaczyła|déclara|ajouta|disse|affermato"
)
_AFTER_COMMA_VERB_WHO = re.compile(
    rf"^\s*,\s*(?:(?:a|ont|ha|han|hat|haben)\s+[^\W\d_]{{3,}}|{FOREIGN_VERBS})\s+"
    r"(?:[^\W\d_]+\s+){0,4}?(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)
# "…," Name verbed / "…," the minister argued: a name right after a quote that ends in a comma
_AFTER_COMMA_WHO_ANY_VERB = re.compile(
    r"^\s*(?P<who>(?:[A-Z][\w.’'-]+\s+){0,3}[A-Z][\w’'-]+)\s+[a-z]{3,}(?:ed|s)\b"
)
_AFTER_WHO_VERB = re.compile(rf"^\s*,?\s*(?P<who>he|she|[A-Z][\w.’'\- ]{{0,60}}?)\s+(?:{VERBS})\b")
_BEFORE_WHO_VERB = re.compile(
    rf"(?P<who>\b(?:he|she|He|She)\b|\b[A-Z][\w.’'\- ]{{0,60}}?)\s+(?:{VERBS})\b[^“”\"]*?[:,]?\s*$"
)
_BEFORE_WHO_COLON = re.compile(r"(?:^|[•\-–]\s*)(?P<who>[A-Z][\w.’'\- ]{1,60}):\s*$")
_TRIM_WHO = re.compile(
    r"\s+(?:at|in|on|during|to|after|before|from|when|while|who|as|of the|for)\s.*$"
)
PRONOUNS = {"he", "she"}
MIN_WORDS = 2  # “realistic pathway”: a partial quote is a quote; a single scare-quoted word is not


@dataclass(frozen=True)
class FoundQuote:
    text: str
    speaker_id: str | None
    name: str | None
    how: str
    paragraph: int  # index of the paragraph in the article


class Attributor:
    """Keeps track of who the article is talking about as it reads on."""

    def __init__(
        self, registry: Registry, day: date | None, article: str = "", named: tuple[str, ...] = ()
    ):
        self.registry, self.day = registry, day
        self.last: tuple[str | None, str] | None = None  # (speaker id, name)
        people = [
            s for s in registry.speakers.values() if s.kind == "person" and name_tokens(s.name)
        ]
        self._surnames: dict[str, tuple[str | None, str]] = {
            name_tokens(s.name)[-1]: (s.id, s.name) for s in people
        }
        # people the article itself names with a role ("U.S. Secretary of State Marco Rubio"), and
        # surnames it uses as the subject of a sentence ("Rasmussen powiedział, że …")
        self.article = article
        # and the roles it gives them: "Secretary General Jens Stoltenberg" makes "the Secretary General" him
        self._roles: list[tuple[set[str], tuple[str | None, str]]] = []
        in_article = people_named(article, "the article")
        for n in [*named, *(p.name for p in in_article)]:
            surname = plain(n.split()[-1])
            if surname not in self._surnames:
                person = registry.match_name(n, day)
                self._surnames[surname] = (person.id, person.name) if person else (None, n)
        for p in in_article:
            role_words = {w for w in tokens(p.role) if w not in {"the", "us", "u", "s", "nato"}}
            if role_words:
                self._roles.append((role_words, self._surnames[plain(p.name.split()[-1])]))

    def resolve(self, who: str) -> tuple[str | None, str] | None:
        who = _TRIM_WHO.sub("", who.strip(" ,")).strip()
        if not who:
            return None
        if who.lower() in PRONOUNS:
            return self.last
        person = self.registry.match_name(who, self.day)
        if person:
            return person.id, person.name
        words = who.split()
        if (
            len(words) == 1 and words[0][:1].isupper()
        ):  # a surname: the person the article names in full
            known = self._surnames.get(plain(words[0]))
            if known:
                return known
            if re.search(rf"(?:^|[.!?]\s+|\n){re.escape(words[0])}\s+[^\W\d_]+", self.article):
                return None, words[0]  # the article's subject, named by surname only
        role = self._role(who)
        if role:
            return role
        named = self.mentions(who)  # "NATO chief Jens Stoltenberg", "top U.S. diplomat Blinken"
        if named and all(n == named[0] for n in named):
            return named[0]
        words = who.split()
        if 2 <= len(words) <= 4 and all(w[0].isupper() for w in words):
            return None, who  # a named person the registry does not know yet
        return None

    def _role(self, phrase: str) -> tuple[str | None, str] | None:
        folded = fold(phrase)
        holders = self.registry.role_holders(phrase, self.day) if self.day else []
        if not self.day:  # without a date, only people already met in this article can fit
            holders = [
                s
                for s in self.registry.speakers.values()
                if s.id in self._seen_ids and any(_title_fits(phrase, r.title) for r in s.roles)
            ]
        if re.search(r"\bu\.?s\.?\b|united states|american", folded):
            holders = [s for s in holders if _org_is_us(s, self.day)]
        if "nato" in folded:
            holders = [s for s in holders if any("nato" in fold(r.org or r.title) for r in s.roles)]
        if len(holders) == 1:
            return holders[0].id, holders[0].name
        if len(holders) > 1 and self.recent:
            for sid in reversed(self.recent):
                hit = next((s for s in holders if s.id == sid), None)
                if hit:
                    return hit.id, hit.name
        if not holders:  # a role the article itself gave someone it names
            want = {
                w for w in tokens(phrase) if w not in {"the", "us", "u", "s", "nato", "mr", "ms"}
            }
            fits = {who for role_words, who in self._roles if want and want <= role_words}
            if len(fits) == 1:
                return fits.pop()
        return None

    # mentions of people in the article's own words (outside quotes) -----------------
    recent: list[str]
    _seen_ids: set[str]

    def start(self) -> None:
        self.recent, self._seen_ids = [], set()

    def mentions(self, text: str) -> list[tuple[str | None, str]]:
        found: list[tuple[int, tuple[str | None, str]]] = []
        for surname, person in self._surnames.items():
            for m in re.finditer(rf"\b{re.escape(surname)}\b", text, re.I):
                if text[m.start()].isupper():
                    found.append((m.start(), person))
        for m in re.finditer(
            r"\b(?:U\.?S\.?\s+|NATO\s+)?(?:Secretary(?:\s+(?:General|of\s+State|of\s+Defen[cs]e))?|"
            r"President|Vice President)\b",
            text,
        ):
            tail = text[m.end() : m.end() + 30]
            if re.match(r"\s+[A-Z]", tail):  # "Secretary Blinken": the name is the mention
                continue
            who = self._role(m.group(0))
            if who:
                found.append((m.start(), who))
        found.sort(key=lambda f: f[0])
        return [who for _, who in found]

    def saw(self, who: tuple[str | None, str]) -> None:
        self.last = who
        if who[0]:
            self.recent.append(who[0])
            self._seen_ids.add(who[0])


def _title_fits(phrase: str, title: str) -> bool:
    want = [
        t for t in fold(phrase).replace(".", "").split() if t not in {"the", "us", "u", "s", "nato"}
    ]
    have = fold(title).split()
    return bool(want) and all(w in have for w in want)


def _org_is_us(s: Speaker, day: date | None) -> bool:
    role = s.role_on(day) if day else (s.roles[-1] if s.roles else None)
    org = fold((role.org or "") + " " + role.title) if role else ""
    return any(k in org for k in ("u.s.", "united states", "white house"))


def quote_spans(paragraph: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for pattern in _SPANS:
        for m in pattern.finditer(paragraph):
            if any(s <= m.start() < e for s, e, _ in spans):
                continue
            spans.append((m.start(), m.end(), m["q"]))
    return sorted(spans)


def find_quotes(
    paragraphs: list[str], registry: Registry, day: date | None, context=None
) -> list[FoundQuote]:
    att = Attributor(registry, day, "\n".join(paragraphs), tuple(context.people) if context else ())
    att.start()
    out: list[FoundQuote] = []
    previous_was_quote: tuple[str | None, str] | None = None
    for index, para in enumerate(paragraphs):
        spans = quote_spans(para)
        outside = _outside(para, spans)
        in_paragraph: tuple[str | None, str] | None = None
        cursor = 0
        for start, end, text in spans:
            # the article's words up to this quote update who it is talking about
            for who in att.mentions(outside[cursor:start]):
                att.saw(who)
            sentence_start = max(outside.rfind(". ", 0, start), outside.rfind("\n", 0, start)) + 1
            before = outside[sentence_start:start]
            after = outside[end:]
            after = after[: next((i for i, c in enumerate(after) if c in '“"'), len(after))]
            who, how = _attribute(att, before, after, comma=text.rstrip().endswith(","))
            if who is None and before.strip() == "" and in_paragraph:
                who, how = in_paragraph, "continues the quote before it"
            if who is None and start == 0 and previous_was_quote:
                who, how = previous_was_quote, "continues the previous paragraph's quote"
            if who is None and start == 0 and att.last:
                who, how = att.last, "the person the preceding sentence is about"
            if len(text.split()) >= MIN_WORDS:
                out.append(
                    FoundQuote(text, who[0] if who else None, who[1] if who else None, how, index)
                )
                if who:
                    att.saw(who)
                    in_paragraph = who
            cursor = end
        for who in att.mentions(outside[cursor:]):
            att.saw(who)
        previous_was_quote = (
            in_paragraph if spans and spans[-1][1] >= len(para.rstrip()) - 1 else None
        )
    return _dedupe(out)


def _outside(text: str, spans) -> str:
    """The paragraph with quoted words blanked out, so mentions inside quotes don't count."""
    chars = list(text)
    for start, end, _ in spans:
        for i in range(start + 1, end - 1):
            chars[i] = " "
    return "".join(chars)


def _attribute(att: Attributor, before: str, after: str, comma: bool = False):
    patterns = [_AFTER_VERB_WHO, _AFTER_WHO_VERB, _AFTER_DASH_VERB_WHO, _AFTER_COMMA_VERB_WHO]
    if comma:
        patterns.append(_AFTER_COMMA_WHO_ANY_VERB)
    for pattern in patterns:
        m = pattern.match(after)
        if m:
            who = att.resolve(m["who"])
            if who is None and pattern is _AFTER_DASH_VERB_WHO and len(m["who"].split()) == 1:
                who = (
                    None,
                    m["who"],
                )  # the article's own grammar names them: "…" - powiedział Davutoglu
            if who:
                return who, f"“…” {m.group(0).strip(' ,')}"
    for pattern in (_BEFORE_WHO_COLON, _BEFORE_WHO_VERB):
        m = pattern.search(before)
        if m:
            who = att.resolve(m["who"])
            if who:
                return who, f"{m.group(0).strip()} “…”"
    mentioned = att.mentions(before)
    if mentioned and re.search(rf"\b(?:saying|{VERBS})\b", before):
        return mentioned[0], "subject of the sentence that introduces the quote"
    return None, "no attribution"


def _dedupe(quotes: list[FoundQuote]) -> list[FoundQuote]:
    """A pull-quote repeated by the page is one quote."""
    seen: set[tuple[str | None, str]] = set()
    out = []
    for q in quotes:
        key = (q.speaker_id or q.name, fold(q.text))
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out
