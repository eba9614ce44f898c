#!/usr/bin/env python3
"""Independent check of an SVG or HTML file: it must parse as XML (SVG) or contain
well-formed inline SVG (HTML). Prints counts the C++ test compares:
  rects-with-title <n>  texts <n>  svgs <n>"""
import re
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
data = open(path, encoding="utf-8").read()
NS = "{http://www.w3.org/2000/svg}"
if path.endswith(".svg"):
    roots = [ET.fromstring(data)]
else:
    roots = [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", data, flags=re.S)]
rects = sum(1 for r in roots for e in r.iter(NS + "rect") if e.find(NS + "title") is not None)
# A <text> may hold a <title> tooltip first; its own words are its text plus the tails.
texts = ["".join([e.text or ""] + [c.tail or "" for c in e]) for r in roots for e in r.iter(NS + "text")]
print("rects-with-title", rects)
print("texts", len(texts))
print("svgs", len(roots))
for t in texts:
    print("text", t)
