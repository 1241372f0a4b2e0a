"""Signal processing: convolve1d, moving_average, diff, cumsum (seed kernels).

    python examples/signals.py
    RUSTIFY_AUTO=1 RUSTIFY_REPORT=1 python examples/signals.py
"""
import _corpus

if __name__ == "__main__":
    _corpus.run(["convolve1d", "moving_average", "diff", "cumsum"], rounds=2000)
