"""Checklists: small YAML checklists, publishing, stub checklists and scorecard items."""

from __future__ import annotations

from tests.factories._common import _seq

MINI_YAML = """\
# Мини-чек-лист для тестов
id: mini
title: Мини-чек-лист
version: 1
sections:
  - id: opening
    title: Начало
    items:
      - id: greet
        title: Поздоровался
        weight: 2
        skill: opening
        detect:
          phrases: {speaker: manager, any: ["добрый день", "здравствуйте"]}
  - id: closing
    title: Закрытие
    items:
      - id: next_step
        title: Договорился о встрече
        weight: 3
        skill: closing
        detect:
          phrases: {speaker: manager, any: ["встреча"]}
      - id: farewell
        title: Попрощался
        weight: 1
        skill: closing
        detect:
          phrases: {speaker: manager, from_end: {turns: 2}, any: ["до свидания", "всего доброго"]}
"""
"""The trainer tools' checklist: three items, no critical one; ``TRANSCRIPT`` passes greet and farewell."""

MINI_CALL_YAML = """\
id: mini_call
title: Мини-чек-лист
version: 1
sections:
  - id: opening
    title: Начало
    items:
      - id: greet
        title: Поздоровался
        weight: 2
        skill: opening
        critical: true
        detect:
          phrases: {speaker: manager, any: ["добрый день", "здравствуйте"]}
  - id: closing
    title: Закрытие
    items:
      - id: next_step
        title: Договорился о следующем шаге
        weight: 3
        skill: closing
        detect:
          phrases: {speaker: manager, any: ["встреча", "созвонимся", "пришлю"]}
      - id: farewell
        title: Попрощался
        weight: 1
        skill: closing
        detect:
          phrases: {speaker: manager, any: ["до свидания", "всего доброго", "хорошего дня"]}
"""
"""The call list's checklist: the same three items, the greeting critical, wider phrases."""
MINI_CALL_ITEMS = ("greet", "next_step", "farewell")

SPIN_YAML = """\
id: spin_mini
title: СПИН-мини
version: 1
sections:
  - id: spin
    title: СПИН
    items:
      - id: implication
        title: Извлекающий вопрос
        weight: 1
        skill: needs_discovery
        detect:
          classifier: {task: spin, label: implication, min_prob: 0.3}
      - id: greet
        title: Поздоровался
        weight: 1
        skill: opening
        detect:
          phrases: {speaker: manager, any: ["добрый день"]}
"""


def publish(yaml_text: str = MINI_YAML, source: str = "mini.yaml", note: str | None = None):  # type: ignore[no-untyped-def]
    """Publish a checklist version (flushed) and return it."""
    from app.quality.checklists import publish_yaml

    return publish_yaml(yaml_text, source=source, note=note)


def publish_cold_call():  # type: ignore[no-untyped-def]
    """Publish the shipped ``checklists/cold_call.yaml``, commit, and return the version."""
    from app.extensions import db
    from app.quality.checklists import CHECKLISTS_DIR

    version = publish((CHECKLISTS_DIR / "cold_call.yaml").read_text(encoding="utf-8"), "cold_call.yaml")
    db.session.commit()
    return version


def stub_checklist(key: str | None = None, title: str = "Тестовый чек-лист"):  # type: ignore[no-untyped-def]
    """A checklist with one published version and no real YAML (for calls whose scorecards are built as rows).

    With ``key`` the checklist of that key is reused (made the first time); without one a new key is made up.
    """
    from app.extensions import db
    from app.quality.models import Checklist, ChecklistVersion, VersionStatus

    if key is not None:
        found = db.session.scalar(db.select(Checklist).where(Checklist.key == key))
        if found is not None:
            return found
    row = Checklist(key=key or f"test_{next(_seq)}", title=title)
    row.versions.append(ChecklistVersion(number=1, status=VersionStatus.PUBLISHED, yaml_text="id: test"))
    db.session.add(row)
    db.session.flush()
    return row


def cold_call_stub():  # type: ignore[no-untyped-def]
    """The version of a stub checklist keyed ``cold_call`` (the key the skills and objection code look at)."""
    return stub_checklist("cold_call", "Холодный звонок").versions[0]
