"""Independent replay of the random draw of text::make_samples (toolkit/text/samples.h), written
from the header's specification and the published splitmix64 / FNV-1a definitions, for
tests/text/samples_test.cpp.

usage: reference_samples.py
  For each line of stdin "ID SEED N SIZE K REPLACE" (REPLACE 0 or 1) prints the sorted 0-based
  token positions of sample K (from 1) of a text named ID with N tokens, space-separated.
"""
import sys

M = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def fnv1a(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & M
    return h


def stream(seed):
    state = seed & M
    while True:
        state = (state + GAMMA) & M
        yield mix(state)


def below(gen, n):
    limit = (1 << 64) - ((1 << 64) % n)
    while True:
        x = next(gen)
        if x < limit:
            return x % n


def draw(text_id, seed, n, size, k, replace):
    gen = stream(mix((mix(seed ^ fnv1a(text_id.encode("utf-8"))) + k) & M))
    if replace:
        return sorted(below(gen, n) for _ in range(size))
    # Partial Fisher-Yates over the positions, on a dict so that large n costs nothing.
    moved = {}
    picked = []
    for i in range(size):
        j = i + below(gen, n - i)
        pi, pj = moved.get(i, i), moved.get(j, j)
        moved[i], moved[j] = pj, pi
        picked.append(pj)
    return sorted(picked)


for line in sys.stdin:
    w = line.split()
    if not w:
        continue
    text_id, seed, n, size, k, replace = w[0], int(w[1]), int(w[2]), int(w[3]), int(w[4]), w[5] == "1"
    print(" ".join(str(p) for p in draw(text_id, seed, n, size, k, replace)))
