"""Opinion: does a sentence speak in its author's own voice (judgement, speculation)?

Rule-based and deliberately visible: a few named rules (stance words, comment adverbs, a verdict
tacked onto a reported fact, author predictions, rhetorical devices, rhetorical questions, author
forecasts, intensifiers, editorial first person).
Attributed statements ("X said …") and quoted words are not the author's. One detector for both
the extractive engine (which leaves such sentences out) and the verifier (which flags points
resting on them), so the engine never offers what the verifier flags. The verifier can add the
learned reader of `brief/opinion_model.py` behind the rules (`opinion_model = true`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from brief.text import say_verbs_re, wordlist


def _alternation(words: str) -> str:
    """A regex alternation of whitespace-separated phrases ("_" stands for a space)."""
    return "|".join(re.escape(w).replace("_", r"\s+") for w in wordlist(words))


# Words that judge, praise or hedge wherever they stand. Words common in neutral copy
# ("significant", "major", "key", "critical", "dramatic", "sharp", "outrage", "botched",
# "wrongly", "victory", "setback", "blow") are left out on purpose.
_STANCE_WORDS = _alternation(
    """should ought_to shouldn't it_seems seems_to appears_to suggests_that arguably perhaps
    probably presumably clearly obviously undoubtedly doubtless surely of_course no_doubt
    in_my_view in_our_view i_think i_believe we_believe we_think in_all_likelihood
    alarming alarmingly worrying worryingly troubling disturbing shocking shockingly shameful
    shamefully disgraceful disgracefully outrageous outrageously reckless recklessly absurd
    absurdly ridiculous ridiculously foolish foolishly misguided ill-advised ill-conceived
    wrongheaded wrong-headed deplorable deplorably appalling appallingly disastrous
    catastrophic_blunder brilliant admirable admirably laudable commendable praiseworthy
    courageous cowardly cowardice sadly unfortunately fortunately thankfully mercifully luckily
    hopefully regrettably lamentably tragically ironically remarkably astonishingly amazingly
    incredibly unbelievably inexplicably predictably unsurprisingly frankly needless_to_say
    mistake mistakes blunder blunders blundered blundering scandal scandalous disgrace
    travesty farce fiasco debacle folly embarrassing embarrassingly indefensible inexcusable
    inexcusably unforgivable unforgivably unconscionable unpardonable irresponsible
    irresponsibly short-sighted shortsighted naive incompetent incompetence ineptitude inept
    hypocritical hypocrisy hypocrite hypocrites pathetic pathetically laughable laughably
    shameless shamelessly woeful woefully dismal abysmal weak terrible horrible dreadful
    awful despicable reprehensible egregious egregiously abhorrent odious contemptible
    feckless spineless craven cravenly callous callously cynical cynically disingenuous
    deceitful hollow_promises half-baked ham-fisted harebrained hare-brained idiotic stupid
    stupidly preposterous ludicrous ludicrously asinine nonsensical grotesque grotesquely
    vile sickening pitiful lamentable regrettable shambolic shambles charade sham
    tone-deaf beyond_the_pale beggars_belief defies_belief defies_logic
    nothing_short_of nothing_less_than wisely rightly justly deservedly
    sorely conveniently brazenly brazen blatantly shamefaced grandstanding posturing
    pandering pander panders pandered squander squanders squandered squandering kowtow
    kowtowed kowtowing dithered dithering bungle bungled bungling whitewash betrayal betrayed
    betrays long_overdue high_time about_time step_in_the_right_direction
    step_in_the_wrong_direction wake-up_call own_goal cop-out masterstroke misstep missteps
    overreach arrogance arrogant hubris reeks_of smacks_of breathtakingly staggeringly
    mind-bogglingly hardly_surprising scarcely_surprising no_wonder little_wonder small_wonder
    it_is_no_surprise it's_no_surprise it’s_no_surprise should_surprise_no_one
    surprise_no_one it_goes_without_saying to_put_it_mildly to_say_the_least
    all_too_familiar par_for_the_course height_of_folly height_of_hypocrisy
    height_of_arrogance the_last_thing_we_need
    to_its_credit to_his_credit to_her_credit to_their_credit slap_in_the_face
    adding_insult_to_injury political_theater political_theatre political_stunt
    recipe_for_disaster disaster_in_the_making accident_waiting_to_happen
    common_sense_prevailed win_for_common_sense victory_for_common_sense
    lost_its_way lost_their_way lost_his_way lost_her_way worse_off_for_it
    better_off_for_it the_worse_for_it deeply_flawed fundamentally_flawed fatally_flawed
    too_little,_too_late too_little_too_late what_were_they_thinking who_could_blame"""
)


def _any(*patterns: str) -> re.Pattern[str]:
    """One case-blind pattern matching any of `patterns`."""
    return re.compile("|".join(patterns), re.I)


# Named rules, tried in order: the name is what a test or a reader of a flag can point at.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("stance word", _any(rf"\b(?:{_STANCE_WORDS})\b")),
    # The author foretelling a verdict or a fate: "history will judge", "is bound to fail".
    (
        "author prediction",
        _any(
            r"\bhistory will\b",
            r"\b(?:is|are|was|were|seems?|looks?) (?:bound|sure|doomed|destined) to\b",
            r"\bwill (?:surely|certainly|undoubtedly|inevitably|no doubt)\b",
            r"\bwill (?:(?:come|live) to )?(?:regret|rue)\b",
            r"\b(?:is|are) (?:likely|certain) to (?:backfire|fail|end badly)\b",
            r"\bwill (?:backfire|end badly|come back to bite)\b",
            r"\bwill pay (?:the|a) (?:heavy |steep )?price\b|\bwill pay dearly\b",
            r"\b(?:has|have|had) failed (?:the|its|their|his|her) (?:people|public|voters|"
            r"citizens|residents|taxpayers|country|nation|children|workers|patients)\b",
            r"\bmark my words\b",
        ),
    ),
    # Rhetoric that only an author uses: "make no mistake", "nobody serious can defend".
    (
        "rhetorical device",
        _any(
            r"\bmake no mistake\b|\blet(?:'s|’s| us) be (?:clear|honest|frank|real)\b",
            r"\bto be sure\b|\bmind you\b|\bthe (?:truth|fact|reality) is(?: that)?\b",
            r"(?:^|[,;:—–]\s*)as if\b|\bas (?:anyone|everyone) (?:can|could|knows|would)\b",
            r"\b(?:no(?:body| one)|anyone|everyone) (?:can|could|would|will|should) "
            r"(?:\w+ ){0,2}?(?:defend|justify|excuse|deny|doubt|believe|argue|pretend|see|"
            r"take (?:it|this|that|them|him|her) seriously)\b",
            r"\b(?:nobody|no one|anyone|no) (?:serious|sane|sensible|reasonable|rational|"
            r"thinking) (?:\w+ )?(?:can|could|would|will|should|believes|thinks)\b",
            r"\bin (?:their|his|her) right mind\b|\banyone paying attention\b",
            r"\b(?:once again|yet again) (?:prov|show|demonstrat|reveal|expos)\w*",
            r"\b(?:prov|show|demonstrat|reveal|expos)\w* (?:once again|yet again)\b",
            r"\byet another (?:example|reminder|illustration|instance|case) of\b",
            r"^(?:Alas|Worse(?: still| yet)?|Even worse|Better (?:still|yet)|"
            r"Thank (?:goodness|god|heavens))\b",
            r"\bit(?: is|'s|’s) (?:hard|difficult|impossible) to (?:see|imagine|believe|"
            r"overstate|justify|defend|take)\b",
            r"\bone (?:can|could|must) only\b|\bone (?:wonders|suspects|hopes)\b",
            r"\bshame on\b|\benough is enough\b|\bso much for\b|\bgood riddance\b",
            r"\bspeaks volumes\b|\bsays it all\b|\bnot a moment too soon\b",
            r"\bit(?:'s|’s| is) (?:high )?time (?:for|to)\b|\b(?:has|have) no business\b",
            r"\bdeserves? (?:better|credit|praise|blame|applause|our)\b",
            r"\bthe least (?:he|she|they|we|it) could\b",
            r"!\s*$",
        ),
    ),
    # A verdict tacked onto a reported fact: "…, a cynical move", "…, which is simply wrong",
    # "…; that is a problem". Mild words ("bad", "wise") count only here, after the fact,
    # where neutral copy puts figures, dates and names instead.
    (
        "trailing verdict",
        _any(
            r"[,;:—–]\s*(?:and\s+|but\s+)?(?:a|an|which (?:is|was)|that(?:'s|’s| is| was)|"
            r"this (?:is|was)|it(?:'s|’s| is| was)|what an?)\s+[^,;:—–.]{0,40}?"
            r"\b(?:bad|good|wise|unwise|smart|sensible|foolish|bold|brave|welcome|overdue|"
            r"sad|sorry|shabby|cheap|petty|cruel|unfair|unjust|wrong|dangerous|needless|"
            r"pointless|futile|useless|senseless|hollow|empty|cynical|clumsy|careless|"
            r"lazy|rash|hasty|dubious|questionable|insult|joke|stunt|betrayal|gift|giveaway|"
            r"capitulation|surrender|shame|pity|problem|error)\b",
        ),
    ),
    # Intensified verdicts: "is simply indefensible", "was utterly predictable".
    (
        "intensified verdict",
        _any(
            r"\b(?:is|are|was|were|be|been)\s+(?:simply|utterly|patently|downright|plainly|"
            r"frankly|flatly|wholly|deeply|profoundly|woefully|sorely|hopelessly)\s+"
            r"(?:wrong|unacceptable|unjust|unfair|misleading|dishonest|irrational|"
            r"inadequate|insufficient|indefensible|untenable|unserious|bizarre|cynical|"
            r"mistaken|false|absurd|predictable|irresponsible|inappropriate|offensive|"
            r"embarrassing|shameful|disappointing|troubling|misplaced|naive|out of touch)\b",
        ),
    ),
)
# Where a question is the author's aside rather than a bare open question.
_ASIDE = re.compile(r"[,;:—–]|^(?:And|But|So|Or|Yet|Then|Well)\b")
# Emphatic intensifiers: straight copy states the figure and leaves the emphasis out.
_INTENSIFIERS = _any(r"\b(?:sheer|utter|utterly|downright|absolutely|thoroughly|truly)\b")
# The author's "one" as everybody ("one might ask", "the kindest thing one can say").
_GENERIC_ONE = _any(r"\bone (?:might|may|can|could|must|should|would|wonders|suspects|hopes)\b")
# A clause tacked on after the fact that foretells what will follow ("…, and it will end in
# failure"): news dates, counts or names what is scheduled, so a tail without any of these is
# the author's forecast.
_FORECAST_TAIL = re.compile(
    r"[,;—–]\s*(?:and\s+|but\s+|so\s+)?(?:it|this|that|which|an?\s+[a-z]+\s+that)"
    r"\s+(?:[a-z]+\s+){0,2}?(?:will|won't|won’t|is\s+going\s+to|are\s+going\s+to)\s+"
    r"(?P<rest>[^,;—–]*)$"
)
_SCHEDULED = re.compile(
    r"\d|[A-Z]|\b(?:next|last|this|tomorrow|today|tonight|weeks?|months?|years?|later|soon|"
    r"when|after|before|until|by)\b"
)
# A comment adverb opening a sentence or clause ("Predictably, ...") is the author's stance;
# these adverbs only order, date or source the facts.
_COMMENT_ADVERB = re.compile(r"(?:(?:^|[;:]\s+)([A-Z][a-z]+ly)|,\s+([a-z]+ly))(?: enough)?,\s")
_NEUTRAL_ADVERBS = frozenset(
    wordlist(
        """additionally similarly finally recently currently previously initially subsequently
        consequently accordingly separately originally ultimately eventually lastly firstly
        secondly thirdly notably importantly early earlier likewise reportedly officially
        publicly privately specifically meanwhile increasingly simultaneously alternatively
        traditionally historically typically generally usually formerly only roughly
        approximately respectively effectively essentially basically virtually
        potentially actually literally apparently allegedly nearly partly largely
        mostly mainly primarily locally nationally internationally globally daily weekly
        monthly quarterly yearly annually briefly shortly immediately quickly slowly
        temporarily permanently fully directly indirectly legally technically politically
        economically financially militarily domestically overall"""
    )
)
# Editorial voice: the author's "I" (not the "I" of "I-Vt." or "C.P.I."), "we" and "let's",
# and the reader told what to think ("you have to wonder"). Not every "you": service copy
# ("if you live in the flood zone, call …") addresses the reader without judging.
_EDITORIAL_VOICE = re.compile(
    r"(?<![.\w])I\b(?![-.])|\b(?:we|We|our|Our|us|my|My|let's|let’s|Let's|Let’s|Let us)\b|"
    r"\byou (?:have to (?:wonder|ask|admire)|must (?:wonder|ask|admit)|can't help|"
    r"cannot help|would think|'d think|’d think|might think|could be forgiven)\b"
)
_INDIRECT = re.compile(r"\b(?:whether|to which|how|what|debated?)\b", re.I)
# A view credited to someone ("X said", "according to X", "X believes") is not the author's.
ATTRIBUTED = re.compile(
    rf"\b(?:{say_verbs_re()}|according to|in a statement|believes|believed|thinks|"
    r"thought)\b",
    re.I,
)


# Reads a sentence (quoted passages left out): (rule name, matched words) or None.
Judge = Callable[[str], "tuple[str, str] | None"]


def with_reader(reader: Judge) -> Judge:
    """The rules first, then `reader` for what they miss."""

    def judge(text: str) -> tuple[str, str] | None:
        return opinion_rule(text) or reader(text)

    return judge


def opinion_rule(text: str) -> tuple[str, str] | None:
    """(rule name, matched words) of the first rule that reads `text` as opinion, or None."""
    for name, pattern in _RULES:
        for m in pattern.finditer(text):
            # "the extent to which Ukraine should be allowed", "whether it should": a question
            # being reported, not the author's advice.
            if m.group(0).lower() == "should" and _INDIRECT.search(
                text[max(0, m.start() - 40) : m.start()]
            ):
                continue
            return name, m.group(0).strip(" ,;:—–")
    structural = _structural(text)
    if structural:
        return structural
    for m in _COMMENT_ADVERB.finditer(text):
        adverb = m.group(1) or m.group(2)
        if adverb.lower() not in _NEUTRAL_ADVERBS:
            return "comment adverb", adverb
    voice = _EDITORIAL_VOICE.search(text)
    return ("editorial voice", voice.group(0)) if voice else None


def _structural(text: str) -> tuple[str, str] | None:
    """Stance carried by the sentence's shape rather than by a judging word."""
    # A question put to the reader after a statement ("…, but is anyone listening?") or in
    # conversation ("So what's the deal?") is the author's; a bare question ("Will the truce
    # hold?") is left to the engine as an open question.
    if text.rstrip(" )”’\"'").endswith("?") and _ASIDE.search(text):
        return "rhetorical question", text.rstrip()[-40:].lstrip()
    forecast = _FORECAST_TAIL.search(text.rstrip(" .!"))
    if forecast and not _SCHEDULED.search(forecast.group("rest")):
        return "author forecast", forecast.group(0).strip(" ,;:—–")
    for name, pattern in (("intensifier", _INTENSIFIERS), ("generic one", _GENERIC_ONE)):
        m = pattern.search(text)
        if m:
            return name, m.group(0)
    return None
