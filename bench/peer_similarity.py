"""Peer comparison for the similarity stage, on the same input in the same run.

usage: /usr/bin/python3 bench/peer_similarity.py STYLOKIT_BINARY [--docs 5000] [--mfw 1000]
       [--threads 2] [--topk-mtx M.mtx --topk-queries 500]

1. Classic (Burrows) Delta and Cosine Delta on a seeded documents x MFW table of relative
   frequencies (percent): numpy/scipy implementing stylo's formulas (scale() with the sample
   sd; cdist cityblock / d; 1 - cosine of the z-scores) versus `stylokit similarity
   --frequency-table` (whole process: parse the CSV, compute, write the 17-digit matrix) and
   the compute-only time stylokit reports through its benchmark (bench/README.md, "Similarity").
   The R package stylo needs ~27 s for this task on this machine class; R is not installed
   here, so numpy is the in-run peer and stylo's figure is quoted.
2. Optionally, top-10 cosine neighbours: scikit-learn's NearestNeighbors(metric="cosine",
   algorithm="brute") on a sample of queries from a Matrix Market file, per-query time,
   extrapolated to all rows, versus `stylokit similarity M.mtx --top-k 10` on all rows.
Prints seconds and ratios; the results must agree (max abs difference printed).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.spatial.distance import cdist


def table(n, d, seed=42):
    rng = np.random.default_rng(seed)
    ranks = np.arange(1, d + 1)
    return 5.0 / ranks * (0.2 + rng.random((n, d)))


def write_table(x, path):
    n, d = x.shape
    with open(path, "w") as fh:
        fh.write("," + ",".join(f"d{i}" for i in range(n)) + "\n")
        for k in range(d):
            fh.write(f"w{k}," + ",".join(repr(float(v)) for v in x[:, k]) + "\n")


def read_matrix(path):
    with open(path) as fh:
        next(fh)
        return np.array([[float(v) for v in line.rstrip("\n").split(",")[1:]] for line in fh])


def run(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stylokit")
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--mfw", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--topk-mtx")
    ap.add_argument("--topk-queries", type=int, default=500)
    ap.add_argument("--topk-only", action="store_true", help="skip the Delta comparison")
    a = ap.parse_args()
    if not a.topk_only:
        compare_delta(a)
    if a.topk_mtx:
        compare_topk(a)


def compare_delta(a):
    x = table(a.docs, a.mfw)
    with tempfile.TemporaryDirectory() as tmp:
        tpath = os.path.join(tmp, "table.csv")
        write_table(x, tpath)
        t = time.perf_counter()
        z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
        classic = cdist(z, z, "cityblock") / z.shape[1]
        t_np_classic = time.perf_counter() - t
        t = time.perf_counter()
        z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
        cosd = cdist(z, z, "cosine")
        t_np_cos = time.perf_counter() - t
        print(f"table: {a.docs} documents x {a.mfw} MFW")
        for name, ref, t_np in (("burrows-delta", classic, t_np_classic), ("cosine-delta", cosd, t_np_cos)):
            out = os.path.join(tmp, f"{name}.csv")
            t_sk = run([a.stylokit, "similarity", "--frequency-table", tpath, "--measure", name,
                        "--mfw", str(a.mfw), "--threads", str(a.threads), "-o", out])
            ours = read_matrix(out)
            diff = np.abs(ours - ref).max()
            print(f"{name}: numpy/scipy {t_np:.2f} s, stylokit CLI (parse + compute + write CSV) {t_sk:.2f} s, "
                  f"ratio {t_np / t_sk:.1f}x; stylo ~27 s -> {27.0 / t_sk:.0f}x; max abs diff {diff:.2e}")


def compare_topk(a):
    """scikit-learn's brute-force NearestNeighbors on the first --topk-queries rows (its time per
    query extrapolated to all rows), stylokit on all rows; the scores of the sampled rows compared."""
    import csv
    from scipy.io import mmread
    from sklearn.neighbors import NearestNeighbors
    m = mmread(a.topk_mtx).tocsr()
    n = m.shape[0]
    q = min(a.topk_queries, n)
    nn = NearestNeighbors(n_neighbors=11, metric="cosine", algorithm="brute").fit(m)
    t = time.perf_counter()
    dist, idx = nn.kneighbors(m[:q])
    per_query = (time.perf_counter() - t) / q
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "k.csv")
        t_sk = run([a.stylokit, "similarity", a.topk_mtx, "--top-k", "10", "--threads", str(a.threads), "-o", out])
        ours = {}
        with open(out, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                ours.setdefault(row["doc"], []).append(float(row["score"]))
    with open(a.topk_mtx[:-4] + ".docs.tsv", encoding="utf-8") as f:
        ids = [line.rstrip("\n") for line in f][1:]
    worst = 0.0
    for i in range(q):
        theirs = [1 - d for d, j in zip(dist[i], idx[i]) if j != i][:10]
        worst = max(worst, max(abs(x - y) for x, y in zip(sorted(theirs, reverse=True), ours[ids[i]])))
    print(f"top-10 cosine, {n} documents: scikit-learn brute force {per_query * 1e3:.1f} ms/query "
          f"-> {per_query * n:.0f} s for all (1 thread); stylokit {t_sk:.1f} s for all "
          f"({a.threads} threads, incl. reading the .mtx); ratio {per_query * n / t_sk:.1f}x; "
          f"max |score difference| on the {q} sampled rows {worst:.2e}")


if __name__ == "__main__":
    sys.exit(main())
