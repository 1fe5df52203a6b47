"""Demo calls: a few real recordings through Whisper, plus eight weeks of imported transcripts for stats.

Runs after ``app.quality.demo`` (which publishes ``cold_call``). Imported calls come from the transcripts in
``tests/data/calls`` as calls without a recording (the way a CRM that transcribes itself sends them; the
transcript says ``source: imported transcript``, the call page shows no player). Each manager gets a quality
profile (level and weekly progress) that picks transcripts, so trends look like a real team. Some calls are
reviewed by the manager's supervisor, who overrides the items where the hand-labelled verdicts in
``gold.json`` disagree with the engine; a few fragments go to the library. Idempotent: keyed by external ids.
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from flask import current_app

from app.accounts.models import User, utcnow
from app.core.demo import DemoContext
from app.extensions import db

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
INTEGRATION = "demo"
SOURCE = "imported transcript"
CHECKLIST = "cold_call"
# key -> (level 0-1 the transcripts are picked around in the oldest week, progress per week)
PROFILES = {
    "anna": (0.9, 0.005),
    "dmitry": (0.55, 0.04),
    "elena": (0.78, 0.0),
    "pavel": (0.45, 0.03),
    "kirill": (0.3, 0.12),
    "sofia": (0.4, 0.1),
}
AUDIO = (
    ("call01_discovery", "anna"),
    ("call02_objection", "dmitry"),
    ("call03_gatekeeper", "elena"),
    ("call04_closing", "pavel"),
)
CLIENTS = ("Северный Ветер", "ТехноМаркет", "Дом Текстиля", "АльфаСнаб", "Городские Аптеки", "Книжный Мир", "ЭкоФерма")
HINTS = {
    "gk_intro": "Представьтесь секретарю: имя и компания в первой фразе.",
    "gk_asks_for_dm": "Спросите, кто отвечает за доставку, и попросите соединить.",
    "gk_no_pitch": "Не презентуйте секретарю: предложение — для ЛПР.",
    "gk_outcome": "Добейтесь имени ЛПР или прямого контакта.",
    "open_intro": "ЛПР тоже нужно представиться: имя и компания.",
    "open_reason": "Назовите цель звонка и спросите, удобно ли говорить.",
    "spin_problem": "Здесь просился проблемный вопрос: бывают ли задержки, потери?",
    "spin_implication": "Спросите, к чему приводят задержки, — это усиливает потребность.",
    "spin_need_payoff": "Дайте клиенту самому сказать, чем полезно решение.",
    "value_benefit": "Переведите свойство в выгоду: «…, а значит, вы…».",
    "obj_acknowledge": "Сначала присоединитесь к возражению, потом отвечайте.",
    "close_next_step": "Закройте на конкретный шаг: дата и время встречи.",
    "monologue": "Слишком длинный монолог — разбейте его вопросом.",
    "value_competitor_respect": "О конкурентах — только уважительно: сравнивайте по фактам, а не по оценкам.",
}
EXAMPLES = {  # item id -> (kind, title, seconds before / after the evidence)
    "gk_outcome": ("good", "Секретарь соединяет с ЛПР", 20, 8),
    "spin_implication": ("good", "Извлекающий вопрос: к чему это приводит", 4, 25),
    "obj_acknowledge": ("good", "Присоединение к возражению", 6, 25),
    "close_next_step": ("good", "Закрытие на встречу с датой и временем", 10, 12),
    "gk_no_pitch": ("bad", "Презентация секретарю вместо выхода на ЛПР", 3, 25),
    "value_competitor_respect": ("bad", "Критика конкурента", 3, 20),
}


@dataclass
class Sample:
    """A transcript from the test data with its hand-labelled verdicts."""

    name: str
    transcript: dict[str, Any]
    gold: dict[str, str]

    @property
    def quality(self) -> float:
        """Share of applicable items a person marked as passed."""
        verdicts = [v for v in self.gold.values() if v != "na"]
        return sum(v == "pass" for v in verdicts) / len(verdicts) if verdicts else 0.0


def load_samples() -> list[Sample]:
    """Transcripts with gold labels, best first."""
    gold = json.loads((DATA / "calls" / "gold.json").read_text(encoding="utf-8"))
    samples = [
        Sample(p.name, json.loads(p.read_text(encoding="utf-8")), gold.get(p.name, {}))
        for p in sorted((DATA / "calls").glob("call*.json"))
    ]
    return sorted(samples, key=lambda s: -s.quality)


def client_company(sample: Sample, rng: random.Random) -> str:
    """The client's company as it answers the phone, else a made-up one."""
    import re

    for seg in sample.transcript["segments"][:4]:
        match = re.search(r"«([^»]+)»", seg.get("text", ""))
        if seg.get("speaker") == "client" and match and "Стрела" not in match.group(1):
            return match.group(1)
    return rng.choice(CLIENTS)


class Seeder:
    """One run of the calls demo."""

    def __init__(self, ctx: DemoContext) -> None:
        from app.quality.checklists import get_checklist, parsed_checklist

        self.ctx = ctx
        self.checklist = get_checklist(CHECKLIST)
        self.version = self.checklist.published if self.checklist else None
        self.parsed = parsed_checklist(self.version) if self.version else None
        self.scores: dict[str, dict[str, Any]] = {}
        self.counts = {"imported": 0, "recorded": 0, "failed": 0, "reviewed": 0, "library": 0}

    def existing(self, external_id: str) -> bool:
        from app.calls.intake import find_by_external_id

        return find_by_external_id(INTEGRATION, external_id) is not None

    def auto(self, sample: Sample) -> dict[str, Any]:
        """The engine's scorecard of a transcript (scored once per run: the same text scores the same)."""
        if sample.name not in self.scores:
            from app.calls.processing import jsonable
            from app.calls.transcriber import as_dict
            from scoring import engine
            from scoring.transcript import load_transcript

            self.scores[sample.name] = jsonable(as_dict(engine.score(load_transcript(sample.transcript), self.parsed)))
        return self.scores[sample.name]

    def intake(self, manager: User, day: date, at: time, external_id: str, filename: str, data: bytes, **kw: Any):  # type: ignore[no-untyped-def]
        from app.calls import intake

        call_data = intake.CallData(
            manager_id=manager.id,
            checklist_id=self.checklist.id,
            call_date=day,
            call_time=at,
            integration=INTEGRATION,
            external_id=external_id,
            **kw,
        )
        with intake.intake_batch() as batch:
            call = intake.intake_calls(batch, [intake.Upload(filename, io.BytesIO(data))], call_data, None)[0]
            db.session.commit()
        return call

    def import_call(self, manager: User, sample: Sample, day: date, external_id: str, rng: random.Random):  # type: ignore[no-untyped-def]
        """A call without a recording from the transcript, scored at once: a scored call, as if processed."""
        from app.calls import intake, transcript_intake
        from app.calls.models import CallStatus
        from app.calls.scorecards import create_scorecard, set_current_scorecard
        from app.core.events import call_scored

        at = time(rng.randint(9, 17), rng.choice((0, 10, 20, 30, 40, 50)))
        data = intake.CallData(
            manager_id=manager.id,
            checklist_id=self.checklist.id,
            call_date=day,
            call_time=at,
            client_company=client_company(sample, rng),
            integration=INTEGRATION,
            external_id=external_id,
            transcript={**sample.transcript, "source": SOURCE},
        )
        call = transcript_intake.intake_transcript_call(data, None)
        card = create_scorecard(
            call, self.version, self.auto(sample), self.parsed, asr_model=SOURCE, engine_version="demo"
        )
        set_current_scorecard(call, card)
        call.status, call.stage, call.progress, call.scored_at = CallStatus.SCORED, "Готово", 100, utcnow()
        db.session.flush()
        call_scored.send(
            current_app._get_current_object(), call_id=call.id, manager_id=call.manager_id, scorecard_id=card.id
        )
        db.session.commit()
        self.counts["imported"] += 1
        return call

    def review(self, call: Any, sample: Sample, supervisor: User) -> None:
        """The supervisor overrides where the labelled verdicts disagree, comments a moment, finalizes."""
        from app.calls import review

        items = {i.item_id: i for i in call.current_scorecard.items}
        changed = 0
        for item_id, verdict in sample.gold.items():
            item = items.get(item_id)
            if item is None or item.auto_result.value == verdict or changed == 2:
                continue
            reason = {
                "pass": "При прослушке: пункт выполнен, автооценка не узнала формулировку.",
                "fail": "При прослушке: по сути пункт не выполнен.",
            }.get(verdict, "В этом звонке пункт неприменим.")
            review.override_item(call, item.id, verdict, reason, supervisor)
            changed += 1
        failed = [i for i in call.current_scorecard.items if i.result.value == "fail" and i.item_id in HINTS]
        if failed:
            moment = (failed[0].evidence or [{}])[0].get("start")
            review.add_comment(call, supervisor, HINTS[failed[0].item_id], moment)
        score = call.final_score or 0
        summary = (
            "Хороший звонок: держите этот уровень."
            if score >= 80
            else "Неплохо, но есть что подтянуть — см. комментарии."
            if score >= 60
            else "Разберём на планёрке: см. комментарии к пунктам."
        )
        review.finalize_review(call, supervisor, summary)
        db.session.commit()
        self.counts["reviewed"] += 1

    def weeks(self) -> int:
        return int(current_app.config.get("DEMO_CALLS_WEEKS", 8))

    def seed_imported(self) -> list[tuple[Any, Sample]]:
        """Two calls a week per manager since hire (or for the whole period), picked by the manager's profile."""
        samples = load_samples()
        weeks, per_week = self.weeks(), int(current_app.config.get("DEMO_CALLS_PER_WEEK", 2))
        monday = self.ctx.today - timedelta(days=self.ctx.today.weekday())
        created = []
        for key, (level, progress) in PROFILES.items():
            manager = self.ctx.users.get(key)
            if manager is None:
                continue
            rng = random.Random(f"salesdojo-demo-{key}")
            recent: list[str] = []
            first = monday - timedelta(weeks=weeks - 1)
            if manager.hire_date and manager.hire_date > first:  # new hires start low and grow from their start
                first = manager.hire_date - timedelta(days=manager.hire_date.weekday())
            for week in range(weeks):
                start = monday - timedelta(weeks=weeks - 1 - week)
                experience = max(0, (start - first).days // 7)
                for n in range(per_week):
                    day = min(start + timedelta(days=rng.randint(0, 4)), self.ctx.today)
                    target = min(1.0, level + progress * experience + rng.uniform(-0.12, 0.12))
                    pool = [s for s in samples if s.name not in recent] or samples
                    sample = min(pool, key=lambda s: abs(s.quality - target))
                    recent = (recent + [sample.name])[-4:]
                    external_id = f"demo-{key}-w{week}-{n}"
                    if (manager.hire_date and day < manager.hire_date) or self.existing(external_id):
                        continue
                    call = self.import_call(manager, sample, day, external_id, rng)
                    created.append((call, sample))
                    if day <= self.ctx.today - timedelta(days=5) and rng.random() < 0.35:
                        self.review(call, sample, manager.team.supervisor)
        return created

    def mark_examples(self, created: list[tuple[Any, Sample]]) -> None:
        """Put one fragment per example kind into the library, from the calls that show it best."""
        from app.calls import library

        for item_id, (kind, title, before, after) in EXAMPLES.items():
            wanted = "pass" if kind == "good" else "fail"
            for call, _sample in created:
                item = next((i for i in call.current_scorecard.items if i.item_id == item_id), None)
                if item is None or item.result.value != wanted or not item.evidence:
                    continue
                start = max(0.0, float(item.evidence[0]["start"]) - before)
                end = min(call.duration or start + after, float(item.evidence[0].get("end", start)) + after)
                data = library.FragmentData(
                    kind, title, f"{start:.1f}", f"{end:.1f}", item.skill or "", HINTS.get(item_id, "")
                )
                library.mark(call, call.manager.team.supervisor, data)
                db.session.commit()
                self.counts["library"] += 1
                break

    def seed_recorded(self) -> None:
        """The generated stereo recordings, through the real pipeline (Whisper in this process)."""
        from app.calls.models import ManagerChannel
        from app.calls.processing import process

        for name, key in AUDIO:
            path = DATA / "audio" / f"{name}.stereo.flac"
            manager = self.ctx.users.get(key)
            external_id = f"demo-audio-{name}"
            if manager is None or not path.is_file() or self.existing(external_id):
                continue
            call = self.intake(
                manager,
                self.ctx.today,
                time(11, 30),
                external_id,
                path.name,
                path.read_bytes(),
                manager_channel=ManagerChannel.LEFT,
                client_company=None,
            )
            status = process(call.id)
            self.counts["recorded" if status == "scored" else "failed"] += 1


def seed(ctx: DemoContext) -> None:
    """Add the demo calls (idempotent) and print one line about what was added."""
    seeder = Seeder(ctx)
    if seeder.version is None:
        ctx.echo("Calls: skipped — the cold_call checklist is not published (run the quality demo first).")
        return
    if current_app.config.get("DEMO_CALLS_AUDIO", not current_app.testing):
        seeder.seed_recorded()
    created = seeder.seed_imported()
    if created:
        seeder.mark_examples(created)
    c = seeder.counts
    if not any(c.values()):
        ctx.echo("Calls: demo calls were already in place.")
        return
    ctx.created_any = True
    failed = f", {c['failed']} failed" if c["failed"] else ""
    ctx.echo(
        f"Calls: {c['recorded']} recorded (Whisper){failed}, {c['imported']} imported transcripts over "
        f"{seeder.weeks()} weeks, {c['reviewed']} reviewed, {c['library']} library examples."
    )
