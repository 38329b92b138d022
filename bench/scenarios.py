"""What a care worker does on the site, as bench transactions (one call = one measured unit)."""
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
