"""Reference for sklearn_tokenizer_test: Python's own character classes and lower().

usage: reference_unicode.py OUT.txt
Writes, for every code point except surrogates, one line per code point where something is
true: "<hex> <flags> [<hex of lower() code points, comma-separated>]" where flags has
w = re's \\w matches, s = str.isspace(), u = unassigned in Python's Unicode database (Cn),
l = lower() differs from the character itself.
"""
import re
import sys
import unicodedata

word = re.compile(r"(?u)\w")


def main():
    with open(sys.argv[1], "w", encoding="ascii") as out:
        for cp in range(0x110000):
            if 0xD800 <= cp <= 0xDFFF:
                continue
            ch = chr(cp)
            flags = ""
            if word.fullmatch(ch):
                flags += "w"
            if ch.isspace():
                flags += "s"
            if unicodedata.category(ch) == "Cn":
                flags += "u"
            low = ch.lower()
            if low != ch:
                flags += "l"
            if not flags:
                continue
            line = f"{cp:x} {flags}"
            if "l" in flags:
                line += " " + ",".join(f"{ord(c):x}" for c in low)
            out.write(line + "\n")
        out.write(f"python-unicode {unicodedata.unidata_version}\n")


if __name__ == "__main__":
    main()
