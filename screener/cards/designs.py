"""The card designs: our own drawings in static/cards/<key>.svg, each with a text alternative."""
from flask_babel import lazy_gettext as _l

DESIGNS = {
    "zon": _l("Een gele zon met warme stralen op een zachtoranje achtergrond"),
    "hart": _l("Een rood hart met een klein hartje ernaast op een roze achtergrond"),
    "bloemen": _l("Drie bloemen in roze, geel en paars op een lichtgroene achtergrond"),
    "koffie": _l("Een dampende kop koffie of thee op een lichtbruine achtergrond"),
    "regenboog": _l("Een regenboog tussen twee witte wolkjes op een lichtblauwe achtergrond"),
    "ballonnen": _l("Drie ballonnen in rood, blauw en geel op een crèmekleurige achtergrond"),
}
DEFAULT = "zon"


def design_file(key):
    """The static file name of a design."""
    return f"cards/{key}.svg"
