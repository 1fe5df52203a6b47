"""Learning loop: the labelling queue by uncertainty, labels as examples, retraining with before/after metrics
on the same held-out examples, activation and rollback, the engine using the active model, override suggestions."""

from __future__ import annotations

import pytest

from tests.factories import SPIN_YAML, engine_call, question_transcript


@pytest.fixture
def spin_calls(ctx, tiny_corpus, make_user):
    """Two calls full of manager questions, scored with a checklist that uses the spin classifier."""
    from app.extensions import db
    from app.quality.checklists import publish_yaml

    manager = make_user(role="sales_manager")
    labeller = make_user(role="supervisor")
    trainer = make_user(role="trainer")
    version = publish_yaml(SPIN_YAML, "spin_mini.yaml")
    db.session.flush()
    calls = [engine_call(manager.id, version, question_transcript()), engine_call(manager.id, version, days_ago=1)]
    db.session.commit()
    return {"version": version, "calls": calls, "labeller": labeller, "trainer": trainer}


def _user(user):
    from app.accounts.models import User
    from app.extensions import db

    return db.session.get(User, user.id)


def test_queue_offers_the_least_sure_utterances_first(spin_calls):
    from app.extensions import db
    from app.quality import labelling
    from app.quality.learning_models import LabellingCandidate

    assert labelling.refresh_queue("spin") == "done"
    candidates = db.session.scalars(db.select(LabellingCandidate)).all()
    assert len(candidates) >= 24  # every manager question of the stored transcripts, once per text
    assert all(abs(c.margin - labelling.margin_of(c.probs)) < 1e-3 for c in candidates)
    first = labelling.next_candidate("spin", "margin")
    assert first.margin == min(c.margin for c in candidates)
    by_prob = labelling.next_candidate("spin", "prob")
    assert by_prob.prob == min(c.prob for c in candidates)
    labelling.skip(first)
    assert labelling.next_candidate("spin", "margin").id != first.id  # skipped ones go behind the rest
    state = labelling.queue_state("spin")
    assert state.status.value == "done" and state.done == state.total == 2


def test_label_twenty_then_retrain_compare_activate_and_roll_back(spin_calls):
    from app.extensions import db
    from app.quality import labelling, learning_loop
    from app.quality.learning_models import ExampleSource, TrainingExample
    from scoring import engine
    from scoring.checklist import parse_checklist

    labelling.refresh_queue("spin")
    labeller = _user(spin_calls["labeller"])
    labels = ("situation", "problem", "implication", "need_payoff")
    for i in range(20):
        candidate = labelling.next_candidate("spin")
        labelling.label_candidate(candidate, labels[i % 4], labeller)
        db.session.commit()
    assert labelling.example_count("spin") == 20
    assert {e.source for e in db.session.scalars(db.select(TrainingExample))} == {ExampleSource.LABEL}

    row = learning_loop.start_retrain("spin", _user(spin_calls["trainer"]))
    db.session.commit()
    with pytest.raises(learning_loop.DomainError):
        learning_loop.start_retrain("spin", _user(spin_calls["trainer"]))
    assert learning_loop.retrain(row.id) == "done"
    db.session.expire_all()
    row = db.session.get(type(row), row.id)
    metrics = row.metrics
    corpus = len(learning_loop.corpus_examples("spin"))
    assert metrics["n"] == corpus + 20 and metrics["n_from_calls"] == 20 and metrics["folds"] == 3
    assert metrics["current"]["n"] == metrics["new"]["n"] == metrics["n"]  # the same held-out examples
    for side in ("current", "new"):
        assert 0.0 <= metrics[side]["macro_f1"] <= 1.0 and metrics[side]["from_calls"]["n"] == 20
    assert row.n_db_examples == 20 and row.n_examples == corpus + 20 and row.file

    baseline = learning_loop.active_model("spin")
    assert baseline.baseline and metrics["compared_with"] == baseline.id
    learning_loop.activate(row)
    db.session.commit()
    active = learning_loop.active_classifiers()
    assert active["spin"].version == row.version
    checklist = parse_checklist(SPIN_YAML)
    card = engine.score(question_transcript(), checklist, classifiers=active)
    assert card.models["spin"] == row.version  # the scorecard records the model version

    learning_loop.activate(baseline)  # rollback
    db.session.commit()
    assert "spin" not in learning_loop.active_classifiers()
    assert learning_loop.active_model("spin").id == baseline.id
    assert engine.score(question_transcript(), checklist).models["spin"] == baseline.version


def test_relabelling_a_text_replaces_its_label(spin_calls):
    from app.quality import labelling

    trainer = _user(spin_calls["trainer"])
    first = labelling.add_example("spin", "Сколько у вас курьеров?", "situation", trainer)
    again = labelling.add_example("spin", "сколько у вас курьеров", "problem", trainer)
    assert first.id == again.id and again.label == "problem"
    with pytest.raises(labelling.DomainError):
        labelling.add_example("spin", "Текст", "no_such_label", trainer)


def test_failed_retraining_says_why(spin_calls, monkeypatch):
    from app.extensions import db
    from app.quality import learning_loop
    from scoring import classifiers

    row = learning_loop.start_retrain("spin", _user(spin_calls["trainer"]))
    db.session.commit()

    def broken(task, examples):
        raise classifiers.ClassifierError("corpus is empty")

    monkeypatch.setattr(classifiers, "train", broken)
    assert learning_loop.retrain(row.id) == "failed"
    assert "corpus is empty" in db.session.get(type(row), row.id).error


def test_override_of_a_classifier_item_becomes_a_suggestion_offered_first(spin_calls, make_user, make_team):
    from app.calls import review
    from app.calls.models import ItemResult
    from app.extensions import db
    from app.quality import labelling
    from app.quality.learning_models import ExampleSource

    labelling.refresh_queue("spin")
    call = spin_calls["calls"][0]
    item = next(i for i in call.current_scorecard.items if i.item_id == "implication")
    flipped = "fail" if item.auto_result == ItemResult.PASS else "pass"
    admin = _user(make_user(role="admin"))
    review.override_item(call, item.id, flipped, "это не извлекающий вопрос", admin)
    db.session.commit()
    first = labelling.next_candidate("spin")
    assert first.priority == 0 and "это не извлекающий вопрос" in first.note
    assert first.scorecard_item_id == item.id
    if flipped == "pass":
        assert first.suggested_label == "implication"
    else:
        assert first.suggested_label is None and first.label == "implication"
    example = labelling.label_candidate(first, "situation", _user(spin_calls["labeller"]))
    assert example.source == ExampleSource.OVERRIDE and example.call_id == call.id
