"""Content is data (YAML beside this file). Each feature registers a loader that validates its files."""
from pathlib import Path

import click
import yaml
from flask.cli import AppGroup, with_appcontext
from flask import current_app

from ..extensions import current_language


class ContentError(Exception):
    """A content file is invalid: names the file, the item (or node) and the problem."""

    def __init__(self, file, item, problem):
        self.file, self.item, self.problem = file, item, problem
        super().__init__(f"{file}: {item}: {problem}")


# libyaml's safe loader when PyYAML was built with it: the same data, read several times faster
# (the content is read at every start, and every test starts an app).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path):
    """The data in a YAML file; ContentError with a Dutch message naming the file (and the line, when YAML gives one)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path.name, "(bestand)", f"niet gevonden: {path}") from None
    except UnicodeDecodeError:
        raise ContentError(path.name, "(bestand)", "is geen UTF-8-tekst") from None
    except OSError as exc:
        raise ContentError(path.name, "(bestand)", f"niet leesbaar: {exc.strerror or exc}") from None
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"regel {mark.line + 1}" if mark else "(bestand)"
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContentError(path.name, where, f"geen geldige YAML ({detail})") from None


def localized(entry, language=None):
    """A content text given per language ({nl: ..., en: ...}) in `language`, by default the visitor's;
    the Dutch text when that one is missing. A plain string is returned as it is."""
    if not isinstance(entry, dict):
        return entry
    return entry.get(language or current_language()) or entry.get("nl")


def register(app, name, loader):
    """Register `loader(app)` which loads, validates and returns a feature's content.

    It raises ContentError for invalid content (several may be joined with ContentErrors).
    The loaded content is kept in app.extensions["content"][name].
    """
    app.extensions.setdefault("content_loaders", {})[name] = loader


class ContentErrors(Exception):
    """Several content problems at once."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def load_all(app):
    """Load every registered content set; raise ContentErrors listing every problem found."""
    loaded, problems = {}, []
    for name, loader in app.extensions.get("content_loaders", {}).items():
        try:
            loaded[name] = loader(app)
        except ContentErrors as exc:
            problems.extend(exc.errors)
        except ContentError as exc:
            problems.append(exc)
    if problems:
        raise ContentErrors(problems)
    app.extensions["content"] = loaded
    return loaded


def get(name):
    """The loaded content of one feature."""
    return current_app.extensions["content"][name]


@click.group("content", cls=AppGroup)
def content_cli():
    """Content files (screener items, first-helper tree)."""


@content_cli.command("check")
@with_appcontext
def check_command():
    """Validate every content file; exit 1 with the problems listed."""
    loaded = checked(load_all, current_app)
    click.echo("Content OK: " + ", ".join(sorted(loaded)))


def checked(load, *args):
    """Run a content loader for a `check` command: its result, or every problem printed and exit 1."""
    try:
        return load(*args)
    except (ContentError, ContentErrors) as exc:
        for problem in getattr(exc, "errors", [exc]):
            click.echo(f"FOUT {problem}", err=True)
        raise SystemExit(1)
