"""Tests of the stylokit Python module against its independent references: scikit-learn's
vectorizers, SciPy's linkage and the stylokit command line's own CSV output.

Run by ctest (python.pytest) with PYTHONPATH=<build>/python, STYLOKIT_BINARY (the CLI) and
STYLOKIT_DATA (the repository's data folder) set."""

import csv
import os
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

import stylokit

DATA = Path(os.environ.get("STYLOKIT_DATA", Path(__file__).resolve().parents[2] / "data"))
LETTERS = DATA / "letters"
BINARY = os.environ.get("STYLOKIT_BINARY", "")


def read_texts(folder):
    return [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]


@pytest.fixture(scope="module")
def letters_texts():
    return read_texts(LETTERS)


@pytest.fixture(scope="module")
def letters():
    return stylokit.load_corpus(LETTERS)


# ---- vectorizers against scikit-learn -----------------------------------------------------

# The combinations tests/features/sklearn_parity_test.cpp checks (LettersAllCombinations).
ANALYZERS = [("word", (1, 1)), ("word", (1, 2)), ("word", (2, 3)), ("char", (1, 3)), ("char", (2, 5)),
             ("char_wb", (2, 4)), ("char_wb", (3, 5)), ("char_wb", (1, 1))]


def parity_cases():
    cases = [dict(analyzer=a, ngram_range=r) for a, r in ANALYZERS]
    for tf in ("raw", "binary", "sublinear"):
        for idf in ("none", "smooth", "plain"):
            for norm in ("l2", "l1", None):
                cases.append(dict(analyzer="word", ngram_range=(1, 2), binary=tf == "binary",
                                  sublinear_tf=tf == "sublinear", use_idf=idf != "none", smooth_idf=idf == "smooth",
                                  norm=norm))
    cases += [
        dict(min_df=2, max_df=1.0),
        dict(ngram_range=(1, 2), min_df=0.4, max_df=0.8),
        dict(sublinear_tf=True, smooth_idf=False, norm="l1", min_df=1, max_df=3),
        dict(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, norm="l1", min_df=2, max_df=0.9),
        dict(max_features=40),
        dict(ngram_range=(1, 2), max_features=300),
        dict(analyzer="char_wb", ngram_range=(2, 4), max_features=1000),
        dict(ngram_range=(1, 3), stop_words="sklearn-english"),
        dict(ngram_range=(1, 2), smooth_idf=False,
             vocabulary=["president", "the", "of the", "azerbaijan", "zzz-never", "mr president", "and"]),
    ]
    return cases


def assert_same(ours, theirs, X_ours, X_theirs):
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert isinstance(X_ours, sp.csr_matrix)
    assert X_ours.shape == X_theirs.shape
    diff = abs(X_ours - X_theirs)
    assert (diff.max() if diff.nnz else 0.0) <= 1e-12


@pytest.mark.parametrize("params", parity_cases(), ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items())[:80])
def test_tfidf_equals_sklearn(params, letters_texts):
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    from sklearn.feature_extraction.text import TfidfVectorizer as SkTfidf

    params = dict(params)
    if params.get("stop_words") == "sklearn-english":
        params["stop_words"] = sorted(ENGLISH_STOP_WORDS)
    theirs = SkTfidf(**params)
    ours = stylokit.TfidfVectorizer(tokenizer="sklearn", **params)
    X_theirs = theirs.fit_transform(letters_texts)
    X_ours = ours.fit_transform(letters_texts)
    assert_same(ours, theirs, X_ours, X_theirs)
    if "vocabulary" not in params:
        # transform on documents not seen in fit: the fitted vocabulary and idf.
        half = letters_texts[:4]
        theirs.fit(half)
        ours.fit(half)
        assert_same(ours, theirs, ours.transform(letters_texts), theirs.transform(letters_texts))
        if theirs.use_idf:
            np.testing.assert_allclose(ours.idf_, theirs.idf_, rtol=0, atol=1e-12)


@pytest.mark.parametrize("params", [dict(), dict(ngram_range=(1, 2), min_df=2), dict(analyzer="char", binary=True)])
def test_count_equals_sklearn(params, letters_texts):
    from sklearn.feature_extraction.text import CountVectorizer as SkCount

    theirs, ours = SkCount(**params), stylokit.CountVectorizer(tokenizer="sklearn", **params)
    X_theirs, X_ours = theirs.fit_transform(letters_texts), ours.fit_transform(letters_texts)
    assert X_ours.dtype == X_theirs.dtype
    assert_same(ours, theirs, X_ours, X_theirs)


def test_pruning_errors_are_value_errors(letters_texts):
    with pytest.raises(ValueError, match="min_df|no terms"):
        stylokit.TfidfVectorizer(tokenizer="sklearn", min_df=6).fit(letters_texts)
    with pytest.raises(ValueError, match="max_df|min_df"):
        stylokit.TfidfVectorizer(tokenizer="sklearn", min_df=0.9, max_df=2).fit(letters_texts)


def test_unsupported_parameters_named(letters_texts):
    with pytest.raises(ValueError, match="strip_accents.*preprocessor"):
        stylokit.TfidfVectorizer(strip_accents="ascii", preprocessor=str.lower).fit(letters_texts)
    with pytest.raises(ValueError, match="tokenizer"):
        stylokit.TfidfVectorizer(tokenizer="whitespace").fit(letters_texts)


def test_csr_arrays_not_copied(letters_texts):
    X = stylokit.TfidfVectorizer(tokenizer="sklearn").fit_transform(letters_texts)
    # The arrays scipy holds are the ones the extension made (their base is its capsule).
    assert X.data.base is not None and X.indices.base is not None and X.indptr.base is not None


def test_clone_pipeline_gridsearch():
    from sklearn.base import clone
    from sklearn.model_selection import GridSearchCV, cross_val_score
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    vec = stylokit.TfidfVectorizer(tokenizer="sklearn", ngram_range=(1, 2), min_df=1)
    copy = clone(vec)
    assert copy.get_params() == vec.get_params() and copy is not vec
    rng = np.random.default_rng(7)
    words_a, words_b = ["cat", "mat", "sat", "hat"], ["dog", "log", "fog", "bog"]
    texts, labels = [], []
    for i in range(40):
        pool = words_a if i % 2 == 0 else words_b
        texts.append(" ".join(rng.choice(pool + ["the", "a", "on"], size=12)))
        labels.append(i % 2)
    pipe = Pipeline([("tfidf", stylokit.TfidfVectorizer(tokenizer="sklearn")), ("svm", LinearSVC())])
    search = GridSearchCV(pipe, {"tfidf__ngram_range": [(1, 1), (1, 2)]}, cv=3)
    search.fit(texts, labels)
    assert search.best_params_["tfidf__ngram_range"] in [(1, 1), (1, 2)]
    assert search.best_score_ == 1.0
    assert cross_val_score(pipe, texts, labels, cv=4).min() == 1.0


# ---- distances against the command line -----------------------------------------------------


def cli_matrix(tmp_path, *args):
    out = tmp_path / "S.csv"
    subprocess.run([BINARY, "similarity", str(LETTERS), "-o", str(out), *args], check=True, capture_output=True)
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0][1:], np.array([[float(v) for v in r[1:]] for r in rows[1:]])


@pytest.mark.skipif(not BINARY, reason="STYLOKIT_BINARY not set")
@pytest.mark.parametrize("measure,args", [("cosine", {}), ("burrows-delta", {"mfw": 100}),
                                          ("eder-delta", {"mfw": 50, "culling": 20}), ("cosine-delta", {}),
                                          ("jaccard", {"mfw": 30}), ("burrows-delta", {"variant": "published"})])
def test_distances_equal_cli_bit_for_bit(measure, args, letters, tmp_path):
    flags = ["--measure", measure]
    for k, v in args.items():
        flags += [f"--{k.replace('_', '-')}", str(v)]
    ids, expected = cli_matrix(tmp_path, *flags)
    D = stylokit.distances(letters, measure=measure, **args)
    assert ids == letters.ids
    assert D.shape == expected.shape and np.array_equal(D, expected)
    # threads never change a result
    assert np.array_equal(stylokit.distances(letters, measure=measure, threads=1, **args), D)


def test_mfw_table_then_distances(letters):
    t = stylokit.mfw_table(letters, mfw=40)
    assert t.relative.shape == (len(letters), 40) and t.ids == letters.ids
    np.testing.assert_array_equal(stylokit.distances(t, measure="burrows-delta"),
                                  stylokit.distances(letters, measure="burrows-delta", mfw=40))


# ---- linkage against SciPy --------------------------------------------------------------------


@pytest.mark.parametrize("ours,scipys", [("single", "single"), ("complete", "complete"), ("average", "average"),
                                         ("weighted", "weighted"), ("ward.D2", "ward"), ("centroid", "centroid"),
                                         ("median", "median")])
def test_linkage_equals_scipy(ours, scipys):
    from scipy.cluster.hierarchy import linkage as sp_linkage
    from scipy.spatial.distance import pdist, squareform

    rng = np.random.default_rng(3)
    for n in (2, 5, 30):
        points = rng.normal(size=(n, 4))
        d = pdist(points)
        expected = sp_linkage(d, method=scipys)
        for D in (d, squareform(d)):
            Z = stylokit.linkage(D, method=ours)
            assert Z.shape == expected.shape
            np.testing.assert_array_equal(Z[:, [0, 1, 3]], expected[:, [0, 1, 3]])
            assert np.max(np.abs(Z[:, 2] - expected[:, 2])) <= 1e-12


def test_linkage_of_distances_draws(letters):
    from scipy.cluster.hierarchy import dendrogram, is_valid_linkage

    Z = stylokit.linkage(stylokit.distances(letters, measure="burrows-delta"), method="ward.D")
    assert is_valid_linkage(Z)
    assert sorted(dendrogram(Z, no_plot=True)["leaves"]) == list(range(len(letters)))


# ---- the other functions ------------------------------------------------------------------


def test_corpus_and_top_k_and_phrases(letters):
    assert len(letters.ids) == len(letters.texts) == len(list(LETTERS.glob("*.txt")))
    idx, score = stylokit.top_k(letters, k=2)
    S = stylokit.distances(letters, measure="cosine")
    for i in range(len(letters)):
        s = S[i].copy()
        s[i] = -np.inf
        assert score[i, 0] == pytest.approx(s.max(), abs=1e-12)
    table = stylokit.phrases(letters, min_len=3, min_docs=2)
    assert len(table) > 0 and (table["docs"] >= 2).all() and (table["length"] >= 3).all()


def test_from_texts():
    c = stylokit.Corpus.from_texts(["the cat sat on the mat", "the dog sat on the log", "a bird"], ids=["a", "b", "c"])
    S = stylokit.distances(c, measure="cosine", tokenizer="sklearn")
    assert S.shape == (3, 3) and S[0, 1] > S[0, 2]


# ---- errors -----------------------------------------------------------------------------


def test_exception_types(letters, tmp_path):
    with pytest.raises(OSError, match="no-such-folder"):
        stylokit.load_corpus(tmp_path / "no-such-folder")
    with pytest.raises(ValueError, match="^measure: "):
        stylokit.distances(letters, measure="no-such-measure")
    with pytest.raises(ValueError, match="^culling: "):
        stylokit.distances(letters, measure="burrows-delta", culling=150)
    with pytest.raises(ValueError, match="^method"):
        stylokit.linkage(np.zeros((3, 3)), method="nope")
    with pytest.raises(ValueError, match="negative"):
        stylokit.linkage(np.array([[0.0, -1.0], [-1.0, 0.0]]), method="average")
    with pytest.raises(ValueError, match="unknown option"):
        stylokit.distances(letters, measure="cosine", no_such_option=1)
    one = stylokit.Corpus.from_texts(["only one document"])
    with pytest.raises(ValueError):
        stylokit.distances(one, measure="burrows-delta")


# ---- the GIL ----------------------------------------------------------------------------


def test_gil_released_during_distances():
    """Two threads calling distances overlap in time (they could not if the GIL were held)."""
    rng = np.random.default_rng(1)
    vocab = [f"w{i}" for i in range(3000)]
    texts = [" ".join(rng.choice(vocab, size=4000)) for _ in range(80)]
    corpus = stylokit.Corpus.from_texts(texts)

    def call(out):
        start = time.perf_counter()
        stylokit.distances(corpus, measure="burrows-delta", mfw=2000, threads=1)
        out.append((start, time.perf_counter()))

    # One call's length, then two threads at once; repeated because a loaded machine may
    # schedule one thread entirely before the other.
    for _ in range(5):
        spans = []
        threads = [threading.Thread(target=call, args=(spans,)) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        (a0, a1), (b0, b1) = sorted(spans)
        overlap = min(a1, b1) - max(a0, b0)
        if overlap > 0.25 * min(a1 - a0, b1 - b0):
            return
    pytest.fail(f"the two calls never overlapped by a quarter of a call: last spans {spans}")
