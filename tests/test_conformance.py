"""Every case file of tests/cases on every tier under test, CPython as the oracle.

One test per run line (the whole file runs once per tier, in file order, and
each line's test reports that line's comparison), one per '# fallback:'
declaration, one status-contract check per file, and a per-tier check that the
corpus is not vacuous (most '# run:' lines really finished natively).

RUSTIFY_TEST_TIERS=python runs the harness against itself (no native build).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import conformance as C  # noqa: E402

TIER_NAMES = C.tiers_under_test()
MIN_NATIVE_SHARE = 0.80


def _parse_all():
    cases, errors = [], []
    for p in C.case_paths():
        try:
            cases.append(C.parse_case_file(p))
        except C.CaseFormatError as e:
            errors.append((p, str(e)))
    return cases, errors


CASES, FORMAT_ERRORS = _parse_all()


def _result(case: C.CaseFile, tier: str) -> C.FileResult:
    try:
        return C.file_result(case, tier)
    except Exception as e:  # BackendUnavailable, or the case file failed to load
        message = str(e)
    pytest.fail(message, pytrace=False)


# --------------------------------------------------------------------------


def test_corpus_is_present_and_well_formed():
    assert C.case_paths(), f"no case files in {C.CASES_DIR}"
    assert not FORMAT_ERRORS, "malformed case files:\n" + "\n".join(e for _, e in FORMAT_ERRORS)
    assert sum(len(c.runs) for c in CASES) >= 500


def test_tiers_under_test_are_known():
    assert TIER_NAMES, "RUSTIFY_TEST_TIERS names no tier"
    for t in TIER_NAMES:
        assert t == C.ORACLE or t in C._WRAPPERS, (
            f"tier {t!r} has no wrapper registered in conformance._WRAPPERS")


_LINE_PARAMS = [
    pytest.param(
        case,
        line,
        tier,
        id=f"{tier}:{case.name}:{line.lineno}:{line.fname}",
        # A '# known:' deviation must keep failing until it is fixed.
        marks=[pytest.mark.xfail(strict=True, reason=line.known)] if line.known and tier != "python" else [],
    )
    for tier in TIER_NAMES
    for case in CASES
    for line in case.runs
]


@pytest.mark.parametrize("case,line,tier", _LINE_PARAMS)
def test_run_line(case: C.CaseFile, line: C.RunLine, tier: str):
    res = _result(case, tier).by_lineno()[line.lineno]
    if res.problems:
        pytest.fail(res.report(tier), pytrace=False)


_FALLBACK_PARAMS = [
    pytest.param(case, fname, tier, id=f"{tier}:{case.name}:{fname}")
    for tier in TIER_NAMES
    for case in CASES
    for fname in case.fallbacks
]


@pytest.mark.parametrize("case,fname,tier", _FALLBACK_PARAMS)
def test_fallback_declared(case: C.CaseFile, fname: str, tier: str):
    problems = C.fallback_problems(_result(case, tier), fname)
    if problems:
        pytest.fail(f"{case.name}:{case.fallbacks[fname]}: # fallback: {fname}\n"
                    + "\n".join("  -> " + p for p in problems), pytrace=False)


def test_fallback_declarations_exist():
    # The corpus must keep exercising the rejection path.
    assert sum(len(c.fallbacks) for c in CASES) >= 10


@pytest.mark.parametrize("case,tier", [
    pytest.param(case, tier, id=f"{tier}:{case.name}") for tier in TIER_NAMES for case in CASES])
def test_status_contract(case: C.CaseFile, tier: str):
    result = _result(case, tier)
    if not result.native:
        # Oracle self-test: nothing native to report, but the file must have run.
        assert len(result.lines) == len(case.runs)
        return
    problems = []
    for name, st in result.final_status.items():
        # A function tier 2 cannot express keeps running on tier 1.
        for p in C.status_problems(st, {C.ORACLE, tier} | ({"jit"} if tier == "ext" else set())):
            problems.append(f"status({name}): {p}")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("tier", TIER_NAMES)
def test_corpus_mostly_native(tier: str):
    if tier == C.ORACLE:
        pytest.skip("tier 'python' is the oracle itself: native coverage is measured on native tiers")
    total = native = 0
    per_file = []
    for case in CASES:
        res = _result(case, tier)
        runs = [r for r in res.lines if r.line.kind == "run"]
        got = sum(1 for r in runs if isinstance(r.tier.status, dict) and r.tier.status.get("tier") == tier)
        total += len(runs)
        native += got
        per_file.append(f"  {case.name}: {got}/{len(runs)}")
    assert total > 0
    share = native / total
    assert share >= MIN_NATIVE_SHARE, (
        f"only {native}/{total} ({share:.0%}) of '# run:' lines finished on tier {tier!r}; "
        f"need {MIN_NATIVE_SHARE:.0%}\n" + "\n".join(per_file))


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_run_lines_are_native_shaped(case: C.CaseFile):
    # Lint of the corpus on plain CPython (no tier involved): a '# run:' line
    # must not need ints past 64 bits or values outside the subset, or it
    # would demand a native finish the contract does not promise.
    tm = C.TierModule(case.path, C.Backend(), "lint")
    bad = []
    for line in case.runs:
        if line.kind == "run":
            problems = C.audit_run_line(tm, line)
            if problems:
                bad.append(f"{line.where}: {line.text}: " + "; ".join(problems))
    assert not bad, "use '# run-any:' for these lines:\n" + "\n".join(bad)


# --------------------------------------------------------------------------
# The comparator itself (a harness that calls everything equal would pass
# every line above).


@pytest.mark.parametrize("a,b", [
    (0.0, -0.0), (1, True), (1, 1.0), (0, False), (float("nan"), 0.0), (1.0, 1.0000000000000002),
    ([1.0], (1.0,)), ([1.0, 2.0], [1.0]), ([[0.0]], [[-0.0]]), ((1, 2.0), (1, 2)),
    ({"a": 1, "b": 2}, {"b": 2, "a": 1}), ({(1, 2): 1}, {(1, 2): 1.0}), (None, 0), ("a", "b"),
    (2 ** 64, 2 ** 64 + 1), (complex(0.0, 1.0), complex(-0.0, 1.0)), ([float("nan")], [float("inf")]),
])
def test_same_distinguishes(a, b):
    assert not C.same(a, b)
    assert not C.same(b, a)
    assert C.diff(a, b) is not None


@pytest.mark.parametrize("a,b", [
    (float("nan"), -float("nan")), (0.0, 0.0), (-0.0, -0.0), (2 ** 100, 2 ** 100), (True, True),
    ([1, [2.0, (3, False)]], [1, [2.0, (3, False)]]), ({"a": [1.0]}, {"a": [1.0]}), (None, None),
    ([], []), (float("inf"), math.inf),
])
def test_same_accepts(a, b):
    assert C.same(a, b), C.diff(a, b)


def test_sharing_detects_aliasing():
    row = [0.0, 0.0]
    aliased = [row, row]
    fresh = [[0.0, 0.0], [0.0, 0.0]]
    assert C.same(aliased, fresh)
    assert C.sharing(aliased) != C.sharing(fresh)
    xs = [1.0]
    assert C.sharing((xs, [xs])) != C.sharing(([1.0], [[1.0]]))


def test_compare_outcomes_reports_mismatch_kinds():
    ok = C.Outcome("return", value=1.0, args=[[1.0]])
    assert C.compare_outcomes(ok, C.Outcome("return", value=1.0, args=[[1.0]]), "t") == []
    assert C.compare_outcomes(ok, C.Outcome("return", value=1, args=[[1.0]]), "t")
    assert C.compare_outcomes(ok, C.Outcome("return", value=1.0, args=[[1.0, 2.0]]), "t")
    boom = C.Outcome("raise", exc=ZeroDivisionError("float division by zero"))
    assert C.compare_outcomes(boom, C.Outcome("raise", exc=ZeroDivisionError("division by zero")), "t")
    assert C.compare_outcomes(boom, C.Outcome("raise", exc=ValueError("float division by zero")), "t")
    assert C.compare_outcomes(boom, ok, "t")
    assert C.compare_outcomes(boom, C.Outcome("raise", exc=ZeroDivisionError("float division by zero")), "t") == []


def test_parse_rejects_malformed_lines(tmp_path):
    bad = {
        "# run: obj.method(1)\n": "plain name",
        "# run: 1 + 2\n": "plain name",
        "# runany: f(1)\n": "unknown directive",
        "# run: f(**{'a': 1})\n": "kwargs",
        "def f():\n    pass\n# fallback: f\n# run: f()\n": "run-any",
        "# fallback: g\n": "no run-any",
        "# run: f(\n": "does not parse",
    }
    for text, needle in bad.items():
        p = tmp_path / "case.py"
        p.write_text(text)
        with pytest.raises(C.CaseFormatError, match=needle):
            C.parse_case_file(p)


def test_harness_catches_a_wrong_tier(tmp_path):
    # A fake native tier that gets one answer wrong and reports every call as
    # native: the harness must flag exactly the wrong line.
    p = tmp_path / "case.py"
    p.write_text("def f(x):\n    return x * 2\n"
                 "# run: f(2)\n# run: f(2.5)\n# run: f(-0.0)\n")

    class Fake(C.Backend):
        name = "fake"
        native = True

        def wrap(self, fn):
            def w(x):
                return x + x if not (isinstance(x, float) and x == 0) else 0.0
            return w

        def status(self, w):
            return {"tier": "fake", "reason": None, "signatures": [], "compile_ms": 0.0,
                    "calls_native": 1, "calls_python": 0, "deopts": 0}

    C._backends["fake"] = Fake()
    try:
        res = C.run_case_file(C.parse_case_file(p), "fake")
    finally:
        del C._backends["fake"]
    assert [bool(r.problems) for r in res.lines] == [False, False, True]
    assert "-0.0" in res.lines[2].report("fake")
