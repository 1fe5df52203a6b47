"""Word lists and verb forms behind the question cues of ``scoring.questions`` (Russian, lower case, ё→е)."""

from __future__ import annotations

from functools import lru_cache

from scoring.text import morph


def words(text: str) -> frozenset[str]:
    """A word list written as text (one or more lines, words separated by spaces)."""
    return frozenset(text.split())


# Words that make an unpunctuated clause a question when they open it.
INTERROGATIVES = words("""
как какой каков сколько почему зачем где куда откуда когда кто кого кому кем ком что чего чему чем чей чья
чье чьи разве неужели насколько отчего каким какая какое какие каких какую какого каком какому какими
скольких скольким скока скоко чё чо че што шо када
""")
# Imperatives that turn what follows into a question ("подскажите, у вас есть склад").
QUESTION_VERBS = words("""
подскажите скажите расскажите уточните поделитесь подскажете скажете расскажете поясните объясните напомните
""")
# Polite second-person forms that end a question ("а почту для тарифов подскажете").
POLITE_QUESTION_ENDINGS = words("подскажете скажете продиктуете расскажете подскажите")
# Words that open a polite question or a request for permission at the start of a clause.
REQUEST_OPENERS = {
    "можно": words("уточнить спросить узнать задать поговорить вопрос я"),
    "было": words("бы"),
    "будет": words("ли удобно"),
    "правильно": words("я понимаю ли"),
}
PREPOSITIONS = words("в во на с со за о об про к ко по для от из у до при")
# Discourse words skipped before looking at the first content word of a clause.
LEAD_WORDS = words("""
а и ну так вот пожалуйста кстати хорошо понятно ясно да угу слушайте простите извините интересно отлично
окей ок ага тогда еще скажем допустим понял поняла супер здорово верно спасибо
""")
# Verbs and adverbs that open a yes/no question after "а" ("а бывает, что…", "а можно…", "а если бы…").
YES_NO_OPENERS = words("""
бывает бывают бывало случается случаются случалось приходится приходилось устраивает нравится удобно можно
получается часто есть хотелось планируете рассматриваете пробовали думали знаете слышали пользуетесь
работаете было могу можем правильно
""")
TAG_ENDINGS = (
    ("удобно",),
    ("подойдет",),
    ("подходит",),
    ("правильно", "понимаю"),
    ("я", "правильно", "понимаю"),
    ("правильно", "я", "понимаю"),
    ("верно",),
    ("правильно",),
    ("так", "ведь"),
    ("правда", "ли"),
    ("не", "так", "ли"),
    ("да", "ведь"),
    ("не", "правда"),
    ("так", "же"),
)
# Clause-final checks that ask for agreement only when the clause has no verb of its own
# ("пятница в два нормально", but not "доставка работает нормально").
TAG_LAST_WORDS = frozenset(ending[-1] for ending in TAG_ENDINGS)
VERBLESS_TAGS = words("нормально пойдет устроит годится подходит подойдет удобно ок окей")
TWO_WORD_TAGS = (
    ("удобно", "сейчас"),
    ("сейчас", "удобно"),
    ("удобно", "говорить"),
    ("удобно", "разговаривать"),
    ("можете", "говорить"),
    ("не", "против"),
    ("как", "вам"),
    ("или", "нет"),
)
# Yes/no verbs that make an "а …" clause a question even a few words later ("а с оплатой бывают задержки").
STRONG_YES_NO = words("бывает бывают бывало случается случаются случалось приходится приходилось устраивает")
# Words of a proposed slot before a verbless tag ("…пятница в два нормально").
SLOT_WORDS = words("""
понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье завтра послезавтра
утром вечером днем утра вечера часа часов вариант так такой
""")
# Words that end a conditional question about value ("если бы …, вам было бы интересно").
EVALUATIVE_ENDINGS = words("интересно полезно удобно важно актуально нужно выгодно проще легче удобнее")
# Words after "а" that continue a narration rather than open a question ("а потом вы получаете…").
NARRATIVE_AFTER_A = words("""
потом затем дальше после уже значит это тогда еще вот так здесь тут там также теперь заодно итоге результате
""")
# Verbs that ask about existence when they open a negated clause ("не было просадки?").
NEGATED_EXISTENCE = words("было бывает бывало случалось случается возникает возникало возникали бывали")
# Words after a clause-initial "есть" that make it a question ("есть пара минут", "есть у вас…").
AFTER_EST = words("вы пара пару минута минутка минуточка минуты время возможность ли")
# Infinitives of polite requests after "можете" ("можете уделить мне три минуты").
POLITE_INFINITIVES = words("""
уделить подсказать сказать уточнить соединить продиктовать прислать рассказать назвать переключить передать
""")
# Words before "что"/"как"/"кто" that make them conjunctions ("значит, что…", "те, кто…").
CLAUSE_JOINERS = words("""
значит потому то так том того тем те тот та чтобы видно ясно знаете думаю уверен кажется понимаете все всех
всем сказал сказала говорят говорит
""")
VERBLESS_CHOICE_WORDS = 10
WH_LEAD_WORDS = 4
A_WH_WINDOW = 9
# Words that open a supposition followed by a wh-question ("представьте, что …, что это изменит").
SUPPOSE = words("если представьте представим предположим")
YOU_STATE = words("хватает нравится подходит удобно интересно актуально устраивает")
HARDSHIP = words("тяжело сложно трудно накладно неудобно")
HOW_OFTEN = frozenset({("вас", "часто"), ("вы", "часто"), ("вас", "регулярно"), ("вы", "регулярно")})
TIME_ASKED = words("минут минуты минутка минутки минута минуточка время")
FIRST_PERSON = words("я мы нас нам нами мне меня наш наша наше наши нашим нашей нашего")
# Last words that make an "а …" clause a question ("а соединить с отделом можно").
A_CLAUSE_ENDINGS = words("можно есть нормально удобно возможно реально")
INDEFINITE = words("какие-то какой-то какая-то какое-то какие-нибудь какой-нибудь что-нибудь кто-нибудь")
CONVENIENCE_PAIRS = frozenset(
    {("удобно", "сейчас"), ("сейчас", "удобно"), ("вам", "удобно"), ("удобно", "вам")}
)
THANKS = words("спасибо благодарю рад рада приятно хорошо здорово жаль понятно извините простите отлично")
YOU = words("вы вас вам ваш ваша ваше ваши вашей вашем вашего вашу вами")
NOT_AFTER_WHAT = words("касается ж же именно нет")
CONJUNCTION_LIKE = words("что чем как когда кто")
NOT_BEFORE_TAG = words("и это все совершенно абсолютно очень тоже вполне")


# Present-tense "you" verbs that usually describe an offer, not a question ("вы можете выбрать…").
OFFER_VERBS = words("можете будете хотите платите получаете экономите")


@lru_cache(maxsize=50_000)
def is_you_present(word: str, with_you: bool = False) -> bool:
    """A second-person plural present-tense verb ("закупаете", "возите"), not a modal of an offer.

    A form that can also be an imperative ("звоните") counts only after an explicit "вы".
    """
    if word in OFFER_VERBS or not word.endswith(("те", "тесь")):
        return False
    parses = morph().parse(word)
    if not with_you and any("impr" in p.tag for p in parses[:2]):
        return False
    tag = parses[0].tag
    return tag.POS == "VERB" and "2per" in tag and "plur" in tag and "pres" in tag


@lru_cache(maxsize=50_000)
def is_you_verb(word: str) -> bool:
    """Any second-person plural indicative verb, present or future ("арендуете", "будете брать")."""
    if not word.endswith(("те", "тесь")):
        return False
    tag = morph().parse(word)[0].tag
    return tag.POS == "VERB" and "2per" in tag and "plur" in tag and "indc" in tag


@lru_cache(maxsize=50_000)
def is_finite_verb(word: str) -> bool:
    """Whether the most likely reading of a word is a finite verb (not an infinitive or participle)."""
    if len(word) < 3 or word[0].isdigit():
        return False
    return morph().parse(word)[0].tag.POS == "VERB"
