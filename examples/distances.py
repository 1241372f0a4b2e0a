"""Distances and similarities: euclidean, dot_product (seed kernels).

    python examples/distances.py
    RUSTIFY_AUTO=1 RUSTIFY_REPORT=1 python examples/distances.py
"""
import _corpus

if __name__ == "__main__":
    _corpus.run(["euclidean", "dot_product"], rounds=20000)
