#!/usr/bin/env python3
"""Picture checks the C++ tests call; each prints lines the test compares.

  probe.py selftest                      CIEDE2000 on Sharma et al.'s published pairs
  probe.py palette FILE                  FILE: one #rrggbb a line; prints min-de15, min-de20,
                                         min-contrast-text (WCAG, on white) for lines 'text #..'
  probe.py png FILE X,Y ...              size WxH, then the colour of each pixel
  probe.py bar PNG                       longest vertical run of viridis shades decreasing
                                         top to bottom: 'bar x y0 y1' (x inside the image)
  probe.py swatches PNG #c1 #c2 ...      for each colour, the mean rendered colour of the
                                         pixels within 6 (RGB distance) of it and their
                                         count; then min-de of the rendered colours found
  probe.py labels SVG                    'overlaps N' among <text> boxes of font 10 (0.6 em
                                         per character, 1.2 em high), 'labels N'
"""
import math
import re
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from colours import ciede2000, ciede2000_lab, contrast, hex_rgb, read_png  # noqa: E402

# matplotlib's viridis at 0, 1/8, ..., 1 (its published _viridis_data, every 32nd entry).
VIRIDIS = [(68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141), (39, 173, 129),
           (92, 200, 99), (170, 220, 50), (253, 231, 37)]


_memo = {}


def viridis_t(rgb):
    if rgb not in _memo:
        _memo[rgb] = _viridis_t(rgb)
    return _memo[rgb]


def _viridis_t(rgb):
    """Position 0..1 of the nearest point on the piecewise-linear viridis path, and the distance."""
    best = (1e9, 0.0)
    for i in range(8):
        a, b = VIRIDIS[i], VIRIDIS[i + 1]
        d = [b[k] - a[k] for k in range(3)]
        dd = sum(x * x for x in d)
        f = max(0.0, min(1.0, sum((rgb[k] - a[k]) * d[k] for k in range(3)) / dd))
        p = [a[k] + f * d[k] for k in range(3)]
        dist = math.dist(p, rgb)
        best = min(best, (dist, (i + f) / 8))
    return best[1], best[0]


def main():
    cmd = sys.argv[1]
    if cmd == "selftest":
        # Sharma, Wu, Dalal (2005), Table 1, pairs 1, 7 and 17.
        cases = [((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
                 ((50, 0, 0), (50, -1, 2), 2.3669),
                 ((50, 2.5, 0), (56, -27, -3), 31.9030)]
        for a, b, want in cases:
            got = ciede2000_lab(a, b)
            print("pair", round(got, 4), want, "ok" if abs(got - want) < 1e-3 else "BAD")
    elif cmd == "palette":
        fill, text = [], []
        for line in open(sys.argv[2]):
            parts = line.split()
            (text if parts[0] == "text" else fill).append(hex_rgb(parts[-1]))
        for k in (15, 20):
            de = min(ciede2000(a, b) for i, a in enumerate(fill[:k]) for b in fill[i + 1:k])
            print(f"min-de{k} {de:.2f}")
        print(f"min-contrast-text {min(contrast(t, (255, 255, 255)) for t in text):.3f}")
    elif cmd == "png":
        w, h, rows = read_png(sys.argv[2])
        print(f"size {w}x{h}")
        for xy in sys.argv[3:]:
            x, y = map(int, xy.split(","))
            print("#%02x%02x%02x" % rows[y][x])
    elif cmd == "bar":
        w, h, rows = read_png(sys.argv[2])
        best = (0, -1, 0, 0)
        for x in range(w):
            y0 = None
            prev = None
            for y in range(h + 1):
                t, dist = viridis_t(rows[y][x]) if y < h else (None, 1e9)
                ok = dist < 12 and (prev is None or t <= prev + 0.01)
                if ok and y0 is None:
                    y0, top = y, t
                if not ok and y0 is not None:
                    # a bar spans most of the scale, top bright, bottom dark
                    if y - y0 > best[0] and top - prev > 0.85:
                        best = (y - y0, x, y0, y - 1)
                    y0 = None
                    if dist < 12:
                        y0, top = y, t
                prev = t if dist < 12 else None
        print(f"bar {best[1]} {best[2]} {best[3]} width {w}")
    elif cmd == "swatches":
        w, h, rows = read_png(sys.argv[2])
        found = []
        for c in sys.argv[3:]:
            want = hex_rgb(c)
            px = [p for row in rows for p in row if math.dist(p, want) <= 6]
            if px:
                mean = tuple(sum(p[k] for p in px) / len(px) for k in range(3))
                found.append(mean)
            print(c, len(px))
        de = min(ciede2000(a, b) for i, a in enumerate(found) for b in found[i + 1:]) if len(found) > 1 else 0
        print(f"found {len(found)} min-de {de:.2f}")
    elif cmd == "labels":
        svg = open(sys.argv[2], encoding="utf-8").read()
        boxes = []
        for m in re.finditer(r'<text x="([-\d.]+)" y="([-\d.]+)" font-size="10" fill="#333">([^<]*)</text>', svg):
            x, y, s = float(m.group(1)), float(m.group(2)), m.group(3)
            s = re.sub(r"&\w+;|&#\d+;", "x", s)
            boxes.append((x, y - 9, x + 6 * len(s), y + 3))
        over = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
        print(f"labels {len(boxes)}")
        print(f"overlaps {over}")


main()
