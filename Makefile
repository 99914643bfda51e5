# Sales Control Suite — the two commands (X-1) and their helpers.
#   make run    start Odoo 18 at http://localhost:8069 on the demo database (created once)
#   make test   run every test of every module, together and each module alone
PYTHON ?= python3
PGHOST ?= localhost
PGPORT ?= 5432
PGUSER ?= odoo
PGPASSWORD ?= odoo
DEMO_DB ?= sales_demo
HTTP_PORT ?= 8069
export PYTHON PGHOST PGPORT PGUSER PGPASSWORD DEMO_DB HTTP_PORT

# PEP 668: a distribution's own Python (Debian/Ubuntu python3, which a packaged Odoo runs on)
# is "externally managed" and pip refuses to install into it. `make` never overrides that by
# itself: when a requirement is missing there it stops and says what to do, and passes pip
# --break-system-packages only if you opt in with BREAK_SYSTEM_PACKAGES=1.
BREAK_SYSTEM_PACKAGES ?=
PIP = PIP_ROOT_USER_ACTION=ignore $(PYTHON) -m pip install --quiet --quiet --disable-pip-version-check \
	$(if $(BREAK_SYSTEM_PACKAGES),--break-system-packages)
# Install the requirements file $(1) (extra pip options in $(2)), minding PEP 668 (see above).
define pip_install
	@if [ -z "$(BREAK_SYSTEM_PACKAGES)" ] && $(PYTHON) -c 'import os, sys, sysconfig; \
		sys.exit(sys.prefix != sys.base_prefix \
		or not os.path.isfile(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))'; then \
	missing=$$($(PYTHON) -m pip install --dry-run --quiet --disable-pip-version-check --report - $(2) -r $(1) \
		| $(PYTHON) -c 'import json, sys; print(" ".join(i["metadata"]["name"] for i in json.load(sys.stdin)["install"]))') \
		|| exit 1; \
	[ -z "$$missing" ] || { \
		echo "$(PYTHON) is externally managed (PEP 668): pip may not install $$missing into it."; \
		echo "Either use a virtual environment that sees Odoo:"; \
		echo "  $(PYTHON) -m venv --system-site-packages .venv && make $(MAKECMDGOALS) PYTHON=.venv/bin/python"; \
		echo "or install them with your system's packages, or let pip write into the system Python:"; \
		echo "  make $(MAKECMDGOALS) BREAK_SYSTEM_PACKAGES=1"; \
		exit 1; }; \
	else $(PIP) $(2) -r $(1); fi
endef

.PHONY: help run reset test test-module lint deps deps-dev odoo postgres browser pot readme

help:
	@sed -n 's/^#   //p' Makefile

odoo:
	@$(PYTHON) scripts/check_odoo.py

postgres:
	@scripts/ensure_postgres.sh

browser:
	@scripts/ensure_browser.sh

# The OCA addons are installed without their declared dependency on the `odoo`
# distribution, which pip cannot see when Odoo comes from a Debian package or a
# source checkout; everything they need besides Odoo is listed in requirements.txt.
deps: odoo
	$(call pip_install,requirements.txt,--no-deps)

deps-dev: deps
	$(call pip_install,requirements-dev.txt)

run: odoo postgres deps
	@$(PYTHON) scripts/run_demo.py

reset: odoo postgres deps
	@$(PYTHON) scripts/run_demo.py --reset

test: odoo postgres browser deps-dev
	@$(PYTHON) tests/run_suite.py $(TEST_ARGS)

# One module, on a database where the suite is already installed (fast loop):
#   make test-module MODULE=sales_doc_control DB=sales_demo
test-module: odoo postgres deps-dev
	@$(PYTHON) -m odoo -d $(DB) --db_host=$(PGHOST) --db_port=$(PGPORT) --db_user=$(PGUSER) --db_password=$(PGPASSWORD) \
		--addons-path=addons -u $(MODULE) --test-enable --test-tags=/$(MODULE) --stop-after-init \
		--http-port=18099 --log-level=warn --log-handler=odoo.tests.result:INFO

# Refresh a module's .pot from a database where it is installed, then merge zh_CN.po:
#   make pot MODULE=sales_doc_control DB=sales_demo
pot: odoo
	@$(PYTHON) -m odoo -d $(DB) --db_host=$(PGHOST) --db_port=$(PGPORT) --db_user=$(PGUSER) --db_password=$(PGPASSWORD) \
		--addons-path=addons --i18n-export=addons/$(MODULE)/i18n/$(MODULE).pot --modules=$(MODULE) \
		--stop-after-init --http-port=18099 --log-level=warn
	@$(PYTHON) scripts/update_translations.py addons/$(MODULE)

# Rebuild every module's README.rst from its readme/ fragments.
readme:
	@for m in addons/*/; do $(PYTHON) scripts/gen_readme.py "$$m"; done

lint: deps-dev
	@$(PYTHON) -m pre_commit run --all-files --show-diff-on-failure

# Speed benchmarks (X-7); fails when one misses its target:
#   make bench  run every bench/bench_*.py, each against a baseline measured in the same run
.PHONY: bench
bench: odoo postgres deps-dev
	$(call pip_install,bench/requirements.txt,--no-deps)
	@status=0; for bench in bench/bench_*.py; do $(PYTHON) "$$bench" || status=1; done; exit $$status
