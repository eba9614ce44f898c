"""Independent references for the cluster stage tests (SciPy, scikit-learn, numpy).

usage: reference_cluster.py TASK IN_DIR OUT.json
Inputs are plain CSV files of numbers (no header) in IN_DIR, written by the C++ tests;
the answer is one JSON object. Run with /usr/bin/python3 (Debian's packages).
"""
import json
import sys

import numpy as np


def load(path):
    return np.loadtxt(path, delimiter=",", ndmin=2)


def naive_lance_williams_ward_d(D):
    """R's hclust(method = "ward.D") by the primitive O(n^3) algorithm: repeatedly merge
    the closest pair, update with the Ward Lance-Williams formula on the distances as
    given (unsquared). Returns the sorted merge heights."""
    D = D.copy().astype(float)
    n = D.shape[0]
    active = list(range(n))
    size = {i: 1 for i in range(n)}
    heights = []
    while len(active) > 1:
        best = None
        for a in range(len(active)):
            for b in range(a + 1, len(active)):
                i, j = active[a], active[b]
                if best is None or D[i, j] < best[0]:
                    best = (D[i, j], i, j)
        h, i, j = best
        heights.append(h)
        for k in active:
            if k in (i, j):
                continue
            ni, nj, nk = size[i], size[j], size[k]
            v = ((ni + nk) * D[i, k] + (nj + nk) * D[j, k] - nk * D[i, j]) / (ni + nj + nk)
            D[j, k] = D[k, j] = v
        size[j] += size[i]
        active.remove(i)
    return sorted(heights)


def task_linkage(d):
    from scipy.cluster import hierarchy
    from scipy.spatial.distance import squareform

    D = load(f"{d}/D.csv")
    y = squareform(D, checks=False)
    methods = open(f"{d}/methods.txt").read().split()
    out = {}
    for method in methods:
        thresholds = load(f"{d}/thresholds_{method}.csv").ravel().tolist()
        Z = hierarchy.linkage(y, method=method)
        c, coph = hierarchy.cophenet(Z, y)
        out[method] = {
            "Z": Z.tolist(),
            "leaves": hierarchy.leaves_list(Z).tolist(),
            "cophenet": float(c),
            "coph": coph.tolist(),
            "fcluster": [hierarchy.fcluster(Z, t, criterion="distance").tolist() for t in thresholds],
        }
    out["ward.D"] = {"heights": naive_lance_williams_ward_d(D)}
    # ward.D on squared distances has the squared ward.D2 heights.
    out["ward_squared"] = {"Z": hierarchy.linkage(y, method="ward").tolist()}
    return out


def task_silhouette(d):
    from sklearn.metrics import silhouette_samples, silhouette_score

    D = load(f"{d}/D.csv")
    labels = load(f"{d}/labels.csv").ravel().astype(int)
    return {
        "score": float(silhouette_score(D, labels, metric="precomputed")),
        "samples": silhouette_samples(D, labels, metric="precomputed").tolist(),
    }


def task_kmeans(d):
    from sklearn.cluster import KMeans

    X = load(f"{d}/X.csv")
    init = load(f"{d}/init.csv")
    km = KMeans(n_clusters=init.shape[0], init=init, n_init=1, tol=0.0, max_iter=300, algorithm="lloyd").fit(X)
    return {"labels": km.labels_.tolist(), "centers": km.cluster_centers_.tolist(), "inertia": float(km.inertia_)}


def task_ari(d):
    from sklearn.metrics import adjusted_rand_score

    a = load(f"{d}/a.csv").ravel().astype(int)
    b = load(f"{d}/b.csv").ravel().astype(int)
    return {"ari": float(adjusted_rand_score(a, b))}


def flip_largest_positive(M, axis):
    """Flips each column (axis=0) or row (axis=1) so its largest-magnitude entry is positive."""
    M = np.array(M)
    vecs = M if axis == 0 else M.T
    signs = []
    for k in range(vecs.shape[1]):
        v = vecs[:, k]
        i = int(np.argmax(np.abs(v)))  # first on ties
        signs.append(-1.0 if v[i] < 0 else 1.0)
    return np.array(signs)


def task_mds(d):
    D = load(f"{d}/D.csv")
    n = D.shape[0]
    J = np.eye(n) - np.ones((n, n)) / n
    B = -0.5 * J @ (D ** 2) @ J
    w, V = np.linalg.eigh(B)
    order = np.argsort(w)[::-1]
    w, V = w[order], V[:, order]
    coords = V[:, :2] * np.sqrt(np.maximum(w[:2], 0))
    coords = coords * flip_largest_positive(coords, 0)
    pos = w[w > 0].sum()
    return {"coords": coords.tolist(), "eigenvalues": w[:2].tolist(), "ratio": (w[:2] / pos).tolist()}


def task_pca(d):
    from sklearn.decomposition import PCA

    X = load(f"{d}/X.csv")
    p = PCA(n_components=2, svd_solver="full").fit(X)
    comps = p.components_
    signs = flip_largest_positive(comps, 1)
    return {
        "components": (comps * signs[:, None]).tolist(),
        "coords": (p.transform(X) * signs[None, :]).tolist(),
        "variance": p.explained_variance_.tolist(),
        "ratio": p.explained_variance_ratio_.tolist(),
    }


def task_letters(d):
    """A cosine-distance matrix of the letters (word counts, scikit-learn's default
    analyzer) written as DESIGN.md's matrix CSV, plus SciPy's average linkage of it."""
    import os

    from scipy.cluster import hierarchy
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    folder = open(f"{d}/letters_dir.txt").read().strip()
    names = sorted(f for f in os.listdir(folder) if f.endswith(".txt"))
    ids = [n[:-4] for n in names]
    texts = [open(os.path.join(folder, n), encoding="utf-8").read() for n in names]
    S = cosine_similarity(CountVectorizer().fit_transform(texts))
    np.fill_diagonal(S, 1.0)
    S = np.minimum((S + S.T) / 2, 1.0)
    with open(f"{d}/S.csv", "w") as f:
        f.write("," + ",".join(ids) + "\n")
        for i, row in enumerate(S):
            f.write(ids[i] + "," + ",".join(repr(float(v)) for v in row) + "\n")
    with open(f"{d}/S.json", "w") as f:
        json.dump({"measure": "cosine", "direction": "similarity"}, f)
    D = 1.0 - S
    np.fill_diagonal(D, 0.0)
    y = squareform(D, checks=False)
    out = {"ids": ids}
    for method in ["average", "ward", "complete", "single"]:
        Z = hierarchy.linkage(y, method=method)
        out[method] = {"Z": Z.tolist(), "leaves": hierarchy.leaves_list(Z).tolist(),
                       "cophenet": float(hierarchy.cophenet(Z, y)[0])}
    return out


if __name__ == "__main__":
    task, in_dir, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
    result = globals()[f"task_{task}"](in_dir)
    with open(out_path, "w") as f:
        json.dump(result, f)
