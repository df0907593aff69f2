# Two entry points (README "Quick start"): `make run` and `make test`.
# Both create .venv on first use and reuse it afterwards.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export HF_HUB_OFFLINE ?= 1
export GRADIO_ANALYTICS_ENABLED ?= False

.PHONY: run test install lint bench clean-cache

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first, at the release this machine carries on disk (any torch>=2.1 works elsewhere)
	$(BIN)/python -c "import torch, torchvision" 2>/dev/null || $(BIN)/pip install -q "torch==2.14.1" "torchvision==0.29.1" || $(BIN)/pip install -q torch torchvision
	$(BIN)/pip install -q -e ".[test,milvus,openai]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/chatlens run $(ARGS)

test: $(STAMP)
	bash scripts/test.sh

lint: $(STAMP)
	$(BIN)/ruff check app retrieval agents training assets tests

bench: $(STAMP)
	$(BIN)/chatlens bench $(ARGS)
