# The front door. `make run` and `make test` work from a fresh Debian 12 machine:
# they install what is missing (scripts/setup-debian.sh), build, and run.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
BENCH_BUILD ?= build-bench

.PHONY: all setup build run test test-asan bench format clean

all: build

setup:
	@scripts/setup-debian.sh

build: setup
	@cmake --preset default >/dev/null
	@cmake --build --preset default -j $(JOBS)

# The main job on the embedded corpus.
run: build
	@scripts/main-job.sh $(BUILD)/toolkit/cli/stylokit

test: build
	@ctest --preset default -j $(JOBS)

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: setup
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS)

bench: setup
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench -j $(JOBS)

format:
	@clang-format -i $$(git ls-files '*.h' '*.cpp')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(BENCH_BUILD)
