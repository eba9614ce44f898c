#!/usr/bin/env bash
# Peer comparison with the R package stylo on a folder corpus: Classic Delta at 1,000 MFW.
#
# usage: bench/peer_stylo.sh [-n RUNS] [--corpus DIR] [--binary PATH] [--mfw N]
#                            [-- EXTRA STYLOKIT OPTIONS, e.g. --tokenizer stylo]
#   defaults: 5 runs, data/brown (every *.txt below it), build/toolkit/cli/stylokit, 1000.
#   Environment: RSCRIPT (default Rscript), STYLO_LIB (library holding stylo).
#
# The .txt files are first copied into one flat temporary folder, because stylo() reads
# every file of a single folder; both tools read that folder. Then, RUNS times, one after
# the other:
#   stylo     bench/peer_stylo.R: the stylo() call alone, timed inside R with proc.time()
#             (R's start and library(stylo) excluded; see that file for what the call does:
#             read, tokenize with English.all, frequency list and table, its side files,
#             z-scores, Delta table)
#   stylokit  `stylokit similarity DIR --measure burrows-delta --mfw N -o S.csv ...`, the
#             whole process (start, read, tokenize, MFW table, Delta, write S.csv + S.json),
#             wall time from the shell; its default --threads (all cores)
# and prints every run, the medians, the ratio of the medians (stylo / stylokit) and, as a
# check, how many of the MFW the two tools share and the largest absolute difference
# between their distance tables (matched by document id; the ids are the file names without
# .txt in both). The figures are only comparable when both tools tokenize alike
# (stylokit's --tokenizer stylo); with another tokenizer the check shows how far apart the
# two tables are.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
runs=5
corpus="$root/data/brown"
binary="$root/build/toolkit/cli/stylokit"
mfw=1000
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --mfw) mfw="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "peer_stylo.sh: unknown argument '$1' (see the usage at the top of the script)" >&2; exit 2 ;;
  esac
done
rscript="${RSCRIPT:-Rscript}"
[[ -x "$binary" ]] || { echo "peer_stylo.sh: $binary: not an executable (build it first)" >&2; exit 1; }
[[ -d "$corpus" ]] || { echo "peer_stylo.sh: $corpus: no such folder (data/fetch-brown.sh fetches Brown)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/corpus"
mapfile -t files < <(find "$corpus" -name '*.txt' -type f | sort)
[[ ${#files[@]} -gt 1 ]] || { echo "peer_stylo.sh: $corpus: fewer than two .txt files" >&2; exit 1; }
cp "${files[@]}" "$tmp/corpus/"
copied=$(find "$tmp/corpus" -type f | wc -l)
[[ $copied -eq ${#files[@]} ]] || { echo "peer_stylo.sh: $corpus: file names repeat across folders ($copied distinct of ${#files[@]})" >&2; exit 1; }

# the checkout holding the binary, and when each was made: a binary older than its
# checkout's last commit may not be that commit's code
commit="$(git -C "$(dirname "$binary")" log -1 --format='%h, committed %cd' --date=format:'%F %H:%M %z' 2>/dev/null || echo unknown)"
built="$(date -r "$binary" '+%F %H:%M %z')"
sk_cmd=("$binary" similarity "$tmp/corpus" --measure burrows-delta --mfw "$mfw" -o "$tmp/stylokit.csv" "${extra[@]}")
echo "corpus: $corpus ($copied files, flat copy)   MFW: $mfw   runs: $runs"
echo "stylokit: ${sk_cmd[*]/#$tmp/\$TMP}"
echo "          checkout $commit; binary built $built"
echo "stylo:    LC_ALL=C.UTF-8 $rscript bench/peer_stylo.R \$TMP/corpus \$TMP/stylo.csv $mfw"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"${sk_cmd[@]}" >/dev/null   # warm-up: the binary and the files in the page cache

printf '%-4s %12s %12s %12s %12s\n' run stylo_s stylo_cpu_s stylokit_s stylokit_cpu_s
: >"$tmp/times"
for ((i = 1; i <= runs; i++)); do
  line=$(LC_ALL=C.UTF-8 "$rscript" "$here/peer_stylo.R" "$tmp/corpus" "$tmp/stylo.csv" "$mfw")
  read -r _ st _ su _ ss <<<"$line"
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$tmp/sk_time" "${sk_cmd[@]}" >/dev/null
  t1=$(date +%s%N)
  read -r ku ks kmem <"$tmp/sk_time"
  kt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  scpu=$(awk -v a="$su" -v b="$ss" 'BEGIN { printf "%.3f", a + b }')
  kcpu=$(awk -v a="$ku" -v b="$ks" 'BEGIN { printf "%.2f", a + b }')
  printf '%-4s %12s %12s %12s %12s\n' "$i" "$st" "$scpu" "$kt" "$kcpu"
  echo "$st $scpu $kt $kcpu $kmem" >>"$tmp/times"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/python3 - "$tmp" <<'EOF'
import csv, json, statistics, sys
tmp = sys.argv[1]
rows = [list(map(float, l.split())) for l in open(f"{tmp}/times")]
med = [statistics.median(c) for c in zip(*rows)]
lo = [min(c) for c in zip(*rows)]
hi = [max(c) for c in zip(*rows)]
print(f"stylo    stylo() call:   median {med[0]:.2f} s ({lo[0]:.2f}-{hi[0]:.2f}), CPU {med[1]:.2f} s")
print(f"stylokit whole process:  median {med[2]:.3f} s ({lo[2]:.3f}-{hi[2]:.3f}), CPU {med[3]:.2f} s, "
      f"peak RSS {statistics.median(c[4] for c in rows) / 1024:.0f} MB")
print(f"ratio of medians (stylo / stylokit): wall {med[0] / med[2]:.1f}x, CPU {med[1] / med[3]:.1f}x")

def table(path):
    r = list(csv.reader(open(path, encoding="utf-8")))
    ids = r[0][1:]
    return ids, {row[0]: dict(zip(ids, map(float, row[1:]))) for row in r[1:]}
a_ids, a = table(f"{tmp}/stylo.csv")
b_ids, b = table(f"{tmp}/stylokit.csv")
if set(a_ids) != set(b_ids):
    print(f"check: document ids differ ({len(set(a_ids) ^ set(b_ids))} not in both)")
else:
    diff = max(abs(a[i][j] - b[i][j]) for i in a_ids for j in a_ids)
    print(f"check: {len(a_ids)} documents; max |stylo - stylokit| distance = {diff:.3g}")
fa = [w for w in open(f"{tmp}/stylo.features.txt", encoding="utf-8").read().split("\n") if w]
fb = json.load(open(f"{tmp}/stylokit.json", encoding="utf-8"))["features"]
print(f"check: MFW shared {len(set(fa) & set(fb))} of {len(fa)}; same list in the same order: {fa == fb}")
EOF
