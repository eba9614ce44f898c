"""Reads a stylokit matrix the way users' scripts do: scipy.io.mmread plus the two TSV files.

usage: reference_mmread.py M.mtx OUT.json
Writes {"shape", "rows", "cols", "values" (COO, row-major order), "terms", "dfs", "ids"} with
the TSV escapes (\\t, \\n, \\r, \\\\) undone.
"""
import json
import sys

import scipy.io

path, out = sys.argv[1], sys.argv[2]
m = scipy.io.mmread(path).tocsr()
m.sort_indices()
coo = m.tocoo()


def unescape(s):
    res, i = [], 0
    while i < len(s):
        if s[i] == "\\":
            res.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[s[i + 1]])
            i += 2
        else:
            res.append(s[i])
            i += 1
    return "".join(res)


def rows(p):
    with open(p, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    assert lines[-1] == ""
    return lines[:-1]


base = path[:-4]
terms = rows(base + ".terms.tsv")
docs = rows(base + ".docs.tsv")
assert terms[0] == "term\tdf" and docs[0] == "id"
with open(out, "w", encoding="utf-8") as f:
    json.dump({"shape": list(m.shape), "rows": coo.row.tolist(), "cols": coo.col.tolist(),
               "values": [float(v) for v in coo.data],
               "terms": [unescape(t.split("\t")[0]) for t in terms[1:]],
               "dfs": [int(t.split("\t")[1]) for t in terms[1:]],
               "ids": [unescape(d) for d in docs[1:]]}, f)
