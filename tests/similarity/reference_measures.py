"""Independent reference for the dense measures (numpy/scipy), used by pairwise_test.cpp.

usage: reference_measures.py TABLE.csv OUT.json
TABLE.csv: stylo's table_with_frequencies layout (features as rows in rank order,
documents as columns, header ,doc1,doc2,...), values in percent.
OUT.json: {"<measure>/<variant>": n x n matrix as nested lists}.
The formulas follow the stylo R sources (dist.delta, dist.argamon, dist.eder, dist.simple,
dist.minmax, dist.cosine, dist.wurzburg, dist.entropy, stats::dist) and the papers.
"""
import csv
import json
import sys

import numpy as np
from scipy.spatial.distance import cdist


def read_table(path):
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    values = np.array([[float(v) for v in r[1:]] for r in rows[1:]])
    return values.T  # documents x features


def r_canberra(x):
    # R's stats::dist(method="canberra"): 0/0 terms omitted, sum scaled by d / (d - omitted).
    n, d = x.shape
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            num = np.abs(x[i] - x[j])
            den = np.abs(x[i]) + np.abs(x[j])
            used = den > 0
            s = np.sum(num[used] / den[used])
            k = used.sum()
            out[i, j] = s * d / k if 0 < k < d else s
    return out


def minmax(x):
    n = x.shape[0]
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            out[i, j] = 1 - np.minimum(x[i], x[j]).sum() / np.maximum(x[i], x[j]).sum()
    return out


def main():
    x = read_table(sys.argv[1])
    n, _ = x.shape
    sd = x.std(axis=0, ddof=1)
    keep = sd > 0
    z = ((x - x.mean(axis=0)) / np.where(sd > 0, sd, 1))[:, keep]
    d = z.shape[1]
    p = x / 100.0
    ranks = np.arange(1, d + 1)
    res = {}
    for variant in ("stylo", "published"):
        stylo = variant == "stylo"
        u = x if stylo else p
        r = {}
        r["cosine"] = 1 - cdist(x, x, "cosine")
        r["jaccard"] = 1 - cdist(x > 0, x > 0, "jaccard")
        r["euclidean"] = cdist(u, u, "euclidean")
        r["manhattan"] = cdist(u, u, "cityblock")
        r["canberra"] = r_canberra(x) if stylo else cdist(x, x, "canberra")
        r["burrows-delta"] = cdist(z, z, "cityblock") / d
        if stylo:
            r["argamon-linear"] = cdist(z, z, "euclidean") / d
            r["argamon-quadratic"] = cdist(z, z, "euclidean") / d
            w = (1 + np.arange(d, 0, -1)) / d  # R: (1 + n:1) / n
            r["eder-delta"] = cdist(z * w, z * w, "cityblock")
        else:
            med = np.median(p, axis=0)
            b = np.abs(p - med).mean(axis=0)
            ok = b > 0
            r["argamon-linear"] = cdist(p[:, ok] / b[ok], p[:, ok] / b[ok], "cityblock")
            r["argamon-quadratic"] = cdist(z, z, "sqeuclidean")
            w = (d - ranks + 1) / d
            r["eder-delta"] = cdist(z * w, z * w, "cityblock") / d
        r["eder-simple"] = cdist(np.sqrt(u), np.sqrt(u), "cityblock")
        r["cosine-delta"] = cdist(z, z, "cosine")
        r["minmax"] = minmax(x)
        a = (x + 1) / (x + 1).sum(axis=0)
        bb = np.log(x + 2) / -(a * np.log(a)).sum(axis=0)
        r["entropy"] = cdist(bb, bb, "cityblock")
        for name, m in r.items():
            res[f"{name}/{variant}"] = m.tolist()
    with open(sys.argv[2], "w") as fh:
        json.dump(res, fh)


if __name__ == "__main__":
    main()
