"""Call scripts: drafts, branches linked to the library, publishing, immutability, history, diff, import."""

from __future__ import annotations

import pytest

from app.core.domain import DomainError
from app.extensions import db
from app.quality import objections, scripts
from app.quality.demo_scripts import COLD_CALL
from app.quality.models import VersionStatus
from app.quality.script_models import (
    STAGE_ORDER,
    CallScriptVersion,
    ImmutableScriptError,
    ScriptBranch,
)


@pytest.fixture
def draft(library, trainer):
    """A new script's draft with two stages written and two branches."""
    version = scripts.create_script("warm_call", "Тёплый звонок", trainer)
    scripts.update_stage(version, "opening", "Представиться", "> Добрый день!", "Улыбайтесь")
    scripts.add_branch(version, "opening", "no_time_busy", "Назначьте время")
    scripts.add_branch(version, "closing", "think_it_over")
    db.session.commit()
    return version


def test_a_new_script_has_the_five_stages_in_order(draft):
    assert [s.kind for s in draft.stages] == list(STAGE_ORDER)
    assert draft.is_draft and draft.number == 1 and draft.script.published is None
    opening = draft.stage("opening")
    assert (opening.goal, opening.phrases, opening.tips) == ("Представиться", "> Добрый день!", "Улыбайтесь")
    assert draft.stage("gatekeeper").is_empty and not opening.is_empty


def test_branches_link_library_entries(draft, trainer):
    branch = draft.stage("opening").branches[0]
    entry = objections.get_objection("no_time_busy")
    assert branch.objection_id == entry.id and branch.note == "Назначьте время"
    # Edit once, used everywhere: the branch shows the library's current answer.
    raw = objections.content_of(entry)
    new_answer = {**raw["answers"][0], "answer": "Новый одобренный ответ."}
    objections.save_objection(entry, {**raw, "answers": [new_answer, *raw["answers"][1:]]}, trainer)
    db.session.commit()
    db.session.expire_all()
    assert draft.stage("opening").branches[0].objection.answers[0]["answer"] == "Новый одобренный ответ."


@pytest.mark.parametrize(
    ("kind", "key", "words"),
    [
        ("opening", "no_time_busy", "уже есть"),
        ("opening", "does_not_exist", "Выберите"),
        ("smalltalk", "no_time_busy", "этапа"),
    ],
)
def test_add_branch_refusals(draft, kind, key, words):
    with pytest.raises(DomainError, match=words):
        scripts.add_branch(draft, kind, key)


def test_archived_entries_cannot_be_linked_but_existing_branches_stay(draft):
    objections.set_archived(objections.get_objection("think_it_over"), True)
    with pytest.raises(DomainError, match="архиве"):
        scripts.add_branch(draft, "needs_discovery", "think_it_over")
    assert draft.stage("closing").branches[0].objection.key == "think_it_over"


def test_branches_move_and_go(draft):
    scripts.add_branch(draft, "opening", "no_time_call_later")
    scripts.add_branch(draft, "opening", "other_trust")
    keys = lambda: [b.objection.key for b in draft.stage("opening").branches]  # noqa: E731
    assert keys() == ["no_time_busy", "no_time_call_later", "other_trust"]
    last = draft.stage("opening").branches[2]
    scripts.move_branch(draft, last.id, -1)
    assert keys() == ["no_time_busy", "other_trust", "no_time_call_later"]
    scripts.move_branch(draft, draft.stage("opening").branches[0].id, -1)  # already first: stays
    assert keys() == ["no_time_busy", "other_trust", "no_time_call_later"]
    scripts.remove_branch(draft, draft.stage("opening").branches[0].id)
    assert keys() == ["other_trust", "no_time_call_later"]
    assert [b.position for b in draft.stage("opening").branches] == [0, 1]
    with pytest.raises(DomainError):
        scripts.remove_branch(draft, 999_999)


def test_publish_then_published_versions_are_immutable(draft, trainer):
    scripts.publish(draft, trainer, "Первая версия")
    db.session.commit()
    assert draft.status == VersionStatus.PUBLISHED and draft.published_at and draft.note == "Первая версия"
    with pytest.raises(DomainError, match="не меняется"):
        scripts.update_stage(draft, "opening", "x", "y", "z")
    with pytest.raises(DomainError, match="не меняется"):
        scripts.add_branch(draft, "opening", "other_trust")
    # Even code that bypasses the services cannot change a published version.
    draft.stage("opening").goal = "тайком"
    with pytest.raises(ImmutableScriptError):
        db.session.flush()
    db.session.rollback()
    draft.title = "Другое название"
    with pytest.raises(ImmutableScriptError):
        db.session.flush()
    db.session.rollback()
    db.session.add(ScriptBranch(stage=draft.stage("gatekeeper"), objection=objections.get_objection("other_trust")))
    with pytest.raises(ImmutableScriptError):
        db.session.flush()
    db.session.rollback()
    draft.status = VersionStatus.DRAFT
    with pytest.raises(ImmutableScriptError):
        db.session.flush()
    db.session.rollback()


def test_new_draft_copies_the_published_version_and_publishing_archives_it(draft, trainer):
    scripts.publish(draft, trainer)
    script = draft.script
    second = scripts.create_draft(script, trainer)
    with pytest.raises(DomainError, match="уже есть черновик"):
        scripts.create_draft(script, trainer)
    assert second.number == 2 and second.based_on_id == draft.id
    assert scripts.version_text(second) == scripts.version_text(draft)
    copied = second.stage("opening").branches[0]
    assert copied.id != draft.stage("opening").branches[0].id and copied.objection.key == "no_time_busy"
    with pytest.raises(DomainError, match="не отличается"):
        scripts.publish(second, trainer)

    scripts.update_stage(second, "opening", "Представиться и назвать повод", "> Добрый день!", "Улыбайтесь")
    scripts.publish(second, trainer)
    db.session.commit()
    assert script.published is second and draft.status == VersionStatus.ARCHIVED
    diff = scripts.diff_versions(draft, second)
    assert ("del", "-[goal] Представиться") in diff
    assert ("add", "+[goal] Представиться и назвать повод") in diff


def test_restore_an_old_version_as_a_new_draft(draft, trainer):
    scripts.publish(draft, trainer)
    second = scripts.create_draft(draft.script, trainer)
    scripts.remove_branch(second, second.stage("closing").branches[0].id)
    scripts.publish(second, trainer)
    restored = scripts.restore_version(draft.script, 1, trainer)
    db.session.commit()
    assert restored.number == 3 and restored.is_draft and restored.based_on_id == draft.id
    assert [b.objection.key for b in restored.stage("closing").branches] == ["think_it_over"]
    assert draft.script.published is second  # managers still read v2 until v3 is published


def test_empty_drafts_are_not_published_and_discarding_an_unpublished_script_removes_it(library, trainer):
    version = scripts.create_script("empty_one", "Пустой", trainer)
    with pytest.raises(DomainError, match="пуст"):
        scripts.publish(version, trainer)
    scripts.discard_draft(version)
    db.session.commit()
    assert scripts.get_script("empty_one") is None


def test_import_script_is_idempotent_and_adds_a_version_only_when_the_text_changes(library, trainer):
    first = scripts.import_script(COLD_CALL, trainer)
    again = scripts.import_script(COLD_CALL, trainer)
    db.session.commit()
    assert again.id == first.id
    assert db.session.scalar(db.select(db.func.count()).select_from(CallScriptVersion)) == 1
    changed = {**COLD_CALL, "summary": "Новое описание"}
    second = scripts.import_script(changed, trainer)
    db.session.commit()
    assert second.number == 2 and first.status == VersionStatus.ARCHIVED
    with pytest.raises(DomainError, match="unknown objection"):
        scripts.import_script({**COLD_CALL, "stages": {"opening": {"branches": [{"objection": "nope"}]}}}, trainer)


def test_scripts_using_lists_published_scripts_and_their_stages(draft, trainer):
    entry = objections.get_objection("no_time_busy")
    assert scripts.scripts_using(entry) == []  # drafts do not count
    scripts.add_branch(draft, "closing", "no_time_busy")
    scripts.publish(draft, trainer)
    [(script, kinds)] = scripts.scripts_using(entry)
    assert script.key == "warm_call" and [k.value for k in kinds] == ["opening", "closing"]
