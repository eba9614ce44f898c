#!/usr/bin/python3
"""stylokit vectorize (whole process) against scikit-learn's TfidfVectorizer (in-process call).

usage: bench/peer_vectorize.py [--corpus data/brown] [--binary build/toolkit/cli/stylokit]
                               [--threads 0] [--runs 7] [--features word:1-1,...]

scikit-learn is timed as a researcher runs it in a notebook: one Python process imports sklearn
and reads the .txt files (UTF-8 text) before any timer starts; each run times only
`TfidfVectorizer(analyzer=..., ngram_range=...).fit_transform(texts)` (defaults otherwise:
lowercase, token_pattern, smooth idf, l2 norm; the result stays in memory).

stylokit is timed as a whole process from fork to exit: start, load and validate the corpus,
tokenize, count, weight, and write the outputs `vectorize` writes by default (M.mtx with
M.terms.tsv and M.docs.tsv, renamed into place). Two commands per feature set: the default ICU
tokenizer and `--tokenizer sklearn` (same analysis as scikit-learn, same vocabulary).

The runs alternate (sklearn call, stylokit ICU, stylokit sklearn, then again) so that both sides
see the same machine load; the table gives the median, min and max of --runs runs each and the
ratio of the medians (scikit-learn time / stylokit time). Vocabulary sizes and non-zeros of
scikit-learn and `--tokenizer sklearn` are printed as a check.
"""
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

NOTEBOOK = r"""
import json, sys, time
from sklearn.feature_extraction.text import TfidfVectorizer
paths = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
texts = [open(p, encoding="utf-8").read() for p in paths]
print("ready", flush=True)
for line in sys.stdin:
    kind, lo, hi = line.split()
    t0 = time.perf_counter()
    x = TfidfVectorizer(analyzer=kind, ngram_range=(int(lo), int(hi))).fit_transform(texts)
    t1 = time.perf_counter()
    print(json.dumps({"seconds": t1 - t0, "vocabulary": x.shape[1], "nnz": int(x.nnz)}), flush=True)
"""


def run_process(cmd):
    start = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"peer_vectorize.py: {' '.join(cmd)} failed: {r.stderr.decode(errors='replace')}")
    return wall


def summary(xs):
    return statistics.median(xs), min(xs), max(xs)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(root, "data", "brown"))
    ap.add_argument("--binary", default=os.path.join(root, "build", "toolkit", "cli", "stylokit"))
    ap.add_argument("--threads", type=int, default=0, help="stylokit --threads (0 = all cores, its default)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--features", default="word:1-1", help="comma-separated: word:1-1,word:1-2,char_wb:3-5")
    a = ap.parse_args()
    paths = sorted(glob.glob(os.path.join(a.corpus, "**", "*.txt"), recursive=True))
    if not paths:
        sys.exit(f"peer_vectorize.py: no .txt files under {a.corpus} (run data/fetch-brown.sh)")
    nbytes = sum(os.path.getsize(p) for p in paths)
    work = tempfile.mkdtemp(prefix="stylokit-peer-")
    listing = os.path.join(work, "paths.txt")
    with open(listing, "w", encoding="utf-8") as f:
        f.write("\n".join(paths) + "\n")
    script = os.path.join(work, "notebook.py")
    with open(script, "w", encoding="utf-8") as f:
        f.write(NOTEBOOK)
    nb = subprocess.Popen(["/usr/bin/python3", script, listing], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True)
    assert nb.stdout.readline().strip() == "ready"

    def sklearn(kind, lo, hi):
        nb.stdin.write(f"{kind} {lo} {hi}\n")
        nb.stdin.flush()
        return json.loads(nb.stdout.readline())

    commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    print(f"corpus {a.corpus}: {len(paths)} files, {nbytes / 1e6:.2f} MB; stylokit {a.binary} (HEAD {commit}) "
          f"--threads {a.threads}; {a.runs} alternating runs; load average {os.getloadavg()[0]:.2f}; "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"{'features':<12} {'side':<34} {'median s':>9} {'min s':>7} {'max s':>7} {'sklearn/ours':>13}")
    for spec in a.features.split(","):
        kind, rng = spec.split(":")
        lo, hi = rng.split("-")
        out = os.path.join(work, "M.mtx")
        base = [a.binary, "vectorize", a.corpus, "--features", spec, "--threads", str(a.threads), "-o", out]
        sk, icu, skt = [], [], []
        info = None
        sklearn(kind, lo, hi)  # warm-up, as a notebook's second call
        for _ in range(a.runs):
            info = sklearn(kind, lo, hi)
            sk.append(info["seconds"])
            icu.append(run_process(base))
            skt.append(run_process(base + ["--tokenizer", "sklearn"]))
        with open(os.path.join(work, "M.terms.tsv"), encoding="utf-8") as f:
            vocab = sum(1 for _ in f) - 1
        with open(out, encoding="utf-8") as f:
            nnz = next(int(line.split()[2]) for line in f if not line.startswith("%"))
        m_sk = summary(sk)
        print(f"{spec:<12} {'scikit-learn fit_transform (call)':<34} {m_sk[0]:>9.3f} {m_sk[1]:>7.3f} {m_sk[2]:>7.3f}")
        for name, xs in (("stylokit (default ICU, process)", icu), ("stylokit --tokenizer sklearn", skt)):
            m = summary(xs)
            print(f"{'':<12} {name:<34} {m[0]:>9.3f} {m[1]:>7.3f} {m[2]:>7.3f} {m_sk[0] / m[0]:>12.1f}x")
        print(f"{'':<12} check: vocabulary sklearn {info['vocabulary']} / ours {vocab}, "
              f"non-zeros {info['nnz']} / {nnz}")
    nb.stdin.close()
    nb.wait()
    for name in os.listdir(work):
        os.remove(os.path.join(work, name))
    os.rmdir(work)


if __name__ == "__main__":
    main()
