"""Reference for numpy_argsort_test: numpy's default argsort, as sklearn's _limit_features calls it.

usage: reference_argsort.py VALUES.bin COUNT...
VALUES.bin holds the arrays one after another as little-endian int64; COUNT gives each length.
For each array writes VALUES.bin.<k>.i64 and VALUES.bin.<k>.f64: the indices (int64) of
(-a).argsort() with a as int64 (CountVectorizer's dtype) and as float64 (TfidfVectorizer's).
"""
import sys

import numpy as np


def main():
    values = np.fromfile(sys.argv[1], dtype="<i8")
    at = 0
    for k, count in enumerate(int(c) for c in sys.argv[2:]):
        a = values[at:at + count]
        at += count
        (-a).argsort().astype("<i8").tofile(f"{sys.argv[1]}.{k}.i64")
        (-a.astype(np.float64)).argsort().astype("<i8").tofile(f"{sys.argv[1]}.{k}.f64")


if __name__ == "__main__":
    main()
