"""The words of a case, defined once: the keys stored in the database and their labels.

Every page, e-mail and report reads them here. Labels are gettext msgids in plain Dutch, translated
when shown. Only keys and words: the rules live in transitions.py and routing.py.
"""
from flask_babel import lazy_gettext as _l

# Statuses, in the order a case goes through them.
STATUS_LABELS = {"new": _l("Nieuw"), "claimed": _l("Opgenomen"), "contacted": _l("Contact gehad"),
                 "closed": _l("Afgesloten")}
STATUSES = tuple(STATUS_LABELS)
OVERDUE_LABEL = _l("Te laat")  # an open case past its deadline without first contact (transitions.is_overdue)
# The case list's views (queries.STATUS_FILTERS), in the order the staff navigation shows them.
LIST_LABELS = {"open": _l("Alle open"), "new": STATUS_LABELS["new"], "claimed": STATUS_LABELS["claimed"],
               "contacted": STATUS_LABELS["contacted"], "overdue": OVERDUE_LABEL, "closed": STATUS_LABELS["closed"]}

# How a case ended: one short label on the team's pages, in the history, the close form and the reports.
# A team closes with one of transitions.CLOSE_OUTCOMES; "referred" comes from a handover.
# "supported" keeps its stored key: it always meant a short help.
OUTCOME_LABELS = {"supported": _l("Geholpen in 1 of 2 gesprekken"),
                  "ongoing": _l("Verdere begeleiding door deze organisatie"),
                  "referred_outside": _l("Doorverwezen buiten het platform"), "referred": _l("Doorverwezen"),
                  "unreachable": _l("Geen contact mogelijk"), "declined": _l("Wil geen hulp"),
                  "withdrawn": _l("Ingetrokken")}

# The stepped model: each kind of organisation works at one step ("trap").
KIND_STEP = {"edpb": 1, "elp": 2, "cgg": 3}
STEP_KIND = {step: kind for kind, step in KIND_STEP.items()}
# Staff name the kind with its step; a worker reads who will call them, in a sentence.
KIND_LABELS = {"edpb": _l("Preventiedienst (trap 1)"), "elp": _l("Eerstelijnspsycholoog (trap 2)"),
               "cgg": _l("CGG (trap 3)")}
KIND_DESCRIPTIONS = {
    "edpb": _l("de preventiedienst van je werkgever"),
    "elp": _l("een eerstelijnspsycholoog in je regio"),
    "cgg": _l("een centrum voor geestelijke gezondheidszorg"),
}

# The provinces a provider serves and a request is routed by. Their names are in the screener
# content (screener/content/screener.yml, profile.province), which must use exactly these keys.
PROVINCES = ("antwerpen", "limburg", "oost_vlaanderen", "vlaams_brabant", "west_vlaanderen", "brussel")

# How a team tried to reach someone, or how the worker prefers to be reached.
CHANNEL_LABELS = {"phone": _l("Telefoon"), "email": _l("E-mail"), "sms": _l("Sms")}
# How the worker agreed to be contacted by the next organisation before a referral (read in a sentence:
# "Akkoord van de persoon: telefonisch").
AGREEMENT_LABELS = {"phone": _l("telefonisch"), "email": _l("per e-mail"), "conversation": _l("in een gesprek")}
# When a worker prefers to be called, shift work included; the labels read in a sentence
# ("bellen, na een nachtdienst (vanaf 14:00), weekend").
MOMENT_LABELS = {"after_night_shift": _l("na een nachtdienst (vanaf 14:00)"), "morning": _l("voormiddag"),
                 "afternoon": _l("namiddag"), "evening": _l("avond"), "weekend": _l("weekend")}
MOMENTS = tuple(MOMENT_LABELS)
# "Not before": the whole hours a worker can choose, stored as "HH:MM" (cases.not_before).
NOT_BEFORE_HOURS = tuple(f"{hour:02d}:00" for hour in range(8, 21))

# What happened to a case: its history (case_events kinds) and the audit log's entries about it.
EVENT_LABELS = {"created": _l("Aanmelding ontvangen"), "claimed": _l("Opgenomen"), "attempt": _l("Contactpoging"),
                "first_contact": _l("Eerste contact"),
                "contact_undone": _l("Eerste contact ongedaan gemaakt"), "referred": _l("Doorverwezen"), "closed": _l("Afgesloten"),
                "withdrawn": _l("Ingetrokken door de persoon"), "reminder": _l("Herinnering verstuurd"),
                "escalation": _l("Gemeld aan de stuurgroep"), "assigned": _l("Toegewezen aan organisatie"),
                "case_viewed": _l("Dossier bekeken"),
                "followup_stopped": _l("Opvolging stopgezet door de persoon"),
                "signed_in": _l("Aangemeld")}
