# c3kit: see README.md. `make demo` builds everything and runs a demo
# pipeline; `make test` installs what the tests need and runs them all.
GO       ?= go
BIN      ?= bin
FUZZTIME ?= 5s
BINARIES := $(notdir $(wildcard cmd/*))

.PHONY: all build test unit fuzz bench demo install setup vet clean

all: build

build:
	@mkdir -p $(BIN)
	$(GO) build -o $(BIN)/ ./cmd/...

vet:
	$(GO) vet ./...

setup:
	@bash scripts/test-setup.sh

# The full suite: unit, table, golden, e2e and real-link tests, then every
# fuzz target briefly. CI runs exactly this.
test: setup vet
	$(GO) test -count=1 -timeout 30m ./...
	@FUZZTIME=$(FUZZTIME) bash scripts/fuzz.sh

# Every fuzz target for longer.
fuzz:
	@FUZZTIME=$${FUZZTIME:-2m} bash scripts/fuzz.sh

bench: build
	@bash scripts/bench.sh

demo: build
	@bash scripts/demo.sh

install:
	$(GO) install ./cmd/...

clean:
	rm -rf $(BIN)
