"""Scoring context: everything known about one call while a checklist is evaluated (computed lazily)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from scoring.analysis import CallText
from scoring.classifiers import ClassifierError, UtteranceClassifier, get_classifier
from scoring.phrases import TokenView, find_any
from scoring.structure import CallStructure, cues, detect_structure
from scoring.transcript import Transcript

if TYPE_CHECKING:
    from scoring.detectors.base import Finding

# What each classifier task reads: manager questions (spin), manager statements (value), client segments.
TASK_UNITS = {
    "spin": "manager_questions",
    "value": "manager_statements",
    "objection": "client_segments",
    "gatekeeper": "client_segments",
    "competitor": "manager_statements",
}


MIN_STATEMENT_WORDS = 5
GATEKEEPER_WINDOW = 240.0
ANSWERED_SPIN_TYPES = frozenset({"situation", "problem", "implication"})
STRONG_PROB = 0.95
# An answer to a discovery question that also turns the offer down is an objection after all:
# "мы сами подбираем, справляемся, агентство нам не нужно".
REFUSAL = cues("""
нам ... не нужно | нам ... не нужен | нам ... не нужна | нам ... не нужны | нам ... не надо
не интересно | не интересует | не актуально | все устраивает | нас устраивает | менять не
не собираемся менять | не собираемся переходить | не планируем менять | не планируем переходить
вроде все работает | и так все работает | все и так работает | вроде все нормально | и так нормально
""")
DISCOVERY_PROB = 0.5
HINT_WORDS = 6
# Tasks that also read the "but …" part of an utterance, with the label that means "nothing here".
PIECEWISE_TASKS = {"objection": "none"}
CONTRAST_WORDS = frozenset({"но", "однако", "только", "хотя"})
PIECE_WORDS = 3
SHORT_OPENING_WORDS = 4


@dataclass(frozen=True, slots=True)
class Prediction:
    """A classifier verdict on one utterance (a unit or a whole segment)."""

    segment: int
    unit: int | None
    start: float
    end: float
    text: str
    label: str
    prob: float
    probs: Mapping[str, float]


# Words of greetings, thanks and goodbyes: a segment made only of them carries no objection or move.
COURTESY_WORDS = frozenset(
    """до свидание свидания всего доброго хорошего спасибо большое давайте да хорошо ага угу пока ок окей
    ладно понятно алло слушаю здравствуйте добрый день вечер утро вам и вас тоже взаимно благодарю удачи
    счастливо встречи связи завтра созвона тогда понедельника вторника среды четверга пятницы субботы
    так ну вот ясно понял поняла конечно точно верно именно мгм""".split()  # noqa: SIM905 - a word list reads better as text
)


def _courtesy_only(view: TokenView) -> bool:
    return bool(view.infos) and all(info.form in COURTESY_WORDS for info in view.infos)


class ScoringContext:
    """Lazily computed analysis of one call: text units, structure, predictions, metrics, item results."""

    def __init__(
        self,
        transcript: Transcript,
        classifiers: Mapping[str, UtteranceClassifier] | None = None,
        text: CallText | None = None,
    ) -> None:
        self.transcript = transcript
        self.text = text if text is not None else CallText(transcript)
        self._classifiers: dict[str, UtteranceClassifier] = dict(classifiers or {})
        self._predictions: dict[str, list[Prediction]] = {}
        self._spin_units: dict[int | None, Prediction] | None = None
        self._structure: CallStructure | None = None
        self._metrics: dict[str, Any] | None = None
        self.item_findings: dict[str, Finding] = {}
        self.item_results: dict[str, str] = {}
        self.warnings: list[str] = []

    # -- classifiers -----------------------------------------------------------------------------
    def classifier(self, task: str) -> UtteranceClassifier:
        """The classifier for a task: the one handed in, else the shared cached one."""
        clf = self._classifiers.get(task)
        if clf is None:
            clf = get_classifier(task)
            self._classifiers[task] = clf
        return clf

    def models(self) -> dict[str, str]:
        """Version ids of the classifiers used so far."""
        return {
            task: clf.version for task, clf in sorted(self._classifiers.items()) if task in self._predictions
        }

    def predictions(self, task: str) -> list[Prediction]:
        """Predictions of a task for every utterance it reads in this call (one vectorised call per task)."""
        cached = self._predictions.get(task)
        if cached is not None:
            return cached
        if task not in TASK_UNITS:
            raise ClassifierError(f"unknown classifier task {task!r}")
        items = self._task_inputs(task)
        clf = self.classifier(task)
        pieces = self._contrast_pieces(task, items)
        probs = clf.predict_proba([text for _, _, _, _, text in items] + [text for _, text in pieces])
        rows = list(range(len(items)))
        empty = PIECEWISE_TASKS.get(task)
        if empty is not None:
            # "Конечно. Но у нас договор с подрядчиком…": agreement first, the objection after "но". The
            # segment takes the reading of whichever is more objection-like, the whole or the "but" part.
            column = clf.labels.index(empty)
            for k, (item, _) in enumerate(pieces, start=len(items)):
                if probs[k, column] < probs[rows[item], column]:
                    rows[item] = k
        out: list[Prediction] = []
        for index, (segment, unit, start, end, text) in enumerate(items):
            row = rows[index]
            best = int(probs[row].argmax())
            out.append(
                Prediction(
                    segment,
                    unit,
                    start,
                    end,
                    text,
                    clf.labels[best],
                    float(probs[row, best]),
                    {label: float(probs[row, j]) for j, label in enumerate(clf.labels)},
                )
            )
        self._predictions[task] = out
        return out

    def select(
        self,
        task: str,
        labels: frozenset[str],
        segments: set[int],
        min_prob: float,
        skip_spin_answers: bool = False,
        skip_questions: bool = False,
    ) -> list[Prediction]:
        """Utterances whose probability of being any of ``labels`` (summed) reaches ``min_prob``."""
        out = []
        for p in self.predictions(task):
            if p.segment not in segments:
                continue
            prob = sum(p.probs.get(label, 0.0) for label in labels)
            if prob < min_prob:
                continue
            if (
                skip_spin_answers
                and p.prob < STRONG_PROB
                and self.answers_spin_question(p.segment)
                and find_any(REFUSAL, self.text.segments[p.segment].view) is None
            ):
                continue
            if skip_questions and p.prob < STRONG_PROB and self._only_questions(p.segment):
                continue  # "И почём у вас плёнка?" asks; it does not object
            label = p.label if p.label in labels else max(labels, key=lambda k: p.probs.get(k, 0.0))
            out.append(replace(p, label=label, prob=prob))
        return out

    def _only_questions(self, segment: int) -> bool:
        units = self.text.segments[segment].units
        return bool(units) and all(self.text.units[u].is_question for u in units)

    def answers_spin_question(self, segment: int) -> bool:
        """Whether a client segment answers a situation/problem/implication question the manager just asked.

        The manager's turn may end with several questions ("Как идут продажи? Люди о вас знают?"): any of
        the trailing ones counts, and the three SPIN labels are summed, so that a question the model
        splits between "problem" and "situation" is still recognised as a discovery question.
        """
        turn = self.text.turn_of[segment]
        if turn <= 0 or self.text.turns[turn - 1].speaker != "manager":
            return False
        last_segment = self.text.turns[turn - 1].segments[-1]
        # The questions that close the turn, allowing a short hint after them ("…влияет? Клиенты видят.").
        trailing: list[int] = []
        after_words = 0
        for uid in reversed(self.text.segments[last_segment].units):
            unit = self.text.units[uid]
            if unit.is_question:
                trailing.append(uid)
            elif trailing:
                break
            else:
                after_words += len(unit.view.infos)
                if after_words > HINT_WORDS:
                    return False
        if not trailing:
            return False
        try:
            spin = self._spin_by_unit()
        except ClassifierError:
            return False
        return any(
            sum(found.probs.get(label, 0.0) for label in ANSWERED_SPIN_TYPES) >= DISCOVERY_PROB
            for found in (spin.get(uid) for uid in trailing)
            if found is not None
        )

    def _spin_by_unit(self) -> dict[int | None, Prediction]:
        if self._spin_units is None:
            self._spin_units = {p.unit: p for p in self.predictions("spin")}
        return self._spin_units

    def _contrast_pieces(
        self, task: str, items: list[tuple[int, int | None, float, float, str]]
    ) -> list[tuple[int, str]]:
        """The "but …" part of a client reply ("Конечно. Но у нас договор…", "да но вы же дороже")."""
        if task not in PIECEWISE_TASKS:
            return []
        out: list[tuple[int, str]] = []
        for index, (segment, unit, _, _, _) in enumerate(items):
            if unit is not None:
                continue
            units = self.text.segments[segment].units
            for uid in units:
                unit_text = self.text.units[uid]
                words = [info.form for info in unit_text.view.infos]
                cut = next((i for i, w in enumerate(words) if w in CONTRAST_WORDS), None)
                if cut is not None and len(words) - cut >= PIECE_WORDS and len(words) > PIECE_WORDS:
                    out.append((index, " ".join(words[cut:])))
                if len(units) > 1 and uid == units[0] and len(words) <= SHORT_OPENING_WORDS:
                    # "Дорого. У нас весь бюджет шестьдесят в месяц…": a short objection drowns in what follows.
                    out.append((index, unit_text.text))
        return out

    def _task_inputs(self, task: str) -> list[tuple[int, int | None, float, float, str]]:
        kind = TASK_UNITS[task]
        if kind == "client_segments":
            segments = [
                sv
                for sv in self.text.segments
                if sv.segment.speaker == "client" and sv.units and not _courtesy_only(sv.view)
            ]
            if task == "gatekeeper" and segments:
                # A gatekeeper speaks at the start of a call; later client speech is the decision maker's.
                limit = segments[0].segment.start + GATEKEEPER_WINDOW
                segments = [sv for sv in segments if sv.segment.start <= limit]
            return [(sv.index, None, sv.segment.start, sv.segment.end, sv.segment.text) for sv in segments]
        want_question = kind == "manager_questions"
        # Very short statements ("Возможно.", "Да, записал.") carry no feature or benefit.
        min_words = 1 if want_question else MIN_STATEMENT_WORDS
        return [
            (u.segment, u.index, u.start, u.end, u.text)
            for u in self.text.units
            if u.speaker == "manager" and u.is_question == want_question and len(u.view.infos) >= min_words
        ]

    # -- structure and parts ---------------------------------------------------------------------
    @property
    def structure(self) -> CallStructure:
        """Gatekeeper / decision-maker structure of the call."""
        if self._structure is None:
            self._structure = detect_structure(
                self.text, self._gatekeeper_labels, discovery_questions=self._discovery_questions()
            )
        return self._structure

    def _discovery_questions(self) -> int:
        """How many manager questions the SPIN classifier reads as discovery (any SPIN type, p >= 0.5)."""
        try:
            preds = self.predictions("spin")
        except ClassifierError:
            return 0
        return sum(1 for p in preds if p.label != "other" and p.prob >= 0.5)

    def _gatekeeper_labels(self, segments: Sequence[int]) -> dict[int, tuple[str, float]]:
        try:
            preds = self.predictions("gatekeeper")
        except ClassifierError as exc:
            self.warnings.append(f"gatekeeper classifier unavailable, hand-over found by phrases only: {exc}")
            return {}
        wanted = set(segments)
        return {p.segment: (p.label, p.prob) for p in preds if p.segment in wanted}

    def part_range(self, part: str) -> tuple[int, int]:
        """Segment index range [first, stop) of a call part: ``all``, ``gatekeeper`` or ``dm``."""
        n = len(self.transcript.segments)
        if part == "all":
            return 0, n
        st = self.structure
        if part == "gatekeeper":
            return (0, st.gatekeeper_end) if st.has_gatekeeper else (0, 0)
        if not st.dm_reached or st.dm_start is None:
            return n, n
        return st.dm_start, n

    # -- metrics -----------------------------------------------------------------------------------
    @property
    def metrics(self) -> dict[str, Any]:
        """Call metrics for the whole call and the decision-maker part."""
        if self._metrics is None:
            from scoring.metrics import compute_metrics

            self._metrics = compute_metrics(self.transcript, structure=self.structure, text=self.text)
        return self._metrics
