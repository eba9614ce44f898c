"""Reference for the SVM tests: scikit-learn's SVC(kernel="linear", C=1) on stylo's table.

usage: svm_reference_sklearn.py TABLE MFW OUT_DIR
TABLE: stylo's sampled table (sample, set, then the MFW columns); the first MFW columns are
used. Classes are the sample names before the first "_", numbered in sorted order. Columns
with zero variance in the training rows are dropped, the others standardised with the
training mean and sd (ddof = 1), the test rows with the same, as e1071's svm(scale = TRUE).
Writes into OUT_DIR:
  decision_values.csv  SVC.decision_function with decision_function_shape="ovo": test rows
                       x pairs (a, b), a < b, positive = a
  scores.csv           per class the mean of its pairs' values, signed for it (stylo's
                       perform.svm raw_scores)
  predicted.csv        SVC.predict (one-vs-one votes)
"""
import csv
import os
import sys

import numpy as np
from sklearn.svm import SVC


def main():
    table, mfw, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(table, newline="") as f:
        rows = list(csv.reader(f))[1:]
    x = np.array([[float(v) for v in r[2:2 + mfw]] for r in rows])
    cls = [r[0].split("_")[0] for r in rows]
    tr = [i for i, r in enumerate(rows) if r[1] == "training"]
    te = [i for i, r in enumerate(rows) if r[1] != "training"]
    classes = sorted({cls[i] for i in tr})
    y = np.array([classes.index(cls[i]) for i in tr])
    a, b = x[tr], x[te]
    sd = a.std(axis=0, ddof=1)
    keep = sd > 0
    mu = a.mean(axis=0)
    a = (a[:, keep] - mu[keep]) / sd[keep]
    b = (b[:, keep] - mu[keep]) / sd[keep]
    model = SVC(kernel="linear", C=1.0, tol=1e-3, decision_function_shape="ovo").fit(a, y)
    dv = model.decision_function(b)
    c = len(classes)
    pairs = [(i, j) for i in range(c) for j in range(i + 1, c)]
    scores = np.zeros((len(te), c))
    for k, (i, j) in enumerate(pairs):
        scores[:, i] += dv[:, k]
        scores[:, j] -= dv[:, k]
    scores /= c - 1

    def write(name, header, data):
        with open(os.path.join(out, name), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            for row in data:
                w.writerow([repr(float(v)) for v in row])

    write("decision_values.csv", [f"{classes[i]}/{classes[j]}" for i, j in pairs], dv)
    write("scores.csv", classes, scores)
    write("predicted.csv", ["predicted"], [[p] for p in model.predict(b)])


if __name__ == "__main__":
    main()
