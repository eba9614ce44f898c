"""Independent implementation of stylokit's pinned hashes and generator (toolkit/common/random.h),
written from the published definitions, for the golden test tests/common/random_test.cpp.

usage: reference_random.py
  Prints, one per line, space-separated decimal words:
    stream SEED N: the first N outputs of the splitmix64 stream seeded with SEED
    mix X: splitmix64 finaliser of X
    fnv HEX: 64-bit FNV-1a of the bytes given in hex
    ids ID...: hash_ids of the 32-bit ids
    below SEED N COUNT: COUNT rejection draws in [0, N) from splitmix64(SEED)
    mod SEED N COUNT: COUNT plain modulo draws in [0, N) from splitmix64(SEED)
    uniform SEED COUNT: COUNT doubles in [0, 1) as repr() (shortest round-trip)
  for each line of stdin, echoing the request first.
"""
import sys

M = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def stream(seed):
    state = seed & M
    while True:
        state = (state + GAMMA) & M
        yield mix(state)


def fnv1a(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & M
    return h


def hash_ids(ids):
    h = GAMMA
    for v in ids:
        h = mix(h ^ (v & 0xFFFFFFFF))
    return h


def below(gen, n):
    # Rejection: accept x < 2^64 - (2^64 mod n), return x mod n.
    limit = (1 << 64) - ((1 << 64) % n)
    while True:
        x = next(gen)
        if x < limit:
            return x % n


for line in sys.stdin:
    w = line.split()
    if not w:
        continue
    op, args = w[0], w[1:]
    if op == "stream":
        g = stream(int(args[0]))
        out = [next(g) for _ in range(int(args[1]))]
    elif op == "mix":
        out = [mix(int(args[0]))]
    elif op == "fnv":
        out = [fnv1a(bytes.fromhex(args[0]) if args else b"")]
    elif op == "ids":
        out = [hash_ids([int(a) for a in args])]
    elif op == "below":
        g = stream(int(args[0]))
        out = [below(g, int(args[1])) for _ in range(int(args[2]))]
    elif op == "mod":
        g = stream(int(args[0]))
        out = [next(g) % int(args[1]) for _ in range(int(args[2]))]
    elif op == "uniform":
        g = stream(int(args[0]))
        out = [repr((next(g) >> 11) * 2.0 ** -53) for _ in range(int(args[1]))]
    else:
        sys.exit("unknown request: " + line)
    print(" ".join(str(x) for x in out))
