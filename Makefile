# Two commands on a fresh machine with Python >= 3.11 and make:
#   make report   analyse the sample article, write reports/ (tables, report.html)
#   make test     run the whole test suite (unit tests, doctests, notebooks)
# Also: make notebooks  executes every teaching notebook and renders it to HTML under reports/notebooks/
# Also: make bench [CORPUS=path]  speed, memory and the plain-VADER baseline (docs/scale.md)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
SAMPLE := data/raw/kcna_dprk_troops_russia.txt
# An empty NLTK data folder: a hidden dependency on downloaded nltk data fails loudly.
NLTK_EMPTY := $(CURDIR)/.nltk_data_empty

.PHONY: report notebooks test lint bench clean
# The benchmark corpus; empty means ../shared/corpora/bbc_news.csv when present, else the sample.
CORPUS ?=

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python >= 3.11 is required (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

report: $(INSTALLED)
	$(PY) -m analysis report $(SAMPLE) -o reports

# nbconvert runs each notebook in its own folder, so their relative paths (../data/raw/...) hold.
notebooks: $(INSTALLED)
	mkdir -p reports/notebooks
	$(PY) -m nbconvert --to html --execute --output-dir reports/notebooks notebooks/*.ipynb

test: $(INSTALLED)
	mkdir -p $(NLTK_EMPTY)
	NLTK_DATA=$(NLTK_EMPTY) $(PY) -m pytest

bench: $(INSTALLED)
	$(PY) -m benchmarks.bench $(CORPUS)

lint: $(INSTALLED)
	$(PY) -m ruff check analysis tests scripts

clean:
	rm -rf $(VENV) reports $(NLTK_EMPTY)
