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
    analyzer) written as docs/DESIGN.md's matrix CSV, plus SciPy's average linkage of it."""
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


class MT19937_64:
    """The 64-bit Mersenne Twister (std::mt19937_64) written out from its published
    definition, so the bootstrap draw is replayed without our C++ code."""

    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.mt = [0] * 312
        self.mt[0] = seed & self.MASK
        for i in range(1, 312):
            prev = self.mt[i - 1]
            self.mt[i] = (6364136223846793005 * (prev ^ (prev >> 62)) + i) & self.MASK
        self.index = 312

    def _twist(self):
        upper, lower = 0xFFFFFFFF80000000, 0x7FFFFFFF
        for i in range(312):
            x = (self.mt[i] & upper) | (self.mt[(i + 1) % 312] & lower)
            xa = x >> 1
            if x & 1:
                xa ^= 0xB5026F5AA96619E9
            self.mt[i] = self.mt[(i + 156) % 312] ^ xa
        self.index = 0

    def __call__(self):
        if self.index >= 312:
            self._twist()
        y = self.mt[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & self.MASK


def bootstrap_indices(p, replicates, seed):
    """The documented draw: one generator; per index, rejection below 2^64 - (2^64 mod p)."""
    rng = MT19937_64(seed)
    limit = (1 << 64) - ((1 << 64) % p)
    out = []
    for _ in range(replicates):
        sample = []
        for _ in range(p):
            x = rng()
            while x >= limit:
                x = rng()
            sample.append(x % p)
        out.append(sample)
    return out


def clades_of(Z, n):
    """Leaf sets (sorted tuples) of the internal nodes of a SciPy linkage, root excluded."""
    members = [[i] for i in range(n)]
    out = []
    for a, b, _, _ in Z:
        members.append(sorted(members[int(a)] + members[int(b)]))
        if len(members[-1]) < n:
            out.append(tuple(members[-1]))
    return out


def task_bootstrap(d):
    """Replays the bootstrap draw with our own MT19937-64, checks the indices the C++ side
    wrote, and counts the clades of SciPy's trees over the resampled columns (Euclidean
    distances). Returns the majority clades (count > B/2) with their counts."""
    from scipy.cluster import hierarchy
    from scipy.spatial.distance import pdist

    # The C++ standard fixes the 10000th output of a default-constructed mt19937_64.
    rng = MT19937_64(5489)
    for _ in range(9999):
        rng()
    assert rng() == 9981545732273789042
    X = load(f"{d}/X.csv")
    params = json.load(open(f"{d}/params.json"))
    B, seed, method = params["replicates"], params["seed"], params["method"]
    idx = bootstrap_indices(X.shape[1], B, seed)
    ours = load(f"{d}/indices.csv").astype(int).tolist()
    counts = {}
    for sample in idx:
        Z = hierarchy.linkage(pdist(X[:, sample]), method=method)
        for c in set(clades_of(Z, X.shape[0])):
            counts[c] = counts.get(c, 0) + 1
    majority = [{"clade": list(c), "count": k} for c, k in sorted(counts.items()) if 2 * k > B]
    return {"indices_equal": ours == idx, "first": idx[0][:5], "majority": majority}


def task_map_cli(d):
    """PCA (covariance: numpy SVD of the centred table; correlation: of the z-scored table)
    of a frequency table written by `stylokit similarity --save-table`, and classical MDS
    (numpy eigh) of a distance matrix CSV; each axis flipped so its largest-magnitude
    loading (PCA) or coordinate (MDS) is positive."""
    import pandas as pd

    T = pd.read_csv(f"{d}/T.csv", index_col=0)  # features as rows, documents as columns
    X = T.to_numpy().T
    out = {"ids": list(T.columns)}
    for name, M in [("pca", X), ("pca-cor", (X - X.mean(0)) / X.std(0, ddof=1))]:
        C = M - M.mean(0)
        U, S, Vt = np.linalg.svd(C, full_matrices=False)
        signs = flip_largest_positive(Vt[:2], 1)
        var = S ** 2 / (X.shape[0] - 1)
        out[name] = {"coords": (C @ Vt[:2].T * signs[None, :]).tolist(), "variance": var[:2].tolist(),
                     "ratio": (var[:2] / var.sum()).tolist()}
    S = pd.read_csv(f"{d}/D.csv", index_col=0)
    D = S.to_numpy()
    n = D.shape[0]
    J = np.eye(n) - np.ones((n, n)) / n
    Bm = -0.5 * J @ (D ** 2) @ J
    w, V = np.linalg.eigh(Bm)
    order = np.argsort(w)[::-1]
    w, V = w[order], V[:, order]
    coords = V[:, :2] * np.sqrt(np.maximum(w[:2], 0))
    coords = coords * flip_largest_positive(coords, 0)
    out["mds"] = {"ids": list(S.index), "coords": coords.tolist(), "variance": w[:2].tolist(),
                  "ratio": (w[:2] / w[w > 0].sum()).tolist()}
    return out


def task_features_mfw(d):
    """MFW table of word/character n-grams from a raw count matrix written by `stylokit
    vectorize` (no pruning): rank by corpus count (ties by UTF-8 bytes), relative frequency
    over all n-grams of the document, z-scores (sample sd), Cosine Delta, SciPy's average
    linkage."""
    import scipy.io
    from scipy.cluster import hierarchy
    from scipy.spatial.distance import pdist

    params = json.load(open(f"{d}/params.json"))
    M = scipy.io.mmread(f"{d}/M.mtx").tocsr().astype(float)
    terms = [l.rstrip("\n").split("\t")[0] for l in open(f"{d}/M.terms.tsv", encoding="utf-8")][1:]
    ids = [l.rstrip("\n") for l in open(f"{d}/M.docs.tsv", encoding="utf-8")][1:]
    counts = np.asarray(M.sum(axis=0)).ravel()
    order = sorted(range(len(terms)), key=lambda j: (-counts[j], terms[j].encode("utf-8")))[: params["mfw"]]
    R = M[:, order].toarray() / np.asarray(M.sum(axis=1)).ravel()[:, None] * 100
    sd = R.std(axis=0, ddof=1)
    Z = np.where(sd > 0, (R - R.mean(axis=0)) / np.where(sd > 0, sd, 1), 0)
    L = hierarchy.linkage(pdist(Z, "cosine"), method="average")
    return {"ids": ids, "Z": L.tolist(), "words": [terms[j] for j in order[:5]]}


if __name__ == "__main__":
    task, in_dir, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
    result = globals()[f"task_{task}"](in_dir)
    with open(out_path, "w") as f:
        json.dump(result, f)
