"""Independent implementation of stylokit's pinned feature hash (vectorizer.h, term_hash):
64-bit FNV-1a over the UTF-8 bytes, then the splitmix64 finaliser.

usage: reference_hash.py TERMS.txt  -> prints one decimal hash per line (terms one per line)
"""
import sys

M = (1 << 64) - 1


def term_hash(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & M
    h ^= h >> 30
    h = (h * 0xBF58476D1CE4E5B9) & M
    h ^= h >> 27
    h = (h * 0x94D049BB133111EB) & M
    h ^= h >> 31
    return h


with open(sys.argv[1], "rb") as f:
    for line in f.read().split(b"\n"):
        print(term_hash(line))
