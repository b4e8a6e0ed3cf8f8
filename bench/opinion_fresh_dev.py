"""Fresh dev templates for the opinion benchmark: author-voiced rewrites and neutral controls.

Written on 2026-11-23 by an engineer who had not read the opinion detector. This is the "fresh
dev" set: it may be used to study misses. Placeholders: {s} is the whole original sentence (with
its final stop), {c} the sentence without its final stop, {l} the whole sentence with its first
letter lower-cased (with its final stop).
"""

from __future__ import annotations

FRESH_DEV_OPINION: tuple[str, ...] = (
    # (a) Evaluative framing carried by metaphor, idiom or connotation, no obvious cue word.
    "{c}, all sizzle and no steak.",
    "{c} — the same old merry-go-round with a fresh coat of paint.",
    "{c}; the fox has been handed the keys to the henhouse.",
    "{c}, the latest brick in a wall of broken promises.",
    "{c}, more nanny-state meddling from Westminster.",
    "{c}, yet another gift to the billionaire class.",
    # (b) Sarcasm and irony.
    "{c}, which will come as a shock to absolutely no one.",
    "In a stroke of sheer genius, {l}",
    "{c} — because that has always worked so well before.",
    "Hold the front page: {l}",
    "{c}, and no doubt the champagne corks are already popping in Washington.",
    "In news that will astonish only the terminally naive, {l}",
    # (c) Loaded verbs and participial tails.
    "{c}, thumbing a nose at the ordinary families footing the bill.",
    "{c}, quietly burying the bad news under a blizzard of statistics.",
    "{c}, trampling over decades of hard-won protections.",
    "{c}, caving to the loudest lobbyists in the room.",
    "{c}, shamelessly pandering to a shrinking base.",
    "{c}, squandering whatever goodwill remained.",
    # (d) The author's predictions and speculation stated as fact.
    "{c}, and within a year it will have been abandoned.",
    "{c}; the real bill will land on taxpayers long after the cameras have gone.",
    "{c}, a decision that will come back to haunt its architects.",
    "{c}, a plan destined to collapse under its own weight.",
    "{c}; expect the backlash to arrive long before any benefits do.",
    "{c}, which is almost certainly a prelude to something far worse.",
    # (e) Moral judgements.
    "{c}, a betrayal of everyone who played by the rules.",
    "{c}, and that is simply indefensible.",
    "{c} — a disgrace that should weigh on the conscience of all who signed off on it.",
    "{c}; there is nothing decent about any of it.",
    "{c}, an act of cruelty dressed up as prudence.",
    "It is unconscionable that {l}",
    # (f) Rhetorical questions and asides.
    "{c} — and who, exactly, asked for this?",
    "{c}, but is anyone in charge actually listening?",
    "{c}, and how many more times must this happen before somebody acts?",
    "{c}; did they really think nobody would notice?",
    "{c} (as if the point needed making).",
    "{c} — and where, one might ask, was the opposition?",
    # (g) Evaluative openers: adverbs, phrases, whole clauses.
    "Predictably, {l}",
    "Tellingly, {l}",
    "To nobody's credit, {l}",
    "In a move as cynical as it is short-sighted, {l}",
    "Against all reason, {l}",
    "Having learned nothing from the last crisis, {l}",
    # (h) Editorial "we"/"you" and imperatives.
    "We should all be worried that {l}",
    "{c}, and you would be right to be furious.",
    "Make no mistake: {l}",
    "{c}; it is time we stopped pretending this is normal.",
    "Remember this the next time they ask for your vote: {l}",
    "{c}, and voters must not let them forget it.",
    # (i) Faint praise, damning understatement and hedged insinuation.
    "{c}, which is marginally better than doing nothing at all.",
    "{c}, hardly the finest hour for anyone involved.",
    "{c}, though it is worth asking whose interests that really serves.",
    "{c}, a detail that perhaps says more than was intended.",
    "{c}, and that is about the kindest thing one can say.",
    "{c} — timing that is, shall we say, rather convenient.",
    # (j) Plainly obvious opinions with common evaluative adjectives and nouns.
    "{c}, which is a terrible idea.",
    "{c}, a ridiculous state of affairs.",
    "{c}, and frankly the whole thing is a mess.",
    "Sadly, {l}",
    "{c}, an excellent and long overdue step.",
    "Thankfully, {l}",
)

FRESH_DEV_NEUTRAL: tuple[str, ...] = (
    # Attribution tails.
    "{c}, officials said.",
    "{c}, according to a statement released on Tuesday.",
    "{c}, a spokeswoman for the ministry said.",
    "{c}, the company said in a filing with regulators.",
    "{c}, according to two people familiar with the matter.",
    "{c}, police said.",
    "{c}, said Maria Lopez, a spokeswoman for the agency.",
    "{c}, the court said in its ruling.",
    "{c}, according to court documents filed on Monday.",
    "{c}, the ministry said, without giving further details.",
    # Judgements explicitly attributed to a named or described party.
    "{c}, which critics called a giveaway to developers.",
    "{c}, a decision opposition leaders described as reckless.",
    "{c}, in what union leaders called a betrayal of workers.",
    "{c}, which the opposition said was a cynical attempt to win votes.",
    "{c}, a plan the governor has called the best deal for taxpayers in a generation.",
    "{c}, a move that drew immediate criticism from environmental groups.",
    # Hard controls: evaluative-looking shapes and words used in a factual sense.
    "{c}, a move that requires Senate approval.",
    "{c}, the biggest such cut since 2008.",
    "{c}, a record high.",
    "{c}, the lowest level since records began in 1971.",
    "{c}, a sharp rise from the previous quarter.",
    "{c}, a steep drop from last year's total.",
    "{c}, the largest acquisition in the company's history.",
    "{c}, which analysts had widely expected.",
    "{c}, and the project is expected to be completed by 2027, according to the council.",
    "{c} — a question the committee will take up in January.",
    # Figures, places and dates.
    "{c}, up from 4.2 percent a year earlier.",
    "{c}, the first time the measure has been used since 1995.",
    "{c}, about 40 miles north of the capital.",
    "{c}, a deal worth about $2.3 billion.",
    "{c} — the third such incident this year.",
    "{c}; the previous estimate was 3.1 million.",
    # Procedure and sequence.
    "{c}, and a final vote is expected next month.",
    "{c}, and the ruling can be appealed within 28 days.",
    "{c}, ahead of a meeting of finance ministers in Brussels on Thursday.",
    "{c}, two days after the announcement.",
    "{c}, ending a strike that lasted six weeks.",
    "{c}, reversing a policy introduced in 2019.",
    "{c}; the bill now goes to the House of Lords.",
    "{c}; no injuries were reported.",
    "{c}, and the company did not respond to a request for comment.",
    # Caveats about data.
    "{c}, according to preliminary data that are subject to revision.",
    "{c}, though the figures do not include the final quarter.",
    "{c} — a figure that includes part-time workers.",
    "{c} (the figures exclude Scotland).",
    # Neutral openers.
    "On Tuesday, {l}",
    "In a statement, the department said that {l}",
    "According to the latest census data, {l}",
    "Earlier this year, {l}",
    "In London, {l}",
    "Separately, {l}",
    "Speaking to reporters in Washington, the senator said {l}",
    "Under the terms of the agreement, {l}",
    "As of the end of March, {l}",
    "Officials confirmed that {l}",
    "A report published on Wednesday found that {l}",
    "Opponents of the measure argued that {l}",
    "For the first time since 2016, {l}",
    "Asked whether the plan would go ahead, a spokesman said {l}",
    "In a letter to shareholders, the chief executive wrote that {l}",
)
