"""Reference for the features tests: scikit-learn's own CountVectorizer / TfidfVectorizer.

usage: reference_sklearn.py REQUEST.json RESULT.json
REQUEST: {"documents": [PATH, ...], "configs": [{"analyzer": "word", "ngram_range": [1, 2],
          "min_df": 1, "max_df": 1.0, "max_features": null, "stop_words": null | [..],
          "vocabulary": null | [..], "binary": false, "sublinear_tf": false,
          "use_idf": true, "smooth_idf": true, "norm": "l2" | null}, ...]}
Each document is read as UTF-8 bytes (no newline translation), as sklearn's input="filename"
does. RESULT: one entry per config: {"terms", "dfs", "shape", "indptr", "indices", "data"} of
the CSR result with sorted indices (the arrays in binary side files, see main), or {"error": message} when sklearn raises ValueError.
"""
import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def run(documents, cfg):
    params = dict(
        analyzer=cfg["analyzer"],
        ngram_range=tuple(cfg["ngram_range"]),
        min_df=cfg["min_df"],
        max_df=cfg["max_df"],
        max_features=cfg["max_features"],
        stop_words=cfg["stop_words"],
        vocabulary=cfg["vocabulary"],
        binary=cfg["binary"],
        sublinear_tf=cfg["sublinear_tf"],
        use_idf=cfg["use_idf"],
        smooth_idf=cfg["smooth_idf"],
        norm=cfg["norm"],
        dtype=np.float64,
    )
    vec = TfidfVectorizer(input="content", **params)
    try:
        x = vec.fit_transform(documents)
    except ValueError as e:
        return {"error": str(e)}
    x = x.tocsr()
    x.sort_indices()
    terms = vec.get_feature_names_out().tolist()
    # Document frequencies of the kept terms, from the raw counts.
    binary = (x != 0).astype(np.int64)
    dfs = np.asarray(binary.sum(axis=0)).ravel().tolist()
    if cfg["max_features"] is not None:
        # sklearn breaks ties at the cut by an unstable argsort; report whether there was one.
        from sklearn.feature_extraction.text import CountVectorizer
        cv = CountVectorizer(input="content", **{k: v for k, v in params.items()
                                                  if k not in ("sublinear_tf", "use_idf", "smooth_idf", "norm")
                                                  and k != "max_features"})
        c = cv.fit_transform(documents)
        tfs = np.asarray(c.sum(axis=0)).ravel()
        dfa = np.asarray((c != 0).sum(axis=0)).ravel()
        n = c.shape[0]
        low = cfg["min_df"] if isinstance(cfg["min_df"], int) else cfg["min_df"] * n
        high = cfg["max_df"] if isinstance(cfg["max_df"], int) else cfg["max_df"] * n
        mask = (dfa >= low) & (dfa <= high)
        kept = np.sort(tfs[mask])[::-1]
        k = cfg["max_features"]
        tie = bool(len(kept) > k and kept[k - 1] == kept[k])
    else:
        tie = False
    return {
        "terms": terms,
        "dfs": dfs,
        "shape": list(x.shape),
        "indptr": x.indptr.astype("<i8"),
        "indices": x.indices.astype("<i8"),
        "data": x.data.astype("<f8"),
        "tie_at_cut": tie,
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        request = json.load(f)
    documents = []
    for path in request["documents"]:
        with open(path, "rb") as f:
            documents.append(f.read().decode("utf-8"))
    results = [run(documents, cfg) for cfg in request["configs"]]
    # The CSR arrays go to raw little-endian files beside the JSON (RESULT.json.<i>.indptr,
    # .indices as int64, .data as float64): exact and fast to read.
    for i, r in enumerate(results):
        for key in ("indptr", "indices", "data"):
            if key in r:
                r.pop(key).tofile(f"{sys.argv[2]}.{i}.{key}")
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
