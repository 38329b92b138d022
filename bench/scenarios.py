"""What a care worker does on the site, as bench transactions (one call = one measured unit)."""
import itertools
import re

ANSWER = re.compile(r'name="answer" value="([^"]+)"')
QUESTION_ACTION = re.compile(r'hx-post="(/screener/vraag/(\d+))"')
SEE_OTHER = (303,)


def first_page(visitor):
    """The first screener page, as a new visitor opens it."""
    visitor.request("GET", "/screener")


class ScreenerSteps:
    """A visitor answering one question after the other (htmx: the POST returns the next question)."""

    def __init__(self):
        self.state = {}

    def start(self, visitor):
        visitor.request("GET", "/screener")
        _, _, page = visitor.request("POST", "/screener/start", form={"csrf_token": visitor.csrf}, htmx=True)
        return page

    def __call__(self, visitor):
        page = self.state.get(id(visitor))
        if page is None or not QUESTION_ACTION.search(page):
            page = self.start(visitor)  # not measured separately: a new run every 12 steps or so
        action = QUESTION_ACTION.search(page).group(1)
        answer = ANSWER.search(page).group(1)
        _, _, page = visitor.request("POST", action, form={"csrf_token": visitor.csrf, "answer": answer}, htmx=True)
        self.state[id(visitor)] = page


def whole_screening(visitor):
    """From the intro page to the result, with JavaScript (htmx), answering the lowest option."""
    visitor.request("GET", "/screener")
    _, _, page = visitor.request("POST", "/screener/start", form={"csrf_token": visitor.csrf}, htmx=True)
    while (match := QUESTION_ACTION.search(page)):
        answer = ANSWER.search(page).group(1)
        _, _, page = visitor.request("POST", match.group(1), form={"csrf_token": visitor.csrf, "answer": answer},
                                     htmx=True)
    visitor.request("POST", "/screener/over-jou", form={"csrf_token": visitor.csrf}, htmx=True)
    visitor.request("GET", "/screener/resultaat")


def ceiling_get(visitor):
    visitor.request("GET", "/")


def ceiling_post(visitor):
    visitor.request("POST", "/", form={"answer": "1"})


REFERENCE = re.compile(r"ZS-[A-Z0-9]{6}")
PROVINCES = ("antwerpen", "limburg", "oost_vlaanderen", "west_vlaanderen", "vlaams_brabant", "brussel")


def contact_form(visitor, number):
    """The fields of one complete request (choice: 'auto' in a province), with consent."""
    return {"csrf_token": visitor.csrf, "name": f"Bench {number}", "phone": "0470 12 34 56", "choice": "auto",
            "province": PROVINCES[number % len(PROVINCES)], "consent": "1", "action": "send"}


def send_contact_request(visitor, number):
    """POST a complete request and read the thank-you page; returns the reference shown (or raises)."""
    if visitor.csrf is None:
        visitor.request("GET", "/aanmelden")
    visitor.request("POST", "/aanmelden", form=contact_form(visitor, number), expect=SEE_OTHER)
    _, _, page = visitor.request("GET", "/aanmelden/klaar")
    match = REFERENCE.search(page)
    if not match:
        raise AssertionError("no reference on the thank-you page")
    return match.group(0)


class ContactRequests:
    """A worker sending the request form (POST -> 303) and reading the thank-you page with the reference."""

    def __init__(self):
        self.numbers = itertools.count(1)

    def __call__(self, visitor):
        send_contact_request(visitor, next(self.numbers))
