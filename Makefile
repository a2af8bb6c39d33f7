# Inkwell: the two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help run test lint test-unit test-app test-edge test-stack test-backup test-e2e test-ha bench build release clean

help:
	@echo "make run    - run Inkwell locally behind Nginx (https://localhost:8443)"
	@echo "make test   - run every test suite (lint, unit, app, edge, end-to-end on fresh machines)"
	@echo "make test-unit - the unit tests of pure logic (no database, Redis or browser)"
	@echo "make test-ha - the highly available layout on 7 fresh machines: switchovers and faults under load"
	@echo "make bench  - run the benchmarks and print their results"
	@echo "make build  - build target/inkwell.jar"
	@echo "make release - build target/release/inkwell-<version>.tar.gz (with its own Java runtime)"

run:
	@scripts/run

test: lint test-unit test-app test-edge test-backup test-e2e

lint:
	@scripts/lint

test-unit:
	@scripts/test-unit

test-app:
	@scripts/test-app

# The local stack (make run) behind the same Nginx: part of the edge suite, which CI runs.
test-edge:
	@nginx/tests/run
	@scripts/tests/run-stack

test-stack:
	@scripts/tests/run-stack

test-backup:
	@backup/tests/run
	@backup/tests/pitr

test-e2e:
	@ansible/tests/e2e/run

# Not part of `make test`: about 30 minutes on two cores, as long again as `make test`; CI runs it
# as a job of its own, beside the others.
test-ha:
	@ansible/tests/ha/run

bench:
	@scripts/bench/run

build:
	@scripts/build

release:
	@scripts/release

clean:
	rm -rf target
