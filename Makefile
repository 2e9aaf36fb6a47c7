# Social Media Policy Kit — everyday commands. Run `make help` for the list.
PYTHON  ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.kit-installed
SITE    ?= site
HOST    ?= 127.0.0.1:8000

# The kit's own commands do not print upstream "MkDocs 2.0" / end-of-life banners.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help site serve test lint check-variables check-language check-site properdocs clean
.PHONY: publish rollback offline pdf
.PHONY: new-org update-kit kit-release
.PHONY: bench
.PHONY: editor editor-install editor-data
.PHONY: redline redlines dossier docx due

help:  ## Show the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { echo "Creating the virtual environment in $(VENV) ..."; $(PYTHON) -m venv $(VENV); }
	@echo "Installing the kit and its dependencies (first time only) ..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

site: $(STAMP)  ## Build the policy site into site/ (strict: any problem fails; VERBOSE=1 shows every message)
	@$(BIN)/python -m policykit.lifecycle.sitebuild --site-dir "$(SITE)" $(if $(VERBOSE),--verbose)

properdocs: $(STAMP)  ## Build the same site with ProperDocs (the maintained MkDocs 1.x fork)
	$(BIN)/properdocs build --strict --clean -f mkdocs.yml --site-dir $(SITE)

serve: $(STAMP)  ## Live preview on http://127.0.0.1:8000 (rebuilt on every save; problems show in the page)
	@$(BIN)/python -m policykit.lifecycle.preview --dev-addr $(HOST)

check-variables: $(STAMP)  ## Check variables/company.yml only (fast)
	$(BIN)/policykit check-variables

check-language: $(STAMP)  ## Spelling, plain language, terms, translations of the pages (fast; PAGES=… for some)
	$(BIN)/policykit check-language $(PAGES)

check-site: $(STAMP)  ## The build's checks on the sources and a built site: make check-site SITE=site
	$(BIN)/policykit check --sources $(SITE)

# The suite starts a few hundred Python processes: it lets them keep their compiled modules
# (__pycache__/, git-ignored) even where the environment says PYTHONDONTWRITEBYTECODE.
test: $(STAMP)  ## Run every test (and the linter), on every core
	$(BIN)/ruff check hooks tests benchmarks
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n auto --dist loadscope --no-loadscope-reorder

bench: $(STAMP)  ## Benchmarks of the build checks and of search (installs the 'bench' extra; takes minutes)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/search.py

lint: $(STAMP)  ## Lint the Python code
	$(BIN)/ruff check hooks tests benchmarks

# --- Web editor (admin/, Decap CMS) ------------------------------------------------------
EDITOR_PORT ?= 8000
EDITOR_BACKEND_PORT ?= 8081
editor-install:  ## Install the web editor and its local backend into editor/ (npm, once)
	bash editor/install.sh

editor: $(STAMP) editor-install  ## Try the web editor on this machine: saves into this working tree
	$(BIN)/policykit editor --port $(EDITOR_PORT) --backend-port $(EDITOR_BACKEND_PORT)

editor-data: $(STAMP)  ## Move contacts, accounts, spokespeople to variables/editor/people.yml (web editor forms)
	$(BIN)/policykit editor-data

# --- Publish and print (deploy/nginx/ holds the web server configuration) ---------------
OFFLINE_SITE ?= site-offline
PDF_DIR      ?= pdf

KEEP         ?= 3
publish: $(STAMP)  ## Build, check and atomically publish: make publish DEST=/srv/policy-site [KEEP=3]
	@test -n "$(DEST)" || { echo "Usage: make publish DEST=/path/to/published/site" >&2; exit 2; }
	$(BIN)/policykit publish --dest "$(DEST)" --keep "$(KEEP)"

rollback: $(STAMP)  ## Serve the previous release again, atomically: make rollback DEST=/srv/policy-site
	@test -n "$(DEST)" || { echo "Usage: make rollback DEST=/path/to/published/site" >&2; exit 2; }
	$(BIN)/policykit publish --rollback --dest "$(DEST)"

offline: $(STAMP)  ## Build a copy that works from a file share (file://), search included
	POLICYKIT_OFFLINE=true $(BIN)/mkdocs build --strict --clean --site-dir $(OFFLINE_SITE)
	@echo "Offline site in $(OFFLINE_SITE)/ — copy the folder anywhere and open index.html."

pdf: site  ## Print the whole policy (cover included) to $(PDF_DIR)/policy.<lang>.pdf
	$(BIN)/policykit pdf --site $(SITE) --out $(PDF_DIR)

# --- Versions for approval (issue 16): built from git tags policy-<version> -------------
# Old versions are built once per commit in .cache/policykit-versions/ (not by `make site`).
TO ?= HEAD
redline: $(STAMP)  ## Track changes between versions: make redline FROM=2.0 [TO=2.1|HEAD]
	@test -n "$(FROM)" || { echo "Usage: make redline FROM=<version or tag> [TO=<version, tag or HEAD>]" >&2; exit 2; }
	$(BIN)/policykit redline --from "$(FROM)" --to "$(TO)"

redlines: $(STAMP)  ## A redline per tagged version (the site's What changed page links them)
	$(BIN)/policykit redlines

dossier: $(STAMP)  ## Works-council dossier PDF per language: make dossier FROM=2.0 [TO=2.1]
	@test -n "$(FROM)" || { echo "Usage: make dossier FROM=<version or tag> [TO=<version, tag or HEAD>]" >&2; exit 2; }
	$(BIN)/policykit dossier --from "$(FROM)" --to "$(TO)"

docx: site  ## The policy per language as Word files in docx/ (and every redline in redlines/)
	$(BIN)/policykit docx --site $(SITE) --out docx

WITHIN ?= 30
due: $(STAMP)  ## Reviews falling due per owner: make due [WITHIN=30] [FORMAT=markdown|json] [ISSUES=github|gitlab]
	$(BIN)/policykit due --within $(WITHIN) --format $(or $(FORMAT),text) $(if $(ISSUES),--open-issues $(ISSUES))

# Start a new organisation's repository from this kit (copier.yml asks the questions).
# KIT may be a path or a git URL of the kit; VERSION a tag of it (default: its newest tag).
KIT ?= $(CURDIR)
new-org: $(STAMP)  ## New organisation: make new-org DEST=../our-policy [ANSWERS=answers.yml]
	@test -n "$(DEST)" || { echo "Usage: make new-org DEST=../our-policy [ANSWERS=answers.yml] [VERSION=v1.0]" >&2; exit 2; }
	$(BIN)/python -m policykit.lifecycle.neworg create "$(DEST)" --kit "$(KIT)" $(if $(ANSWERS),--answers "$(ANSWERS)") $(if $(VERSION),--version "$(VERSION)")

update-kit: $(STAMP)  ## Take in the kit's newest version: make update-kit [VERSION=v1.2.0] [KIT=path-or-url]
	@$(BIN)/python -m policykit.lifecycle.neworg update $(if $(VERSION),--version "$(VERSION)") $(if $(filter command line environment,$(origin KIT)),--kit "$(KIT)")

# For the kit's maintainers: a version adopters can take in with make update-kit.
kit-release:  ## Tag a kit version: make kit-release VERSION=v1.1.0 (CHANGELOG.md needs its section)
	@echo "$(VERSION)" | grep -Eq '^v[0-9]+\.[0-9]+\.[0-9]+$$' || { echo "Usage: make kit-release VERSION=vMAJOR.MINOR.PATCH" >&2; exit 2; }
	@test -f copier.yml || { echo "Run this in the kit's repository (it has copier.yml), not in an organisation's." >&2; exit 2; }
	@grep -q '^## $(VERSION)$$' CHANGELOG.md || { echo "CHANGELOG.md: no section '## $(VERSION)' — describe the changes for adopters first" >&2; exit 2; }
	@test -z "$$(git status --porcelain)" || { echo "Commit your changes first (git status lists them)." >&2; exit 2; }
	git tag -a "$(VERSION)" -m "Social Media Policy Kit $(VERSION)"
	@echo "Tagged $(VERSION). Publish it with: git push origin $(VERSION)"

clean:  ## Remove built sites and old-version builds (keeps the venv and ~/.cache/policykit, the per-machine cache)
	rm -rf $(SITE) site-* $(PDF_DIR) .pytest_cache .ruff_cache artifacts redlines dossier docx
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
