"""Independent numbers for report_tables_test.cpp, read from a run folder's CSV files:
the adjusted Rand index of clusters.csv against a metadata column (scikit-learn's
adjusted_rand_score), the cluster x group counts, and reuse.csv's scores best first.
usage: report_reference.py RUN_FOLDER METADATA.csv COLUMN  -> JSON on standard output"""
import csv
import json
import sys
from collections import Counter

from sklearn.metrics import adjusted_rand_score

run, metadata, column = sys.argv[1:4]
with open(f"{run}/clusters.csv", newline="") as f:
    clusters = {r["doc"]: r["cluster"] for r in csv.DictReader(f)}
with open(metadata, newline="") as f:
    groups = {r["id"]: r[column] for r in csv.DictReader(f)}
ids = list(clusters)
ari = adjusted_rand_score([groups[i] for i in ids], [clusters[i] for i in ids])
counts = Counter((clusters[i], groups[i]) for i in ids)
with open(f"{run}/reuse.csv", newline="") as f:
    scores = sorted((float(r["score"]) for r in csv.DictReader(f)), reverse=True)
print(json.dumps({"ari": ari, "counts": {f"{c}|{g}": n for (c, g), n in counts.items()}, "reuse_scores": scores}))
