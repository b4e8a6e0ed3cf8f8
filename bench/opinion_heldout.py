"""Held-out opinion wordings for the planted bench, and neutral controls of the same shapes.

Written 2026-11-23 by a helper engineer who did not read the opinion detector's rules
(brief/opinion.py, brief/text.py). Do not use these to tune the detector: they measure it.
Placeholders as in bench/planted_cases.py: {s} the sentence, {c} without its final stop,
{l} with its first letter lower-cased.
"""

from __future__ import annotations

# The author's own stance, unattributed; the original sentence is kept whole.
HELD_OUT_OPINION: tuple[str, ...] = (
    # evaluative adjectives and nouns
    "{c}, a reckless gamble.",
    "{c}, a welcome if long overdue step.",
    "{c}, an embarrassingly timid response.",
    "{c} — a cynical piece of political theatre.",
    "{c}, which is frankly absurd.",
    # hedged speculation in the author's voice
    "{c}, and it will probably backfire.",
    "{c}, though one suspects the real motive lies elsewhere.",
    "{c}, which looks suspiciously like an attempt to bury bad news.",
    "{c}, a sign, perhaps, that nobody is really in charge.",
    # rhetorical framing
    "{c} — as if that would fix anything.",
    "{c}, and why should anyone be surprised?",
    "{c}; one wonders what took so long.",
    # moral judgement
    "{c}, a disgrace by any decent standard.",
    "{c}, and those responsible ought to be ashamed.",
    "Shamefully, {l}",
    # predictions stated as certainty
    "{c}, and it will end in failure.",
    "{c}; the consequences will be felt for a generation.",
    "{c}, a decision voters will not forget.",
    # sarcasm
    "{c}, another stroke of genius from the people in charge.",
    "{c}, because that has always worked so well before.",
    # loaded verbs
    "{c}, caving in at the first sign of pressure.",
    "{c}, thumbing its nose at common sense.",
    "{c}, once again kicking the problem down the road.",
    # first-person plural editorial voice
    "{c}, and we think that is a mistake.",
    "We applaud the fact that {l}",
    "{c}; we have said it before, and this cannot stand.",
    # openers
    "Let's not pretend otherwise: {l}",
    "Tellingly, {l}",
    "Inexplicably, {l}",
    "To no one's surprise, {l}",
    "In a move that defies belief, {l}",
    "Thankfully, {l}",
    "The bitter truth is that {l}",
    "Only the naive will be surprised that {l}",
)

# Same shapes, no stance of the author's: attributions, facts, times and places, caveats.
HELD_OUT_NEUTRAL: tuple[str, ...] = (
    # attribution tails
    "{c}, officials said on Tuesday.",
    "{c}, according to the ministry.",
    "{c}, a spokesperson for the company confirmed.",
    "{c}, the agency said in a statement.",
    "{c}, according to figures released on Thursday.",
    "{c}, police said.",
    "{c}, the report found.",
    "{c}, court documents show.",
    "{c}, according to a person familiar with the matter.",
    "{c}, data from the national statistics office show.",
    "{c}, according to a filing with regulators.",
    # factual additions of the evaluative shapes
    "{c}, in a vote of 52 to 48.",
    "{c}, the first such change since 2009.",
    "{c}, the largest increase on record.",
    "{c}, a decision that takes effect next month.",
    "{c}, a move that requires parliamentary approval.",
    "{c} — the second such announcement this year.",
    "{c}, which was announced at a news conference.",
    "{c}, which had been widely expected.",
    "{c}, ahead of a summit scheduled for next week.",
    "{c}, weeks after a similar measure failed.",
    "{c}, a figure that has risen steadily since 2015.",
    # caveats that hedge the facts, not judge them
    "{c}, although the figures may still be revised.",
    "{c}, though the results are preliminary.",
    # judgements that are attributed, so not the author's (harder controls)
    "{c}, a move opposition lawmakers called reckless.",
    "{c}, which the union described as unacceptable.",
    "{c}, a decision environmental groups criticised.",
    # time, place and sequence openers
    "On Monday, {l}",
    "Earlier this year, {l}",
    "Meanwhile, {l}",
    "Separately, {l}",
    "Last week, {l}",
    "Also on Wednesday, {l}",
    "In the capital, {l}",
    "According to the ministry, {l}",
    "Officials said that {l}",
)
