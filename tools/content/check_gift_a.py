"""Check the content of the product, spin and value courses: GIFT banks, lessons and course.yaml.

Usage: python tools/content/check_gift_a.py [COURSE_DIR ...]   (default: courses/product, spin, value)
Prints one line per problem as ``path:line: message`` and a summary per course; exits 1 on any error.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SKILLS = {
    "gatekeeper", "opening", "needs_discovery", "value_presentation", "positioning",
    "objection_handling", "closing", "negotiation", "product_knowledge",
}  # fmt: skip
QUESTION_TYPES = (
    "single_choice", "multiple_choice", "true_false", "short_answer",
    "numerical", "matching", "essay", "missing_word",
)  # fmt: skip
ESCAPABLE = set("~=#{}:\\n")
SPECIAL_IN_TEXT = set("~=#{}:")
FORMATS = ("[markdown]", "[html]", "[plain]", "[moodle]")
# Moodle accepts only these answer weights (and their negatives) on import.
VALID_WEIGHTS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0)  # fmt: skip
NUMBER = r"-?\d+(?:\.\d+)?"
MIN_QUESTIONS = 25
LESSON_WORDS = (600, 1500)
DEFAULT_COURSES = ("courses/product", "courses/spin", "courses/value")


@dataclass
class Question:
    """One parsed GIFT question with what the checks need."""

    line: int
    name: str
    qtype: str
    ids: list[str]
    tags: list[str]
    fmt: str
    answers_with_feedback: int = 0
    answers: int = 0
    general_feedback: bool = False
    category: str = ""


@dataclass
class Report:
    """Problems and statistics collected while checking one course."""

    errors: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    category: str = ""

    def error(self, path: Path, line: int, message: str) -> None:
        """Record one problem at a file line."""
        self.errors.append(f"{path}:{line}: {message}")


def unescaped_positions(text: str, token: str) -> list[int]:
    """Return the start offsets of ``token`` in ``text`` that are not preceded by a backslash escape."""
    found, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(token, i):
            found.append(i)
            i += len(token)
            continue
        i += 1
    return found


def split_unescaped(text: str, token: str) -> list[str]:
    """Split ``text`` on unescaped occurrences of ``token``."""
    parts, start = [], 0
    for pos in unescaped_positions(text, token):
        parts.append(text[start:pos])
        start = pos + len(token)
    parts.append(text[start:])
    return parts


def check_plain_text(text: str, where: str) -> list[str]:
    """Return problems with escapes in a piece of question text outside the answer block."""
    problems, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if nxt not in ESCAPABLE:
                problems.append(f"unknown escape '\\{nxt}' in {where}")
            i += 2
            continue
        if ch in SPECIAL_IN_TEXT:
            problems.append(f"unescaped '{ch}' in {where}: ...{text[max(0, i - 20) : i + 20]!r}...")
        i += 1
    return problems


def split_answers(body: str) -> list[tuple[str, str]]:
    """Split an answer block into (marker, text) pairs on unescaped ``=`` and ``~`` markers."""
    marks = sorted(unescaped_positions(body, "=") + unescaped_positions(body, "~"))
    answers = []
    for n, pos in enumerate(marks):
        end = marks[n + 1] if n + 1 < len(marks) else len(body)
        answers.append((body[pos], body[pos + 1 : end].strip()))
    return answers


def weight_of(text: str) -> tuple[float | None, str]:
    """Strip a leading ``%N%`` weight from an answer and return (weight or None, rest)."""
    match = re.match(rf"%({NUMBER})%", text)
    if not match:
        return None, text
    return float(match.group(1)), text[match.end() :]


def is_valid_weight(weight: float) -> bool:
    """Tell whether Moodle accepts this answer weight on import."""
    return any(abs(abs(weight) - w) < 0.01 for w in VALID_WEIGHTS)


def classify_answers(body: str, trailing: str) -> tuple[str, list[str], int, int]:
    """Classify an answer block; return (type, problems, answers, answers with feedback)."""
    stripped = body.strip()
    if not stripped:
        return "essay", [], 0, 0
    if stripped.startswith("#"):
        return "numerical", check_numerical(stripped[1:].strip()), 1, 0
    head = split_unescaped(stripped, "#")[0].strip()
    if head.upper() in {"T", "F", "TRUE", "FALSE"}:
        return "true_false", [], 2, int("#" in stripped)
    answers = split_answers(stripped)
    if not answers or unescaped_positions(stripped, "=") + unescaped_positions(stripped, "~") == []:
        return "unknown", ["answer block has no '=' or '~' answers"], 0, 0
    if split_unescaped(stripped, "=")[0].strip() and split_unescaped(stripped, "~")[0].strip():
        return "unknown", ["text before the first answer marker in the answer block"], 0, 0
    problems: list[str] = []
    feedback = sum(1 for _, text in answers if len(split_unescaped(text, "#")) > 1)
    if any(unescaped_positions(text, "->") for _, text in answers):
        pairs = [split_unescaped(text, "->") for _, text in answers]
        if any(mark != "=" for mark, _ in answers):
            problems.append("matching answers must all start with '='")
        if any(len(p) != 2 or not p[0].strip() or not p[1].strip() for p in pairs):
            problems.append("every matching answer needs 'left -> right'")
        if len(pairs) < 3:
            problems.append("matching needs at least 3 pairs")
        return "matching", problems, len(answers), 0
    weights = [weight_of(text)[0] for _, text in answers]
    if all(mark == "=" for mark, _ in answers):
        return "short_answer", problems, len(answers), feedback
    if any(w is not None for w in weights):
        for w in weights:
            if w is not None and not is_valid_weight(w):
                problems.append(f"weight {w}% is not one Moodle accepts")
        positive = sum(w for w in weights if w and w > 0)
        if abs(positive - 100) > 0.5:
            problems.append(f"positive weights add up to {positive:g}%, not 100%")
        if not any(w is not None and w < 0 for w in weights):
            problems.append("multiple choice should penalise a wrong option with a negative weight")
        return "multiple_choice", problems, len(answers), feedback
    right = sum(1 for mark, _ in answers if mark == "=")
    if right != 1:
        problems.append(f"single choice needs exactly one '=' answer, found {right}")
    if len(answers) < 3:
        problems.append("single choice needs at least 3 options")
    qtype = "missing_word" if trailing.strip() else "single_choice"
    return qtype, problems, len(answers), feedback


def check_answer_texts(body: str) -> list[str]:
    """Return escape problems inside answers and per-answer feedback of a non-numerical block."""
    problems = []
    pieces = [body] if not split_answers(body) else [weight_of(text)[1] for _, text in split_answers(body)]
    for piece in pieces:
        for part in split_unescaped(piece, "#"):
            problems += check_plain_text(part, "answer or feedback")
    return problems


def check_numerical(spec: str) -> list[str]:
    """Return problems with a numerical answer spec (``42``, ``42:2``, ``40..45`` or ``=...`` list)."""
    items = [a for _, a in split_answers(spec)] if spec.startswith("=") else [spec]
    problems = []
    for item in items:
        value = split_unescaped(weight_of(item.strip())[1], "#")[0].strip()
        if not re.fullmatch(rf"{NUMBER}(?::{NUMBER})?|{NUMBER}\.\.{NUMBER}", value):
            problems.append(f"bad numerical answer {value!r} (use 42, 42:2 or 40..45, decimal point '.')")
    return problems


def parse_question(text: str, comments: list[str], line: int, path: Path, report: Report) -> None:
    """Parse one question block and record problems and the question."""
    last_comment = comments[-1] if comments else ""
    ids = re.findall(r"\[id:([^\]\s]+)\]", last_comment)
    tags = re.findall(r"\[tag:([^\]\s]+)\]", last_comment)
    if len(ids) != 1:
        report.error(path, line, "the comment line right above the question needs exactly one [id:...]")
    if not tags:
        report.error(path, line, "the comment line right above the question needs [tag:...]")
    for tag in tags:
        if tag not in SKILLS:
            report.error(path, line, f"tag {tag!r} is not a skill id of the shared vocabulary")
    if not text.startswith("::"):
        report.error(path, line, "question has no ::Name::")
        return
    name_end = unescaped_positions(text[2:], "::")
    if not name_end:
        report.error(path, line, "question name is not closed with '::'")
        return
    name, rest = text[2 : 2 + name_end[0]].strip(), text[4 + name_end[0] :].lstrip()
    fmt = next((f for f in FORMATS if rest.startswith(f)), "")
    rest = rest[len(fmt) :]
    opens, closes = unescaped_positions(rest, "{"), unescaped_positions(rest, "}")
    if len(opens) != 1 or len(closes) != 1 or closes[0] < opens[0]:
        report.error(
            path,
            line,
            f"{name!r}: need exactly one answer block {{...}}, found "
            f"{len(opens)} '{{' and {len(closes)} '}}' unescaped",
        )
        return
    before, body, after = rest[: opens[0]], rest[opens[0] + 1 : closes[0]], rest[closes[0] + 1 :]
    problems = check_plain_text(name, "name") + check_plain_text(before + " " + after, "question text")
    if not before.strip():
        problems.append("question text is empty")
    parts = split_unescaped(body, "####")
    if len(parts) > 2:
        problems.append("more than one '####' general feedback")
    qtype, answer_problems, answers, with_feedback = classify_answers(parts[0], after)
    if qtype != "numerical":
        answer_problems += check_answer_texts(parts[0])
    if len(parts) > 1:
        answer_problems += check_plain_text(parts[1], "general feedback")
    for problem in problems + answer_problems:
        report.error(path, line, f"{name!r}: {problem}")
    report.questions.append(
        Question(line, name, qtype, ids, tags, fmt, with_feedback, answers, len(parts) > 1, report.category)
    )


def check_gift(path: Path, slug: str, report: Report) -> None:
    """Check one GIFT file of the course ``slug``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        report.error(path, 1, "file not found")
        return
    except UnicodeDecodeError as exc:
        report.error(path, 1, f"not UTF-8: {exc}")
        return
    lines = text.splitlines()
    first = next((n for n, raw in enumerate(lines) if raw.strip()), None)
    if first is None or lines[first].strip() != f"$CATEGORY: {slug}":
        report.error(path, (first or 0) + 1, f"the file must start with '$CATEGORY: {slug}'")
    block: list[tuple[int, str]] = []
    for number, raw in enumerate(lines + [""], start=1):
        if raw.strip():
            block.append((number, raw.rstrip()))
            continue
        if block:
            check_block(block, path, slug, report)
        block = []


def check_block(block: list[tuple[int, str]], path: Path, slug: str, report: Report) -> None:
    """Check one blank-line separated block: a category switch, comments only, or one question."""
    comments = [raw.strip() for _, raw in block if raw.strip().startswith("//")]
    content = [(n, raw) for n, raw in block if not raw.strip().startswith("//")]
    if not content:
        return
    first_line, first_text = content[0]
    if first_text.startswith("$CATEGORY:"):
        category = first_text.split(":", 1)[1].strip()
        if category != slug and not category.startswith(slug + "/"):
            report.error(path, first_line, f"category {category!r} is outside '{slug}'")
        if len(content) > 1:
            report.error(path, content[1][0], "a $CATEGORY line must stand alone in its block")
        report.category = category
        return
    if any(n > first_line for n, raw in block if raw.strip().startswith("//")):
        report.error(path, first_line, "comment lines inside a question (put them above it)")
    parse_question("\n".join(raw for _, raw in content), comments, first_line, path, report)


def count_words(markdown: str) -> int:
    """Count words in Markdown, ignoring table rules and punctuation-only tokens."""
    return sum(1 for token in markdown.split() if re.search(r"\w", token))


def check_lessons(course: Path, report: Report) -> None:
    """Check lesson files: numbering, a title line, length, no raw HTML, a final self-check."""
    lessons = sorted((course / "lessons").glob("*.md"))
    if len(lessons) < 5:
        report.error(course / "lessons", 1, f"only {len(lessons)} lessons, need at least 5")
    for n, lesson in enumerate(lessons, start=1):
        if not re.fullmatch(rf"{n:02d}-[a-z0-9-]+\.md", lesson.name):
            report.error(lesson, 1, f"lesson file should be named {n:02d}-<slug>.md")
        text = lesson.read_text(encoding="utf-8")
        if not text.startswith("# "):
            report.error(lesson, 1, "the first line must be '# Title'")
        words = count_words(text)
        if not LESSON_WORDS[0] <= words <= LESSON_WORDS[1]:
            report.error(lesson, 1, f"{words} words, expected {LESSON_WORDS[0]}-{LESSON_WORDS[1]}")
        for number, raw in enumerate(text.splitlines(), start=1):
            if re.search(r"</?[a-zA-Z][^>]*>", raw) or "![" in raw:
                report.error(lesson, number, "raw HTML or an image")
        headings = re.findall(r"^## (.+)$", text, flags=re.M)
        if not headings or not re.search(r"Проверьте себя|Упражнени|Практикум|Задани", headings[-1]):
            report.error(lesson, 1, "the last section must be «Проверьте себя» or an exercise")


def check_course_yaml(course: Path, report: Report) -> None:
    """Check course.yaml keys and that exam picks refer to existing categories or ids."""
    import yaml  # local import: the GIFT checks run without PyYAML

    path, gift = course / "course.yaml", course / "questions.gift"
    if not path.is_file() or not gift.is_file():
        report.error(path, 1, "course.yaml or questions.gift is missing")
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("slug", "title", "description", "order", "skills", "exam"):
        if key not in data:
            report.error(path, 1, f"missing key {key!r}")
    if data.get("slug") != course.name:
        report.error(path, 1, "slug must equal the folder name")
    for skill in data.get("skills", []):
        if skill not in SKILLS:
            report.error(path, 1, f"unknown skill {skill!r}")
    auto_graded = Counter(q.category for q in report.questions if q.qtype != "essay")
    known_ids = {i for q in report.questions for i in q.ids}
    for pick in data.get("exam", {}).get("questions", []):
        if "random" in pick and "category" in pick and pick["random"] > auto_graded[pick["category"]]:
            report.error(
                path,
                1,
                f"exam picks {pick['random']} from {pick['category']!r}, which has "
                f"{auto_graded[pick['category']]} auto-graded questions",
            )
        if "id" in pick and pick["id"] not in known_ids:
            report.error(path, 1, f"exam names unknown question id {pick['id']!r}")


def check_course(course: Path) -> Report:
    """Run every check on one course folder and return the report."""
    report = Report()
    slug = course.name
    check_gift(course / "questions.gift", slug, report)
    gift = course / "questions.gift"
    ids = Counter(i for q in report.questions for i in q.ids)
    for q in report.questions:
        for i in q.ids:
            if ids[i] > 1:
                report.error(gift, q.line, f"duplicate id {i!r}")
            if not i.startswith(f"{slug}-"):
                report.error(gift, q.line, f"id {i!r} should start with '{slug}-'")
        if q.qtype == "unknown":
            report.error(gift, q.line, f"{q.name!r}: cannot tell the question type")
    types = Counter(q.qtype for q in report.questions)
    if len(report.questions) < MIN_QUESTIONS:
        report.error(gift, 1, f"{len(report.questions)} questions, need at least {MIN_QUESTIONS}")
    for qtype in QUESTION_TYPES:
        if not types[qtype]:
            report.error(gift, 1, f"no {qtype} question in the bank")
    if not any(q.general_feedback for q in report.questions):
        report.error(gift, 1, "no question has general feedback (####)")
    if not any(q.fmt == "[markdown]" for q in report.questions):
        report.error(gift, 1, "no question uses the [markdown] format")
    check_lessons(course, report)
    check_course_yaml(course, report)
    return report


def summary(course: Path, report: Report) -> str:
    """Return a one-paragraph summary of a course bank."""
    types = Counter(q.qtype for q in report.questions)
    choice = [q for q in report.questions if q.answers > 1 and q.qtype != "matching"]
    with_feedback = sum(1 for q in choice if q.answers_with_feedback)
    tags = Counter(t for q in report.questions for t in q.tags)
    return (
        f"{course}: {len(report.questions)} questions; "
        + ", ".join(f"{t}={types[t]}" for t in QUESTION_TYPES)
        + f"; per-answer feedback on {with_feedback}/{len(choice)} choice questions; "
        + f"general feedback on {sum(q.general_feedback for q in report.questions)}; "
        + f"markdown {sum(q.fmt == '[markdown]' for q in report.questions)}; tags {dict(tags)}"
    )


def main(argv: list[str]) -> int:
    """Check the named course folders (or the default three) and return the exit status."""
    courses = [Path(a) for a in argv] or [Path(c) for c in DEFAULT_COURSES]
    failed = False
    for course in courses:
        report = check_course(course)
        for problem in report.errors:
            print(problem)
        print(summary(course, report))
        failed = failed or bool(report.errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
