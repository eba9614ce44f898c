"""Reference association scores from NLTK for the phrases tests.

usage: reference_nltk.py DOCS.json OUT.json
DOCS.json: {"docs": [[token, ...], ...], "sentences": [[[token, ...], ...], ...]}
Writes bigram scores from BigramCollocationFinder.from_documents (documents, and
separately sentences as documents), and the weakest-split scores of every trigram and
4-gram occurring at least twice (counts by brute force, each split scored with
BigramAssocMeasures).
"""
import json
import sys
from collections import Counter

from nltk.collocations import BigramCollocationFinder
from nltk.metrics import BigramAssocMeasures as M

MEASURES = {"llr": M.likelihood_ratio, "pmi": M.pmi, "t": M.student_t, "chi2": M.chi_sq, "dice": M.dice}


def score(fn, *args):
    try:
        return fn(*args)
    except ZeroDivisionError:
        return None


def bigrams(docs):
    finder = BigramCollocationFinder.from_documents(docs)
    out = []
    for (w1, w2) in sorted(finder.ngram_fd):
        row = {"w": [w1, w2], "n_ii": finder.ngram_fd[(w1, w2)], "n_ix": finder.word_fd[w1],
               "n_xi": finder.word_fd[w2], "n": finder.N}
        for name, fn in MEASURES.items():
            row[name] = score(finder.score_ngram, fn, w1, w2)
        out.append(row)
    return out


def longer(docs, n_tokens):
    counts = Counter()
    for d in docs:
        for i in range(len(d)):
            for j in range(i + 1, min(len(d), i + 4) + 1):
                counts[tuple(d[i:j])] += 1
    out = []
    for g, c in sorted(counts.items()):
        if len(g) < 3 or c < 2:
            continue
        row = {"w": list(g), "count": c}
        for name, fn in MEASURES.items():
            vals = [score(fn, c, (counts[g[:k]], counts[g[k:]]), n_tokens) for k in range(1, len(g))]
            row[name] = None if any(v is None for v in vals) else min(vals)
        out.append(row)
    return out


def main():
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    docs = data["docs"]
    sentences = [s for doc in data["sentences"] for s in doc]
    n_tokens = sum(len(d) for d in docs)
    json.dump({"bigrams": bigrams(docs), "sentence_bigrams": bigrams(sentences), "longer": longer(docs, n_tokens)},
              open(sys.argv[2], "w", encoding="utf-8"))


main()
