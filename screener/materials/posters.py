"""The posters and the flyer: their texts and fixed campaign codes, as data (pure)."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

PAPERS = {"a4": (210, 297), "a3": (297, 420)}  # paper key -> (width, height) in mm, portrait


@dataclass(frozen=True)
class Poster:
    """One printable: a key for its address, its kind, its fixed campaign code and its texts."""

    key: str
    kind: str  # "poster" or "flyer"
    code: str  # the campaign code of the plain poster (an organisation's posters carry its own)
    title: str
    lines: tuple
    description: str


POSTERS = (
    Poster(
        key="hoe-gaat-het",
        kind="poster",
        code="poster-hoe",
        title=_l("Hoe gaat het écht met jou?"),
        lines=(_l("Je zorgt elke dag voor anderen."), _l("Neem twee minuten voor jezelf."),
               _l("Anoniem. Je werkgever ziet niets.")),
        description=_l("Een rustige affiche die zorgverleners uitnodigt om even bij zichzelf stil te staan."),
    ),
    Poster(
        key="wie-zorgt-voor-jou",
        kind="poster",
        code="poster-wie",
        title=_l("Je zorgt voor iedereen. Wie zorgt er voor jou?"),
        lines=(_l("Moe, gespannen of slaap je slecht?"), _l("Twaalf korte vragen tonen of een gesprek je kan helpen."),
               _l("Gratis en anoniem.")),
        description=_l("Voor de personeelsruimte: herkenbare signalen en een kleine eerste stap."),
    ),
    Poster(
        key="collega",
        kind="poster",
        code="poster-collega",
        title=_l("Zorgen om een collega?"),
        lines=(_l("Je hoeft het niet alleen op te lossen."), _l("Korte filmpjes tonen hoe je een gesprek begint."),
               _l("En met de screener kijkt je collega hoe het met hem of haar gaat.")),
        description=_l("Voor wie zich zorgen maakt over een collega: tips om het gesprek te beginnen."),
    ),
    Poster(
        key="flyer",
        kind="flyer",
        code="flyer-zorgsamen",
        title=_l("ZorgSamen: even stilstaan bij jezelf"),
        lines=(_l("Zorgwerk is mooi, maar soms zwaar. Dat is normaal."),
               _l("De screener stelt twaalf korte vragen over hoe je je voelt."),
               _l("Je ziet meteen of een gesprek je kan helpen, en waar je terechtkunt."),
               _l("We vragen geen naam. Je werkgever ziet niets."),
               _l("Wil je liever meteen praten? Laat je nummer achter en iemand belt je terug.")),
        description=_l("Een flyer met meer uitleg, om uit te delen of in een brievenbus te leggen."),
    ),
)
BY_KEY = {poster.key: poster for poster in POSTERS}
KINDS = {"poster": _l("Affiche"), "flyer": _l("Flyer")}
PAPER_LABELS = {"a4": "A4", "a3": "A3"}


def find(key, paper):
    """(the poster, the paper size) for an address's parts, or None when either is unknown."""
    poster = BY_KEY.get(key)
    if poster is None or paper not in PAPERS:
        return None
    return poster, paper
