"""scikit-learn-compatible vectorizers over stylokit's C++ features stage."""

import numbers

import numpy as np
import scipy.sparse as sp

from . import _core

try:  # clone, Pipeline and GridSearchCV need these bases; the classes work without them.
    from sklearn.base import BaseEstimator, TransformerMixin
except ImportError:  # pragma: no cover - scikit-learn is optional
    from ._compat import BaseEstimator, TransformerMixin

_TOKENIZERS = ("icu", "sklearn", "stylo")


def _df_bound(value, name):
    """min_df/max_df as the library spells them: an int is a count, a float a share."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name}: an int (documents) or a float in [0, 1] (share), got {value!r}")
    if isinstance(value, numbers.Integral):
        return str(int(value))
    text = repr(float(value))
    return text if ("." in text or "e" in text) else text + ".0"


def _csr(arrays):
    """A csr_matrix over the arrays the extension returned, without copying them again."""
    data, indices, indptr, shape = arrays
    return sp.csr_matrix((data, indices, indptr), shape=shape, copy=False)


class CountVectorizer(TransformerMixin, BaseEstimator):
    """Term counts per document, as scikit-learn's CountVectorizer, computed by stylokit.

    Parameters (scikit-learn's names and defaults)
    ----------
    tokenizer : {"icu", "sklearn", "stylo"}, default "icu"
        "sklearn" reproduces scikit-learn's default analysis (str.lower, token_pattern
        ``(?u)\\b\\w\\w+\\b``) so the output equals scikit-learn's; "icu" is stylokit's
        Unicode tokenizer (NFKC, case folding, UAX #29 words); "stylo" is R stylo's.
    analyzer : {"word", "char", "char_wb"}, default "word"
    ngram_range : (int, int), default (1, 1)
    lowercase : bool, default True
        False keeps case ("icu", "stylo"); scikit-learn's tokenizer always lowercases here.
    stop_words : None, "english", a file path or a list of words
        "english" is stylokit's shipped list (data/stopwords/english.txt); pass
        ``list(sklearn.feature_extraction.text.ENGLISH_STOP_WORDS)`` for scikit-learn's.
    min_df, max_df : int (documents) or float (share of documents), defaults 1 and 1.0
    max_features : int or None
    vocabulary : list or dict (term -> column) or None
    binary : bool, default False
    dtype : numpy dtype of the result, default numpy.int64
    threads : int, default 0 (all cores); the result is the same for any value.

    Parameters of scikit-learn that stylokit does not support (input other than "content",
    encoding, decode_error, strip_accents, preprocessor, token_pattern, a callable analyzer
    or tokenizer) raise ValueError naming them when set.

    Attributes after fit: ``vocabulary_`` (dict term -> column), ``df_`` (document
    frequencies, numpy array).

    Example
    -------
    >>> import stylokit
    >>> cv = stylokit.CountVectorizer(tokenizer="sklearn", ngram_range=(1, 2))
    >>> X = cv.fit_transform(["the cat sat", "the dog sat"])
    >>> list(cv.get_feature_names_out()[:3])
    ['cat', 'cat sat', 'dog']
    """

    def __init__(self, *, input="content", encoding="utf-8", decode_error="strict", strip_accents=None,
                 lowercase=True, preprocessor=None, tokenizer="icu", stop_words=None, token_pattern=None,
                 ngram_range=(1, 1), analyzer="word", max_df=1.0, min_df=1, max_features=None, vocabulary=None,
                 binary=False, dtype=np.int64, threads=0):
        self.input = input
        self.encoding = encoding
        self.decode_error = decode_error
        self.strip_accents = strip_accents
        self.lowercase = lowercase
        self.preprocessor = preprocessor
        self.tokenizer = tokenizer
        self.stop_words = stop_words
        self.token_pattern = token_pattern
        self.ngram_range = ngram_range
        self.analyzer = analyzer
        self.max_df = max_df
        self.min_df = min_df
        self.max_features = max_features
        self.vocabulary = vocabulary
        self.binary = binary
        self.dtype = dtype
        self.threads = threads

    # ---- option binding ------------------------------------------------------------------

    def _unsupported(self):
        bad = []
        if self.input != "content":
            bad.append("input")
        if self.encoding != "utf-8":
            bad.append("encoding")
        if self.decode_error != "strict":
            bad.append("decode_error")
        for name in ("strip_accents", "preprocessor", "token_pattern"):
            if getattr(self, name) is not None:
                bad.append(name)
        if callable(self.analyzer):
            bad.append("analyzer (a callable)")
        if callable(self.tokenizer):
            bad.append("tokenizer (a callable)")
        if self.tokenizer == "sklearn" and not self.lowercase:
            bad.append("lowercase=False with tokenizer='sklearn'")
        if bad:
            raise ValueError(f"{type(self).__name__}: not supported by stylokit: {', '.join(bad)}")

    def _weights(self):
        """(tf, idf, norm) as FeaturesConfig spells them."""
        return ("binary" if self.binary else "raw"), "none", "none"

    def _config(self, fixed_vocabulary):
        self._unsupported()
        if self.tokenizer not in _TOKENIZERS:
            raise ValueError(f"tokenizer: icu, sklearn or stylo, got {self.tokenizer!r}")
        try:
            nmin, nmax = self.ngram_range
        except (TypeError, ValueError):
            raise ValueError(f"ngram_range: a pair (min_n, max_n), got {self.ngram_range!r}") from None
        tf, idf, norm = self._weights()
        features = {"analyzer": self.analyzer, "ngram_min": int(nmin), "ngram_max": int(nmax),
                    "tokenizer": self.tokenizer, "tf": tf, "idf": idf, "norm": norm}
        text = {}
        if self.tokenizer == "icu" and not self.lowercase:
            text["case"] = "keep"
        if self.tokenizer == "stylo" and not self.lowercase:
            features["preserve_case"] = True
        if not fixed_vocabulary:
            features["min_df"] = _df_bound(self.min_df, "min_df")
            features["max_df"] = _df_bound(self.max_df, "max_df")
            if self.max_features is not None:
                if int(self.max_features) < 1:
                    raise ValueError(f"max_features: a positive int or None, got {self.max_features!r}")
                features["max_features"] = int(self.max_features)
        stop_list = None
        if isinstance(self.stop_words, str):
            features["stop_words"] = self.stop_words
        elif self.stop_words is not None:
            stop_list = [str(w) for w in self.stop_words]
        return features, text, stop_list

    def _fixed_vocabulary(self):
        v = self.vocabulary
        if v is None:
            return None
        if isinstance(v, dict):
            terms = sorted(v, key=v.__getitem__)
            if [v[t] for t in terms] != list(range(len(terms))):
                raise ValueError("vocabulary: the columns of a dict must be 0..n-1")
            return terms
        return [str(t) for t in v]

    @staticmethod
    def _texts(raw_documents):
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        return [d if isinstance(d, str) else str(d) for d in raw_documents]

    def _run(self, texts, features, text, vocabulary, stop_list):
        arrays, terms, dfs = _core.vectorize(texts, features, text, vocabulary, stop_list, int(self.threads))
        return _csr(arrays), terms, dfs

    # ---- scikit-learn API ----------------------------------------------------------------

    def fit(self, raw_documents, y=None):
        """Learns the vocabulary (and idf) from the documents. Returns self."""
        self.fit_transform(raw_documents)
        return self

    def _finish_fit(self, terms, dfs, n_docs):
        self._terms = list(terms)
        self.vocabulary_ = {t: i for i, t in enumerate(self._terms)}
        self.df_ = dfs
        self.n_docs_ = n_docs

    def fit_transform(self, raw_documents, y=None):
        """Learns the vocabulary and returns the document-term matrix (scipy.sparse.csr_matrix).

        Example: ``X = stylokit.CountVectorizer().fit_transform(["a b", "b c"])``.
        """
        texts = self._texts(raw_documents)
        fixed = self._fixed_vocabulary()
        features, text, stop_list = self._config(fixed is not None)
        X, terms, dfs = self._run(texts, features, text, fixed, stop_list)
        self._finish_fit(terms, dfs, len(texts))
        return X if X.dtype == self.dtype else X.astype(self.dtype)

    def transform(self, raw_documents):
        """The documents' matrix over the fitted vocabulary (terms not in it are ignored)."""
        if not hasattr(self, "vocabulary_"):
            raise ValueError(f"{type(self).__name__}: call fit before transform")
        texts = self._texts(raw_documents)
        features, text, stop_list = self._config(True)
        features["idf"], features["norm"] = "none", "none"
        X, _, _ = self._run(texts, features, text, self._terms, stop_list)
        return self._weigh(X)

    def _weigh(self, X):
        return X if X.dtype == self.dtype else X.astype(self.dtype)

    def get_feature_names_out(self, input_features=None):
        """The terms, column order (numpy array of str)."""
        if not hasattr(self, "vocabulary_"):
            raise ValueError(f"{type(self).__name__}: call fit first")
        return np.asarray(self._terms, dtype=object)


class TfidfVectorizer(CountVectorizer):
    """TF-IDF weighted document-term matrix, as scikit-learn's TfidfVectorizer, computed by stylokit.

    Parameters: those of CountVectorizer (default dtype numpy.float64) and
    norm : {"l2", "l1", None}, default "l2"
    use_idf, smooth_idf : bool, default True
    sublinear_tf : bool, default False

    With ``tokenizer="sklearn"`` the matrix and ``get_feature_names_out()`` equal
    scikit-learn 1.2's to 1e-12 (the combinations tests/features/sklearn_parity_test.cpp and
    python/tests/test_vectorizers.py check). Attribute ``idf_`` after fit (when use_idf).

    Example
    -------
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.svm import LinearSVC
    >>> import stylokit
    >>> clf = make_pipeline(stylokit.TfidfVectorizer(tokenizer="sklearn"), LinearSVC())
    >>> clf = clf.fit(["a cat", "a dog", "the cat", "the dog"], [0, 1, 0, 1])
    """

    def __init__(self, *, input="content", encoding="utf-8", decode_error="strict", strip_accents=None,
                 lowercase=True, preprocessor=None, tokenizer="icu", stop_words=None, token_pattern=None,
                 ngram_range=(1, 1), analyzer="word", max_df=1.0, min_df=1, max_features=None, vocabulary=None,
                 binary=False, dtype=np.float64, norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=False,
                 threads=0):
        super().__init__(input=input, encoding=encoding, decode_error=decode_error, strip_accents=strip_accents,
                         lowercase=lowercase, preprocessor=preprocessor, tokenizer=tokenizer,
                         stop_words=stop_words, token_pattern=token_pattern, ngram_range=ngram_range,
                         analyzer=analyzer, max_df=max_df, min_df=min_df, max_features=max_features,
                         vocabulary=vocabulary, binary=binary, dtype=dtype, threads=threads)
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf

    def _weights(self):
        # scikit-learn applies binary in the counts, then sublinear_tf (1 + ln 1 = 1): binary wins.
        tf = "binary" if self.binary else ("sublinear" if self.sublinear_tf else "raw")
        idf = ("smooth" if self.smooth_idf else "plain") if self.use_idf else "none"
        if self.norm not in ("l1", "l2", None):
            raise ValueError(f"norm: 'l1', 'l2' or None, got {self.norm!r}")
        return tf, idf, (self.norm or "none")

    def _finish_fit(self, terms, dfs, n_docs):
        super()._finish_fit(terms, dfs, n_docs)
        if self.use_idf:
            # scikit-learn's TfidfTransformer.fit (sklearn/feature_extraction/text.py).
            df = dfs.astype(np.float64) + float(self.smooth_idf)
            n = float(n_docs) + float(self.smooth_idf)
            self.idf_ = np.log(n / df) + 1.0

    def _weigh(self, X):
        X = X.astype(np.float64)
        if self.use_idf:
            X = X @ sp.diags(self.idf_, format="csr")
        if self.norm is not None:
            from sklearn.preprocessing import normalize

            X = normalize(X, norm=self.norm, copy=False)
        return X if X.dtype == self.dtype else X.astype(self.dtype)
