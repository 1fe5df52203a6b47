"""Call scripts: drafts edited stage by stage, published versions immutable, history, diff, restore as a draft.

Versioning follows the checklists: a script has at most one draft; publishing it archives the version in
force; an old version is restored by opening a new draft copied from it. Objection branches link library
entries (``objections``); a branch cannot point at an archived entry. Services flush; callers commit.
"""

from __future__ import annotations

import difflib
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.models import User, utcnow
from app.core.domain import DomainError
from app.extensions import db
from app.quality.models import VersionStatus
from app.quality.objection_models import Objection
from app.quality.objections import KEY_RE, RESERVED_KEYS, get_objection
from app.quality.script_models import (
    STAGE_ORDER,
    CallScript,
    CallScriptVersion,
    ScriptBranch,
    ScriptStage,
    StageKind,
)

STAGE_LABELS = {
    StageKind.OPENING: _l("Установление контакта"),
    StageKind.GATEKEEPER: _l("Секретарь"),
    StageKind.NEEDS_DISCOVERY: _l("Выявление потребностей"),
    StageKind.PRESENTATION: _l("Презентация"),
    StageKind.CLOSING: _l("Закрытие и следующий шаг"),
}
STATUS_LABELS = {
    VersionStatus.DRAFT: _l("черновик"),
    VersionStatus.PUBLISHED: _l("действует"),
    VersionStatus.ARCHIVED: _l("в архиве"),
}
MAX_TEXT = 20_000


# -- queries -------------------------------------------------------------------------------------------------
def get_script(key: str) -> CallScript | None:
    """A script by key."""
    return db.session.scalar(select(CallScript).where(CallScript.key == key))


def list_scripts(include_unpublished: bool) -> list[CallScript]:
    """Scripts by title; readers see only those with a published version."""
    scripts = list(db.session.scalars(select(CallScript).order_by(CallScript.title)))
    return scripts if include_unpublished else [s for s in scripts if s.published is not None]


def get_version(script: CallScript, number: int) -> CallScriptVersion | None:
    """A version of a script by number."""
    return next((v for v in script.versions if v.number == number), None)


def scripts_using(objection: Objection) -> list[tuple[CallScript, list[StageKind]]]:
    """Scripts whose version in force has a branch to this entry, with the stages it appears in."""
    query = (
        select(CallScriptVersion, ScriptStage.kind)
        .join(ScriptStage, ScriptStage.version_id == CallScriptVersion.id)
        .join(ScriptBranch, ScriptBranch.stage_id == ScriptStage.id)
        .where(ScriptBranch.objection_id == objection.id, CallScriptVersion.status == VersionStatus.PUBLISHED)
    )
    found: dict[int, tuple[CallScript, list[StageKind]]] = {}
    for version, kind in db.session.execute(query):
        script, kinds = found.setdefault(version.script_id, (version.script, []))
        if kind not in kinds:
            kinds.append(kind)
    for _script, kinds in found.values():
        kinds.sort(key=STAGE_ORDER.index)
    return sorted(found.values(), key=lambda pair: pair[0].title)


# -- creating versions ---------------------------------------------------------------------------------------
def _next_number(script: CallScript) -> int:
    return max((v.number for v in script.versions), default=0) + 1


def _empty_stages() -> list[ScriptStage]:
    return [ScriptStage(position=n, kind=kind) for n, kind in enumerate(STAGE_ORDER)]


def create_script(key: str, title: str, user: User) -> CallScriptVersion:
    """A new script with an empty draft of the five stages."""
    key, title = (key or "").strip(), " ".join((title or "").split())
    if not KEY_RE.match(key) or key in RESERVED_KEYS:
        raise DomainError(_("Ключ: латиница в нижнем регистре, цифры и «_», начинается с буквы."), "key")
    if get_script(key) is not None:
        raise DomainError(_("Скрипт с ключом «%(k)s» уже есть.", k=key), "key")
    if not title or len(title) > 200:
        raise DomainError(_("Название: от 1 до 200 символов."), "title")
    script = CallScript(key=key, title=title)
    version = CallScriptVersion(
        script=script, number=1, title=title, created_by_id=user.id, updated_at=utcnow(), stages=_empty_stages()
    )
    db.session.add_all([script, version])
    db.session.flush()
    return version


def _copy_stages(source: CallScriptVersion) -> list[ScriptStage]:
    stages = []
    for kind_position, kind in enumerate(STAGE_ORDER):
        old = source.stage(kind)
        stage = ScriptStage(position=kind_position, kind=kind)
        if old is not None:
            stage.goal, stage.phrases, stage.tips = old.goal, old.phrases, old.tips
            stage.branches = [
                ScriptBranch(position=b.position, objection_id=b.objection_id, note=b.note) for b in old.branches
            ]
        stages.append(stage)
    return stages


def create_draft(script: CallScript, user: User, source: CallScriptVersion | None = None) -> CallScriptVersion:
    """Open a draft copied from ``source`` (default: the version in force); one draft per script."""
    if script.draft is not None:
        raise DomainError(
            _("У скрипта уже есть черновик (версия %(n)s): продолжите его или удалите.", n=script.draft.number)
        )
    source = source or script.published or (script.versions[-1] if script.versions else None)
    if source is None or source.script_id != script.id:
        raise DomainError(_("Не из чего создать черновик: у скрипта нет версий."))
    version = CallScriptVersion(
        script=script,
        number=_next_number(script),
        title=source.title,
        summary=source.summary,
        created_by_id=user.id,
        based_on_id=source.id,
        updated_at=utcnow(),
        stages=_copy_stages(source),
    )
    db.session.add(version)
    db.session.flush()
    return version


# -- editing a draft -----------------------------------------------------------------------------------------
def _require_draft(version: CallScriptVersion) -> None:
    if not version.is_draft:
        raise DomainError(
            _("Версия %(n)s опубликована и не меняется: создайте из неё новый черновик.", n=version.number)
        )


def _text(value: str | None, name: str) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise DomainError(_("Слишком длинный текст: не больше %(n)s символов.", n=MAX_TEXT), name)
    return text


def _touch(version: CallScriptVersion) -> None:
    version.updated_at = utcnow()
    db.session.flush()


def update_meta(version: CallScriptVersion, title: str, summary: str) -> None:
    """Change the title and introduction of a draft."""
    _require_draft(version)
    title = " ".join((title or "").split())
    if not title or len(title) > 200:
        raise DomainError(_("Название: от 1 до 200 символов."), "title")
    version.title, version.summary = title, _text(summary, "summary")
    _touch(version)


def update_stage(version: CallScriptVersion, kind: str, goal: str, phrases: str, tips: str) -> ScriptStage:
    """Change a stage's goal, model phrases and tips."""
    _require_draft(version)
    stage = _stage(version, kind)
    stage.goal, stage.phrases, stage.tips = _text(goal, "goal"), _text(phrases, "phrases"), _text(tips, "tips")
    _touch(version)
    return stage


def _stage(version: CallScriptVersion, kind: str) -> ScriptStage:
    try:
        stage = version.stage(StageKind(kind))
    except ValueError:
        stage = None
    if stage is None:
        raise DomainError(_("Нет такого этапа: %(k)s.", k=kind), "stage")
    return stage


def _branch(version: CallScriptVersion, branch_id: int) -> ScriptBranch:
    branch = next((b for s in version.stages for b in s.branches if b.id == branch_id), None)
    if branch is None:
        raise DomainError(_("Ветка не найдена в этом черновике."))
    return branch


def add_branch(version: CallScriptVersion, kind: str, objection_key: str, note: str = "") -> ScriptBranch:
    """Link a library entry to a stage as an objection branch."""
    _require_draft(version)
    stage = _stage(version, kind)
    objection = get_objection(objection_key or "")
    if objection is None:
        raise DomainError(_("Выберите возражение из библиотеки."), "objection")
    if objection.archived:
        raise DomainError(
            _("«%(t)s» в архиве библиотеки: верните его или выберите другое.", t=objection.title), "objection"
        )
    if any(b.objection_id == objection.id for b in stage.branches):
        raise DomainError(_("«%(t)s» уже есть на этом этапе.", t=objection.title), "objection")
    branch = ScriptBranch(objection=objection, note=_text(note, "note"), position=len(stage.branches))
    stage.branches.append(branch)
    _touch(version)
    return branch


def update_branch(version: CallScriptVersion, branch_id: int, note: str) -> None:
    """Change the script-specific note of a branch."""
    _require_draft(version)
    _branch(version, branch_id).note = _text(note, "note")
    _touch(version)


def remove_branch(version: CallScriptVersion, branch_id: int) -> None:
    """Take a branch out of a stage."""
    _require_draft(version)
    branch = _branch(version, branch_id)
    stage = branch.stage
    stage.branches = [b for b in stage.branches if b is not branch]
    for position, other in enumerate(stage.branches):
        other.position = position
    _touch(version)


def move_branch(version: CallScriptVersion, branch_id: int, delta: int) -> None:
    """Move a branch up (-1) or down (+1) within its stage."""
    _require_draft(version)
    branch = _branch(version, branch_id)
    branches = list(branch.stage.branches)
    at = branches.index(branch)
    to = min(max(at + (1 if delta > 0 else -1), 0), len(branches) - 1)
    branches.insert(to, branches.pop(at))
    for position, other in enumerate(branches):
        other.position = position
    branch.stage.branches = branches  # the list in memory follows the new order too
    _touch(version)


def discard_draft(version: CallScriptVersion) -> None:
    """Delete a draft (published versions stay forever); a script that was never published goes with it."""
    _require_draft(version)
    script = version.script
    script.versions.remove(version)
    db.session.delete(version)
    if not script.versions:
        db.session.delete(script)
    db.session.flush()


def publish(version: CallScriptVersion, user: User | None, note: str = "") -> CallScriptVersion:
    """Publish a draft; refused when it has no content or does not differ from the version in force."""
    _require_draft(version)
    if all(stage.is_empty for stage in version.stages):
        raise DomainError(_("Черновик пуст: заполните хотя бы один этап."))
    current = version.script.published
    if current is not None and version_text(current) == version_text(version):
        raise DomainError(
            _("Черновик не отличается от действующей версии %(n)s: публиковать нечего.", n=current.number)
        )
    for other in version.script.versions:
        if other is not version and other.status == VersionStatus.PUBLISHED:
            other.status = VersionStatus.ARCHIVED
    version.note = (note or "").strip()[:500]
    version.created_by_id = version.created_by_id or (user.id if user else None)
    version.status, version.published_at = VersionStatus.PUBLISHED, utcnow()
    version.script.title = version.title
    db.session.flush()
    return version


def restore_version(script: CallScript, number: int, user: User) -> CallScriptVersion:
    """Open a new draft with the content of an old version."""
    source = get_version(script, number)
    if source is None:
        raise DomainError(_("Нет версии %(n)s.", n=number))
    return create_draft(script, user, source)


# -- text form: diff and idempotent import -------------------------------------------------------------------
def version_text(version: CallScriptVersion) -> str:
    """The whole version as plain text, stage by stage (what diffs and comparisons read)."""
    lines = [f"# {version.title}", version.summary, ""]
    for stage in sorted(version.stages, key=lambda s: s.position):
        lines += [f"## {STAGE_LABELS[stage.kind]}", f"[goal] {stage.goal}", stage.phrases, f"[tips] {stage.tips}"]
        lines += [f"[branch] {b.objection.key}: {b.note}" for b in stage.branches]
        lines.append("")
    return "\n".join(line.rstrip() for part in lines for line in part.split("\n")) + "\n"


def diff_versions(old: CallScriptVersion, new: CallScriptVersion) -> list[tuple[str, str]]:
    """Unified diff of two versions as ``(kind, line)`` with kind ``add``, ``del``, ``hunk`` or ``same``."""
    out = []
    for line in difflib.unified_diff(
        version_text(old).splitlines(), version_text(new).splitlines(), f"v{old.number}", f"v{new.number}", lineterm=""
    ):
        if line.startswith(("---", "+++")):
            continue
        kind = {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "same")
        out.append((kind, line))
    return out


def import_script(data: dict[str, Any], user: User | None = None) -> CallScriptVersion:
    """Publish a script given as plain data (``key``, ``title``, ``summary``, ``stages``) unless already there.

    Stages are keyed by kind with ``goal``, ``phrases``, ``tips`` and ``branches`` (``[{objection, note}]``,
    library keys). No-op when a published or archived version has the same text, so re-seeding never undoes
    what trainers published since.
    """
    stages = []
    for position, kind in enumerate(STAGE_ORDER):
        spec = data.get("stages", {}).get(kind.value, {})
        stage = ScriptStage(
            position=position,
            kind=kind,
            goal=spec.get("goal", "").strip(),
            phrases=spec.get("phrases", "").strip(),
            tips=spec.get("tips", "").strip(),
        )
        for n, branch in enumerate(spec.get("branches", [])):
            objection = get_objection(branch["objection"])
            if objection is None:
                raise DomainError(f"script {data['key']}, stage {kind}: unknown objection '{branch['objection']}'")
            stage.branches.append(ScriptBranch(position=n, objection=objection, note=branch.get("note", "").strip()))
        stages.append(stage)
    # Built detached from the script first: compared with the stored versions before anything is added.
    version = CallScriptVersion(title=data["title"], summary=data.get("summary", "").strip(), stages=stages)
    script = get_script(data["key"])
    if script is None:
        script = CallScript(key=data["key"], title=data["title"])
        db.session.add(script)
    text = version_text(version)
    existing = next((v for v in script.versions if not v.is_draft and version_text(v) == text), None)
    if existing is not None:
        return script.published or existing
    version.number, version.created_by_id = _next_number(script), user.id if user else None
    db.session.add(version)
    version.script = script
    db.session.flush()
    return publish(version, user)
