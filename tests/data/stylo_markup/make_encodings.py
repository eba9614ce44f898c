# Writes the three encoding fixtures from one text (run from this folder with python3).
# cp1252.txt holds the Windows-1252 bytes 0x80 (euro), 0x85, 0x8A, 0x91-0x94, 0x96, 0x9C,
# 0xC9, 0xE9, 0xEF; the two others hold the same characters as UTF-16LE and UTF-8, each
# after a byte order mark.
text = ("It\u2019s a \u201cquoted\u201d caf\u00e9 costing \u20ac20 \u2013 na\u00efve r\u00e9sum\u00e9.\n"
        "Second line: don\u2019t \u2018single\u2019 \u00c9COLE \u2026 c\u0153ur \u0160koda end\n")
open("cp1252.txt", "wb").write(text.encode("cp1252"))
open("utf16le_bom.txt", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
open("utf8_bom.txt", "wb").write(b"\xef\xbb\xbf" + text.encode("utf-8"))
