"""Course folders on disk (``course.yaml``, ``lessons/NN-slug.md``, ``questions.gift``) and ``onboarding.yaml``.

Pure reading, validation and writing; no database. Every error names the file and the field or line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.core.domain import DomainError

SKILLS = (
    "gatekeeper", "opening", "needs_discovery", "value_presentation", "positioning",
    "objection_handling", "closing", "negotiation", "product_knowledge",
)  # fmt: skip
STEP_KINDS = ("manual", "course", "exam", "submission")
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
LESSON_FILE_RE = re.compile(r"^(\d{1,3})-([a-z0-9][a-z0-9-]{0,118})\.md$")
COURSE_FILE, GIFT_FILE, ONBOARDING_FILE = "course.yaml", "questions.gift", "onboarding.yaml"


class CourseFileError(DomainError):
    """A course or onboarding file that cannot be imported; the message names the file and field."""

    def __init__(self, path: Path | str, message: str, field: str | None = None) -> None:
        where = f"{path}: {field}: " if field else f"{path}: "
        super().__init__(where + message, field)
        self.path = str(path)


@dataclass
class LessonFile:
    """One lesson as stored in a course folder."""

    number: int
    slug: str
    title: str
    body: str


@dataclass
class CourseFile:
    """A course folder's content."""

    key: str
    title: str
    description: str = ""
    order: int = 100
    skills: list[str] = field(default_factory=list)
    published: bool = True
    exam: dict[str, Any] | None = None
    lessons: list[LessonFile] = field(default_factory=list)
    gift_text: str | None = None


@dataclass
class StepFile:
    """One step of the onboarding template."""

    key: str
    title: str
    kind: str
    due_day: int
    description: str = ""
    course_key: str | None = None
    requires_signature: bool = False


@dataclass
class OnboardingFile:
    """The onboarding template."""

    key: str
    title: str
    description: str = ""
    steps: list[StepFile] = field(default_factory=list)


def normalize_body(text: str) -> str:
    """Lesson Markdown with Unix line ends, no trailing spaces on lines and no blank lines around it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def lesson_title(body: str, fallback: str) -> str:
    """The text of the first ``# Title`` line, or ``fallback``."""
    for line in body.split("\n"):
        if line.startswith("# "):
            return line[2:].strip()[:300] or fallback
        if line.strip():
            break
    return fallback


def strip_title(body: str) -> str:
    """The body without its leading ``# Title`` line (pages show the title in their header)."""
    stripped = body.lstrip("\n")
    if stripped.startswith("# "):
        return stripped.split("\n", 1)[1] if "\n" in stripped else ""
    return body


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise CourseFileError(path, "not UTF-8 text") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise CourseFileError(path, f"{where}invalid YAML ({getattr(error, 'problem', error)})") from error


def _text(
    data: dict[str, Any], name: str, path: Path, required: bool = False, limit: int = 10_000, where: str = ""
) -> str:
    label = f"{where}.{name}" if where else name
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise CourseFileError(path, "is required", label)
        return ""
    if not isinstance(value, str):
        raise CourseFileError(path, "must be text", label)
    if len(value) > limit:
        raise CourseFileError(path, f"longer than {limit} characters", label)
    return value.strip()


def _parse_course_meta(path: Path, key: str) -> CourseFile:
    data = _load_yaml(path)
    if not isinstance(data, dict):
        raise CourseFileError(path, "must be a mapping of fields (title, description, order, skills, exam)")
    if data.get("slug") not in (None, key):
        raise CourseFileError(path, f"'{data['slug']}' differs from the folder name '{key}'", "slug")
    order = data.get("order", 100)
    if not isinstance(order, int) or isinstance(order, bool):
        raise CourseFileError(path, "must be a whole number", "order")
    skills = data.get("skills") or []
    if not isinstance(skills, list):
        raise CourseFileError(path, "must be a list of skill ids", "skills")
    unknown = [s for s in skills if s not in SKILLS]
    if unknown:
        raise CourseFileError(path, f"unknown skill {unknown[0]!r} (known: {', '.join(SKILLS)})", "skills")
    published = data.get("published", True)
    if not isinstance(published, bool):
        raise CourseFileError(path, "must be true or false", "published")
    exam = data.get("exam")
    if exam is not None and not isinstance(exam, dict):
        raise CourseFileError(path, "must be a mapping (title, pass_mark, questions …)", "exam")
    return CourseFile(
        key=key,
        title=_text(data, "title", path, required=True, limit=200),
        description=_text(data, "description", path),
        order=order,
        skills=list(skills),
        published=published,
        exam=exam,
    )


def _read_lessons(folder: Path) -> list[LessonFile]:
    lessons_dir = folder / "lessons"
    files = sorted(lessons_dir.glob("*.md")) if lessons_dir.is_dir() else []
    if not files:
        raise CourseFileError(lessons_dir, "no lessons (expected lessons/NN-slug.md files)")
    lessons: list[LessonFile] = []
    numbers: dict[int, str] = {}
    for path in files:
        match = LESSON_FILE_RE.match(path.name)
        if match is None:
            raise CourseFileError(path, "file name must look like 'NN-slug.md' (digits, dash, latin slug)")
        number, slug = int(match.group(1)), match.group(2)
        if number in numbers:
            raise CourseFileError(path, f"lesson number {number} is also used by {numbers[number]}")
        numbers[number] = path.name
        try:
            body = normalize_body(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as error:
            raise CourseFileError(path, "not UTF-8 text") from error
        if not body:
            raise CourseFileError(path, "the lesson is empty")
        lessons.append(LessonFile(number, slug, lesson_title(body, slug), body))
    slugs = [lesson.slug for lesson in lessons]
    for slug in slugs:
        if slugs.count(slug) > 1:
            raise CourseFileError(lessons_dir, f"two lessons share the slug '{slug}'")
    return lessons


def read_course(folder: Path) -> CourseFile:
    """Read and validate one course folder."""
    key = folder.name
    if not KEY_RE.match(key):
        raise CourseFileError(folder, "folder name must be a latin slug (a-z, 0-9, '-', '_')")
    course = _parse_course_meta(folder / COURSE_FILE, key)
    course.lessons = _read_lessons(folder)
    gift = folder / GIFT_FILE
    if gift.is_file():
        course.gift_text = gift.read_text(encoding="utf-8")
    return course


def course_folders(root: Path) -> tuple[list[Path], list[Path]]:
    """Sub-folders of ``root`` that hold a ``course.yaml``, and those that do not (content still arriving)."""
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    return [p for p in folders if (p / COURSE_FILE).is_file()], [p for p in folders if not (p / COURSE_FILE).is_file()]


class _Dumper(yaml.SafeDumper):
    """YAML that reads well: multi-line text as ``|`` blocks, keys in the order given."""


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump_yaml(data: Any) -> str:
    """Serialize to human-friendly YAML (UTF-8 text kept as is)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def write_course(root: Path, course: CourseFile) -> Path:
    """Write a course folder under ``root`` in the format ``read_course`` reads; returns the folder."""
    if not KEY_RE.match(course.key):
        raise CourseFileError(course.key, "not a valid course key")
    folder = root / course.key
    lessons_dir = folder / "lessons"
    lessons_dir.mkdir(parents=True, exist_ok=True)
    meta: dict[str, Any] = {
        "slug": course.key,
        "title": course.title,
        "description": course.description,
        "order": course.order,
        "skills": course.skills,
    }
    if not course.published:
        meta["published"] = False
    if course.exam is not None:
        meta["exam"] = course.exam
    (folder / COURSE_FILE).write_text(dump_yaml(meta), encoding="utf-8")
    wanted = {f"{lesson.number:02d}-{lesson.slug}.md" for lesson in course.lessons}
    for stale in lessons_dir.glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    for lesson in course.lessons:
        path = lessons_dir / f"{lesson.number:02d}-{lesson.slug}.md"
        path.write_text(lesson.body + "\n", encoding="utf-8")
    if course.gift_text is not None:
        (folder / GIFT_FILE).write_text(course.gift_text, encoding="utf-8")
    return folder


def _parse_step(raw: Any, path: Path, index: int) -> StepFile:
    where = f"steps[{index}]"
    if not isinstance(raw, dict):
        raise CourseFileError(path, "must be a mapping", where)
    key = raw.get("key")
    if not isinstance(key, str) or not KEY_RE.match(key):
        raise CourseFileError(path, "a latin key (a-z, 0-9, '-', '_') is required", f"{where}.key")
    where = f"step '{key}'"
    kind = raw.get("kind", "manual")
    signature = raw.get("requires_signature", raw.get("signature", False))
    if kind == "signature":  # shorthand: a manual step the new hire signs first
        kind, signature = "manual", True
    if not isinstance(signature, bool):
        raise CourseFileError(path, "must be true or false", f"{where}.requires_signature")
    if kind not in STEP_KINDS:
        raise CourseFileError(path, f"unknown kind {kind!r} (known: {', '.join(STEP_KINDS)})", f"{where}.kind")
    course_key = raw.get(kind) if kind in ("course", "exam") else None
    if kind in ("course", "exam") and not (isinstance(course_key, str) and KEY_RE.match(course_key)):
        raise CourseFileError(path, f"a '{kind}: <course key>' field is required", f"{where}.{kind}")
    due_day = raw.get("due_day")
    if not isinstance(due_day, int) or isinstance(due_day, bool) or due_day < 1:
        raise CourseFileError(path, "must be a positive whole number of working days", f"{where}.due_day")
    return StepFile(
        key=key,
        title=_text(raw, "title", path, required=True, limit=300, where=where),
        kind=kind,
        due_day=due_day,
        description=_text(raw, "description", path, where=where),
        course_key=course_key,
        requires_signature=signature,
    )


def read_onboarding(path: Path) -> OnboardingFile:
    """Read and validate the onboarding template."""
    data = _load_yaml(path)
    if not isinstance(data, dict):
        raise CourseFileError(path, "must be a mapping with title and steps")
    steps_raw = data.get("steps")
    if not isinstance(steps_raw, list) or not steps_raw:
        raise CourseFileError(path, "a non-empty list of steps is required", "steps")
    steps = [_parse_step(raw, path, i) for i, raw in enumerate(steps_raw)]
    keys = [step.key for step in steps]
    for key in keys:
        if keys.count(key) > 1:
            raise CourseFileError(path, f"step key '{key}' is used twice", "steps")
    key = data.get("key", path.stem)
    if not isinstance(key, str) or not KEY_RE.match(key):
        raise CourseFileError(path, "must be a latin slug", "key")
    title = _text(data, "title", path, required=True, limit=200)
    return OnboardingFile(key, title, _text(data, "description", path), steps)


def write_onboarding(path: Path, template: OnboardingFile) -> None:
    """Write the onboarding template in the format ``read_onboarding`` reads."""
    steps = []
    for step in template.steps:
        item: dict[str, Any] = {"key": step.key, "title": step.title, "kind": step.kind, "due_day": step.due_day}
        if step.kind in ("course", "exam"):
            item[step.kind] = step.course_key
        if step.description:
            item["description"] = step.description
        if step.requires_signature:
            item["requires_signature"] = True
        steps.append(item)
    data = {"key": template.key, "title": template.title, "description": template.description, "steps": steps}
    path.write_text(dump_yaml(data), encoding="utf-8")
