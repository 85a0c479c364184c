"""The rule set's data: the kinds of identifier, the span the detector returns, the word
lists its rules consult, the month names and the shipped list of given names
(`werf/privacy_data/first_names.txt`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KINDS = ("name", "address", "postcode", "bsn", "iban", "phone", "email", "birth_date", "age", "institution")
NAMES_FILE = Path(__file__).parent.parent / "privacy_data" / "first_names.txt"


@dataclass(frozen=True)
class Span:
    """One identifier: where it starts and ends in the text, its kind and the text itself."""

    start: int
    end: int
    kind: str  # one of KINDS
    text: str


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


TITLES = word_set(
    """
    mevrouw mevr mw mvr meneer mijnheer mnr dhr heer juf juffrouw meester dokter dr mr ds pastoor
    imam fam familie gezin
    """
)
RELATIONS = word_set(
    """
    zoon zoontje dochter dochtertje buurman buurvrouw buren moeder vader broer broertje zus zusje
    oma opa omi opi oom ome tante tantetje neef nicht kleinzoon kleindochter kleinkind stiefvader
    stiefmoeder stiefzoon stiefdochter pleegvader pleegmoeder pleegzoon pleegdochter schoonmoeder
    schoonvader schoonzoon schoondochter zwager schoonzus partner vriend vriendin echtgenoot
    echtgenote man vrouw ex ex-partner ex-man ex-vrouw halfbroer halfzus mama papa mam pap baby kind
    cliënt client mantelzorger
    """
)
PARTICLES = word_set(
    """
    de van der den het 't ter ten te el al la le du da di von vom zu bin ibn abu
    """
)
# Given names that are also everyday Dutch words: a name only when written with a capital and
# not opening a sentence before a pronoun or article ("Wil je …", "Ben ik …").
WORD_NAMES = word_set(
    """
    ben wil roos mark bas jan kees anne hoop lief merel iris floor jet mei juni april bo pim rob
    bos vos kok visser bakker smit molenaar koster schipper storm winter zomer lente mees vink haan
    groot klein jong wit zwart koning keizer prins anders arend madelief lies lieve fleur amber jade
    rosa rose frans jasmijn
    """
)
NOT_AFTER_WORD_NAME = word_set(
    """
    je jij u ik we wij ze zij hij het de een dat dit er jullie hun men die deze zo niet er
    """
)
# Capitalised words inside a sentence that are no names.
STOPWORDS = word_set(
    """
    de het een ik jij je u hij zij ze we wij jullie dit dat die deze er hier daar en maar of want
    als toen ook nog wel niet geen op in met bij van voor na naar om over uit tot door aan tel mail
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni
    juli augustus september oktober november december nederlands nederland nederlandse turks turkse
    marokkaans marokkaanse surinaams surinaamse pools poolse engels engelse duits duitse arabisch
    arabische antilliaans antilliaanse syrisch syrische eritrees eritrese indonesisch indonesische
    frans franse veilig thuis wmo jeugdwet participatiewet wijkteam sociaal team jeugdzorg
    jeugdbescherming raad kinderbescherming gemeente politie god allah kerst kerstmis pasen ramadan
    suikerfeest offerfeest sinterklaas oud nieuw nieuwjaar indonesië engeland marokko turkije
    suriname syrië polen duitsland belgië frankrijk spanje curaçao aruba eritrea somalië amsterdam
    rotterdam utrecht haag den eindhoven groningen zwolle tilburg almere breda nijmegen arnhem
    haarlem leiden delft zaandam amersfoort apeldoorn enschede maastricht dordrecht antwerpen
    brussel keulen berlijn whatsapp teams zoom google facebook instagram tiktok voedselbank bijstand
    wajong wlz zvw zorgverzekeringswet ggz ggd uwv cjg svb duo cak cak-bijdrage beschermd wonen
    inbrenger gespreksleider notulist tijdbewaker observator deelnemer facilitator ronde fase vraag
    casus actie actiepunt noot opmerking afspraak afspraken vervolg
    zweden noorwegen denemarken finland italië griekenland portugal oostenrijk zwitserland ierland
    schotland hongarije roemenië bulgarije oekraïne rusland irak iran afghanistan pakistan india china
    egypte algerije tunesië libië ethiopië soedan kaapverdië ghana nigeria amerika canada brazilië
    colombia venezuela cuba jemen libanon jordanië israël palestina europa afrika azië
    belgisch belgische javaans javaanse hindoestaans hindoestaanse creools creoolse koerdisch koerdische
    afghaans afghaanse somalisch somalische ethiopisch ethiopische iraaks iraakse iraans iraanse
    bulgaars bulgaarse roemeens roemeense russisch russische oekraïens oekraïense chinees chinese
    belastingdienst toeslagen woningcorporatie zorgverzekeraar
    """
)
PLACE_BEFORE = word_set("in naar uit te vanuit richting")
# titles after which a surname typed in lower case is still a name: "mw kowalska", "dhr jansen"
SHORT_TITLES = word_set("mw mevr mvr mevrouw dhr mnr meneer fam")
# what follows "mw." or "dhr." in lower case and is no surname
NOT_AFTER_TITLE = word_set(
    """
    haar zijn hun zelf vaak graag altijd steeds erg heel weer even toch ook nog niet wel alleen samen echter
    namelijk inmiddels gisteren vandaag morgen later eerder hierover daarover hiervan daarvan hierin daarin
    ging kreeg sprak vond bleef liep hield viel wilde werd belde kwam zei gaf zag lag zat nam kon zou
    schreef bracht dacht wist mocht moest zocht kocht liet stond deed hoorde zegt vertelde blijkbaar
    duidelijk eigenlijk misschien zeker absoluut nauwelijks zowel terwijl omdat doordat waardoor zodat
    """
)
# finite verbs after a person as subject ("Reza krijgt ...", "Tomasz wil ...")
FINITE_VERBS = word_set(
    """
    is was heeft had wil wilde werkt werkte woont woonde krijgt kreeg zit zat gaat ging komt kwam belt belde
    zegt zei vertelt vertelde vraagt vroeg kan kon moet moest mag mocht wordt werd zal zou doet deed spreekt
    sprak slaapt sliep staat stond weet wist loopt liep ligt lag blijft bleef geeft gaf neemt nam houdt
    hield zoekt zocht leert leerde kijkt keek voelt voelde denkt dacht vindt vond maakt maakte schreef
    begon hielp dronk zweeg verloor schrok bracht liet zag koos bood sloeg vergat verliet ontving
    """
)
PERSON_PRONOUNS = word_set("hij zij ze die")
SUBJECT_PRONOUNS = word_set("ik je jij u hij zij ze we wij jullie men het er")
T_WORDS = word_set("net echt toch niet best ooit vast straks eerst meest laatst")
# Dutch words that look like foreign given names (end in a single vowel after a consonant)
FOREIGN_LOOKING_WORDS = word_set(
    """
    sofa data pasta agenda villa extra via auto foto radio video euro kilo disco judo taxi kiwi menu pizza
    drama risico piano casino cacao cola gala lava media firma thema sauna quota alinea prima dia visa solo
    demo logo memo metro info expo promo studio tempo schema dilemma trauma stigma nota coma aroma arena
    echo kado cadeau alibi ski mini safari sushi chili accu tofu paraplu yoga yoghurt daarna hierna
    waarna bijna sowieso
    """
)
MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "mrt": 3, "okt": 10, "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The shipped list of given names, casefolded (read once, a few milliseconds)."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))
