"""A session as an .ics calendar file."""
from .. import clock
from . import rules


def calendar_file(session, url, now):
    """The bytes of an .ics file with one event for `session`; `url` is the session's public page."""
    import icalendar  # only needed when someone downloads a calendar file

    cal = icalendar.Calendar()
    cal.add("prodid", "-//ZorgSamen//webinars//NL")
    cal.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"webinar-{session['id']}@zorgsamen")
    event.add("dtstamp", now)
    event.add("dtstart", session["starts"])
    event.add("dtend", rules.ends_at(session["starts"], session["minutes"]))
    event.add("summary", session["title"])
    event.add("description", f"{session['speaker']}\n\n{session['description'] or ''}\n\n{url}".strip())
    event.add("url", url)
    event.add("last-modified", clock.parse(session["updated_at"]))
    cal.add_component(event)
    return cal.to_ical()
