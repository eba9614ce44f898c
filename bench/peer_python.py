#!/usr/bin/python3
"""stylokit.TfidfVectorizer against scikit-learn's TfidfVectorizer, both called in one Python
process, as a notebook calls them.

usage: PYTHONPATH=build/python bench/peer_python.py [--corpus data/brown] [--runs 7]
                                                   [--ngram 1-1] [--threads 0]

Imports and file reading happen before any timer; each run times only
`TfidfVectorizer(tokenizer="sklearn", ngram_range=...).fit_transform(texts)` (stylokit) or
`TfidfVectorizer(ngram_range=...).fit_transform(texts)` (scikit-learn), defaults otherwise,
the result a scipy.sparse.csr_matrix in memory on both sides. The runs alternate so that both
see the same machine load; the medians, minima and maxima are printed with the ratio of the
medians (scikit-learn / stylokit). The vocabularies and non-zeros are compared as a check.
"""
import argparse
import glob
import os
import statistics
import time

from sklearn.feature_extraction.text import TfidfVectorizer as SkTfidf

import stylokit


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="data/brown")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--ngram", default="1-1")
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    paths = sorted(glob.glob(os.path.join(a.corpus, "**", "*.txt"), recursive=True))
    if not paths:
        raise SystemExit(f"{a.corpus}: no .txt files (data/fetch-brown.sh fetches Brown)")
    texts = [open(p, encoding="utf-8").read() for p in paths]
    lo, hi = (int(x) for x in a.ngram.split("-"))

    def ours():
        return stylokit.TfidfVectorizer(tokenizer="sklearn", ngram_range=(lo, hi), threads=a.threads).fit_transform(texts)

    def theirs():
        return SkTfidf(ngram_range=(lo, hi)).fit_transform(texts)

    X, Y = ours(), theirs()  # warm-up, and the check
    same_shape = X.shape == Y.shape and X.nnz == Y.nnz
    err = abs(X - Y).max() if same_shape else float("nan")
    times = {"stylokit": [], "sklearn": []}
    for _ in range(a.runs):
        for name, f in (("sklearn", theirs), ("stylokit", ours)):
            t0 = time.perf_counter()
            f()
            times[name].append(time.perf_counter() - t0)
    print(f"{len(texts)} documents, {sum(map(len, texts)) / 1e6:.1f} M characters, word {a.ngram}; "
          f"{X.shape[1]} terms, {X.nnz} non-zeros; same as scikit-learn: {same_shape}, max |diff| {err:.2e}; "
          f"load {os.getloadavg()[0]:.1f}")
    for name, t in times.items():
        print(f"{name:9s} median {statistics.median(t):.3f} s (min {min(t):.3f}, max {max(t):.3f}), {len(t)} runs")
    print(f"ratio of the medians (scikit-learn / stylokit): "
          f"{statistics.median(times['sklearn']) / statistics.median(times['stylokit']):.1f}x")


if __name__ == "__main__":
    main()
