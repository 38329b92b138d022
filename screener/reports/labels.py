"""Plain Dutch labels for the keys stored in the database (gettext msgids, translated lazily)."""
from flask_babel import lazy_gettext as _l

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


def profile_labels(field):
    """{key: label} of "gender", "sector" or "province" in the reader's language, from the screener
    content itself: the reports name each group exactly as the worker chose it."""
    from ..screening.content import profile_options

    return dict(profile_options(field))


def label(mapping, key):
    """The label of a key, 'Niet ingevuld' for an empty one, the key itself when unknown."""
    if key is None or key == "":
        return mapping.get(None, NOT_GIVEN)
    return mapping.get(key, key)
