"""stylokit from Python: stylometry on NumPy/SciPy data with the C++ core's speed and exactness.

The module is a front end like the command line: options have the names of the experiment
file's keys (``mfw``, ``culling``, ``min_df``, ``case`` ...) and the command line's defaults,
and every analysis runs the same pipeline steps, so ``stylokit.distances(corpus,
measure="burrows-delta", mfw=100)`` equals ``stylokit similarity CORPUS --measure
burrows-delta --mfw 100`` bit for bit.

Errors: a bad option or unusable input raises ValueError, a file that cannot be read
OSError, each with the library's one-line message (which names the option). Long calls
release the GIL; ``threads=0`` uses all cores and never changes a result.

Public names: CountVectorizer, TfidfVectorizer, Corpus, load_corpus, mfw_table, MfwTable,
distances, top_k, linkage, phrases, run.
"""

import csv
import io
import os

import numpy as np

from . import _core


def _point_at_data():
    """Sets STYLOKIT_DATA_DIR (unless the user did) to the shipped data: the library looks for
    it beside the running program, which is python3 here. Installed: <prefix>/share/stylokit;
    the module in its build tree: the source tree's data/."""
    if os.environ.get("STYLOKIT_DATA_DIR"):
        return
    here = os.path.dirname(os.path.abspath(_core.__file__))
    installed = os.path.normpath(os.path.join(here, _core.DATA_FROM_MODULE))
    if os.path.isdir(installed):
        os.environ["STYLOKIT_DATA_DIR"] = installed
    elif os.path.realpath(here) == os.path.realpath(_core.MODULE_BUILD_DIR):
        os.environ["STYLOKIT_DATA_DIR"] = _core.SOURCE_DATA_DIR


_point_at_data()

from ._vectorizers import CountVectorizer, TfidfVectorizer

__all__ = ["CountVectorizer", "TfidfVectorizer", "Corpus", "load_corpus", "mfw_table", "MfwTable", "distances",
           "top_k", "linkage", "phrases", "run"]

_MFW_KEYS = {"mfw", "start_at", "culling", "mfw_features", "delete_words", "delete_pronouns", "features_file",
             "frequency_table"}
_FEATURE_KEYS = {"analyzer", "ngram_min", "ngram_max", "tokenizer", "tf", "idf", "norm", "min_df", "max_df",
                 "max_features", "stop_words", "language", "preserve_case", "splitting_rule", "token_pattern"}
_TEXT_KEYS = {"normalize", "case", "unify_punctuation", "punctuation", "numbers", "locale"}


def _split_options(options, allowed):
    """Sorts keyword options into the pipeline's config groups (mfw, features, text)."""
    unknown = sorted(k for k in options if not any(k in group for group in allowed))
    if unknown:
        raise ValueError(f"unknown option(s): {', '.join(unknown)}")
    groups = []
    for group in allowed:
        d = {}
        for k in group:
            if k in options and options[k] is not None:
                v = options[k]
                if k in ("min_df", "max_df"):
                    from ._vectorizers import _df_bound

                    v = _df_bound(v, k)
                elif k in ("features_file", "frequency_table", "delete_words", "stop_words") and isinstance(
                        v, os.PathLike):
                    v = os.fspath(v)
                d[k] = v
        groups.append(d)
    return groups


class Corpus:
    """A corpus loaded by stylokit: documents in order with ids, texts and metadata.

    Attributes
    ----------
    ids : list of str
        Document ids (relative paths without extension for folders, the id field otherwise).
    texts : list of str
        The texts as analyses read them (markup and cleaning removed).
    metadata : pandas.DataFrame indexed by id when pandas is installed, else a list of dicts.
    warnings : list of str
        Documents kept or skipped by ``on_bad_input="warn"|"skip"``.

    Build one with :func:`load_corpus` or ``Corpus.from_texts(texts, ids=None)``.

    Example
    -------
    >>> c = stylokit.Corpus.from_texts(["one text", "another text"], ids=["a", "b"])
    >>> len(c)
    2
    """

    def __init__(self, handle):
        self._handle = handle
        self._texts = None

    @classmethod
    def from_texts(cls, texts, ids=None):
        """A corpus of texts held in memory; ids default to "0", "1", ..."""
        texts = [str(t) for t in texts]
        ids = [str(i) for i in range(len(texts))] if ids is None else [str(i) for i in ids]
        return cls(_core.corpus_from_texts(ids, texts))

    @property
    def ids(self):
        return self._handle.ids

    @property
    def texts(self):
        if self._texts is None:
            self._texts = self._handle.texts
        return self._texts

    @property
    def warnings(self):
        return self._handle.warnings

    @property
    def metadata(self):
        rows = self._handle.metadata
        columns = self._handle.metadata_columns
        try:
            import pandas as pd
        except ImportError:
            return [dict(r, id=i) for i, r in zip(self.ids, rows)]
        return pd.DataFrame([[r.get(c) for c in columns] for r in rows], columns=columns,
                            index=pd.Index(self.ids, name="id"))

    def __len__(self):
        return len(self.ids)

    def __repr__(self):
        return f"<stylokit.Corpus: {len(self)} documents>"


def load_corpus(path, *, format="auto", metadata=None, clean=None, on_bad_input="fail", extension=".txt",
                id_column="id", text_column="text", encoding="utf-8", markup="plain"):
    """Loads a corpus as ``stylokit`` commands do.

    Parameters
    ----------
    path : str or path-like
        A folder of text files, a .jsonl or a .csv file.
    format : "auto" | "folder" | "jsonl" | "csv"
    metadata : path of a CSV joined on the document id, or None
    clean : None, a shipped cleaning rule set ("news") or a TOML file
    on_bad_input : "fail" | "warn" | "skip" (invalid UTF-8, empty or binary files)
    extension, id_column, text_column, encoding, markup : as the command line's options.

    Returns
    -------
    Corpus

    Raises OSError for an unreadable path, ValueError for a bad option or unusable input.

    Example
    -------
    >>> corpus = stylokit.load_corpus("data/letters")
    >>> corpus.ids[:2]
    """
    c = _core.CorpusConfig()
    c.path = os.fspath(path)
    c.format = format
    if metadata is not None:
        c.metadata = os.fspath(metadata)
    if clean is not None:
        c.clean = os.fspath(clean)
    c.on_bad_input = on_bad_input
    c.extension = extension
    c.id_column = id_column
    c.text_column = text_column
    c.encoding = encoding
    c.markup = markup
    return Corpus(_core.load_corpus(c))


def _corpus_handle(corpus):
    if isinstance(corpus, Corpus):
        return corpus._handle
    if isinstance(corpus, (str, os.PathLike)):
        return load_corpus(corpus)._handle
    raise ValueError(f"corpus: a stylokit.Corpus or a path, got {type(corpus).__name__}")


class MfwTable:
    """The most-frequent-words table of the Delta family (stylo's frequency table).

    Attributes: ``words`` (columns, rank order), ``ids`` (rows), ``relative`` (documents ×
    words, percent, numpy), ``zscores`` (numpy), ``warnings``; ``to_frame()`` gives the
    relative frequencies as a pandas DataFrame.
    """

    def __init__(self, handle):
        self._handle = handle

    words = property(lambda self: self._handle.words)
    ids = property(lambda self: self._handle.doc_ids)
    relative = property(lambda self: self._handle.relative)
    zscores = property(lambda self: self._handle.zscores)
    warnings = property(lambda self: self._handle.warnings)

    def to_frame(self):
        """Relative frequencies (percent) as a pandas DataFrame, documents × words."""
        import pandas as pd

        return pd.DataFrame(self.relative, index=pd.Index(self.ids, name="id"), columns=self.words)

    def __repr__(self):
        return f"<stylokit.MfwTable: {len(self.ids)} documents × {len(self.words)} words>"


def mfw_table(corpus=None, *, mfw=100, threads=0, **options):
    """The MFW table as ``stylokit similarity --mfw`` builds it (stylo's frequency table).

    Parameters
    ----------
    corpus : Corpus or path (None with ``frequency_table=``)
    mfw : int, default 100 — words used (None: every ranked word)
    threads : int, default 0 (all cores)
    **options : start_at, culling, mfw_features ("word:1-1", "char:3-4" ...), delete_words,
        delete_pronouns, features_file, frequency_table; the [features] tokenizer options
        (tokenizer, language, preserve_case ...) and the [text] options (case, normalize ...).

    Returns
    -------
    MfwTable

    Example
    -------
    >>> t = stylokit.mfw_table(corpus, mfw=50, culling=20)
    >>> t.relative.shape
    """
    options["mfw"] = (2 ** 64 - 1) if mfw is None else int(mfw)
    m, fe, te = _split_options(options, (_MFW_KEYS, _FEATURE_KEYS, _TEXT_KEYS))
    handle = None if corpus is None else _corpus_handle(corpus)
    return MfwTable(_core.mfw_table(handle, m, fe, te, int(threads)))


def distances(corpus_or_table, measure="cosine", mfw=None, variant="stylo", *, threads=0, **options):
    """The n × n matrix ``stylokit similarity --measure MEASURE`` writes, as a numpy array.

    Equal bit for bit to the command line's CSV (which prints 17 significant digits). Cosine
    and Jaccard are similarities (larger is closer); every other measure a distance.

    Parameters
    ----------
    corpus_or_table : Corpus, a corpus path, or an MfwTable
    measure : "cosine" | "jaccard" | "burrows-delta" | "eder-delta" | "argamon-linear" |
        "cosine-delta" | "euclidean" | "manhattan" | "canberra" | "minmax" | "entropy" ...
    mfw : int or None — the MFW count (the Delta family's default is 100); giving it makes
        cosine and Jaccard read the MFW table too, as ``--mfw`` does.
    variant : "stylo" | "published"
    threads : int, default 0 (all cores; the result is the same for any value)
    **options : the MFW options (start_at, culling, ...), the [features] options for cosine
        and Jaccard without MFW (analyzer, ngram_min, ngram_max, tf, idf, norm, min_df ...),
        the [text] options.

    Returns
    -------
    numpy.ndarray, n × n, rows and columns in the corpus's order (``corpus.ids``).

    Example
    -------
    >>> D = stylokit.distances(corpus, measure="burrows-delta", mfw=100)
    >>> Z = stylokit.linkage(D, method="ward.D")
    """
    mfw_given = any(k in options for k in _MFW_KEYS) or mfw is not None
    if mfw is not None:
        options["mfw"] = int(mfw)
    m, fe, te = _split_options(options, (_MFW_KEYS, _FEATURE_KEYS, _TEXT_KEYS))
    if isinstance(corpus_or_table, MfwTable):
        corpus, table = None, corpus_or_table._handle
    elif corpus_or_table is None:
        corpus, table = None, None
    else:
        corpus, table = _corpus_handle(corpus_or_table), None
    _ids, values, _closer, _warnings = _core.similarity(corpus, table, measure, variant, m, mfw_given, fe, te,
                                                        int(threads))
    return values


def top_k(corpus, k=10, *, threads=0, **options):
    """The k nearest neighbours of every document by cosine (``stylokit similarity --top-k``).

    Parameters
    ----------
    corpus : Corpus or path
    k : int, default 10
    threads : int, default 0
    **options : the [features] options (analyzer, ngram_min, tf, idf, min_df ...) and [text].

    Returns
    -------
    (index, score) : numpy arrays n × min(k, n-1); index[i, j] is the row of document i's
    j-th neighbour, score[i, j] its cosine, best first.

    Example
    -------
    >>> idx, score = stylokit.top_k(corpus, k=3)
    """
    fe, te = _split_options(options, (_FEATURE_KEYS, _TEXT_KEYS))
    _ids, index, score = _core.top_k(_corpus_handle(corpus), int(k), fe, te, int(threads))
    return index, score


def linkage(D, method="ward.D"):
    """Hierarchical clustering of a distance matrix: a SciPy linkage matrix.

    Parameters
    ----------
    D : square distance matrix (n × n, symmetric) or a condensed vector (scipy's squareform)
    method : "single" | "complete" | "average" | "weighted" | "ward.D" (stylo's default) |
        "ward.D2" (= SciPy's "ward") | "centroid" | "median"

    Returns
    -------
    numpy.ndarray (n - 1) × 4: [cluster a, cluster b, height, size] per merge, clusters
    numbered as SciPy numbers them (merge i creates cluster n + i), so
    ``scipy.cluster.hierarchy.dendrogram(Z)`` draws it. Equal to
    ``scipy.cluster.hierarchy.linkage`` to 1e-12 for SciPy's methods.

    Example
    -------
    >>> Z = stylokit.linkage(stylokit.distances(corpus, measure="burrows-delta"), "ward.D2")
    """
    return _core.linkage(np.asarray(D, dtype=np.float64), method)


def phrases(corpus, *, threads=0, text=None, **config):
    """Maximal recurring phrases (``stylokit phrases``), one row per phrase.

    Parameters
    ----------
    corpus : Corpus or path
    threads : int, default 0
    text : dict of [text] options (case, normalize ...) or None
    **config : min_len, max_len, min_docs, min_count, split_sentences, skip_stop_only,
        stop_words, sort (widespread, count, docs, length, llr, pmi ...), kwic_window.

    Returns
    -------
    pandas.DataFrame (columns phrase, length, count, docs, doc_ids, per_million, range, llr,
    pmi, t_score, chi_sq, dice, formulaicity) when pandas is installed, else a dict of lists
    (all values as strings).

    Example
    -------
    >>> stylokit.phrases(corpus, min_len=3, min_docs=2).head()
    """
    c = _core.PhrasesConfig()
    for k, v in config.items():
        if not hasattr(c, k):
            raise ValueError(f"unknown option(s): {k}")
        setattr(c, k, v)
    (te,) = _split_options(dict(text or {}), (_TEXT_KEYS,))
    table = _core.phrases(_corpus_handle(corpus), c, te, int(threads))
    try:
        import pandas as pd
    except ImportError:
        rows = list(csv.reader(io.StringIO(table)))
        return {h: [r[i] for r in rows[1:]] for i, h in enumerate(rows[0])}
    return pd.read_csv(io.StringIO(table), keep_default_na=False, na_values={"llr": [""], "pmi": [""], "t_score": [""],
                                                                             "chi_sq": [""], "dice": [""],
                                                                             "formulaicity": [""]})


def run(experiment_toml, out=None, *, threads=0, force=False):
    """Runs an experiment file as ``stylokit run`` does.

    Parameters
    ----------
    experiment_toml : path of the experiment file
    out : run folder (None: results/<name> beside the current folder)
    threads : int, default 0
    force : replace an existing run folder

    Returns
    -------
    dict with "folder" (the run folder, str), "summary" (lines) and "warnings".

    Example
    -------
    >>> r = stylokit.run("experiments/letters.toml", out="/tmp/letters-run", force=True)
    """
    folder, lines, warnings = _core.run(os.fspath(experiment_toml), "" if out is None else os.fspath(out),
                                        int(threads), bool(force))
    return {"folder": str(folder), "summary": list(lines), "warnings": list(warnings)}
