"""Reference for sparse cosine and top-k: scikit-learn's cosine_similarity on a Matrix
Market file, used by pairwise_test.cpp and topk_test.cpp.

usage: reference_cosine.py M.mtx OUT.json K
OUT.json: {"cosine": n x n matrix, "topk": per row the K best (index, score) with ties
broken by the smaller index, self excluded}.
"""
import json
import sys

import numpy as np
from scipy.io import mmread
from sklearn.metrics.pairwise import cosine_similarity


def main():
    m = mmread(sys.argv[1]).tocsr()
    k = int(sys.argv[3])
    s = cosine_similarity(m)
    n = s.shape[0]
    topk = []
    for i in range(n):
        order = sorted((j for j in range(n) if j != i), key=lambda j: (-s[i, j], j))
        topk.append([[j, float(s[i, j])] for j in order[:k]])
    with open(sys.argv[2], "w") as fh:
        json.dump({"cosine": s.tolist(), "topk": topk}, fh)


if __name__ == "__main__":
    main()
