"""What two wordings of one news claim share: words that say nothing of the claim, synonyms
common in news reports (folded into one term), and places (a country, its people and its
capital are one actor in news: "Tehran denied", "Iranian officials", "Iran said").

General English and general knowledge only: nothing here is taken from one article's
wording."""

from __future__ import annotations

# Function words, reporting verbs and the words that frame a report rather than make a
# claim ("said", "according to", "meanwhile"): two outlets differ in exactly these.
STOPWORDS = frozenset(
    """a an the and or but nor so yet of to in on at by for with from into onto upon over
    under about after before since during until than then as if whether while though
    although because that this these those there here it its it's they them their theirs
    he him his she her hers we us our you your i me my mine who whom whose which what when
    where why how be is are was were been being am has have had having do does did doing
    will would shall should can could may might must not no also just only even still
    already again further furthermore moreover however meanwhile instead though thus
    therefore hence very more most much many some any all each every both either neither
    other another such own same so too quite rather really now soon later earlier ago
    said says say saying told tells tell telling stated states stating added adding
    according reported reports reporting report wrote writes quoted quoting noted noting
    tweeted tweet tweeting posted statement remarks comments asked asking announced
    mr mrs ms dr sir one ones upon via per within without across against among amid
    around near off out up down back away like just least less lot lots several various
    time times year years day days week weeks month months today yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday tonight recently recent
    latest last next past first second third new old current currently ever never
    well yes okay per cent percent source sources insider insiders following
    make made makes making take took taken takes get got gets come came comes go goes went
    gone put puts become became becomes seem seems seemed part
    confirmed confirms confirm confirming insisted insists insist insisting reiterated
    reiterates reiterating stressed stresses stressing acknowledged acknowledges argued
    argues explained explains suggested suggests believe believes believed think thinks
    thought publicly openly reportedly apparently allegedly
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    zero two three four five six seven eight nine ten eleven twelve twenty thirty forty
    fifty hundred thousand million billion trillion dozen dozens half
    between himself herself itself themselves ourselves yourself describe described
    describes describing call called calling branded labelled labeled dubbed termed
    left leave leaves leaving express expressed expresses expressing hope hopes hoped
    hoping seek seeks sought seeking try tries tried trying throughout show shows showed
    shown able expected expects expect plan plans planning planned want wants wanted
    intend intends intended aim aims aiming likely poised set""".split()
)

# Titles and roles: "Foreign Ministry Spokesman Saeed Khatibzadeh" and "the foreign
# ministry spokesman, Saeed Khatibzadeh" name one man; the title is left out either way.
TITLES = frozenset(
    """secretary minister ministry spokesman spokeswoman spokesperson president
    president-elect vice prime premier foreign senator sen rep representative governor
    gov mayor general gen director chairman chairwoman ceo supreme ayatollah king queen
    prince pope chancellor ambassador envoy judge attorney lt col sgt captain capt
    adviser advisor aide state""".split()
)

# Phrases folded before words are read: a multiword expression news uses for one act.
PHRASES: tuple[tuple[str, str], ...] = (
    ("shot dead", "kill"), ("gunned down", "kill"), ("shot and killed", "kill"),
    ("put to death", "kill"), ("took the life of", "kill"), ("was slain", "kill"),
    ("pulled out of", "withdraw"), ("pulled out", "withdraw"), ("walked away from", "withdraw"),
    ("backed out of", "withdraw"), ("opted out of", "withdraw"),
    ("home base", "haven"), ("safe haven", "haven"), ("safe havens", "haven"),
    ("ratchet up", "increase"), ("ratcheted up", "increase"), ("step up", "increase"),
    ("stepped up", "increase"), ("ramp up", "increase"), ("ramped up", "increase"),
    ("laid off", "layoff"), ("lay off", "layoff"), ("lays off", "layoff"),
    ("stepped down", "resign"), ("step down", "resign"), ("steps down", "resign"),
    ("hiding out", "hide"), ("holed up", "hide"),
    ("turned down", "reject"), ("ruled out", "reject"),
    ("called for", "urge"), ("set up", "establish"),
    ("left the", "withdraw"), ("leave the", "withdraw"), ("leaves the", "withdraw"),
    ("leaving the", "withdraw"), ("quit the", "withdraw"),
    ("second man", "deputy"), ("number 2", "deputy"), ("no 2", "deputy"),
    ("on condition of anonymity", ""), ("spoke on condition of", ""),
    ("for the first time", ""), ("in recent weeks", ""), ("in recent days", ""),
    ("on friendly terms", "friendly"), ("at odds", "hostile"),
    ("second-in-command", "deputy"), ("second in command", "deputy"),
    ("number two", "deputy"), ("no. 2", "deputy"),
    ("prime minister", "premier"), ("head of state", "president"),
)  # fmt: skip

# Words folded into one term (after stemming, the key is the stem of each word listed).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "kill": ("killed", "killing", "kills", "slain", "slay", "assassinated", "assassination",
             "murdered", "murder", "executed", "death", "died", "dead"),
    "deny": ("denied", "denies", "denial", "refuted", "rebutted", "disputed", "rejected",
             "dismissed", "dismisses", "dismiss", "refute", "reject", "rejects",
             "decried", "decry", "decries", "denounced", "denounce", "denounces",
             "repudiated", "rebuffed"),
    "allege": ("accused", "accuses", "accusation", "accusations", "alleged", "alleges",
               "allegation", "allegations", "claimed", "claims", "claim", "charged",
               "asserted", "assertion", "assertions", "blamed", "blames"),
    "link": ("links", "linked", "ties", "tie", "tied", "connection", "connections",
             "connected", "relations", "relationship", "ties", "association", "associated",
             "cooperation", "collaboration", "alliance"),
    "haven": ("havens", "shelter", "sheltered", "sheltering", "refuge", "sanctuary",
              "harbour", "harbor", "harboured", "harbored", "harbouring", "harboring"),
    "withdraw": ("withdrew", "withdrawn", "withdrawal", "quit", "quits", "exited", "exit",
                 "abandoned", "abandon", "abandons", "scrapped", "scrap", "ditched",
                 "reneged", "exiting", "quitting"),
    "deal": ("agreement", "agreements", "accord", "accords", "pact", "pacts", "treaty",
             "treaties"),
    "rejoin": ("re-join", "re-engage", "reengage", "revive", "revived", "restore",
               "restart", "return", "re-enter", "reenter"),
    "vow": ("vowed", "vows", "promised", "promise", "promises", "pledged", "pledge",
            "pledges"),
    "evidence": ("proof", "proofs", "evidences"),
    "militant": ("terrorist", "terrorists", "militants", "extremist", "extremists",
                 "jihadist", "jihadists", "insurgent", "insurgents", "fighters"),
    "territory": ("soil", "territories", "land"),
    "hide": ("hiding", "hid", "hidden", "lurking", "lurk", "sheltering"),
    "orchestrate": ("mastermind", "masterminded", "masterminding", "orchestrated",
                    "orchestrating", "plotted", "plotting"),
    "worsen": ("deteriorated", "deteriorate", "deterioration", "worsened", "soured",
               "sour", "declined"),
    "doubt": ("skepticism", "scepticism", "sceptical", "skeptical", "doubts", "doubted",
              "caution", "warily", "wary", "questioned"),
    "increase": ("increased", "increases", "raise", "raised", "rose", "rise", "risen",
                 "grew", "grow", "mount", "mounted", "boost", "boosted", "heighten",
                 "heightened", "intensify", "intensified", "escalate", "escalated"),
    "decrease": ("decreased", "fell", "fall", "fallen", "cut", "cuts", "lowered", "lower",
                 "reduced", "reduce", "dropped", "drop", "slashed", "declined"),
    "harsh": ("fierce", "heated", "tough", "hardline", "aggressive"),
    "attack": ("attacks", "attacked", "bombing", "bombings", "bombed", "strike",
               "strikes", "assault", "assaults", "stormed", "storming", "raided", "raid",
               "struck", "shelled", "shelling"),
    "approve": ("approved", "approves", "approval", "passed", "adopted", "ratified",
                "ratify", "endorsed"),
    "arrest": ("arrested", "detained", "detain", "detention", "captured", "seized"),
    "kidnap": ("kidnapped", "kidnapping", "abducted", "abduct", "abduction", "hostage",
               "hostages"),
    "injure": ("injured", "injuring", "injuries", "injury", "wounded", "wounding", "hurt"),
    "release": ("released", "releasing", "freed", "free", "frees"),
    "lift": ("lifted", "lifting", "eased", "ease", "easing", "relief"),
    "ban": ("banned", "banning", "bans", "prohibit", "prohibited", "outlawed", "outlaw"),
    "sign": ("signed", "signing", "signs", "inked"),
    "resign": ("resigned", "resigns", "resignation"),
    "support": ("supported", "supports", "backing", "backed", "aid", "aided", "assist",
                "assisted", "assisting", "assistance", "help", "helped", "helping"),
    "provide": ("provided", "provides", "providing", "gave", "give", "given", "offered",
                "offer", "offering", "supplied", "supply", "granted", "grant"),
    "friendly": ("friends", "friend", "allies", "ally", "allied", "friendship"),
    "enemy": ("enemies", "foes", "foe", "rivals", "rival", "adversary", "adversaries",
              "hostile"),
    "leader": ("leaders", "chief", "chiefs", "head", "commander", "leadership"),
    "official": ("officials", "authorities", "authority"),
    "impose": ("imposed", "imposes", "imposing", "reimpose", "reimposed", "reimposition",
               "slapped", "levied", "levy"),
    "minister": ("ministers", "ministry"),
    "government": ("administration", "regime", "authorities", "cabinet", "leadership"),
    "negotiate": ("negotiation", "negotiations", "negotiating", "talks", "renegotiate",
                  "renegotiation", "renegotiations"),
    "speech": ("address", "speaking", "speak", "spoke", "remarks"),
    "reveal": ("disclose", "disclosed", "revealed", "unveil", "unveiled", "detail",
               "details", "cite", "cited"),
    "clear": ("certain",),
    "border": ("borders", "frontier"),
    "embassy": ("embassies", "consulate"),
    "nuclear": ("atomic",),
    "program": ("programme", "programmes", "programs", "activities", "capabilities"),
    "unemployment": ("jobless", "joblessness", "unemployed"),
    "company": ("companies", "firm", "firms", "corporation", "corporations"),
    "layoff": ("layoffs", "redundancies", "redundancy", "sacked", "fired"),
    "north": ("northern",),
    "south": ("southern",),
    "east": ("eastern",),
    "west": ("western",),
    "big": ("large", "biggest", "largest", "major", "huge"),
    "small": ("little", "smallest", "minor", "tiny"),
}  # fmt: skip

# Acts that tell events apart: two claims that each name an act, and no act in common
# ("killed" / "kidnapped", "imposed" / "lifted"), tell of two events however much else
# they share.
ACTS = frozenset(
    """kill injure kidnap arrest release attack withdraw rejoin increase decrease impose
    lift ban sign resign approve""".split()
)

# Countries, their people and their capitals: one actor each. Aliases are lower case;
# several words are joined by a space. General knowledge, for the countries most in news.
PLACES: dict[str, tuple[str, ...]] = {
    "us": ("u.s.", "u.s", "usa", "u.s.a.", "united states", "america", "american",
           "americans", "washington", "white house"),
    "uk": ("u.k.", "britain", "british", "united kingdom", "london", "downing street",
           "england", "english"),
    "iran": ("iranian", "iranians", "tehran", "persia", "persian", "islamic republic"),
    "iraq": ("iraqi", "iraqis", "baghdad"),
    "israel": ("israeli", "israelis", "jerusalem", "tel aviv"),
    "russia": ("russian", "russians", "moscow", "kremlin"),
    "china": ("chinese", "beijing", "prc"),
    "ukraine": ("ukrainian", "ukrainians", "kyiv", "kiev"),
    "france": ("french", "paris", "elysee", "élysée"),
    "germany": ("german", "germans", "berlin"),
    "italy": ("italian", "italians", "rome"),
    "spain": ("spanish", "madrid"),
    "japan": ("japanese", "tokyo"),
    "india": ("indian", "indians", "new delhi", "delhi"),
    "pakistan": ("pakistani", "pakistanis", "islamabad"),
    "afghanistan": ("afghan", "afghans", "kabul"),
    "syria": ("syrian", "syrians", "damascus"),
    "turkey": ("turkish", "ankara", "türkiye"),
    "egypt": ("egyptian", "egyptians", "cairo"),
    "saudi": ("saudi arabia", "saudis", "riyadh"),
    "yemen": ("yemeni", "yemenis", "sanaa"),
    "lebanon": ("lebanese", "beirut"),
    "palestine": ("palestinian", "palestinians", "ramallah"),
    "jordan": ("jordanian", "amman"),
    "qatar": ("qatari", "doha"),
    "uae": ("emirati", "emirates", "abu dhabi", "united arab emirates"),
    "north korea": ("north korean", "pyongyang", "dprk"),
    "south korea": ("south korean", "seoul", "korean"),
    "canada": ("canadian", "canadians", "ottawa"),
    "mexico": ("mexican", "mexicans", "mexico city"),
    "brazil": ("brazilian", "brasilia"),
    "argentina": ("argentine", "argentinian", "buenos aires"),
    "venezuela": ("venezuelan", "caracas"),
    "cuba": ("cuban", "cubans", "havana"),
    "australia": ("australian", "australians", "canberra"),
    "indonesia": ("indonesian", "jakarta"),
    "nigeria": ("nigerian", "abuja"),
    "south africa": ("south african", "pretoria"),
    "kenya": ("kenyan", "nairobi"),
    "ethiopia": ("ethiopian", "addis ababa"),
    "eu": ("european union", "brussels"),
    "un": ("united nations", "u.n."),
    "nato": ("north atlantic treaty organization",),
    "poland": ("polish", "warsaw"),
    "greece": ("greek", "athens"),
    "netherlands": ("dutch", "amsterdam", "the hague"),
    "sweden": ("swedish", "stockholm"),
    "norway": ("norwegian", "oslo"),
    "switzerland": ("swiss", "bern", "geneva"),
    "vietnam": ("vietnamese", "hanoi"),
    "philippines": ("filipino", "manila"),
    "taiwan": ("taiwanese", "taipei"),
}  # fmt: skip

# Particles that join the next word into one name ("al Qaeda", "Al-Qaeda", "al-Qaida").
NAME_PARTICLES = frozenset("al el bin ibn abu abd de del van von le la".split())

# When a claim places its event: in the past, or now. A claim that an accusation was made
# "in the past" and one that it was made "on Tuesday" are two claims.
PAST = frozenset("past previously formerly once earlier ago historically".split())
NOW = frozenset(
    """now today tonight currently latest new newly monday tuesday wednesday thursday friday
    saturday sunday""".split()
)
# What turns an assertion over: a negation ("not", "never", "failed to"), a
# denial ("denied", "dismissed"), or a negated adjective ("unclear" is "not clear": the
# term is "clear", the claim negated).
NEGATIONS = frozenset(
    """no not never none nobody nothing neither nor cannot deny denies denied
    denying dismiss dismissed dismisses dismissing rejected rejects reject rejecting
    refuted refutes refute disputed disputes dispute rebutted decried decries decry
    denounced denounces repudiated rebuffed""".split()
)
DENIALS = frozenset(
    """deny denies denied denying dismiss dismissed dismisses dismissing rejected rejects
    reject rejecting refuted refutes refute disputed disputes dispute rebutted decried
    decries decry denounced denounces repudiated rebuffed""".split()
)
FAILURES = frozenset("fail fails failed failing".split())  # "failed to provide": not
NEGATED_ADJECTIVES = {
    w: w[2:]
    for w in """unclear unknown uncertain unconfirmed unverified unproven unsubstantiated
    unfounded untrue unable unlikely unaware unwilling unsure unsuccessful unlawful
    unacceptable""".split()
}
# What a claim says will, may or is meant to happen: a plan or a forecast, not an act.
FUTURE = frozenset("will shall would could might 'll wo".split())
FUTURE_BEFORE_TO = frozenset(
    """expected expects expect plan plans planning planned set wants want wanted intends
    intend intended aims aim aiming likely poised going about due threatened threatens
    threaten vowed vows vow promised promises promise pledged pledges pledge""".split()
)
# Acronyms news uses without spelling them out, with the name term they stand for.
KNOWN_ACRONYMS = {"aq": "qaeda"}
