"""Reference for mfw_test: stylo-style MFW tables computed with pandas from the raw files.

usage: reference_mfw.py OUT.json MFW SKIP CULLING FILE...
Tokens as scikit-learn's default analyzer (str.lower(), (?u)\\b\\w\\w+\\b). Words ranked by corpus
count descending, ties by term (code-point order); culling keeps words present in at least
CULLING percent of the files; then SKIP ranks are skipped and MFW words taken. Relative
frequencies in percent of each file's tokens; z-scores with pandas' std (ddof=1).
"""
import json
import re
import sys
from collections import Counter

import pandas as pd

out, mfw, skip, culling = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
files = sys.argv[5:]
pattern = re.compile(r"(?u)\b\w\w+\b")
counts = []
for path in files:
    with open(path, "rb") as f:
        counts.append(Counter(pattern.findall(f.read().decode("utf-8").lower())))
total = Counter()
for c in counts:
    total.update(c)
ranked = sorted(total, key=lambda w: (-total[w], w))
n = len(files)
ranked = [w for w in ranked if sum(1 for c in counts if w in c) / n >= culling / 100]
words = ranked[skip:skip + mfw]
rel = pd.DataFrame([[100.0 * c[w] / sum(c.values()) for w in words] for c in counts], columns=words)
z = (rel - rel.mean()) / rel.std(ddof=1)
with open(out, "w", encoding="utf-8") as f:
    json.dump({"words": words, "relative": rel.values.tolist(), "z": z.values.tolist(),
               "sd": rel.std(ddof=1).tolist()}, f)
