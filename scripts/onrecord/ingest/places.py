"""Place names the importer recognises when a text states where something happened.

A place is only taken from running text after a phrase that says "we are here"
("here in", "back in", "welcome you to", "joining us from"), never from a bare mention.
"""

from __future__ import annotations

import re

COUNTRIES = """Afghanistan, Albania, Algeria, Andorra, Angola, Argentina, Armenia, Australia, Austria,
Azerbaijan, Bahrain, Bangladesh, Belarus, Belgium, Bosnia and Herzegovina, Brazil, Bulgaria, Canada, Chile,
China, Colombia, Croatia, Cuba, Cyprus, Czechia, Czech Republic, Denmark, Egypt, Estonia, Ethiopia, Finland,
France, Georgia, Germany, Ghana, Greece, Hungary, Iceland, India, Indonesia, Iran, Iraq, Ireland, Israel,
Italy, Japan, Jordan, Kazakhstan, Kenya, Kosovo, Kuwait, Latvia, Lebanon, Libya, Liechtenstein, Lithuania,
Luxembourg, Malta, Mexico, Moldova, Monaco, Mongolia, Montenegro, Morocco, Netherlands, New Zealand, Nigeria,
North Macedonia, Norway, Oman, Pakistan, Palestine, Panama, Peru, Philippines, Poland, Portugal, Qatar,
Romania, Russia, Saudi Arabia, Senegal, Serbia, Singapore, Slovakia, Slovenia, Somalia, South Africa,
South Korea, Korea, Spain, Sudan, Sweden, Switzerland, Syria, Taiwan, Thailand, Tunisia, Turkey, Türkiye,
Ukraine, United Arab Emirates, United Kingdom, United States, Uzbekistan, Venezuela, Vietnam,
Yemen""".replace("\n", " ").split(", ")

CITIES = """Abu Dhabi, Accra, Addis Ababa, Amman, Amsterdam, Ankara, Athens, Baghdad, Baku, Bangkok, Beijing,
Beirut, Belgrade, Berlin, Bern, Bratislava, Brussels, Bucharest, Budapest, Buenos Aires, Cairo, Camp David,
Canberra, Chisinau, Copenhagen, Davos, Doha, Dubai, Dublin, Geneva, Hanoi, Helsinki, Hiroshima, Islamabad,
Istanbul, Jakarta, Jeddah, Jerusalem, Kabul, Kyiv, Kiev, Lisbon, Ljubljana, London, Luxembourg, Madrid,
Manila, Mexico City, Minsk, Mons, Moscow, Munich, Nairobi, New Delhi, New York, Nicosia, Oslo, Ottawa,
Paris, Podgorica, Prague, Pristina, Rabat, Ramstein, Reykjavik, Riga, Riyadh, Rome, Sarajevo, Seoul, Singapore,
Skopje, Sofia, Stockholm, Strasbourg, Tallinn, Tbilisi, Tel Aviv, The Hague, Tirana, Tokyo, Valletta,
Vienna, Vilnius, Warsaw, Washington, Washington, D.C., Washington D.C., Wellington, Yerevan, Zagreb,
Bucha, Lviv, Odesa, Kharkiv, Rzeszow, Wales, Newport, Madrid, Vilnius, Bali, Hiroshima, Halifax,
San Francisco, Los Angeles, Chicago, Brdo""".replace("\n", " ").split(", ")

VENUES = """NATO Headquarters|NATO headquarters|NATO HQ|the State Department|State Department|the Department of State|
Department of State|the White House|White House|the Oval Office|Oval Office|the Pentagon|Pentagon|
the Capitol|the United Nations|United Nations|the Kremlin|the Élysée Palace|Lancaster House|
the Harry S Truman Building|Benjamin Franklin Room|Treaty Room|the Rose Garden|Rose Garden|
the East Room|East Room|the Roosevelt Room|Roosevelt Room|the Press Briefing Room|Press Briefing Room""".replace(
    "\n", ""
).split("|")

NAMES = sorted(
    {n.strip() for n in [*COUNTRIES, *CITIES, *VENUES] if n.strip()}, key=len, reverse=True
)
PLACE = "(?:" + "|".join(re.escape(n) for n in NAMES) + ")"
PLACE_RE = re.compile(rf"(?<![\w-]){PLACE}(?![\w-])")

# Phrases that put the speaker (or the reported event) at a place.
_HERE = [
    rf"\bhere (?:in|at|to) (?:the )?(?P<p>{PLACE})",
    rf"\bback (?:here )?(?:in|at|to) (?:the )?(?P<p>{PLACE})",
    rf"\bgood to be (?:here )?(?:back )?(?:in|at) (?:the )?(?P<p>{PLACE})",
    rf"\bwelcome(?:d)?(?: back)? (?:[\w.’'-]+ ){{0,10}}?to (?:the )?(?P<p>{PLACE})",
    rf"\bjoin(?:ing|s)? us (?:now )?(?:live )?from (?P<p>{PLACE})",
    rf"\b(?:visiting|visit to|arrived in|in|at) (?:the )?(?P<p>{PLACE})",  # news leads only
]
SPEECH_HERE = [re.compile(p) for p in _HERE[:5]]
LEAD_HERE = [re.compile(p) for p in _HERE]


def places_in(text: str) -> list[str]:
    return [m.group(0) for m in PLACE_RE.finditer(text)]


def stated_place(text: str, patterns) -> str | None:
    """The place a "we are here" phrase names, with any places joined to it by "and"."""
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            clause = re.split(r"[.;!?]", text[m.start("p") :], maxsplit=1)[0]
            found = [m["p"]] + [
                p
                for p in places_in(clause[len(m["p"]) :])
                if re.search(rf"\band (?:to |in )?(?:the )?{re.escape(p)}", clause)
            ]
            return ", ".join(dict.fromkeys(found))
    return None
