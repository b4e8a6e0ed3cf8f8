"""Bench section `planted`: the share of planted faults each flag code catches, and the share
of clean points it wrongly flags (cases built by bench/planted_cases.py at run time)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from bench import corpus, opinion_audit
from bench.common import Headline, Section, Table
from bench.planted_cases import (
    CONTROL_CODES,
    FAULT_CODES,
    QUICK_NEUS,
    STALE_DAYS,
    TUNED_ON,
    Case,
    Pool,
    build,
    pools,
)
from brief import sentences
from brief.errors import ConfigError
from brief.models import Citation, Point
from brief.opinion import Judge, opinion_rule, with_reader
from brief.opinion_model import OpinionModel, load_opinion_model
from brief.text import content_stems, without_quotes
from brief.verify import CODES, verify

PROBE_CODES = ("unsupported", "number_mismatch", "misquote")
FRESH_TEST = "opinion_as_fact (fresh test)"


def fire(cases: list[Case], judge: Judge = opinion_rule) -> list[set[str]]:
    """The flag codes each case raises."""
    return [
        {
            f.code
            for f in verify(
                [c.point], c.articles, today=c.today, stale_days=STALE_DAYS, judge=judge
            )[0].flags
        }
        for c in cases
    ]


def score(cases: list[Case]) -> tuple[list[list[object]], list[list[object]], dict[str, float]]:
    """Per-code rows (caught, wrongly flagged), per-fault rows, and headline figures."""
    fired = fire(cases)
    clean = [(c, f) for c, f in zip(cases, fired, strict=True) if c.fault == "clean"]
    code_rows: list[list[object]] = []
    figures: dict[str, float] = {}
    for code in CODES:
        # Wordings the rules were tuned on say little; they get their own row below.
        planted = [
            code in f
            for c, f in zip(cases, fired, strict=True)
            if FAULT_CODES.get(c.fault) == code and c.fault not in TUNED_ON
        ]
        controls = [code in f for c, f in clean if code != "opinion" or c.neutral]
        caught = 100 * sum(planted) / len(planted) if planted else float("nan")
        wrong = 100 * sum(controls) / len(controls) if controls else float("nan")
        figures[f"{code}_caught_pct"] = round(caught, 1)
        figures[f"{code}_wrongly_flagged_pct"] = round(wrong, 1)
        code_rows.append([code, len(planted), f"{caught:.1f}", len(controls), f"{wrong:.1f}"])
    tuned = [
        FAULT_CODES[c.fault] in f for c, f in zip(cases, fired, strict=True) if c.fault in TUNED_ON
    ]
    if tuned:
        share = 100 * sum(tuned) / len(tuned)
        figures["opinion_caught_on_tuned_wordings_pct"] = round(share, 1)
        code_rows.append(["opinion (wordings tuned on)", len(tuned), f"{share:.1f}", "", ""])
    fault_rows: list[list[object]] = []
    for fault, code in FAULT_CODES.items():
        hits = [f for c, f in zip(cases, fired, strict=True) if c.fault == fault]
        if not hits:
            continue
        caught = 100 * sum(code in f for f in hits) / len(hits)
        also = Counter(x for f in hits for x in f if x != code).most_common(3)
        expected = f"{code} (tuned on)" if fault in TUNED_ON else code
        fault_rows.append(
            [fault, expected, len(hits), f"{caught:.1f}", ", ".join(f"{x} {n}" for x, n in also)]
        )
    for fault, code in CONTROL_CODES.items():
        hits = [f for c, f in zip(cases, fired, strict=True) if c.fault == fault]
        if not hits:
            continue
        flagged = 100 * sum(code in f for f in hits) / len(hits)
        key = fault.split("(")[-1].rstrip(")").replace(" ", "_").replace("-", "")
        figures[f"{code}_flagged_on_{key}_neutral_pct"] = round(flagged, 1)
        also = Counter(x for f in hits for x in f if x != code).most_common(3)
        fault_rows.append(
            [
                fault,
                f"no {code} (control)",
                len(hits),
                f"{flagged:.1f} flagged",
                ", ".join(f"{x} {n}" for x, n in also),
            ]
        )
    opinion_all = [("opinion" in f) for c, f in clean if not c.neutral]
    if opinion_all:
        figures["opinion_flagged_on_opinion_outlets_pct"] = round(
            100 * sum(opinion_all) / len(opinion_all), 1
        )
    return code_rows, fault_rows, figures


def learned_reader() -> OpinionModel | None:
    """The learned opinion reader when brief[model] is installed."""
    try:
        return load_opinion_model()
    except ConfigError:
        return None


def reader_rows(
    cases: list[Case], model: OpinionModel | None
) -> tuple[list[list[object]], dict[str, float]]:
    """The opinion rows again with the learned reader behind the rules (brief[model] installed)."""
    if model is None:
        return [], {}
    opinion_kinds = {k for k, v in {**FAULT_CODES, **CONTROL_CODES}.items() if v == "opinion"}
    wanted = [c for c in cases if c.fault == "clean" or c.fault in opinion_kinds]
    model.prime([without_quotes(cit.text) for case in wanted for cit in case.point.citations])
    fired = fire(wanted, with_reader(model.rule))
    figures: dict[str, float] = {}
    rows: list[list[object]] = []
    clean = [("opinion" in f) for c, f in zip(wanted, fired, strict=True) if c.fault == "clean"]
    neutral_clean = [
        ("opinion" in f)
        for c, f in zip(wanted, fired, strict=True)
        if c.fault == "clean" and c.neutral
    ]
    wrong = 100 * sum(neutral_clean) / max(1, len(neutral_clean))
    figures["reader_opinion_wrongly_flagged_pct"] = round(wrong, 1)
    figures["reader_opinion_flagged_on_opinion_outlets_pct"] = round(
        100 * (sum(clean) - sum(neutral_clean)) / max(1, len(clean) - len(neutral_clean)), 1
    )
    for fault in [*FAULT_CODES, *CONTROL_CODES]:
        if fault not in opinion_kinds:
            continue
        hits = [("opinion" in f) for c, f in zip(wanted, fired, strict=True) if c.fault == fault]
        if not hits:
            continue
        share = 100 * sum(hits) / len(hits)
        control = fault in CONTROL_CODES
        if fault == FRESH_TEST:
            figures["reader_opinion_caught_pct"] = round(share, 1)
        tag = "control: flagged" if control else ("tuned on" if fault in TUNED_ON else "caught")
        rows.append([fault, tag, len(hits), f"{share:.1f}"])
    rows.append(
        ["clean points (news outlets)", "wrongly flagged", len(neutral_clean), f"{wrong:.1f}"]
    )
    return rows, figures


def audit_rows(
    split_pools: dict[str, list[Pool]], model: OpinionModel | None
) -> tuple[list[list[object]], dict[str, float]]:
    """Opinion flags on the hand-labelled news sentences of each split's audit file."""
    rows: list[list[object]] = []
    figures: dict[str, float] = {}
    for split, found in split_pools.items():
        labelled = opinion_audit.load(opinion_audit.AUDIT_FILES[split])
        pairs = opinion_audit.cases(found, labelled)
        if not pairs:
            continue
        cases = [c for c, _ in pairs]
        items = [x for _, x in pairs]
        tag = "" if split == "dev" else f"_{split}"
        judges: list[tuple[str, str, Judge]] = [("rules", "audit", opinion_rule)]
        if model is not None:
            model.prime([without_quotes(c.point.citations[0].text) for c in cases])
            judges.append(("rules + learned reader", "reader_audit", with_reader(model.rule)))
        twice, agree = opinion_audit.agreement(labelled)
        figures[f"audit{tag}_sentences"] = len(pairs)
        figures[f"audit{tag}_read_twice"] = twice
        figures[f"audit{tag}_readers_agree_pct"] = round(agree, 1)
        figures[f"audit{tag}_opinion_sentences"] = sum(x.label == "opinion" for x in items)
        figures[f"audit{tag}_fact_sentences"] = sum(x.label == "fact" for x in items)
        for name, key, judge in judges:
            flagged = ["opinion" in f for f in fire(cases, judge)]
            n_op, caught, n_fact, wrong = opinion_audit.rates(flagged, items)
            figures[f"{key}{tag}_opinion_caught_pct"] = round(caught, 1)
            figures[f"{key}{tag}_fact_flagged_pct"] = round(wrong, 1)
            rows.append(
                [
                    f"{split} ({len(pairs)}; {twice} read twice, {agree:.0f}% agree)",
                    name,
                    n_op,
                    f"{caught:.1f}",
                    n_fact,
                    f"{wrong:.1f}",
                ]
            )
    return rows, figures


def paraphrase_probe(quick: bool) -> tuple[int, list[list[object]]]:
    """How the checks treat human paraphrase: each sentence of the neus_allsides dev references
    (first paragraph) cites the three source sentences that share most words with it."""
    rows: Counter[str] = Counter()
    total = 0
    for cluster in corpus.clusters("neus_allsides", "dev", limit=QUICK_NEUS if quick else None):
        pool = [(a, s) for a in cluster.articles for s in a.sentences]
        for start, end in sentences.split(cluster.reference):
            text = cluster.reference[start:end]
            stems = set(content_stems(text))
            if len(stems) < 6:
                continue
            ranked = sorted(pool, key=lambda p: -len(stems & set(content_stems(p[1].text))))[:3]
            cites = [
                Citation(n=i, source=a.path, sentence=s.id, line=s.line, text=s.text)
                for i, (a, s) in enumerate(ranked, 1)
            ]
            point = Point(id="r", rank=1, kind="reaction", text=text, citations=cites)
            flags = verify([point], cluster.articles, today=dt.date(2030, 1, 1))[0].flags
            rows.update({f.code for f in flags} & set(PROBE_CODES))
            total += 1
    table: list[list[object]] = [
        [code, f"{100 * rows[code] / max(1, total):.1f}"] for code in PROBE_CODES
    ]
    return total, table


def run(quick: bool) -> Section:
    all_pools = list(pools(quick))
    cases = build(quick, all_pools=all_pools)
    code_rows, fault_rows, figures = score(cases)
    figures["cases"] = len(cases)
    figures["clean_points"] = sum(c.fault == "clean" for c in cases)
    probed, probe_rows = paraphrase_probe(quick)
    model = learned_reader()
    reader, reader_figures = reader_rows(cases, model)
    figures.update(reader_figures)
    audit, audit_figures = audit_rows({"dev": all_pools, "test": list(pools(quick, "test"))}, model)
    figures.update(audit_figures)
    figures["paraphrase_unsupported_pct"] = float(str(probe_rows[0][1]))
    caught = {code: figures[f"{code}_caught_pct"] for code in CODES}
    wrong = {code: figures[f"{code}_wrongly_flagged_pct"] for code in CODES}
    low, high = min(caught, key=caught.__getitem__), max(wrong, key=wrong.__getitem__)
    headlines = [
        Headline(
            "planted faults caught, weakest flag code",
            f"{caught[low]:.1f}% ({low})",
            "goal ≥ 95% per code",
            f"{figures['cases']} cases",
        ),
        Headline(
            "clean points wrongly flagged, worst flag code",
            f"{wrong[high]:.1f}% ({high})",
            "goal ≤ 5% per code",
            f"{figures['clean_points']} clean points",
        ),
    ]
    return Section(
        name="planted",
        title="Verification: planted faults caught, clean points wrongly flagged",
        figures=figures,
        headlines=headlines,
        tables=[
            Table(
                title="Per flag code (goal: ≥ 95% caught, ≤ 5% wrongly flagged)",
                columns=["code", "planted", "caught %", "clean points", "wrongly flagged %"],
                rows=code_rows,
                note="Clean points for `opinion` exclude opinion outlets (neus_allsides sides "
                "marked Opinion), where an opinion flag is often right.",
            ),
            Table(
                title=f"Human paraphrase: {probed} reference sentences citing their 3 closest "
                "source sentences (% flagged)",
                columns=["code", "% of reference sentences flagged"],
                rows=probe_rows,
                note="Neither faults nor clean points: the AllSides editors wrote from the full "
                "articles, of which the corpus keeps ~100-word excerpts, so many of these "
                "quotes and figures are truly absent (spot checks agree). An upper bound on "
                "how often abstractive text such as an LLM writes would be flagged.",
            ),
            *(
                [
                    Table(
                        title="Opinion with the learned reader behind the rules "
                        "(opinion_model = true, brief[model] installed)",
                        columns=["cases", "counted as", "n", "%"],
                        rows=reader,
                        note="The reader (MiniLM, top two layers and a head fine-tuned) is "
                        "trained on training/opinion*/*.tsv only (lines our engineers wrote); "
                        "its threshold was chosen on dev data (fresh dev and held-out wordings, "
                        "corpus-dev sentences, the hand-labelled audit). The fresh test set was "
                        "never used for either.",
                    )
                ]
                if reader
                else []
            ),
            *(
                [
                    Table(
                        title="Opinion on real news-outlet sentences labelled by hand, blind "
                        "to the checks (bench/opinion_audit*.tsv)",
                        columns=[
                            "sentences",
                            "reader",
                            "labelled opinion",
                            "caught %",
                            "labelled fact",
                            "wrongly flagged %",
                        ],
                        rows=audit,
                        note="Drawn at random from the news-outlet articles of the dev and of the "
                        "test clusters. A sentence either engineer called unsure, or on which "
                        "two split, counts in neither column. The reader's threshold was chosen "
                        "looking at the dev audit among other dev data; the test audit was "
                        "labelled after every choice and used for none.",
                    )
                ]
                if audit
                else []
            ),
            Table(
                title="Per planted fault",
                columns=["fault", "expected code", "cases", "caught %", "other flags raised"],
                rows=fault_rows,
            ),
        ],
        notes=[
            "Built at run time from seeds/ and the dev clusters (multiling2011, English mmds2025 "
            "articles, neus_allsides); non-English articles are skipped (the checks are "
            "English-only).",
            "What this can show: that each mechanical fault is caught and that verbatim or "
            "trimmed sentences and real attributed quotes are not flagged. What it cannot show: "
            "recall on paraphrases an LLM writes, on subtle misattributions (a speaker who is "
            "named in the sentence but did not say the quote) or on real disagreements between "
            "outlets. The opinion faults are template wordings in six sets. The rules were "
            "written or widened knowing five of them (marked 'tuned on'); the per-code "
            "`opinion` row counts only bench/opinion_fresh_test.py (80 wordings by an engineer "
            "who had not read the rules, never used to tune them), and the tuned-on sets are "
            "reported on their own row. Each 'neutral addition' row is the matching control: "
            "the same shapes with reported facts, which must not be flagged.",
            "Clean two-source decisions cite a second, unrelated sentence of another article: "
            "they test that single_source stays quiet, not that the second source supports it.",
            "Clean points can carry true flags: a real opinion sentence in a news outlet, a real "
            "disagreement between two articles, a sentence reporting an old date. Those count "
            "as wrongly flagged here, so the false-flag rates are upper bounds.",
        ],
    )
