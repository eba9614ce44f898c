#!/usr/bin/python3
"""stylokit vectorize against scikit-learn's TfidfVectorizer on the same corpus, in one run.

usage: bench/peer_vectorize.py [--corpus data/brown] [--binary build/toolkit/cli/stylokit]
                               [--threads 2] [--repeat 3]

For each feature set (word 1-1, word 1-2, char_wb 3-5) both tools run as whole processes on the
same .txt files with the same analysis (stylokit --tokenizer sklearn, TfidfVectorizer defaults:
smooth idf, l2 norm):
  sklearn   python3 start, import, read the files, fit_transform (the result stays in memory);
  stylokit  start, load and validate the corpus, vectorize, write M.mtx + M.terms.tsv + M.docs.tsv
            (values in their shortest exact form; renamed into place, not fsync'ed unless STYLOKIT_FSYNC=1).
Wall time is the best of --repeat runs; peak memory is the child's ru_maxrss (os.wait4). The
vocabulary sizes and non-zeros of both are printed as a sanity check. `wc -w` on the same files is
the floor (MB/s). Prints a table and the ratios (sklearn time / stylokit time, memory likewise).
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile
import time

SKLEARN = r"""
import sys, time, json
t0 = time.perf_counter()
from sklearn.feature_extraction.text import TfidfVectorizer
paths = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
kind, lo, hi = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
t1 = time.perf_counter()
v = TfidfVectorizer(input="filename", analyzer=kind, ngram_range=(lo, hi))
x = v.fit_transform(paths)
t2 = time.perf_counter()
print(json.dumps({"vocabulary": len(v.vocabulary_), "nnz": int(x.nnz), "fit_transform": t2 - t1}))
"""


def run_measured(cmd):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        out = os.open(OUT_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, 1)
        if not VERBOSE:
            os.dup2(devnull, 2)
        os.execv(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"peer_vectorize.py: {' '.join(cmd)} failed (run with --verbose)")
    with open(OUT_FILE, encoding="utf-8") as f:
        text = f.read()
    return wall, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime, text


VERBOSE = False
OUT_FILE = ""


def main():
    global VERBOSE, OUT_FILE
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(root, "data", "brown"))
    ap.add_argument("--binary", default=os.path.join(root, "build", "toolkit", "cli", "stylokit"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    VERBOSE = a.verbose
    paths = sorted(glob.glob(os.path.join(a.corpus, "**", "*.txt"), recursive=True))
    if not paths:
        sys.exit(f"peer_vectorize.py: no .txt files under {a.corpus} (run data/fetch-brown.sh)")
    nbytes = sum(os.path.getsize(p) for p in paths)
    work = tempfile.mkdtemp(prefix="stylokit-peer-")
    OUT_FILE = os.path.join(work, "stdout.txt")
    listing = os.path.join(work, "paths.txt")
    with open(listing, "w", encoding="utf-8") as f:
        f.write("\n".join(paths) + "\n")
    script = os.path.join(work, "sk.py")
    with open(script, "w", encoding="utf-8") as f:
        f.write(SKLEARN)

    print(f"corpus {a.corpus}: {len(paths)} files, {nbytes / 1e6:.2f} MB; stylokit {a.binary} --threads {a.threads}; "
          f"best of {a.repeat}; load average {os.getloadavg()[0]:.2f}")
    wc = min(run_measured(["/usr/bin/wc", "-w"] + paths)[0] for _ in range(a.repeat))
    print(f"floor: wc -w {wc:.3f} s = {nbytes / 1e6 / wc:.0f} MB/s")
    header = (f"{'features':<12} {'sklearn s':>9} {'(fit s)':>8} {'cpu s':>6} {'stylokit s':>10} {'cpu s':>6} {'speed-up':>8} "
              f"{'sk MB':>7} {'ours MB':>7} {'mem ratio':>9} {'ours MB/s':>9} {'vocab sk/ours':>17} {'nnz sk/ours':>21}")
    print(header)
    import json
    for kind, lo, hi in (("word", 1, 1), ("word", 1, 2), ("char_wb", 3, 5)):
        sk = min((run_measured(["/usr/bin/python3", script, listing, kind, str(lo), str(hi)])
                  for _ in range(a.repeat)), key=lambda r: r[0])
        info = json.loads(sk[3])
        out = os.path.join(work, "M.mtx")
        ours = min((run_measured([a.binary, "vectorize", a.corpus, "--tokenizer", "sklearn", "--features",
                                  f"{kind}:{lo}-{hi}", "--threads", str(a.threads), "-o", out])
                    for _ in range(a.repeat)), key=lambda r: r[0])
        with open(os.path.join(work, "M.terms.tsv"), encoding="utf-8") as f:
            vocab = sum(1 for _ in f) - 1
        with open(out, encoding="utf-8") as f:
            for line in f:
                if not line.startswith("%"):
                    nnz = int(line.split()[2])
                    break
        print(f"{kind + ':' + str(lo) + '-' + str(hi):<12} {sk[0]:>9.3f} {info['fit_transform']:>8.3f} {sk[2]:>6.2f} "
              f"{ours[0]:>10.3f} {ours[2]:>6.2f} "
              f"{sk[0] / ours[0]:>7.1f}x {sk[1]:>7.0f} {ours[1]:>7.0f} {sk[1] / ours[1]:>8.1f}x "
              f"{nbytes / 1e6 / ours[0]:>9.1f} {info['vocabulary']:>8}/{vocab:<8} {info['nnz']:>10}/{nnz:<10}")
    for name in os.listdir(work):
        os.remove(os.path.join(work, name))
    os.rmdir(work)


if __name__ == "__main__":
    main()
