"""Tokenizer code: count_pairs, bpe_encode (seed kernels). Dicts and strings
are not native yet: auto mode must leave this program exactly as it is.

    python examples/tokens.py
    RUSTIFY_AUTO=1 RUSTIFY_REPORT=1 python examples/tokens.py
"""
import _corpus

if __name__ == "__main__":
    _corpus.run(["count_pairs", "bpe_encode"], rounds=8000)
