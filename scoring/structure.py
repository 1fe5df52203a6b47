"""Call structure: is there a gatekeeper, was the decision maker reached, and where does the DM part start.

Both the gatekeeper and the decision maker (DM) are ``client`` in a transcript, so the hand-over is
inferred from the dialogue. The gatekeeper phase is recognised from how the phone is answered (a
company or department greeting rather than a personal one), from the manager asking for someone
("соедините с…", "кто у вас отвечает за…") and from gatekeeper moves (asking the purpose, deflecting,
naming a colleague, connecting). The DM part starts at the first client segment after the gatekeeper
connects ("соединяю", "минуту, переключаю") that is not itself another gatekeeper move. When the
person who answers turns out to be the DM ("да, это я"), the whole call is the DM part.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from scoring.analysis import CallText
from scoring.phrases import PatternSet, TokenView, compile_pattern, find_any

GatekeeperLabels = Callable[[Sequence[int]], dict[int, tuple[str, float]]]


def cues(text: str) -> PatternSet:
    """Compile phrases written one group per line, separated by '|'."""
    return PatternSet(
        [
            compile_pattern(p.strip())
            for line in text.strip().splitlines()
            for p in line.split("|")
            if p.strip()
        ]
    )


CONNECT = cues("""
соединяю | соединю | соединить | переключаю | переключу | переключить | перевожу | переведу
=минуту | =минутку | =минуточку | =секунду | =секундочку | ожидайте | подождите
оставайтесь на линии | не кладите трубку | позову | позвать | передаю трубку | узнаю | спрошу
попробую
""")
# Words that only a transfer uses (unlike "минуту", "подождите", which may be a hold or an interruption).
STRONG_CONNECT = cues("""
соединяю | соединю | переключаю | переключу | перевожу | переведу | передаю трубку
""")
ASKS_PURPOSE = cues("""
по какому вопросу | по какому поводу | какой вопрос | с какой целью | а вы кто | вы кто
кто его спрашивает | кто ее спрашивает | кто спрашивает | как вас представить | что вы хотели
что хотели | что вы хотите | что предлагаете | что вы предлагаете | откуда вы | вы откуда
из какой компании | что за компания | представьтесь | кто это | он вас ждет | она вас ждет
вы договаривались | она вас знает | он вас знает
""")
DEFLECTS = cues("""
пришлите ... почту | отправьте ... почту | напишите ... почту | направьте ... почту | пишите на
не соединяем | не соединяю | не можем соединить | не даем | не могу дать | не даю | его нет | ее нет
нет на месте | не на месте | он занят | она занята | на совещании | в отпуске | на выезде | уехал
уехала | нам не нужно | нам ничего не нужно | не интересно | не интересует | через отдел закупок
только в письменном виде | перезвоните | такая политика | такое правило | не могу | не можем
не переводим | не переключаем | не соединяем | не получится | нам ... не нужно | нам ... не надо
""")
GIVES_CONTACT = cues("""
добавочный | записывайте | запишите | мобильный | прямой номер | @num @num @num | номер @num | почта
электронная почта | лучше звонить | лучше набрать | застать
""")
SECRETARY_SELF = cues("""
я секретарь | я администратор | я диспетчер | я не решаю | это не ко мне | я на ресепшене
я не знаю какие | я не в курсе
""")
# The desk itself, named when answering the phone ("Приёмная, здравствуйте"); later in the call the same
# words are only mentioned ("двое, на ресепшене").
RECEPTION = cues("""
приемная | ресепшн | ресепшен | секретарь
""")
ORG_GREETING = cues("""
компания | группа компаний | фирма | приемная | ресепшн | офис | ооо | завод | фабрика | магазин
склад | ресторан | кафе | кофейня | клиника | сеть | центр | бизнес-центр | агентство | бюро
управляющая компания | бухгалтерия | отдел | салон | студия | холдинг
""")
PERSONAL_GREETING = cues("""
@name слушаю | слушаю @name | @name у телефона | @surname | @patr | да слушаю | алло слушаю | алло
""")
SENIOR_NAME = cues("""
@name @patr | @surname
""")
DM_GREETING = cues("""
@name слушаю | слушаю @name | @name у телефона | да @name | да слушаю | алло слушаю | слушаю вас
""")
GIVES_NAME = cues("""
@name @name | зовут @name | это @name | @name @name @name
""")
SELF_DM = cues("""
это я | да я | я слушаю | я отвечаю | я занимаюсь | это ко мне | на мне | я директор
я руководитель | я владелец | я и есть | я как раз | да это я | я сам | я сама | это мой вопрос
моя тема | я решаю | владелец да | владелица да
""")
ASK_FOR_DM = cues("""
соедините | соединить | переключите | можно поговорить | могу поговорить | могу я поговорить | могу услышать
поговорить с | говорю с | кто у вас отвечает | кто отвечает | кто занимается | кто у вас занимается
кто у вас решает | кто решает | кто принимает решения | кто руководит | как зовут | как к нему обращаться
как к ней обращаться | как к нему обратиться | мне нужен | мне нужна | с кем можно | с кем я могу
как связаться | директор | руководитель | ответственный | я говорю с
""")
# The person who put the caller on hold is back ("алло, вы тут ещё?"): a hold, not a transfer.
RESUMES = cues("""
вы тут | вы здесь | вы еще тут | вы еще здесь | вы на линии | вы еще на линии | вы меня слышите
слышите меня | алло вы | вы не ушли | спасибо что подождали | спасибо за ожидание
извините за ожидание | простите за ожидание | извините что заставила | извините что заставил
я здесь | я тут | я снова здесь | я снова с вами
так о чем мы | на чем мы остановились | о чем мы говорили | так что вы говорили | я вернулась | я вернулся
алло извините | так что вы хотели | так что вы говорите | так что там у вас | так что у вас
""")
_SCAN_CLIENT_SEGMENTS = 8
# Gatekeeper conversations are short: moves later than this are the decision maker's, not a secretary's.
_SCAN_SECONDS = 75.0


@dataclass(slots=True)
class CallStructure:
    """Who the client parties are: gatekeeper phase, DM reached, DM start, evidence of the decision."""

    has_gatekeeper: bool
    dm_reached: bool
    dm_start: int | None  # first segment of the DM part (0 when the DM answered directly)
    handover: int | None  # first DM segment after a gatekeeper connected, else None
    gatekeeper_end: int  # segments [0, gatekeeper_end) are the gatekeeper part
    confidence: float
    reason: str
    signals: list[tuple[int, str]] = field(default_factory=list)

    def to_dict(self, text: CallText | None = None) -> dict[str, object]:
        """JSON-friendly view; with the call text it also gives the hand-over time and quote."""
        out: dict[str, object] = {
            "has_gatekeeper": self.has_gatekeeper,
            "dm_reached": self.dm_reached,
            "dm_start": self.dm_start,
            "handover": self.handover,
            "confidence": round(self.confidence, 2),
            "reason": self.reason,
        }
        return out


def _moves(view: TokenView, label: tuple[str, float] | None) -> set[str]:
    moves: set[str] = set()
    if find_any(ASKS_PURPOSE, view):
        moves.add("asks_purpose")
    if find_any(DEFLECTS, view):
        moves.add("deflects")
    if find_any(CONNECT, view):
        moves.add("connects")
    if find_any(GIVES_NAME, view):
        moves.add("names")
    if find_any(SECRETARY_SELF, view):
        moves.add("secretary")
    if find_any(GIVES_CONTACT, view):
        moves.add("gives_contact")
    if label is not None and label[0] != "none" and label[1] >= 0.7:
        moves.add(label[0])
    if moves & {"deflects", "gives_contact"}:
        moves.discard("connects")
    return moves


def _resumed_next(text: CallText, i: int) -> bool:
    """Whether the same client turn goes on with a back-from-hold line after segment ``i``."""
    for j in range(i + 1, len(text.segments)):
        if j in text.noise:
            continue
        if text.segments[j].segment.speaker != "client":
            return False
        return find_any(RESUMES, text.segments[j].view) is not None
    return False


# A person who answers this many discovery questions is being talked to as the decision maker: the gatekeeper
# classifier reads their answers ("двенадцать пекарен", "не очень, интернет даёт заявки") as gatekeeper moves.
DISCOVERY_DM_MIN = 3
# ... and when the caller had asked for someone, it takes more (a caller may sound out a secretary first).
DISCOVERY_DM_MIN_AFTER_ASKING = 5


def detect_structure(
    text: CallText, gatekeeper_labels: GatekeeperLabels | None = None, *, discovery_questions: int = 0
) -> CallStructure:
    """Find the gatekeeper phase and the hand-over to the decision maker."""
    segs = text.segments
    client = [i for i in range(len(segs)) if segs[i].segment.speaker == "client" and i not in text.noise]
    if not client:
        return CallStructure(False, False, None, None, 0, 0.3, "no client speech", [])
    early = client[:_SCAN_CLIENT_SEGMENTS]
    labels = gatekeeper_labels(early) if gatekeeper_labels is not None else {}
    signals: list[tuple[int, str]] = []
    score = 0.0
    not_theirs = False  # the person who answered is a desk, or said the matter is not theirs
    first = segs[client[0]].view
    if find_any(SENIOR_NAME, first):
        score -= 1.5
        signals.append((client[0], "answered with a surname or name and patronymic"))
    elif find_any(ORG_GREETING, first) or find_any(SECRETARY_SELF, first) or find_any(RECEPTION, first):
        desk = find_any(SECRETARY_SELF, first) or find_any(RECEPTION, first)
        score += 1.0 + (1.0 if desk else 0.0)
        if desk:
            not_theirs = True
        signals.append((client[0], "answered with a company greeting"))
    elif find_any(PERSONAL_GREETING, first):
        score -= 1.0
        signals.append((client[0], "answered with a personal greeting"))
    asked_dm = False
    refers_on = False  # the person who answered pointed to someone else (a colleague, a transfer, a contact)
    connect_at: int | None = None
    stop = client[min(len(client), _SCAN_CLIENT_SEGMENTS) - 1] + 1
    t0 = segs[client[0]].segment.start
    stop = min([stop] + [i for i in client if segs[i].segment.start - t0 > _SCAN_SECONDS])
    for i in range(client[0], len(segs)):
        if i in text.noise:
            continue
        view = segs[i].view
        if segs[i].segment.speaker == "manager":
            if i < stop and not asked_dm and find_any(ASK_FOR_DM, view):
                asked_dm = True
                score += 1.0
                signals.append((i, "manager asks for the decision maker"))
            continue
        if connect_at is not None:
            greets = find_any(DM_GREETING, view) or find_any(SELF_DM, view)
            if find_any(RESUMES, view) and not greets:
                # Only a hold: the gatekeeper is back, so the gatekeeper phase goes on.
                connect_at = None
                signals.append((i, "gatekeeper back from hold"))
            else:
                moves = _moves(view, labels.get(i))
                if moves & {"connects", "asks_purpose", "deflects", "secretary"} and not greets:
                    continue
                if not greets and _resumed_next(text, i):
                    continue  # said to someone else during the hold ("проходите, лифт справа")
                signals.append((i, "decision maker picks up"))
                return CallStructure(
                    True, True, i, i, i, min(0.95, 0.7 + 0.1 * score), "gatekeeper connected", signals
                )
        if i >= stop:
            break
        moves = _moves(view, labels.get(i))
        if find_any(SELF_DM, view) and score < 3:
            signals.append((i, "the person who answered is the decision maker"))
            return CallStructure(False, True, 0, None, 0, 0.85, "decision maker answered", signals)
        if score >= 2.0 and i != client[0] and find_any(DM_GREETING, view) and not moves - {"names"}:
            signals.append((i, "decision maker picks up"))
            return CallStructure(
                True, True, i, i, i, 0.7, "a new person greets after the gatekeeper", signals
            )
        # "Подождите, а вы кто?" is an interruption, not a transfer.
        if moves & {"secretary", "names", "gives_contact"} or ("connects" in moves and "asks_purpose" not in moves):
            refers_on = True
        not_theirs = not_theirs or "secretary" in moves
        for move, weight in (
            ("asks_purpose", 1.0),
            ("deflects", 1.0),
            ("secretary", 2.0),
            ("names", 1.0),
            ("gives_contact", 1.0),
        ):
            if move in moves:
                score += weight
                signals.append((i, move))
        # "Это вам в снабжение, к Олегу Петровичу. Минуту, переключаю." is a transfer on its own.
        strong = "connects" in moves and (
            find_any(STRONG_CONNECT, view) is not None or "names" in moves
        )
        if "connects" in moves and ("asks_purpose" not in moves or asked_dm) and (score >= 2 or asked_dm or strong):
            connect_at = i
            signals.append((i, "gatekeeper connects"))
    if connect_at is not None:
        return CallStructure(
            True, False, None, None, len(segs), 0.6, "connected, but nobody picked up", signals
        )
    # Asking who is calling and brushing the caller off is what decision makers do too: without the caller
    # asking for someone else, or the answerer pointing to someone else, there was no gatekeeper.
    # A gatekeeper does not answer a string of discovery questions: a person who does is the decision maker,
    # even when the caller first checked who he was ("вы директор по операциям?" — "Да.").
    answered_discovery = discovery_questions >= (DISCOVERY_DM_MIN_AFTER_ASKING if asked_dm else DISCOVERY_DM_MIN)
    # ... unless that person said it was not theirs to decide ("это не ко мне, это управляющая решает").
    if score >= 2.0 and (asked_dm or refers_on) and (not answered_discovery or not_theirs):
        return CallStructure(
            True,
            False,
            None,
            None,
            len(segs),
            min(0.95, 0.5 + 0.1 * score),
            "gatekeeper never connected",
            signals,
        )
    return CallStructure(
        False, True, 0, None, 0, 0.8 if score <= 0 else 0.6, "decision maker answered", signals
    )
