"""Check the shipped course folders: GIFT well-formedness, lesson shape, course.yaml and the onboarding template."""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SKILLS = {
    "gatekeeper",
    "opening",
    "needs_discovery",
    "value_presentation",
    "positioning",
    "objection_handling",
    "closing",
    "negotiation",
    "product_knowledge",
}
QUESTION_TYPES = (
    "single",
    "multi",
    "truefalse",
    "short",
    "numerical",
    "matching",
    "essay",
    "missing_word",
)
# Moodle accepts only these grade fractions (percent); negative values mirror the positive ones.
MOODLE_WEIGHTS = {
    100,
    90,
    83.33333,
    80,
    75,
    70,
    66.66667,
    60,
    50,
    40,
    33.33333,
    30,
    25,
    20,
    16.66667,
    14.28571,
    12.5,
    11.11111,
    10,
    5,
    0,
}
SPECIAL = "~=#{}:"
FORMATS = ("[markdown]", "[html]", "[plain]", "[moodle]")
STEP_KINDS = {"manual", "course", "exam", "submission"}
DEFAULT_COURSES = tuple(sorted(p.parent.name for p in Path("courses").glob("*/course.yaml")))


@dataclass
class Question:
    """One parsed GIFT question with what the checks need."""

    line: int
    name: str
    qtype: str
    ids: list[str]
    tags: list[str]
    category: str
    answers: int = 0
    answer_feedback: int = 0
    general_feedback: bool = False
    text_format: str = ""


@dataclass
class Report:
    """Errors and parsed questions of one GIFT file."""

    path: Path
    errors: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        """Record an error pointing at a line of the file."""
        self.errors.append(f"{self.path}:{line}: {message}")


def unescaped_positions(text: str, chars: str) -> list[int]:
    """Return the indexes of characters from `chars` that are not preceded by a backslash escape."""
    found, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in chars:
            found.append(i)
        i += 1
    return found


def split_blocks(text: str) -> list[tuple[int, list[str]]]:
    """Split a GIFT file into blank-line separated blocks, each with its first line number."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            if not current:
                start = number
            current.append(raw.rstrip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def split_general_feedback(body: str) -> tuple[str, str | None]:
    """Split off the general feedback after the last unescaped `####`, as Moodle does."""
    marks = [m for m in unescaped_positions(body, "#") if body[m : m + 4] == "####"]
    if not marks:
        return body, None
    return body[: marks[-1]], body[marks[-1] + 4 :]


def split_answers(body: str) -> tuple[list[str], str | None]:
    """Split an answer block into answers (each starting with = or ~) and the general feedback."""
    body, general = split_general_feedback(body)
    cuts = unescaped_positions(body, "=~")
    answers = [body[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(body)], strict=True)]
    return [a for a in answers if a], general


def parse_weight(answer: str) -> tuple[float | None, str]:
    """Return the `%N%` weight of an answer (None if absent) and the answer without it."""
    match = re.match(r"^[=~]\s*%(-?[\d.]+)%", answer)
    if not match:
        return None, answer[1:].strip()
    return float(match.group(1)), answer[match.end() :].strip()


def classify(body: str, trailing: str, report: Report, line: int) -> tuple[str, int, int]:
    """Return (type, number of answers, answers with feedback) for one answer block, recording errors."""
    head = split_general_feedback(body)[0].strip()
    if not head:
        return "essay", 0, 0
    if re.fullmatch(r"(T|F|TRUE|FALSE)(\s*#.*)?", head, flags=re.DOTALL):
        return "truefalse", 1, int("#" in head)
    if head.startswith("#"):
        numeric = head[1:].strip()
        parts = [p.strip() for p in re.split(r"(?<!\\)=", numeric) if p.strip()] or [numeric]
        for part in parts:
            value = re.sub(r"^%-?[\d.]+%", "", part.split("#")[0]).strip()
            if not re.fullmatch(r"-?\d+(\.\d+)?(:\d+(\.\d+)?|\.\.-?\d+(\.\d+)?)?", value):
                report.error(line, f"numerical answer '{value}' is not N, N:T or A..B")
        return "numerical", len(parts), sum("#" in p for p in parts)
    answers, _general = split_answers(body)
    feedback = sum(len(unescaped_positions(a, "#")) > 0 for a in answers)
    if not answers:
        report.error(line, "answer block has no answers")
        return "invalid", 0, 0
    if any("->" in a for a in answers):
        if not all(a.startswith("=") and "->" in a for a in answers):
            report.error(line, "matching question: every answer must be '=left -> right'")
        if len(answers) < 3:
            report.error(line, "matching question needs at least 3 pairs")
        return "matching", len(answers), feedback
    if all(a.startswith("=") for a in answers):
        if trailing:
            report.error(line, "missing-word question needs ~ distractors")
        return "short", len(answers), feedback
    weights = [parse_weight(a)[0] for a in answers]
    if any(w is not None for w in weights):
        for w in weights:
            if w is not None and abs(w) not in MOODLE_WEIGHTS:
                report.error(line, f"weight {w}% is not one Moodle accepts")
        positive = sum(w for w in weights if w and w > 0)
        if abs(positive - 100) > 0.1:
            report.error(line, f"positive weights sum to {positive:g}%, not 100%")
        qtype = "multi"
    else:
        right = sum(a.startswith("=") for a in answers)
        if right != 1:
            report.error(line, f"single-choice question has {right} right answers, expected 1")
        qtype = "missing_word" if trailing else "single"
    if len(answers) < 2:
        report.error(line, "choice question needs at least 2 options")
    return qtype, len(answers), feedback


def parse_question(start: int, lines: list[str], category: str, report: Report) -> Question | None:
    """Parse one question block (comments, name, text, one answer block) and check its shape."""
    comments = [ln for ln in lines if ln.lstrip().startswith("//")]
    body_lines = [ln for ln in lines if not ln.lstrip().startswith("//")]
    if lines and lines[-1].lstrip().startswith("//") and body_lines:
        report.error(start, "comment line below the question; put [id:] and [tag:] right above it")
    comment = " ".join(comments)
    ids = re.findall(r"\[id:([^\]]+)\]", comment)
    tags = re.findall(r"\[tag:([^\]]+)\]", comment)
    text = "\n".join(body_lines)
    qline = start + len(lines) - len(body_lines)
    if not text.startswith("::"):
        report.error(qline, "question has no ::Name::")
        return None
    end = text.find("::", 2)
    while end != -1 and text[end - 1] == "\\":
        end = text.find("::", end + 2)
    if end == -1:
        report.error(qline, "question name is not closed with ::")
        return None
    name, rest = text[2:end].strip(), text[end + 2 :]
    text_format = next((f for f in FORMATS if rest.lstrip().startswith(f)), "")
    if text_format:
        rest = rest.lstrip()[len(text_format) :]
    opens = unescaped_positions(rest, "{")
    closes = unescaped_positions(rest, "}")
    if len(opens) != 1 or len(closes) != 1 or closes[0] < opens[0]:
        report.error(
            qline,
            f"'{name}': expected exactly one {{...}} answer block, found {len(opens)} '{{' and {len(closes)} '}}'",
        )
        return None
    before, body, after = rest[: opens[0]], rest[opens[0] + 1 : closes[0]], rest[closes[0] + 1 :]
    for part in (before, after):
        for pos in unescaped_positions(part, SPECIAL):
            report.error(qline, f"'{name}': unescaped '{part[pos]}' in question text")
    if not before.strip():
        report.error(qline, f"'{name}': question text is empty")
    qtype, count, feedback = classify(body, after.strip(), report, qline)
    if len(ids) != 1:
        report.error(qline, f"'{name}': expected one [id:...] in the comment above, found {len(ids)}")
    if not tags:
        report.error(qline, f"'{name}': no [tag:...] in the comment above")
    for tag in tags:
        if tag not in SKILLS:
            report.error(qline, f"'{name}': tag '{tag}' is not a skill id of the shared vocabulary")
    general = any(body[m : m + 4] == "####" for m in unescaped_positions(body, "#"))
    return Question(qline, name, qtype, ids, tags, category, count, feedback, general, text_format)


def check_gift(path: Path, slug: str) -> Report:
    """Parse a GIFT file and return its report (errors and questions)."""
    report = Report(path)
    text = path.read_text(encoding="utf-8")
    category = ""
    for start, lines in split_blocks(text):
        cat_lines = [ln for ln in lines if ln.startswith("$CATEGORY:")]
        if cat_lines:
            category = cat_lines[-1].split(":", 1)[1].strip()
            if category != slug and not category.startswith(slug + "/"):
                report.error(start, f"category '{category}' is not '{slug}' or '{slug}/<topic>'")
            lines = [ln for ln in lines if not ln.startswith("$CATEGORY:")]
        if not [ln for ln in lines if not ln.lstrip().startswith("//")]:
            continue  # a block of comments only: Moodle skips it
        if not category:
            report.error(start, "question before the first $CATEGORY line")
        question = parse_question(start, lines, category, report)
        if question:
            report.questions.append(question)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if first.strip() != f"$CATEGORY: {slug}":
        report.error(1, f"file must start with '$CATEGORY: {slug}'")
    seen: dict[str, int] = {}
    for q in report.questions:
        for qid in q.ids:
            if qid in seen:
                report.error(q.line, f"id '{qid}' already used on line {seen[qid]}")
            seen[qid] = q.line
    return report


def check_lessons(folder: Path) -> list[str]:
    """Check lesson files: numbering, title line, length, no HTML or images, a closing self-check."""
    errors: list[str] = []
    lessons = sorted((folder / "lessons").glob("*.md"))
    for number, path in enumerate(lessons, start=1):
        text = path.read_text(encoding="utf-8")
        if not re.fullmatch(rf"{number:02d}-[a-z0-9-]+\.md", path.name):
            errors.append(f"{path}: name must be {number:02d}-<slug>.md")
        if not text.startswith("# "):
            errors.append(f"{path}:1: first line must be '# Title'")
        words = len(re.findall(r"[\w-]+", text))
        if not 600 <= words <= 1500:
            errors.append(f"{path}: {words} words, expected 600-1500")
        if re.search(r"<[a-zA-Z/!][^>]*>", text):
            errors.append(f"{path}: raw HTML is not allowed")
        if "![" in text:
            errors.append(f"{path}: images are not allowed")
        headings = re.findall(r"^#{2,3} (.+)$", text, flags=re.MULTILINE)
        if not headings or not re.search(r"Проверьте себя|Упражнени|Задани", headings[-1]):
            errors.append(f"{path}: last section must be «Проверьте себя» or an exercise")
    return errors


def check_course(folder: Path, verbose: bool = True) -> list[str]:
    """Check one course folder (course.yaml, lessons, questions.gift) and print a summary."""
    slug = folder.name
    errors = check_lessons(folder)
    report = check_gift(folder / "questions.gift", slug)
    errors += report.errors
    meta = yaml.safe_load((folder / "course.yaml").read_text(encoding="utf-8"))
    for key in ("slug", "title", "description", "order", "skills", "exam"):
        if key not in meta:
            errors.append(f"{folder}/course.yaml: missing '{key}'")
    if meta.get("slug") != slug:
        errors.append(f"{folder}/course.yaml: slug '{meta.get('slug')}' differs from the folder name")
    errors += [f"{folder}/course.yaml: unknown skill '{s}'" for s in meta.get("skills", []) if s not in SKILLS]
    for pick in meta.get("exam", {}).get("questions", []):
        pool = [
            q
            for q in report.questions
            if (
                "category" in pick and (q.category == pick["category"] or q.category.startswith(pick["category"] + "/"))
            )
            or ("tag" in pick and pick["tag"] in q.tags)
        ]
        if "random" in pick and pick["random"] > len(pool):
            errors.append(f"{folder}/course.yaml: random {pick['random']} but only {len(pool)} questions match")
    types = {t: sum(q.qtype == t for q in report.questions) for t in QUESTION_TYPES}
    missing = [t for t, n in types.items() if n == 0]
    if missing:
        errors.append(f"{report.path}: no questions of type {', '.join(missing)}")
    if len(report.questions) < 25:
        errors.append(f"{report.path}: {len(report.questions)} questions, expected at least 25")
    if verbose:
        choice = [q for q in report.questions if q.qtype in ("single", "multi", "missing_word")]
        with_fb = sum(q.answer_feedback > 0 for q in choice)
        print(
            f"{slug}: {len(list((folder / 'lessons').glob('*.md')))} lessons, "
            f"{len(report.questions)} questions; types "
            + ", ".join(f"{t}={n}" for t, n in types.items())
            + f"; choice questions with per-answer feedback {with_fb}/{len(choice)}; "
            f"general feedback {sum(q.general_feedback for q in report.questions)}; "
            f"markdown {sum(q.text_format == '[markdown]' for q in report.questions)}"
        )
    return errors


def check_onboarding(path: Path, courses_dir: Path) -> list[str]:
    """Check the onboarding template: unique keys, known kinds, existing courses, 12-18 steps."""
    errors: list[str] = []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    steps = data.get("steps", [])
    if not data.get("title"):
        errors.append(f"{path}: missing title")
    if not 12 <= len(steps) <= 18:
        errors.append(f"{path}: {len(steps)} steps, expected 12-18")
    keys = [s.get("key") for s in steps]
    errors += [f"{path}: duplicate key '{k}'" for k in set(keys) if keys.count(k) > 1]
    for step in steps:
        where = f"{path}: step '{step.get('key')}'"
        for key in ("key", "title", "description", "due_day", "kind"):
            if key not in step:
                errors.append(f"{where}: missing '{key}'")
        kind = step.get("kind")
        if kind not in STEP_KINDS:
            errors.append(f"{where}: unknown kind '{kind}'")
        if kind in ("course", "exam"):
            slug = step.get(kind)
            if not slug or not (courses_dir / slug / "course.yaml").is_file():
                errors.append(f"{where}: {kind} '{slug}' has no course folder")
        if not isinstance(step.get("due_day"), int) or step["due_day"] < 1:
            errors.append(f"{where}: due_day must be a positive integer")
    days = [s.get("due_day", 0) for s in steps]
    if days != sorted(days):
        errors.append(f"{path}: steps are not ordered by due_day")
    return errors


def main(argv: list[str] | None = None) -> int:
    """Run all checks; print errors and a summary; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("courses", nargs="*", type=Path, default=[Path("courses") / c for c in DEFAULT_COURSES])
    parser.add_argument("--onboarding", type=Path, default=Path("courses/onboarding.yaml"))
    args = parser.parse_args(argv)
    errors: list[str] = []
    for folder in args.courses:
        errors += check_course(folder)
    if args.onboarding.is_file():
        errors += check_onboarding(args.onboarding, args.onboarding.parent)
    for message in errors:
        print(message, file=sys.stderr)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
