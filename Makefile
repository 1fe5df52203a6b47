# SalesDojo: `make run` serves the demo site, `make test` runs the tests. Both work on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000
APT_RUN := ffmpeg
APT_TEST := chromium sox festival festvox-ru redis-server

.PHONY: run test install install-dev system-test-deps translations migrate seed lint bench clean

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq python3-venv)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.dev-installed

# Debian packages the tests need (headless Chromium for browser tests, sox/festival for audio fixtures, Redis for
# the RQ tests); installed only when missing and when we may (root or passwordless sudo).
system-test-deps:
	@missing=""; for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo -n"; \
	  echo "Installing Debian packages:$$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d app/translations

migrate: $(VENV)/.installed
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo --if-empty

# The demo company's words for speech recognition (see docs/speech.md); `ASR_VOCABULARY= make run` for none.
run: export ASR_VOCABULARY ?= Стрела Экспресс, курьерская доставка, логистика
run: translations seed
	@echo "SalesDojo is starting on http://$(HOST):$(PORT)  (demo logins: see README.md)"
	$(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT) --no-reload

test: $(VENV)/.dev-installed system-test-deps translations
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .

bench: $(VENV)/.installed
	$(BIN)/python -m scoring bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
