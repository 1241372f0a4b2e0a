#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs the build and test
# tools, builds the extension, runs the Rust tests of the compiler core and
# the cache, the Python suite (conformance corpus and differential tests on
# tier 1, tier 2 and cache behaviour in real processes, the standalone
# extension of `rustify-ml accelerate`), the corpus again on tier 2, then a
# quick benchmark smoke run that fails on any result mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# Tier-2 builds share one target directory, so pyo3 compiles once per run;
# the cache itself is a fresh directory, removed at exit.
export RUSTIFY_TARGET_DIR="$PWD/target/tier2-tests"
CACHE=$(mktemp -d)
trap 'rm -rf "$CACHE"' EXIT

echo "== installing build and test tools"
"$PY" -m pip install -q --disable-pip-version-check "maturin>=1.5,<2" pytest numpy

echo "== building rustify_ml (release)"
"$PY" -m pip install -q --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps .

echo "== cargo test: compiler core and cache (no Python involved)"
cargo test --release -p rustify-compiler -p rustify-cache

echo "== pytest: tier 1 corpus, differential, API, auto mode, tier 2 and cache, accelerate"
"$PY" -m pytest tests -q -p no:cacheprovider

echo "== pytest: the conformance corpus on tier 2 (ext)"
RUSTIFY_TIER2=1 RUSTIFY_TEST_TIERS=ext RUSTIFY_CACHE_DIR="$CACHE/ext" \
    "$PY" -m pytest tests/test_conformance.py -q -p no:cacheprovider

echo "== benchmark smoke run (results must match CPython on both tiers)"
RUSTIFY_CACHE_DIR="$CACHE/bench" \
    "$PY" benches/compare.py --quick --no-peers --no-chart --kernels euclidean,running_mean,cumsum
