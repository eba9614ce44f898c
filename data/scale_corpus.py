"""Builds a larger corpus from the sentences of a folder corpus (data/brown), with a fixed seed.

usage: scale_corpus.py BROWN_DIR N_DOCS OUT.jsonl [--seed S] [--min-sentences A] [--max-sentences B]

Each document takes a random sample (uniformly), a random starting sentence in it and
k ~ uniform[A, B] consecutive sentences (wrapping to the sample's start), so documents keep the
style of one genre. Output: one JSON object per line {"id": "d0000001", "text": ..., "genre": ...}.
The same arguments always give the same bytes (Python's random.Random(seed), Mersenne Twister).
"""
import argparse
import csv
import json
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("brown")
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-sentences", type=int, default=3)
    ap.add_argument("--max-sentences", type=int, default=20)
    a = ap.parse_args()
    with open(os.path.join(a.brown, "labels.csv"), encoding="utf-8") as f:
        labels = [(row["id"], row["genre"]) for row in csv.DictReader(f)]
    samples = []
    for doc_id, genre in labels:
        with open(os.path.join(a.brown, doc_id + ".txt"), encoding="utf-8") as f:
            sentences = [s for s in f.read().split("\n") if s.strip()]
        samples.append((genre, sentences))
    rng = random.Random(a.seed)
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        for i in range(a.n):
            genre, sentences = samples[rng.randrange(len(samples))]
            start = rng.randrange(len(sentences))
            k = rng.randint(a.min_sentences, a.max_sentences)
            text = " ".join(sentences[(start + j) % len(sentences)] for j in range(k))
            out.write(json.dumps({"id": f"d{i + 1:07d}", "text": text, "genre": genre}) + "\n")
    os.replace(tmp, a.out)
    print(f"wrote {a.out} ({a.n} documents, seed {a.seed})")


if __name__ == "__main__":
    main()
