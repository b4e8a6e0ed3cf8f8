"""Text helpers shared by the engine and the verifier: words, stems, names, quotes, said-verbs.

One tokenizer, stemmer, stopword list and quote reader for every stage, so the engine and the
verifier read a sentence alike. The rules are small and transparent so an editor can predict a flag.
"""

from __future__ import annotations

import re
from functools import lru_cache


def wordlist(text: str) -> list[str]:
    """The words of a whitespace-separated literal (keeps long word lists readable)."""
    return text.split()


# Letters and digits of any script; an apostrophe joins "don't" and "Russia's" into one word.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Straight or curly double quotes; curly single quotes only, since a straight ' is an apostrophe.
_QUOTE_SPAN = re.compile(r"[\"“”„«]([^\"“”„«»]+)[\"“”»]|(?<![A-Za-z])‘([^‘’]+)’(?![A-Za-z])")

# Function words (and attribution words) carry no content: sharing only them is not saying alike.
# "us" is left out: lower-cased, the pronoun cannot be told from "US", a name a point must keep.
# "one" is left out too: as a stopword it cost the engine ~0.5 ROUGE-2 on mmds2025 dev, and
# content_stems drops it anyway as a number word.
STOPWORDS = frozenset(
    wordlist("""a about above after again against all also am amid amidst among an and any are
    as at be because been before being below between both but by can could did do does doing
    down during each few for from further had has have having he her here hers herself him
    himself his how i if in into is it its itself just may me might more most must my myself
    no nor not now of off on once only onto or other our ours ourselves out over own per
    same shall she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up upon very via was we were what when
    where which while who whom why will with would you your yours yourself yourselves s t said
    says say saying told according""")
)

# Verbs that credit a statement to someone: one list for the engine (a reaction), the quote
# checks (who said it) and the opinion check (an attributed view is not the author's).
SAY_VERBS = tuple(
    wordlist("""said says say saying stated states stating told tells warned warns warning
    praised praises condemned condemns criticized criticised criticizes criticises described
    describes describing called calls calling urged urges added adds adding argued argues
    insisted insists accused accuses vowed vows threatened threatens welcomed welcomes
    denounced denounces emphasized emphasised emphasizes noted notes claimed claims declared
    declares slammed slams hailed hails responded replied replies asked asks wrote writes
    tweeted posted issued asserted stressed stresses lamented blasted dismissed advocated
    expressed acknowledged admitted explained explains announced announces""")
)


def say_verbs_re() -> str:
    """SAY_VERBS as a regex alternation (no word boundaries, no groups)."""
    return "(?:" + "|".join(SAY_VERBS) + ")"


# Words that start with a capital but are not names a point must repeat exactly.
TITLES = frozenset(
    wordlist("""mr mrs ms miss dr sir lord lady dame president vice prime minister secretary
    chancellor general gen governor gov senator sen rep representative king queen prince
    princess pope chief foreign defence defense deputy spokesman spokeswoman spokesperson
    former state foreign-secretary ambassador judge justice mayor leader the""")
)
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
# Figures are checked by verify_numbers; as words they would only blur the coverage.
NUMBER_WORDS = frozenset(
    wordlist(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
        seventy eighty ninety hundred thousand million billion trillion dozen bn"""
    )
)
DAYS = frozenset(wordlist("monday tuesday wednesday thursday friday saturday sunday"))

_SUFFIXES = (
    "ational",
    "ization",
    "ations",
    "ation",
    "ments",
    "ment",
    "ness",
    "ingly",
    "ings",
    "ing",
    "edly",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
    "e",
    "y",
)


def words(text: str) -> list[str]:
    """Word tokens, case kept, with apostrophes normalized and possessive 's dropped."""
    out = []
    for token in WORD.findall(text):
        token = token.replace("’", "'")
        if token.lower().endswith("'s"):
            token = token[:-2]
        out.append(token)
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A tiny suffix stemmer: enough to equate "authorizes", "authorized", "authorization"."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry content (no stopwords, no bare numbers, no 1-letter words)."""
    return [
        stem(w)
        for w in words(text)
        if len(w) > 1
        and w.lower() not in STOPWORDS
        and w.lower() not in NUMBER_WORDS
        and w.lower() not in MONTHS
        and not w[0].isdigit()
    ]


def names(text: str) -> list[str]:
    """Capitalized words that are not sentence-initial, titles, months or weekdays."""
    found: list[str] = []
    for sentence in re.split(r"(?<=[.!?:;\"”])\s+|^\s*[-•]\s*", text):
        for i, w in enumerate(words(sentence)):
            low = w.lower()
            if (
                i == 0
                or len(w) < 2  # "U.S." splits into letters; "(R)" is a party, not a name
                or not w[0].isupper()
                or low in STOPWORDS
                or low in TITLES
                or low in MONTHS
                or low in DAYS
            ):
                continue
            found.append(w)
    return found


def name_matches(name: str, token: str) -> bool:
    """Exact name match, allowing the demonym form (Russia/Russian, Ukraine/Ukrainian)."""
    a, b = name.lower(), token.lower()
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if short[-1] in "ae" and len(short) > 4:
        short = short[:-1]
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 4


def quote_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each quoted passage of `text`."""
    spans = []
    for m in _QUOTE_SPAN.finditer(text):
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        spans.append((m.start(), m.end(), inner))
    return spans


def without_quotes(text: str) -> str:
    """`text` with every quoted passage blanked out (the author's own words only).

    A quote the sentence splitter cut in two leaves an unmatched mark: an opening mark hides
    the rest of the sentence, a closing one the part before it.
    """
    text = _QUOTE_SPAN.sub(" ", text)
    closing = max(text.rfind("”"), text.rfind("»"))
    if closing >= 0:
        text = text[closing + 1 :]
    opening = min(
        (i for i in (text.find("“"), text.find('"'), text.find("«")) if i >= 0), default=-1
    )
    return text[:opening] if opening >= 0 else text


def word_seq(text: str) -> list[str]:
    """Lower-case word sequence used for verbatim comparison (punctuation ignored)."""
    return [w.lower() for w in words(text)]
