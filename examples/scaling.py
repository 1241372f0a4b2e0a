"""Feature scaling: normalize_pixels, standard_scale, min_max_scale,
l2_normalize (seed kernels).

    python examples/scaling.py
    RUSTIFY_AUTO=1 RUSTIFY_REPORT=1 python examples/scaling.py
"""
import _corpus

if __name__ == "__main__":
    _corpus.run(["normalize_pixels", "standard_scale", "min_max_scale", "l2_normalize"], rounds=6000)
