# Two entry points: `make demo` and `make test`. Both create the virtual
# environment on first use, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench model install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# the seeds, the General Staff's own tallies (seeds/reference, MIT; read with the settings of
# src/newsprov/analyse/general_staff.json) to check them against, and two traces
demo: $(STAMP)
	$(BIN)/newsprov ingest seeds/
	$(BIN)/newsprov reference fetch --base-url seeds/reference
	$(BIN)/newsprov trace 1556
	$(BIN)/newsprov trace 841,660

test: $(STAMP)
	$(BIN)/python -m pytest -q

# the scale benchmark on a generated corpus of N articles (default 1000); see README, Scale
N ?= 1000
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py --articles $(N)

# retrain the shipped syntactic model from the treebank beside the project (about 70 minutes on two cores); see README, The syntactic model
UD ?= ../shared/ud
model: $(STAMP)
	$(BIN)/python training/train.py --ud $(UD)

clean:
	rm -rf $(VENV) newsprov.db
