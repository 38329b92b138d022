"""Plain Dutch labels for the keys stored in the database (gettext msgids, translated lazily)."""
from flask_babel import lazy_gettext as _l

SECTORS = {
    "hospital": _l("Ziekenhuis"),
    "elderly_care": _l("Ouderenzorg"),
    "home_care": _l("Thuiszorg"),
    "disability_care": _l("Zorg voor personen met een handicap"),
    "mental_health": _l("Geestelijke gezondheidszorg"),
    "youth_care": _l("Jeugdhulp"),
    "childcare": _l("Kinderopvang"),
    "primary_care": _l("Eerstelijnszorg"),
    "welfare": _l("Welzijnswerk"),
    "other": _l("Andere sector"),
}
GENDERS = {"vrouw": _l("Vrouw"), "man": _l("Man"), "andere": _l("Andere")}
PROVINCES = {
    "antwerpen": _l("Antwerpen"),
    "limburg": _l("Limburg"),
    "oost_vlaanderen": _l("Oost-Vlaanderen"),
    "vlaams_brabant": _l("Vlaams-Brabant"),
    "west_vlaanderen": _l("West-Vlaanderen"),
    "brussel": _l("Brussel"),
}
BANDS = {"green": _l("Groen"), "orange": _l("Oranje"), "red": _l("Rood")}
KINDS = {
    "edpb": _l("Preventiedienst (trap 1)"),
    "elp": _l("Eerstelijnspsycholoog (trap 2)"),
    "cgg": _l("CGG (trap 3)"),
    None: _l("Nog niet toegewezen"),
}
OUTCOMES = {
    "supported": _l("Geholpen"),
    "referred": _l("Doorverwezen"),
    "unreachable": _l("Niet bereikbaar"),
    "declined": _l("Wou geen hulp meer"),
    "withdrawn": _l("Ingetrokken"),
    "open": _l("Nog open"),
}
NOT_GIVEN = _l("Niet ingevuld")
UNASSIGNED = _l("Coördinatoren (nog niet toegewezen)")


def label(mapping, key):
    """The label of a key, 'Niet ingevuld' for an empty one, the key itself when unknown."""
    if key is None or key == "":
        return mapping.get(None, NOT_GIVEN)
    return mapping.get(key, key)
