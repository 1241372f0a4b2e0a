#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs the build and test
# tools, builds the extension, runs the Rust tests of the compiler core and
# the Python suite (conformance corpus on every tier, differential tests),
# then a quick benchmark smoke run that fails on any result mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

echo "== installing build and test tools"
"$PY" -m pip install -q --disable-pip-version-check "maturin>=1.5,<2" pytest

echo "== building rustify_ml (release)"
"$PY" -m pip install -q --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps .

echo "== cargo test: compiler core (no Python involved)"
cargo test --release -p rustify-compiler

echo "== pytest: conformance corpus and differential tests"
"$PY" -m pytest tests -q -p no:cacheprovider

echo "== benchmark smoke run (results must match CPython)"
"$PY" benches/compare.py --quick --no-peers --no-chart --kernels euclidean,running_mean,cumsum
