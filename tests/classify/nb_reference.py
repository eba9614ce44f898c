"""Reference for the naive Bayes tests: e1071's definition in plain Python, and scikit-learn.

usage: nb_reference.py e1071|sklearn TABLE MFW OUT_DIR
TABLE: stylo's sampled table (sample, set, then the MFW columns); the first MFW columns are
used; classes are the sample names before the first "_", numbered in sorted order.

e1071: naiveBayes() + predict.naiveBayes(threshold = 0.001, eps = 0) (e1071 R/naiveBayes.R)
  written out here: per class and column the mean and the sample sd (ddof = 1); sd <= eps is
  replaced by the threshold; the density is R's dnorm (src/nmath/dnorm.c) in linear space,
  with math.exp, and a density <= eps (underflow) by the threshold; L = log(prior share) +
  sum of log densities. Writes log_joint.csv and posterior.csv (1 / sum exp(L_k - L_c)).
sklearn: GaussianNB(var_smoothing=0) fitted, then its var_ rescaled to the sample variance
  (n_c / (n_c - 1)), so that its definition is e1071's wherever no threshold applies; writes
  log_joint.csv (predict_joint_log_proba) and predicted.csv.
"""
import csv
import math
import os
import sys

import numpy as np

M_1_SQRT_2PI = 0.398942280401432677939946059934
DBL_MIN_EXP, DBL_MANT_DIG = -1021, 53


def r_dnorm(x, mu, sigma):
    z = (x - mu) / sigma
    if not math.isfinite(z):
        return 0.0
    z = abs(z)
    if z < 5:
        return M_1_SQRT_2PI * math.exp(-0.5 * z * z) / sigma
    if z > math.sqrt(-2 * math.log(2) * (DBL_MIN_EXP + 1 - DBL_MANT_DIG)):
        return 0.0
    z1 = math.ldexp(float(round(math.ldexp(z, 16))), -16)  # round half to even, as nearbyint
    z2 = z - z1
    return M_1_SQRT_2PI / sigma * (math.exp(-0.5 * z1 * z1) * math.exp((-0.5 * z2 - z1) * z2))


def load(table, mfw):
    with open(table, newline="") as f:
        rows = list(csv.reader(f))[1:]
    x = np.array([[float(v) for v in r[2:2 + mfw]] for r in rows])
    cls = [r[0].split("_")[0] for r in rows]
    tr = [i for i, r in enumerate(rows) if r[1] == "training"]
    te = [i for i, r in enumerate(rows) if r[1] != "training"]
    classes = sorted({cls[i] for i in tr})
    y = np.array([classes.index(cls[i]) for i in tr])
    return x[tr], y, x[te], classes


def write(path, header, data):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row in data:
            w.writerow([repr(float(v)) for v in row])


def e1071(a, y, b, c, threshold=0.001, eps=0.0):
    log_joint = np.zeros((b.shape[0], c))
    for k in range(c):
        ak = a[y == k]
        mu = ak.mean(axis=0)
        sd = ak.std(axis=0, ddof=1)
        sd[sd <= eps] = threshold
        prior = math.log(len(ak) / len(a))
        for t in range(b.shape[0]):
            s = prior
            for j in range(b.shape[1]):
                p = r_dnorm(b[t, j], mu[j], sd[j])
                s += math.log(threshold if p <= eps else p)
            log_joint[t, k] = s
    with np.errstate(over="ignore"):  # exp of a large difference is inf, its share 0
        posterior = np.array([[1 / np.sum(np.exp(row - lp)) for lp in row] for row in log_joint])
    return log_joint, posterior


def main():
    mode, table, mfw, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    a, y, b, classes = load(table, mfw)
    if mode == "e1071":
        log_joint, posterior = e1071(a, y, b, len(classes))
        write(os.path.join(out, "log_joint.csv"), classes, log_joint)
        write(os.path.join(out, "posterior.csv"), classes, posterior)
    elif mode == "sklearn":
        from sklearn.naive_bayes import GaussianNB
        model = GaussianNB(var_smoothing=0.0).fit(a, y)
        n = model.class_count_[:, None]
        model.var_ = model.var_ * n / (n - 1)
        write(os.path.join(out, "log_joint.csv"), classes, model.predict_joint_log_proba(b))
        write(os.path.join(out, "predicted.csv"), ["predicted"], [[p] for p in model.predict(b)])
    else:
        sys.exit(f"nb_reference.py: unknown mode {mode}")


if __name__ == "__main__":
    main()
