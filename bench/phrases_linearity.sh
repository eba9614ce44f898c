#!/bin/bash
# Phrase mining (index + mine) of brown-20k and brown-200k, each corpus in its own process,
# alternating, under glibc's default allocator settings (D), the launcher's (L: what
# `stylokit` runs with) and the launcher's plus mmap_max=0 (M). Prints real and CPU ms of the
# first run in the process (cold: the large arrays are fresh pages) and of a run after one
# untimed run (warm); the linearity figure is the 200k / 20k ratio of runs in the same round.
# usage: bench/phrases_linearity.sh [rounds]   (CFGS="D L M" to choose; needs data/scaled)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${B:-$root/build-bench/bench/phrases_bench}
[ -x "$bin" ] || { echo "phrases_linearity.sh: $bin not built (make bench)" >&2; exit 1; }
[ -f "$root/data/scaled/brown-200k.jsonl" ] || { echo "phrases_linearity.sh: run data/fetch-brown.sh first" >&2; exit 1; }
L="glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864:glibc.malloc.trim_threshold=4294967295:glibc.malloc.mmap_threshold=33554432"
for round in $(seq "${1:-3}"); do
  for cfg in ${CFGS:-D L M}; do
    case $cfg in D) T="" ;; L) T="$L" ;; M) T="$L:glibc.malloc.mmap_max=0" ;; *) echo "unknown config $cfg" >&2; exit 1 ;; esac
    for c in brown-20k brown-200k; do
      ms=$(GLIBC_TUNABLES="$T" STYLOKIT_DATA_DIR="$root/data" PHRASES_BENCH_SCALED=$c "$bin" \
             --benchmark_filter=BM_ScaledMining --benchmark_format=csv 2>/dev/null |
             awk -F, '/BM_ScaledMining\//{c=$3","$4} /BM_ScaledMiningWarm\//{w=$3","$4} END{print "cold " c "  warm " w}')
      echo "round $round config $cfg $c real,cpu ms: $ms"
    done
  done
done
