"""Independent counts of phrases in a folder of .txt files, for the phrases tests.

usage: reference_letters.py FOLDER OUT.json PHRASE...
For each phrase (words separated by spaces), counts case-insensitive whole-word matches
with any whitespace between the words, in every file, and the number of files holding it.
"""
import json
import pathlib
import re
import sys

folder = pathlib.Path(sys.argv[1])
texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
out = {}
for phrase in sys.argv[3:]:
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)", re.IGNORECASE)
    per_doc = {doc: len(pattern.findall(text)) for doc, text in texts.items()}
    out[phrase] = {"count": sum(per_doc.values()), "docs": sorted(d for d, c in per_doc.items() if c)}
json.dump(out, open(sys.argv[2], "w"))
