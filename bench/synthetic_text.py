"""News-like article texts for the benchmarks, made from templates and word lists.

Each article comes from its own `random.Random`, so article 7 of seed 1 is the same text
whether 10 or 10,000 articles are made, written as a file or stored straight into a
project. The texts are canonical as the importer leaves them (paragraphs separated by one
blank line, NFC), and some carry Korean, Cyrillic and emoji, astral-plane ones included,
so that offsets in code points and the UTF-16 offsets of the reader differ.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

MIN_LENGTH, MAX_LENGTH = 2_000, 10_000
_LONGEST_PARAGRAPH = 700
_YEAR = date(2024, 1, 1)

# source -> (how its datelines name it, cities it files from)
SOURCES = {
    "Yonhap": ("Yonhap", ["SEOUL", "WASHINGTON", "TOKYO"]),
    "KCNA": ("KCNA", ["PYONGYANG"]),
    "TASS": ("TASS", ["MOSCOW", "VLADIVOSTOK", "PYONGYANG"]),
    "Reuters": ("Reuters", ["SEOUL", "MOSCOW", "BEIJING", "UNITED NATIONS"]),
    "AP": ("AP", ["WASHINGTON", "SEOUL", "KYIV"]),
    "AFP": ("AFP", ["PARIS", "SEOUL", "HANOI"]),
    "Xinhua": ("Xinhua", ["BEIJING"]),
    "NK News": ("NK News", ["SEOUL"]),
}
SECTIONS = ["General", "North Korea", "Politics", "World", "Diplomacy"]
REPORTERS = ["Kim Soo-yeon", "Lee Haye-ah", "Anna Petrova", "John Smith", "Park Min-jung",
             "Oleg Ivanov", "Maria Lopez", "Chen Wei"]  # fmt: skip
HEAD_SUBJECTS = ["Putin", "Kim Jong-un", "Seoul", "Moscow and Pyongyang", "Washington",
                 "Tokyo", "Beijing", "The Kremlin", "Analysts", "U.N. panel"]  # fmt: skip
HEAD_VERBS = ["warns of", "signs", "rejects", "welcomes", "questions", "plans",
              "condemns", "weighs", "pushes for", "downplays"]  # fmt: skip
HEAD_OBJECTS = ["strategic partnership treaty", "arms deals", "ruble settlements",
                "new sanctions", "military cooperation", "summit in Pyongyang",
                "missile transfers", "energy and food aid", "security uncertainties",
                "dialogue prospects"]  # fmt: skip
HEAD_TAILS = ["", "", " as allies voice concern", ", analysts say", " amid war in Ukraine",
              " ahead of the election"]  # fmt: skip
ACTORS = ["Russian President Vladimir Putin", "North Korean leader Kim Jong-un",
          "The South Korean government", "Putin's foreign affairs aide Yuri Ushakov",
          "The Kremlin", "The White House", "Japan's Chief Cabinet Secretary",
          "China's foreign ministry", "The U.N. Security Council", "Ukraine's defense ministry",
          "Seoul's Director of National Security", "The U.S. State Department"]  # fmt: skip
SAYS = ["said", "told reporters", "stressed", "warned", "added", "noted", "argued"]
CLAIMS = ["the visit would deepen military cooperation between the two countries",
          "the treaty on a comprehensive strategic partnership is about to be signed",
          "alternative trade and mutual settlements mechanisms would be developed",
          "sanctions against both countries remain in force and will be enforced",
          "ammunition shipments to Russia violate several Security Council resolutions",
          "energy, food and other economic cooperation would come first",
          "the partnership is not aimed against any third country",
          "security on the Korean Peninsula could be affected for years",
          "the talks could open a new chapter in relations between Moscow and Pyongyang",
          "the ruble would replace the dollar in bilateral trade",
          "the two leaders would meet again before the end of the year",
          "North Korean missiles are still being used against Ukrainian targets"]  # fmt: skip
QUOTES = ["We will develop alternative trade and mutual settlements mechanisms",
          "This is a dangerous partnership that threatens the whole region",
          "The timing right after the summit is a clear answer to the West",
          "It will not have a confrontational character",
          "We have already communicated our concerns to Moscow",
          "Nobody should underestimate what this treaty could mean",
          "It is very difficult to observe clauses on automatic military intervention",
          "Trade volumes have remained mediocre for a decade"]  # fmt: skip
SPEAKERS = ["Hong Min, a senior research fellow at the Korea Institute for National Unification",
            "Victor Cha of the Center for Strategic and International Studies",
            "John Kirby, the White House's national security communications adviser",
            "Bruce Bennett, a senior defense analyst at RAND Corp.",
            "an unnamed South Korean government official",
            "Patrick Cronin of the Hudson Institute",
            "Yuri Ushakov, Putin's aide for foreign affairs"]  # fmt: skip
FACTS = ["In 1961, the Soviet Union and North Korea signed an alliance treaty on mutual "
         "friendship, cooperation and assistance.",
         "The two countries' trade volume rose sharply last year, according to customs data.",
         "Putin last visited Pyongyang in 2000, shortly after taking office.",
         "Ukraine's defense ministry estimates that 1.8 million shells were supplied.",
         "The Group of Seven met in Italy a week before the visit.",
         "Russia vetoed a resolution that would have extended the mandate of an expert panel.",
         "Vietnam is the next stop of Putin's Asia tour.",
         "Both sides have expanded direct flights and rail links since the spring."]  # fmt: skip
KOREAN = ["북한과 러시아는 포괄적 전략적 동반자 관계 조약에 서명했다.",
          "전문가들은 군사 협력이 한반도 안보를 위협할 수 있다고 경고했다.",
          "정부는 두 나라의 움직임을 면밀히 주시하고 있다고 밝혔다.",
          "“이번 방문은 새로운 시대의 시작이다,” 라고 한 관계자가 말했다."]  # fmt: skip
CYRILLIC = ["«Мы будем развивать альтернативные механизмы торговли», — заявил Путин.",
            "Ушаков сообщил, что основная часть визита пройдёт в среду.",
            "В Кремле подчеркнули, что договор не направлен против третьих стран.",
            "Эксперты считают, что сотрудничество затронет энергетику."]  # fmt: skip
EMOJI = ["🇰🇵", "🇷🇺", "😀", "🤝", "🚀", "🇰🇷", "⚠️"]


@dataclass(frozen=True)
class SyntheticArticle:
    """A generated article: its text and, for passages, where its body sentences are."""

    number: int
    text: str
    sentences: tuple[tuple[int, int], ...]  # [start, end) in code points, body only
    published: date


def make_article(seed: int, number: int) -> SyntheticArticle:
    """Article `number` (from 1) of the corpus of `seed`; the same call, the same text."""
    rng = random.Random(seed * 1_000_003 + number)
    published = _YEAR + timedelta(days=rng.randrange(366))
    source = rng.choice(sorted(SOURCES))
    header = _header(rng, source, published)
    flavour = rng.random()
    paragraphs = _body(rng, source, published, flavour, rng.randint(MIN_LENGTH, MAX_LENGTH - 1_000))
    text, sentences = _join(header, paragraphs)
    return SyntheticArticle(number, text, sentences, published)


def _header(rng: random.Random, source: str, published: date) -> list[str]:
    lines = [rng.choice(SECTIONS)] if rng.random() < 0.2 else []
    title = f"{rng.choice(HEAD_SUBJECTS)} {rng.choice(HEAD_VERBS)} {rng.choice(HEAD_OBJECTS)}"
    lines.append(title + rng.choice(HEAD_TAILS))
    formats = [f"{published:%B} {published.day}, {published.year}",
               f"Published: {published.isoformat()}",
               f"{published.isoformat()} {rng.randrange(24):02d}:{rng.randrange(60):02d}",
               f"{published.day} {published:%B} {published.year}"]  # fmt: skip
    if rng.random() < 0.9:
        lines.append(rng.choice(formats))
    if rng.random() < 0.6:
        lines.append(f"By {rng.choice(REPORTERS)}")
    if rng.random() < 0.5:
        lines.append(f"Source: {source}")
    return lines


def _body(
    rng: random.Random, source: str, published: date, flavour: float, length: int
) -> list[tuple[str, list[str]]]:
    """Paragraphs as (prefix, sentences); the prefix is the dateline of the first one."""
    agency, cities = SOURCES[source]
    agency_part = f" ({agency})" if rng.random() < 0.85 else ""
    dateline = f"{rng.choice(cities)}, {published:%B} {published.day}{agency_part} — "
    paragraphs: list[tuple[str, list[str]]] = []
    size = 0
    while size < length:
        sentences = [_sentence(rng, flavour) for _ in range(rng.randint(1, 4))]
        while sum(map(len, sentences)) > _LONGEST_PARAGRAPH:
            sentences.pop()
        paragraphs.append(("" if paragraphs else dateline, sentences))
        size += sum(len(s) + 1 for s in sentences) + 2
    return paragraphs


def _sentence(rng: random.Random, flavour: float) -> str:
    """One sentence; `flavour` decides whether this article mixes in other scripts."""
    roll = rng.random()
    if flavour < 0.05 and roll < 0.25:
        return rng.choice(KOREAN)
    if 0.05 <= flavour < 0.10 and roll < 0.25:
        return rng.choice(CYRILLIC)
    if 0.10 <= flavour < 0.16 and roll < 0.15:
        marks = "".join(rng.sample(EMOJI, 2))
        return f"One user wrote on social media: “{rng.choice(QUOTES)} {marks}”."
    if roll < 0.4:
        return f"{rng.choice(ACTORS)} {rng.choice(SAYS)} that {rng.choice(CLAIMS)}."
    if roll < 0.7:
        quote, speaker = rng.choice(QUOTES), rng.choice(SPEAKERS)
        if rng.random() < 0.5:
            return f"“{quote},” said {speaker}."
        return f"“{quote},” {speaker.split(',')[0]} told reporters on {_weekday(rng)}."
    if roll < 0.85:
        return rng.choice(FACTS)
    return f"According to {rng.choice(sorted(SOURCES))}, {rng.choice(CLAIMS)}."


def _weekday(rng: random.Random) -> str:
    return rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])


def _join(
    header: list[str], paragraphs: list[tuple[str, list[str]]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text and the code-point spans of its body sentences."""
    parts = ["\n\n".join(header)]
    offset = len(parts[0])
    spans = []
    for prefix, sentences in paragraphs:
        parts.append("\n\n" + prefix)
        offset += 2 + len(prefix)
        for index, sentence in enumerate(sentences):
            if index:
                parts.append(" ")
                offset += 1
            parts.append(sentence)
            spans.append((offset, offset + len(sentence)))
            offset += len(sentence)
    return "".join(parts), tuple(spans)
