# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: run test install system-packages lint migrations-check pytest test-postgres messages clean

# Re-install only when the dependency list changes.
$(BIN)/.installed: pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Certificates need DejaVu Sans (accented and Vietnamese names, embedded for PDF/A) and
# HarfBuzz's subsetter (WeasyPrint's fallback, fontTools, is ~30x slower); the translation
# catalogues need GNU gettext (msgfmt, xgettext). Debian packages.
SYSTEM_PACKAGES := fonts-dejavu-core libharfbuzz-subset0 gettext
system-packages:
	@if ! fc-list | grep -q "DejaVu Sans" || ! ldconfig -p | grep -q libharfbuzz-subset \
	    || ! command -v msgfmt >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y -q $(SYSTEM_PACKAGES) >/dev/null || \
	    { apt-get update -q >/dev/null && apt-get install -y -q $(SYSTEM_PACKAGES) >/dev/null; }; \
	  else \
	    echo "Please install: $(SYSTEM_PACKAGES)"; exit 1; \
	  fi; \
	fi

install: system-packages $(BIN)/.installed node_modules/.installed compiled-messages

# The interface's translations: the .po catalogues in locale/ are compiled to .mo (git-ignored) at
# every set-up; compilemessages skips a catalogue whose .mo is newer than it.
.PHONY: compiled-messages
compiled-messages: $(BIN)/.installed
	@if [ -d locale ]; then \
	  $(BIN)/python manage.py compilemessages --ignore='.venv' --ignore='node_modules' -v0; \
	fi

# Regenerate the catalogues from the source (translators: then translate, `msgfmt --check`).
messages: $(BIN)/.installed
	$(BIN)/python manage.py makemessages -l es -l it -l pt --no-location --no-obsolete --ignore='.venv/*' --ignore='node_modules/*' --ignore='static_collected/*' --ignore='tests/*' --ignore='bench/*'

# Links sent out (certificates, QR codes, e-mails) point at the port served: `make run PORT=8111`.
SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py seed_demo --if-empty
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install
	DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

pytest: install
	$(BIN)/pytest -q

test: lint migrations-check pytest

# The same suite against PostgreSQL (CI's second leg); REQUIRE_POSTGRES turns the concurrency
# tests' skip on another database into a failure (tests/conftest.py).
test-postgres: install
	DATABASE_URL=$(PG_URL) REQUIRE_POSTGRES=1 $(BIN)/pytest -q

# The wheel carries a working site: built, installed in a fresh virtualenv outside the checkout,
# checked and asked for pages (.ci/wheel-check; CI runs it).
.PHONY: wheel-check
wheel-check: install
	.ci/wheel-check

clean:
	rm -rf $(VENV) node_modules static_collected

# Browser journeys at a phone's size (tests/e2e) with Debian's Chromium (Playwright's own browser
# download does not work here); a screenshot of every step lands in e2e-artifacts/.
.PHONY: e2e
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
e2e: install
	test -x /usr/bin/chromium || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)
	$(BIN)/pytest tests/e2e -p no:cacheprovider

# A production-shaped cluster on this machine (docs/deployment.md): PostgreSQL, two gunicorn web
# nodes on :8101 and :8102, one task worker; state, PID files and logs in .cluster/.
.PHONY: cluster cluster-stop test-cluster
cluster: install
	deploy/cluster.sh start

cluster-stop:
	deploy/cluster.sh stop

# Every benchmark, one table and the goals met or not (docs/performance.md): load on both nodes
# with Debian's wrk, query counts, a realistic day with Locust (its own .bench/locust-venv), our
# lesson page against wagtail-lms's (its own .bench/peer-venv), roll call, certificates,
# indicators. Starts the cluster with the bare view if needed and leaves it stopped (the peer
# comparison takes its ports). About 12 minutes.
.PHONY: bench
bench: install
	command -v wrk >/dev/null || ($(SUDO) apt-get install -y -q wrk || ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q wrk))
	deploy/cluster.sh bench

# The cluster tests (tests/cluster): starts the cluster if it is not running, stops it afterwards.
test-cluster: install
	deploy/cluster.sh test
