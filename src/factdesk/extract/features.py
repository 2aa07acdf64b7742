"""What makes a sentence checkable, as named features: figures, dates, comparisons, named
actors, past events, policy and its effects, attribution; and against: opinion, prediction,
exhortation, questions, greetings, pleasantries and procedural talk.

The word lists are general English and general news and politics vocabulary, written for
any article or debate; none is taken from the sample corpus. ``scoring.py`` weighs them."""

from __future__ import annotations

import re

from factdesk.extract.attribution import Attribution


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NUMBER_WORDS = _words(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred hundreds thousand thousands million millions billion billions
    trillion trillions dozen dozens half quarter third twice double doubled triple tripled
    percent percentage majority minority"""
)
MONEY_WORDS = _words("dollars dollar cents euros euro pounds yen taxpayers budget cost costs")
DATE_WORDS = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december jan feb sept oct nov dec yesterday
    ago decade decades century since"""
)
# Comparison, ranking and change: the shape of most checkable statistics.
COMPARISON = _words(
    """more less fewer than most least largest biggest highest lowest smallest fastest
    slowest greatest worst best record increase increased increases decrease decreased
    decreases rise rose risen fall fell fallen drop dropped grew grown growth declined
    decline doubled tripled higher lower larger smaller bigger average ranked rank top
    bottom"""
)
# Universal and exclusive statements ("the only country", "never", "every year").
QUANTIFIER = _words("only every all none nobody never first last always")
# Words ending in -est that are not superlatives.
NOT_SUPERLATIVE = _words(
    """interest interests honest dishonest invest suggest request protest protests contest
    arrest forest harvest guest modest manifest digest attest conquest inquest unrest
    bequest priest behest midwest northwest southwest test tests latest"""
)
_DETERMINERS = _words("the its his her their our my your whose")
# Frequent irregular past forms (regular ones end in -ed).
PAST_IRREGULAR = _words(
    """was were had did made gave took went came got lost won sold bought built paid brought
    left told cut put sent spent began became fought found held kept led met ran saw stood
    struck taught thought threw wrote spoke broke chose drove fell flew forgot grew hid hit
    knew laid lay meant rode rose sank shot shut sought stole swore swept tore understood
    woke wore withdrew overtook overturned undertook sat slept"""
)
NOT_PAST_ED = _words(
    """need indeed red bed fed seed feed speed proceed exceed succeed breed greed weed
    shed bred hundred sacred naked wicked wretched beloved united"""
)
# Public life: policies, institutions, their costs and effects.
POLICY = _words(
    """tax taxes taxed law laws bill bills act policy policies program programs plan deal
    deals agreement treaty trade tariff tariffs wage wages income incomes salary jobs job
    unemployment employment economy economic budget deficit debt spending funding funds
    fund insurance healthcare medicare medicaid crime crimes police prison prisons court
    courts judge ruling ruled immigration immigrants border borders military troops army
    war wars weapons nuclear missile missiles energy oil gas coal climate emissions vote
    voted votes voting election elections government federal congress senate parliament
    legislation regulation regulations sanctions workers companies company industry prices
    inflation gdp poverty schools education students refugees hospitals patients deaths
    died killed population citizens country countries nation nations state states city
    cities million billion percent rate rates"""
)
OPINION = _words(
    """great terrible wonderful amazing beautiful horrible disaster disastrous stupid
    incredible tremendous fantastic sad awful nice good bad wrong right fair unfair
    ridiculous absurd crazy shameful disgraceful disgrace pathetic evil wicked nonsense
    nightmare mistake tragedy shame joke mess farce catastrophe travesty
    outrageous brilliant excellent proud ashamed afraid sorry happy glad love hate lovely
    perfect shocking unbelievable wonderfully frankly honestly obviously clearly really
    very so totally absolutely believe think feel hope wish opinion seems seem perhaps
    maybe probably likely unlikely possibly"""
)
MODAL = _words("will would could might may can shall gonna going wants want")
EXHORT = _words("should must ought let's let’s need needs")
PLEASANTRY = _words(
    """thank thanks thankyou hello hi welcome congratulations congratulate applause
    laughter cheers goodbye bye pleased honored honoured privilege gentlemen ladies folks
    everybody everyone"""
)
# Talk about the talk: a debate's turns, a speech's thanks, a briefing's questions.
_PROCEDURAL = re.compile(
    r"\b(?:(?:next|your|my|the|a|this|that) question|answer (?:the|my|your|that) question"
    r"|rebuttal|moderator|respond|response to|(?:your|my) turn|go ahead|let me (?:finish|say"
    r"|ask|just|be clear|answer|respond|talk)|allow me|(?:\w+ )?(?:minutes?|seconds) (?:left|to"
    r" respond|remaining)|time is up|we(?:'ll|’ll| will) (?:be right back|move on|take)"
    r"|move on to|turn (?:now )?to|ladies and gentlemen|audience)\b"
)
INTERJECTION = _words("well yes yeah no okay ok oh uh um look listen wow")
# Case matters: "us", not "US"; and not "u.s." in lower-cased text.
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Mm]e|[Mm]y|[Oo]ur|[Oo]urs|us)(?!\w|\.\w)")
SECOND_PERSON = _words("you you're you’re you've you’ve your")
PRONOUNS = _words("it this that these those they them he she him her his its their there")
REPORTING = _words(
    """said says say told tells claimed claims alleged alleges accused accuses denied denies
    reported reports confirmed confirms announced announces stated states revealed
    testified estimated found shows showed show according"""
)
_STRONG_VERBS = frozenset(
    "claimed claims alleged alleges accused accuses denied denies asserted insisted confirmed"
    " reported reports warned".split()
) | {"according to"}

# Which way a feature may count: evidence of a checkable statement may only raise the score,
# and opinion, prediction and talk about the talk may only lower it (the fit keeps to this).
FOR = _words(
    """digits number_word percent money year date_word comparison quantifier superlative past
    perfect policy policy_2 name_1 name_2 acronym attributed attributed_strong reporting
    first_person_figure"""
)
# What a statement can be checked against: figures, dates, comparisons, events, names.
CONTENT = _words(
    """digits number_word percent money year date_word comparison superlative past perfect
    policy name_1 name_2 acronym"""
)
AGAINST = _words(
    """opinion opinion_2 think future prediction modal exhort exhort_reported question asks
    pleasantry procedural interjection exclaims short"""
)

_TOKEN = re.compile(r"[a-z]+(?:[’'][a-z]+)?|\d[\d,.]*")
_DIGIT = re.compile(r"\d")
_PERCENT = re.compile(r"%|\bper ?cent\b")
_MONEY = re.compile(r"[$€£¥]\s?\d|\d\s?bn\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d(?:s|’s|'s)?\b|(?<!\w)['’]\d\d\b")
_CAPITALISED = re.compile(r"(?<![.!?:]\s)(?<![“\"(])(?<!^)\b[A-Z][\w’'-]+")
_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,}\b")
_QUESTION = re.compile(r"\?[\"'”’)\]]*(?:\s|$)")
_HAVE_PERFECT = re.compile(
    r"\b(?:has|have|had)(?: not| never| already| just| also)? (?:been|\w+ed)\b"
)
_THINK = re.compile(r"\b(?:i|we) (?:think|believe|feel|hope|guess|suppose|know|want|wish)\b")
_FUTURE = re.compile(r"\b(?:will|going to|gonna|would|'ll|’ll)\b")
_NOT_A_COUNT = re.compile(r"\b(?:no|any|every|some|the|this|that|which|someone|no-)\s*one\b")
_AHEAD = re.compile(
    r"\b(?:next (?:year|month|week|decade)|tomorrow|soon|in the (?:near )?future"
    r"|(?:is|are|be|being) (?:expected|set|poised|scheduled|slated|projected|likely|due) to"
    r"|(?:plans?|aims?|intends?|vows?|promises?|pledges?) to)\b"
)
# A sentence that opens with a verb telling the listener to act (not "Look, …" or "Think
# of it": those open statements as often as orders).
_IMPERATIVE_START = re.compile(
    r"^[“\"]?(?:let|imagine|remember|vote|join|stop|tell|ask|help|please|consider|listen"
    r"|call|write|contact|support|demand|sign|urge|don['’]t)\b",
    re.IGNORECASE,
)
_WH_START = re.compile(
    r"^[“\"]?(?:what|why|how|who|whom|whose|where|when|which|is|are|do|does|did|can|could"
    r"|would|will|should|shall|have|has|isn['’]t|aren['’]t|don['’]t|doesn['’]t)\b",
    re.IGNORECASE,
)


# Words without which a pattern below cannot match.
_HAVE = _words("has have had")
_FIRST = _words(
    "i we me my our ours us i'm i’m i've i’ve i'd i’d i'll i’ll we're we’re we've we’ve we'd"
    " we’d we'll we’ll"
)
_THINKING = _words("think believe feel hope guess suppose know want wish")
_WILL = ("will", "going", "gonna", "would", "ll")  # substrings: "would’ve", "we'll"
_SOON = ("next", "tomorrow", "soon", "future", " to ")
_TALK = _words(
    """question rebuttal moderator respond response turn ahead let allow minute minutes
    seconds time move ladies audience back take on"""
)


def _superlative(words: list[str], i: int) -> bool:
    """Whether word i is a superlative: "the largest", "its highest", "busiest"."""
    word = words[i]
    if word in NOT_SUPERLATIVE or len(word) < 5:
        return False
    return word.endswith("iest") or (i > 0 and words[i - 1] in _DETERMINERS)


_CLOSERS = " \t\"'”’»)]"


def tokens(sentence: str) -> list[str]:
    """The lower-cased words and numbers of a sentence."""
    return _TOKEN.findall(sentence.lower())


def features(sentence: str, attribution: Attribution | None) -> dict[str, float]:
    """The named features of a sentence that are present (value 1.0 unless a count)."""
    words = tokens(sentence)
    vocab = set(words)
    lower = sentence.lower()
    found: dict[str, float] = {}

    def flag(name: str, present: object) -> None:
        if present:
            found[name] = 1.0

    # Each pattern runs only when a cheap test says it may match (extraction speed).
    digits = _DIGIT.search(sentence) is not None
    year = digits and _YEAR.search(sentence) is not None
    flag("digits", digits and not (year and len(_DIGIT.findall(sentence)) == 4))
    numbers = vocab & NUMBER_WORDS
    if numbers == {"one"} and _NOT_A_COUNT.search(lower):
        numbers = set()  # "no one", "the one who"
    flag("number_word", numbers)
    flag("percent", ("%" in sentence or "cent" in lower) and _PERCENT.search(lower))
    flag("money", vocab & MONEY_WORDS or digits and _MONEY.search(sentence))
    flag("year", year)
    flag("date_word", vocab & DATE_WORDS)
    flag("comparison", vocab & COMPARISON)
    flag("quantifier", vocab & QUANTIFIER)
    flag("superlative", any(_superlative(words, i) for i, w in enumerate(words) if w[-3:] == "est"))
    flag(
        "past",
        vocab & PAST_IRREGULAR
        or any(w.endswith("ed") and len(w) > 4 and w not in NOT_PAST_ED for w in words),
    )
    flag("perfect", vocab & _HAVE and _HAVE_PERFECT.search(lower))
    flag("policy", vocab & POLICY)
    flag("policy_2", len(vocab & POLICY) >= 2)
    names = {m.group() for m in _CAPITALISED.finditer(sentence)}
    flag("name_1", len(names) == 1)
    flag("name_2", len(names) >= 2)
    flag("acronym", _ACRONYM.search(sentence))
    # Attribution makes a report of something checkable; "That is a farce," he said is still
    # only an opinion. So it counts with some content to check.
    content = any(name in found for name in CONTENT)
    flag("attributed", attribution is not None and content)
    flag("attributed_strong", content and attribution and attribution.verb in _STRONG_VERBS)
    flag("reporting", vocab & REPORTING)
    first = words[0] if words else ""
    first_person = vocab & _FIRST and _FIRST_PERSON.search(sentence)
    flag("first_person", first_person)
    flag("first_person_figure", first_person and (digits or numbers))
    flag("second_person", vocab & SECOND_PERSON)
    flag("starts_pronoun", first in PRONOUNS)
    flag("opinion", vocab & OPINION)
    flag("opinion_2", len(vocab & OPINION) >= 2)
    flag("think", vocab & _THINKING and _THINK.search(lower))
    ahead = any(w in lower for w in _SOON) and _AHEAD.search(lower)
    future = ahead or any(w in lower for w in _WILL) and _FUTURE.search(lower)
    flag("future", future)
    # A future with no past event, or one said outright ("next year", "is expected to").
    flag("prediction", ahead or future and "past" not in found and "perfect" not in found)
    flag("modal", vocab & MODAL)
    imperative = _IMPERATIVE_START.match(sentence)
    exhort = vocab & EXHORT or "need to" in lower or "have to" in lower or imperative
    # Told to the reader it is an exhortation; reported ("X said Y should …") it is half one.
    flag("exhort", exhort and attribution is None)
    flag("exhort_reported", exhort and attribution is not None)
    flag("question", _QUESTION.search(sentence))
    flag("asks", _WH_START.match(sentence) and not sentence.rstrip(_CLOSERS).endswith("."))
    flag("pleasantry", vocab & PLEASANTRY)
    flag("procedural", vocab & _TALK and _PROCEDURAL.search(lower))
    flag("interjection", first in INTERJECTION)
    flag("negation", vocab & {"not", "no", "never", "n't", "don't", "didn’t", "didn't"})
    n = len(words)
    flag("short", n < 6)
    flag("medium", 6 <= n < 15)
    flag("long", n >= 25)
    flag("exclaims", "!" in sentence)
    flag("ellipsis", "…" in sentence or "..." in sentence or "--" in sentence)
    return found
