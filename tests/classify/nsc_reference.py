#!/usr/bin/env python3
"""Independent numpy reference for nearest shrunken centroids (tests/classify/nsc_test.cpp).

Written from the method's definition (Tibshirani et al. 2002, PNAS 99:6567) with pamr's
defaults: pooled within-class sd over n - K degrees of freedom, s0 = a percentile (numpy's
linear = R's type 7) of the sds, m_k = sqrt(1/n_k - 1/n), soft thresholding, discriminant
with log prior, posterior with the exponent clipped to [-500, 500] (pamr's safe.exp).
Makes its own random cases from a fixed seed and writes inputs and answers as JSON.

Usage: nsc_reference.py OUT.json
"""
import json
import sys

import numpy as np


def nsc(train, y, K, test, threshold, offset_percent=50.0, prior=None):
    n, p = train.shape
    nk = np.bincount(y, minlength=K).astype(float)
    Y = np.eye(K)[y]                                  # n x K indicator
    cent = (Y.T @ train) / nk[:, None]                # K x p
    overall = train.mean(axis=0)
    resid = train - cent[y]
    s = np.sqrt((resid ** 2).sum(axis=0) / (n - K))
    s = s + np.percentile(s, offset_percent)          # linear interpolation = R type 7
    mk = np.sqrt(1.0 / nk - 1.0 / n)
    d = (cent - overall) / (mk[:, None] * s)          # K x p
    dshr = np.sign(d) * np.maximum(np.abs(d) - threshold, 0.0)
    c = mk[:, None] * dshr                            # shrunken difference in sd units
    keep = np.abs(c).sum(axis=0) > 0
    pri = nk / n if prior is None else np.asarray(prior, float)
    z = (test - overall) / s
    disc = z[:, keep] @ c[:, keep].T - 0.5 * (c[:, keep] ** 2).sum(axis=1) + np.log(pri)
    e = np.exp(np.clip(disc, -500, 500))
    post = e / e.sum(axis=1, keepdims=True)
    feats = np.flatnonzero(keep)
    scores = c[:, feats].T                            # features x K
    order = np.argsort(-np.abs(scores).max(axis=1), kind="stable")
    return post, feats[order], scores[order]


def case(rng, sizes, p, m, threshold, offset_percent=50.0, prior=None, constant_cols=()):
    K = len(sizes)
    y = np.repeat(np.arange(K), sizes)
    rng.shuffle(y)
    shift = rng.normal(0.0, 0.6, size=(K, p))
    train = rng.lognormal(0.0, 0.5, size=(len(y), p)) + shift[y] + 3.0
    ytest = rng.integers(0, K, size=m)
    test = rng.lognormal(0.0, 0.5, size=(m, p)) + shift[ytest] + 3.0
    for j in constant_cols:                           # the same value in every row
        train[:, j] = 1.25
        test[:, j] = 1.25
    post, feats, scores = nsc(train, y, K, test, threshold, offset_percent, prior)
    return {
        "train": train.tolist(), "train_class": y.tolist(), "classes": K, "test": test.tolist(),
        "threshold": threshold, "offset_percent": offset_percent, "prior": [] if prior is None else prior,
        "posterior": post.tolist(), "features": feats.tolist(), "feature_scores": scores.tolist(),
    }


def main():
    rng = np.random.default_rng(20240521)
    cases = {
        "one_member_class": case(rng, [1, 4, 6], 8, 7, 0.5),
        "four_classes_constant_feature": case(rng, [5, 5, 3, 2], 20, 9, 1.0, constant_cols=(3,)),
        "percentile_30_and_prior": case(rng, [4, 3, 5], 12, 6, 0.8, offset_percent=30.0, prior=[0.2, 0.5, 0.3]),
        "everything_shrunk": case(rng, [3, 6], 5, 4, 50.0),
    }
    with open(sys.argv[1], "w") as f:
        json.dump(cases, f)


if __name__ == "__main__":
    main()
