"""Checklist versions: drafts, publishing (refused with file/item/field), immutability, import/export, rescoring."""

from __future__ import annotations

import pytest

from tests.factories import MINI_YAML, engine_call, publish


def _trainer(make_user):
    return make_user(role="trainer")


def test_draft_from_published_then_publish_archives_the_old_version(ctx, mini, make_user):
    from app.extensions import db
    from app.quality import checklists
    from app.quality.models import User, VersionStatus

    trainer = db.session.get(User, _trainer(make_user).id)
    draft = checklists.create_draft(mini.checklist, trainer)
    assert (draft.number, draft.status, draft.based_on_id) == (2, VersionStatus.DRAFT, mini.id)
    assert "version: 2" in draft.yaml_text
    with pytest.raises(checklists.DomainError, match="уже есть черновик"):
        checklists.create_draft(mini.checklist, trainer)
    data = checklists.draft_data(draft)
    data["sections"][1]["items"][0]["detect"]["phrases"]["any"].append("созвонимся")
    checklists.save_data(draft, data)
    checklists.publish(draft, trainer, "созвонимся — тоже договорённость")
    db.session.commit()
    assert draft.status == VersionStatus.PUBLISHED and draft.published_at is not None
    assert mini.status == VersionStatus.ARCHIVED
    assert mini.checklist.published.id == draft.id
    # untouched parts of the text stay as they were (comment, flow style of other items)
    assert draft.yaml_text.startswith("# Мини-чек-лист для тестов")
    assert 'phrases: {speaker: manager, any: ["добрый день", "здравствуйте"]}' in draft.yaml_text


def test_publish_refuses_a_checklist_that_would_not_load_and_names_item_and_field(ctx, mini, make_user):
    from app.extensions import db
    from app.quality import checklists
    from app.quality.models import User, VersionStatus

    trainer = db.session.get(User, _trainer(make_user).id)
    draft = checklists.create_draft(mini.checklist, trainer)
    bad = draft.yaml_text.replace('phrases: {speaker: manager, any: ["встреча"]}', "sentiment: {min: 0.5}").replace(
        'any: ["добрый день", "здравствуйте"]}', 'any: ["добрый день"], min_count: -1}'
    )
    checklists.save_text(draft, bad)
    db.session.commit()
    with pytest.raises(checklists.PublishRefused) as refused:
        checklists.publish(draft, trainer)
    errors = {(e["item"], e["field"]) for e in refused.value.errors}
    assert ("next_step", "detect.sentiment") in errors
    assert ("greet", "detect.phrases.min_count") in errors
    assert all(e["file"] == "mini.yaml" and e["line"] for e in refused.value.errors)
    unknown = next(e for e in refused.value.errors if e["item"] == "next_step")
    assert "unknown detector 'sentiment'" in unknown["message"]
    db.session.rollback()
    assert db.session.get(type(draft), draft.id).status == VersionStatus.DRAFT


def test_published_versions_are_immutable(ctx, mini, make_user):
    from app.extensions import db
    from app.quality import checklists
    from app.quality.models import ImmutableVersionError, VersionStatus

    with pytest.raises(checklists.DomainError, match="опубликована"):
        checklists.save_text(mini, MINI_YAML.replace("Поздоровался", "Привет"))
    mini.yaml_text = MINI_YAML.replace("Поздоровался", "Привет")  # bypassing the service is refused too
    with pytest.raises(ImmutableVersionError):
        db.session.flush()
    db.session.rollback()
    mini.status = VersionStatus.DRAFT
    with pytest.raises(ImmutableVersionError):
        db.session.flush()
    db.session.rollback()


def test_draft_from_an_older_version_and_nothing_to_publish(ctx, mini, make_user):
    from app.extensions import db
    from app.quality import checklists
    from app.quality.models import User

    trainer = db.session.get(User, _trainer(make_user).id)
    v2 = checklists.create_draft(mini.checklist, trainer)
    checklists.save_text(v2, v2.yaml_text.replace("Поздоровался", "Поприветствовал"))
    checklists.publish(v2, trainer)
    v3 = checklists.create_draft(mini.checklist, trainer, source=mini)
    assert v3.based_on_id == mini.id and "Поздоровался" in v3.yaml_text
    checklists.discard_draft(v3)
    v3 = checklists.create_draft(mini.checklist, trainer)
    with pytest.raises(checklists.DomainError, match="не отличается"):
        checklists.publish(v3, trainer)


def test_import_is_idempotent_and_never_undoes_a_published_edit(ctx, tmp_path, make_user):
    from app.extensions import db
    from app.quality import checklists
    from app.quality.models import User

    trainer_id = _trainer(make_user).id
    (tmp_path / "mini.yaml").write_text(MINI_YAML, encoding="utf-8")
    first = checklists.import_directory(tmp_path)
    again = checklists.import_directory(tmp_path)
    assert [v.id for v in first] == [v.id for v in again]
    trainer = db.session.get(User, trainer_id)
    draft = checklists.create_draft(first[0].checklist, trainer)
    checklists.save_text(draft, draft.yaml_text.replace("Попрощался", "Вежливо попрощался"))
    checklists.publish(draft, trainer)
    assert checklists.import_directory(tmp_path)[0].id == draft.id  # the shipped file is an older version
    out = tmp_path / "out"
    (path,) = checklists.export_directory(out)
    assert path.name == "mini.yaml" and "Вежливо попрощался" in path.read_text(encoding="utf-8")
    (tmp_path / "mini.yaml").write_text(
        path.read_text(encoding="utf-8").replace("weight: 3", "weight: 4"), encoding="utf-8"
    )
    newer = checklists.import_directory(tmp_path)[0]
    assert newer.number == 3 and newer.checklist.published.id == newer.id


def test_cli_import_and_export(app, runner, tmp_path):
    (tmp_path / "mini.yaml").write_text(MINI_YAML, encoding="utf-8")
    result = runner.invoke(args=["checklists", "import", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "mini v1" in result.output
    result = runner.invoke(args=["checklists", "export", "--dir", str(tmp_path / "out")])
    assert result.exit_code == 0 and (tmp_path / "out" / "mini.yaml").is_file()
    (tmp_path / "bad.yaml").write_text("id: bad\ntitle: x\nsections: []\n", encoding="utf-8")
    result = runner.invoke(args=["checklists", "import", "--dir", str(tmp_path)])
    assert result.exit_code != 0 and "bad.yaml" in result.output and "sections" in result.output


def test_rescoring_after_publishing_uses_the_new_version(ctx, mini, make_user):
    from app.calls import rescoring
    from app.extensions import db
    from app.quality import checklists
    from app.quality.models import User

    manager = make_user(role="sales_manager")
    admin_id, trainer_id = make_user(role="admin").id, _trainer(make_user).id
    call = engine_call(manager.id, mini)
    db.session.commit()
    before = {i.item_id: i.auto_result.value for i in call.current_scorecard.items}
    assert before["next_step"] == "fail"
    trainer = db.session.get(User, trainer_id)
    draft = checklists.create_draft(mini.checklist, trainer)
    data = checklists.draft_data(draft)
    data["sections"][1]["items"][0]["detect"]["phrases"]["any"].append("созвонимся")
    checklists.save_data(draft, data)
    checklists.publish(draft, trainer)
    admin = db.session.get(User, admin_id)
    run = rescoring.start_for_calls(admin, [call.id])
    db.session.commit()
    rescoring.rescore_job(run.id)
    db.session.expire_all()
    card = db.session.get(type(call), call.id).current_scorecard
    assert card.checklist_version_id == draft.id
    after = {i.item_id: i for i in card.items}
    assert after["next_step"].auto_result.value == "pass"
    assert "созвонимся" in after["next_step"].evidence[0]["quote"].lower()


def test_new_checklist_starts_as_a_loadable_draft(ctx, make_user):
    from app.extensions import db
    from app.quality import checklists
    from app.quality.models import User

    trainer = db.session.get(User, _trainer(make_user).id)
    draft = checklists.create_checklist("inbound_call", "Входящий звонок", trainer)
    assert checklists.check_yaml(draft.yaml_text) == []
    with pytest.raises(checklists.DomainError):
        checklists.create_checklist("inbound_call", "Ещё один", trainer)
    with pytest.raises(checklists.DomainError):
        checklists.create_checklist("Bad Key", "Плохой ключ", trainer)
    published = checklists.publish(draft, trainer)
    assert published.checklist.published.id == draft.id
    assert publish().number == 1
