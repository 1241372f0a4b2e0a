"""Sliding windows: running_mean (seed kernel).

    python examples/windows.py
    RUSTIFY_AUTO=1 RUSTIFY_REPORT=1 python examples/windows.py
"""
import _corpus

if __name__ == "__main__":
    _corpus.run(["running_mean"], rounds=3000)
