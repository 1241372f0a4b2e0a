"""Tokenizer code: the seed kernels count_pairs and bpe_encode (dicts keyed
by tuples of ints), and word and character-bigram counts (dicts keyed by
strs and by tuples of strs). All of it is plain Python; auto mode makes it
native.

    python examples/tokens.py
    RUSTIFY_AUTO=1 RUSTIFY_REPORT=1 python examples/tokens.py
"""
import time

import _corpus


def word_counts(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def char_bigrams(text):
    counts = {}
    for i in range(len(text) - 1):
        pair = (text[i], text[i + 1])
        counts[pair] = counts.get(pair, 0) + 1
    return counts


TEXT = ("the quick brown fox jumps over the lazy dog while the cat naps "
        "and the dog dreams of the fox ") * 8


if __name__ == "__main__":
    _corpus.run(["count_pairs", "bpe_encode"], rounds=8000)
    words = TEXT.split()
    for f, arg, rounds in [(word_counts, words, 40000), (char_bigrams, TEXT, 4000)]:
        t0 = time.perf_counter()
        for _ in range(rounds):
            result = f(arg)
        print(f"{f.__name__:<18} checksum {_corpus.checksum(result)}  {time.perf_counter() - t0:7.3f} s")
