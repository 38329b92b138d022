"""Self-care stories: the public list, one page per story, sharing, confirming, withdrawing; moderation."""
from flask import Blueprint, current_app, flash, make_response, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user

from .. import clock, crypto
from ..db import get_db
from ..errors import abort_with, render_error
from ..extensions import csrf, current_language, limiter
from ..screening.content import profile_options
from ..staff import shell
from ..staff.auth import coordinator_required
from ..visits.rules import is_bot
from ..web import no_store, render, to_page, wants_fragment
from . import moderation, queries, rules, sharing
from .forms import ConfirmForm, EditForm, PublishForm, RejectForm, StoryForm

bp = Blueprint("stories", __name__, url_prefix="/verhalen")
# Under /partners: staff pages, which the visit counter leaves out.
staff_bp = Blueprint("stories_staff", __name__, url_prefix="/partners/verhalen")
SHARED_KEY = "story_shared"  # the session remembers the last shared story's withdraw link for the thanks page


def _sectors():
    return profile_options("sector", current_language())


# --- public ---------------------------------------------------------------------------------------

@bp.get("/")
def index():
    """Published stories, newest first, filtered by sector (?sector=)."""
    sectors = _sectors()
    chosen = request.args.get("sector", "")
    if chosen not in dict(sectors):
        chosen = ""
    now = clock.now()
    stories = queries.published(get_db(), clock.iso(rules.shown_since(now)), chosen or None)
    return render("stories/_index.html", title=_("Zorg voor jezelf: verhalen"), stories=stories, sectors=sectors,
                  sector_labels=dict(sectors), chosen=chosen)


def _shown_story(story_id):
    """(db, the story, now); the story is None once its two years are over. 404 when it is not published."""
    db = get_db()
    story = queries.story(db, story_id)
    now = clock.now()
    if story is None or story["status"] != "published":
        abort_with(404, _("Dit verhaal bestaat niet (meer). Misschien trok de schrijver het in."))
    return db, (story if sharing.shown(story, now) else None), now


def _gone():
    return render("stories/_gone.html", status=410, title=_("Dit verhaal staat niet meer online"))


@bp.get("/<int:story_id>")
def show(story_id):
    """One published story, with its "dit hielp mij ook"; each read is counted per day."""
    db, story, now = _shown_story(story_id)
    if story is None:
        return _gone()
    # Back from "dit hielp mij ook" without JavaScript (?bedankt=1) is the same read, not a new one.
    if not is_bot(request.headers.get("User-Agent")) and not request.args.get("bedankt"):
        sharing.count_read(db, story_id, now)
    return _story_page(db, story)


def _story_page(db, story, helped_now=False, status=200):
    return render("stories/_story.html", status=status, title=story["title"], story=story,
                  helped=queries.helped_count(db, story["id"]), helped_now=helped_now,
                  sector_labels=dict(_sectors()), form=ConfirmForm())


@bp.post("/<int:story_id>/hielp")
def helped(story_id):
    """Count "dit hielp mij ook" once per browser per day; htmx swaps the button, else back to the story."""
    db, story, now = _shown_story(story_id)
    if story is None:
        return _gone()
    _counted, count = sharing.mark_helped(db, story_id, now)
    if wants_fragment():
        return render("stories/_helped.html", story=story, helped=count, helped_now=True, form=ConfirmForm())
    return redirect(url_for("stories.show", story_id=story_id, bedankt=1) + "#hielp")


def _share_form():
    return StoryForm(sector_keys=[key for key, _label in _sectors()])


def _show_share(form, status=200, notice=None):
    return render("stories/_share.html", status=status, title=_("Deel jouw verhaal"), form=form, sectors=_sectors(),
                  max_words=rules.MAX_WORDS, notice=notice)


def _too_many(_limit):
    # Over the limit: the story stays in the form, with when to try again, instead of an error page.
    notice = _("Er kwamen van hier heel veel verhalen na elkaar. Probeer het over een uur opnieuw. "
               "Je tekst staat er nog.")
    return make_response(*_show_share(_share_form(), 429, notice))


def _submit_limit():
    return current_app.config["STORIES_SUBMIT_LIMIT"]


@bp.errorhandler(RateLimitExceeded)
def _rate_limited(exc):
    return exc.response if exc.response is not None else render_error(429)


@bp.route("/delen", methods=["GET", "POST"])
@csrf.exempt  # checked below: a story can take long to write, an expired token must not lose it
@limiter.limit(_submit_limit, methods=["POST"], on_breach=_too_many)
def share():
    """The form to share a story; it waits for a coordinator before anyone sees it."""
    form = _share_form()
    if request.method == "GET":
        return _show_share(form)
    if form.csrf_expired():
        return _show_share(form, 400, _("Je formulier was verlopen. Je tekst staat er nog: verstuur hem opnieuw."))
    if not form.validate():
        return _show_share(form, 422)
    token = sharing.submit(get_db(), form.values(), clock.now(), current_language())
    # Encrypted: the session cookie is only signed, and the withdraw link must not be readable on the device.
    session[SHARED_KEY] = crypto.encrypt({"token": token, "asked_email": bool(form.email.data)})
    return to_page(url_for("stories.thanks"))  # a reload shows the thanks, it never sends again


@bp.get("/bedankt")
def thanks():
    """The thank-you screen with the author's withdraw link, as long as this browser's session lasts."""
    shared = session.get(SHARED_KEY)
    opened = crypto.decrypt(shared) if isinstance(shared, str) else None
    if not isinstance(opened, dict):
        return redirect(url_for("stories.share"))
    return no_store(make_response(render("stories/_thanks.html", title=_("Bedankt voor je verhaal"),
                                         token=opened["token"], asked_email=opened["asked_email"])))


@bp.route("/bevestig/<token>", methods=["GET", "POST"])
def confirm(token):
    """Confirm the address with the link from the e-mail (a button, so mail scanners do not confirm)."""
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        done = sharing.confirm(get_db(), token)
        return render("stories/_confirm.html", title=_("Bevestig je e-mailadres"), done=done, form=form, token=token,
                      status=200 if done else 404)
    return render("stories/_confirm.html", title=_("Bevestig je e-mailadres"), done=None, form=form, token=token)


@bp.route("/intrekken/<token>", methods=["GET", "POST"])
def withdraw(token):
    """The author's private link: take the story down at once."""
    db = get_db()
    story = sharing.story_for_withdraw(db, token)
    if story is None:
        abort_with(404, _("Deze link kennen we niet. Kijk of je hem helemaal overnam."))
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        sharing.withdraw(db, token, clock.now())
        story = sharing.story_for_withdraw(db, token)
    return render("stories/_withdraw.html", title=_("Je verhaal intrekken"), story=story, form=form, token=token)


# --- moderation (coordinators) -------------------------------------------------------------------------

@staff_bp.get("/")
@coordinator_required
def queue():
    """The stories waiting for a decision (flagged first) and the latest decisions."""
    db = get_db()
    return shell.render("stories/_queue.html", title=_("Verhalen nakijken"), active="stories",
                        waiting=queries.queue(db), decided=queries.recent_decisions(db),
                        sector_labels=dict(_sectors()))


def _review(story_id, status=200, **forms):
    story = queries.story(get_db(), story_id)
    if story is None:
        abort_with(404, _("Dit verhaal bestaat niet (meer)."))
    edit = forms.get("edit") or EditForm(data={"title": story["title"], "body": story["body"]})
    return shell.render("stories/_review.html", status=status, title=_("Verhaal nakijken"), active="stories",
                        story=story, edit=edit, publish=forms.get("publish") or PublishForm(),
                        reject=forms.get("reject") or RejectForm(), sector_labels=dict(_sectors()),
                        words=rules.word_count(story["body"]), can_act=rules.can_act(story["status"]),
                        notice=forms.get("notice"))


@staff_bp.get("/<int:story_id>")
@coordinator_required
def review(story_id):
    """One story to edit, publish or reject."""
    return _review(story_id)


def _decided(story_id):
    flash(_("Dit verhaal is al beslist of ingetrokken."))
    return redirect(url_for("stories_staff.queue"), 303)


@staff_bp.post("/<int:story_id>/bewerken")
@coordinator_required
def edit(story_id):
    """Save a coordinator's edit for anonymity (before the decision)."""
    form = EditForm()
    if not form.validate():
        return _review(story_id, 422, edit=form)
    try:
        moderation.edit(get_db(), story_id, form.title.data, form.body.data, current_user.id, clock.now())
    except moderation.NotWaiting:
        return _decided(story_id)
    flash(_("Aanpassing bewaard. Alleen de aangepaste versie blijft."))
    return redirect(url_for("stories_staff.review", story_id=story_id), 303)


@staff_bp.post("/<int:story_id>/publiceren")
@coordinator_required
def publish(story_id):
    """Publish; a flagged story only with the tick that the human check was done."""
    form = PublishForm()
    if not form.validate():
        return _review(story_id, 400)
    try:
        moderation.publish(get_db(), story_id, form.checked.data, current_user.id, clock.now())
    except moderation.CheckNeeded:
        form.checked.errors = [_("Vink eerst aan dat je dit verhaal nakeek op zelfbeschadiging of zelfdoding.")]
        return _review(story_id, 422, publish=form)
    except moderation.NotWaiting:
        return _decided(story_id)
    flash(_("Verhaal gepubliceerd."))
    return redirect(url_for("stories_staff.queue"), 303)


@staff_bp.post("/<int:story_id>/afwijzen")
@coordinator_required
def reject(story_id):
    """Reject with a reason."""
    form = RejectForm()
    if not form.validate():
        return _review(story_id, 422, reject=form)
    try:
        moderation.reject(get_db(), story_id, form.reason.data, current_user.id, clock.now())
    except moderation.NotWaiting:
        return _decided(story_id)
    flash(_("Verhaal afgewezen."))
    return redirect(url_for("stories_staff.queue"), 303)
