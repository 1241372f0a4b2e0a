"""The thirteen seed kernels, on their benchmark INPUTS and on edge inputs.

The kernel source lives only in shared/corpus/seed_kernels.py (next to the
repository, or in the directory named by RUSTIFY_CORPUS); the harness loads
that module through __corpus__, puts its functions under test, and makes its
names (the kernels, INPUTS) available to the run lines below.
"""

import os
from pathlib import Path

_corpus_dir = os.environ.get("RUSTIFY_CORPUS")
if _corpus_dir:
    _corpus_dir = Path(_corpus_dir)
else:
    _corpus_dir = Path(__file__).resolve().parents[3] / "shared" / "corpus"
__corpus__ = str(_corpus_dir / "seed_kernels.py")

nan = float("nan")
inf = float("inf")

# --- benchmark inputs -------------------------------------------------------
# run: euclidean(*INPUTS["euclidean"][1]())
# run: dot_product(*INPUTS["dot_product"][1]())
# run: normalize_pixels(*INPUTS["normalize_pixels"][1]())
# run: running_mean(*INPUTS["running_mean"][1]())
# run-any: count_pairs(*INPUTS["count_pairs"][1]())
# run-any: bpe_encode(*INPUTS["bpe_encode"][1]())
# run: standard_scale(*INPUTS["standard_scale"][1]())
# run: min_max_scale(*INPUTS["min_max_scale"][1]())
# run: l2_normalize(*INPUTS["l2_normalize"][1]())
# run: convolve1d(*INPUTS["convolve1d"][1]())
# run: moving_average(*INPUTS["moving_average"][1]())
# run: diff(*INPUTS["diff"][1]())
# run: cumsum(*INPUTS["cumsum"][1]())

# --- euclidean ----------------------------------------------------------------
# run: euclidean([], [])
# run: euclidean([1.0], [1.0])
# run: euclidean([3.0], [-1.0])
# run: euclidean([0.0, 0.0], [3.0, 4.0])
# run: euclidean([nan], [0.0])
# run: euclidean([inf], [-inf])
# run: euclidean([inf], [inf])
# run: euclidean([-0.0], [0.0])
# run: euclidean([1e200], [-1e200])
# run: euclidean([5e-324], [0.0])
# run: euclidean([1, 2], [3, 4])
# run: euclidean([True], [False])
# run: euclidean([1.0], [1.0, 2.0])
# run: euclidean([1.0, 2.0], [1.0])
# run-any: euclidean([1, 2.5], [0.5, 2])
# run-any: euclidean([2 ** 64], [0])

# --- dot_product ----------------------------------------------------------------
# run: dot_product([], [])
# run: dot_product([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
# run: dot_product([1.0], [nan])
# run: dot_product([inf], [0.0])
# run: dot_product([1e308, 1e308], [10.0, -10.0])
# run: dot_product([-0.0], [0.0])
# run: dot_product([1, 2], [3, 4])
# run: dot_product([1.0, 2.0], [1.0])
# run: dot_product([0.1] * 100, [0.1] * 100)
# run-any: dot_product([2 ** 62, 2 ** 62], [2, 2])

# --- normalize_pixels / standard_scale ----------------------------------------
# run: normalize_pixels([], 0.0, 1.0)
# run: normalize_pixels([0.0, 127.5, 255.0], 127.5, 64.0)
# run: normalize_pixels([1.0], 0.0, 0.0)
# run: normalize_pixels([1.0], 0.0, -0.0)
# run: normalize_pixels([], 0.0, 0.0)
# run: normalize_pixels([10, 20], 5, 2)
# run: normalize_pixels([10, 20], 5, 0)
# run: normalize_pixels([1.0], nan, 1.0)
# run: normalize_pixels([inf, -inf], 0.0, inf)
# run: normalize_pixels([0.0], 0.0, -1.0)
# run: standard_scale([], 0.0, 1.0)
# run: standard_scale([1.0, 2.0, 3.0], 2.0, 0.5)
# run: standard_scale([1.0, 2.0], 2.0, 0.0)
# run: standard_scale([5.0], 5.0, -0.0)
# run: standard_scale([1, 2, 3], 2, 4)
# run: standard_scale([nan, 1.0], 0.0, 1.0)
# run: standard_scale([1e308], -1e308, 0.5)

# --- running_mean ---------------------------------------------------------------
# run: running_mean([], 3)
# run: running_mean([1.0], 1)
# run: running_mean([1.0, 2.0, 3.0], 10)
# run: running_mean([1.0, 2.0, 3.0, 4.0], 2)
# run: running_mean([1.0, 2.0, 3.0], 0)
# run: running_mean([1.0, 2.0, 3.0], -2)
# run: running_mean([nan, 1.0, 2.0], 2)
# run: running_mean([1, 2, 3], 2)
# run: running_mean([inf, -inf, 1.0], 2)
# run: running_mean([-0.0, -0.0], 1)

# --- count_pairs (may fall back: dict and tuple keys) ----------------------------
# run-any: count_pairs([])
# run-any: count_pairs([1])
# run-any: count_pairs([1, 1, 1])
# run-any: count_pairs([1, 2, 1, 2, 1])
# run-any: count_pairs([1.0, 1, True])

# --- bpe_encode (may fall back: str, bytes, dict) ---------------------------------
# run-any: bpe_encode("", [])
# run-any: bpe_encode("aa", [(97, 97)])
# run-any: bpe_encode("aaaa", [(97, 97), (256, 256)])
# run-any: bpe_encode("h\u00e9llo w\u00f6rld", [(195, 169), (108, 108)])
# run-any: bpe_encode("the the", [(116, 104), (256, 101)])

# --- min_max_scale ----------------------------------------------------------------
# run: min_max_scale([], 0.0, 0.0)
# run: min_max_scale([0.0, 5.0, 10.0], 0.0, 10.0)
# run: min_max_scale([1.0], 2.0, 2.0)
# run: min_max_scale([1.0], -0.0, 0.0)
# run: min_max_scale([1, 2, 3], 1, 3)
# run: min_max_scale([1, 2, 3], 2, 2)
# run: min_max_scale([1.0], 0.0, inf)
# run: min_max_scale([1.0], -inf, inf)
# run: min_max_scale([nan], 0.0, 1.0)
# run: min_max_scale([-1e308], -1e308, 1e308)

# --- l2_normalize -----------------------------------------------------------------
# run: l2_normalize([])
# run: l2_normalize([0.0])
# run: l2_normalize([-0.0])
# run: l2_normalize([0.0, 0.0])
# run: l2_normalize([3.0, 4.0])
# run: l2_normalize([-3.0, 4.0])
# run: l2_normalize([1e200, 1e200])
# run: l2_normalize([1e-200, 1e-200])
# run: l2_normalize([5e-324])
# run: l2_normalize([nan, 1.0])
# run: l2_normalize([inf, 1.0])
# run: l2_normalize([3, 4])
# run: l2_normalize([True])

# --- convolve1d ---------------------------------------------------------------------
# run: convolve1d([], [])
# run: convolve1d([1.0, 2.0, 3.0], [])
# run: convolve1d([], [1.0])
# run: convolve1d([1.0], [1.0, 2.0])
# run: convolve1d([1.0, 2.0], [1.0, 2.0, 3.0, 4.0])
# run: convolve1d([1.0, 2.0, 3.0], [1.0])
# run: convolve1d([1.0, 2.0, 3.0, 4.0], [0.5, 0.5])
# run: convolve1d([1.0, nan, 3.0], [1.0, 1.0])
# run: convolve1d([inf, 1.0], [0.0])
# run: convolve1d([1, 2, 3], [1, -1])
# run: convolve1d([-0.0], [0.0])

# --- moving_average -----------------------------------------------------------------
# run: moving_average([1.0, 2.0, 3.0], 1)
# run: moving_average([1.0, 2.0, 3.0], 3)
# run: moving_average([1.0, 2.0, 3.0], 2)
# run: moving_average([1.0, 2.0, 3.0], 4)
# run: moving_average([1.0, 2.0, 3.0], 10)
# run: moving_average([1.0, 2.0, 3.0], 0)
# run: moving_average([], 0)
# run: moving_average([], 1)
# run: moving_average([1.0, 2.0], -1)
# run: moving_average([1, 2, 3, 4], 2)
# run: moving_average([nan, 1.0, 1.0], 1)
# run: moving_average([1e308, 1e308], 2)

# --- diff -------------------------------------------------------------------------
# run: diff([])
# run: diff([1.0])
# run: diff([1.0, 4.0, 9.0])
# run: diff([1.0, nan])
# run: diff([inf, inf])
# run: diff([0.0, -0.0])
# run: diff([-0.0, 0.0])
# run: diff([1, 2, 4])
# run: diff([True, False])
# run-any: diff([1, 2.5, 3])
# run-any: diff([2 ** 63 - 1, -(2 ** 63)])

# --- cumsum -------------------------------------------------------------------------
# run: cumsum([])
# run: cumsum([-0.0])
# run: cumsum([1.0, 2.0, 3.0])
# run: cumsum([1e308, 1e308, -1e308])
# run: cumsum([1, 2, 3])
# run: cumsum([nan, 1.0])
# run: cumsum([0.1] * 10)
# run: cumsum([True, True])
