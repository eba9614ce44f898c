#!/usr/bin/env python3
"""A synthetic corpus for the picture tests that need no download: N documents in G groups
(folders group00/ ... with doc000.txt ...), each ~300 words drawn from a shared Zipf-like
vocabulary mixed with words of its own group, a metadata.csv (id,group) and exp.toml that
runs similarity, clustering and the map with group_by = "group".

  make_corpus.py OUT N G
"""
import os
import random
import sys

out, n, g = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(20261203)
syll = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "po", "da", "fi"]
vocab = sorted({"".join(rng.choice(syll) for _ in range(4)) for _ in range(3000)})
shared, own = vocab[:600], vocab[600:]
weights = [1 / (r + 1) for r in range(len(shared))]
group_words = [own[k * 60:(k + 1) * 60] for k in range(g)]
os.makedirs(out, exist_ok=True)
meta = ["id,group"]
for i in range(n):
    k = i % g
    folder = os.path.join(out, "docs", f"group{k:02d}")
    os.makedirs(folder, exist_ok=True)
    words = [rng.choice(group_words[k]) if rng.random() < 0.25 else rng.choices(shared, weights)[0]
             for _ in range(300)]
    sentences = [" ".join(words[s:s + 12]).capitalize() + "." for s in range(0, len(words), 12)]
    with open(os.path.join(folder, f"doc{i:03d}.txt"), "w") as f:
        f.write(" ".join(sentences) + "\n")
    meta.append(f"group{k:02d}/doc{i:03d},group{k:02d}")
open(os.path.join(out, "metadata.csv"), "w").write("\n".join(meta) + "\n")
open(os.path.join(out, "exp.toml"), "w").write(f"""name = "synthetic"
title = "Synthetic corpus: {n} documents in {g} groups"

[corpus]
path = "docs"
metadata = "metadata.csv"
group_by = "group"

[features]
analyzer = "word"
ngram = [1, 1]
tf = "sublinear"
idf = "smooth"
norm = "l2"

[[similarity]]
measure = "cosine"

[cluster]
similarity = "cosine"
method = "average"
k = {g}
map = "mds"
""")
