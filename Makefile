# The two commands of the README: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app app
# Local development over http on 127.0.0.1: cookies without the Secure flag, demo accounts.
DEV_ENV := ZORGSAMEN_SESSION_COOKIE_SECURE=false ZORGSAMEN_DEMO_MODE=true ZORGSAMEN_REQUIRE_TOTP=false

.PHONY: run test setup chromium bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

# Browser tests drive Debian's chromium; install it when missing.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi

run: setup
	$(DEV_ENV) $(FLASK) init-db
	$(DEV_ENV) $(FLASK) demo --if-empty
	@echo "Site: http://127.0.0.1:5000   (development mailbox: http://127.0.0.1:5000/dev/mailbox)"
	$(DEV_ENV) $(FLASK) worker & WORKER=$$!; \
	  trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	  $(DEV_ENV) $(FLASK) run --debug --no-reload --host 127.0.0.1 --port 5000

test: setup chromium
	$(VENV)/bin/pytest

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts

# English catalogue: extract every marked string, merge it into translations/en, compile the .mo.
# Then translate what is new in translations/en/LC_MESSAGES/messages.po and run it again (docs/translations.md).
.PHONY: translations
translations: setup
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -c TRANSLATORS: --project=ZorgSamen -o translations/messages.pot .
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations -l en --no-fuzzy-matching --ignore-obsolete
	$(VENV)/bin/pybabel compile -d translations --statistics
