# stylo reference for markup removal and input encodings: what delete.markup() leaves of a TEI
# play, a TEI corpus and an HTML page under every markup.type, the English.all tokens of that,
# and what load.corpus(encoding = ...) + txt.to.words.ext() make of Windows-1252, UTF-16LE and
# UTF-8-with-BOM files.
# Run from this folder:  LC_ALL=C.UTF-8 Rscript run.R > run_log.txt 2>&1
# (set STYLO_LIB to the library holding stylo and pamr if it is not on .libPaths())
if (nzchar(Sys.getenv("STYLO_LIB"))) .libPaths(c(Sys.getenv("STYLO_LIB"), .libPaths()))
suppressMessages(library(stylo))
here = getwd()
cat("stylo", format(packageVersion("stylo")), " LC_CTYPE:", Sys.getlocale("LC_CTYPE"),
    " l10n_info UTF-8:", l10n_info()$`UTF-8`, "\n")
esc = function(s) paste(vapply(utf8ToInt(s), function(cp)
  if (cp >= 32 && cp < 127) intToUtf8(cp) else sprintf("<U+%04X>", cp), ""), collapse = "")
# escape a string that may not be valid UTF-8: bytes >= 0x80 as <xNN>
esc.bytes = function(s) paste(vapply(as.integer(charToRaw(s)), function(b)
  if (b >= 32 && b < 127) intToUtf8(b) else sprintf("<x%02X>", b), ""), collapse = "")
# run an expression, printing every warning it gives (and keeping the value)
noisy = function(label, expr) withCallingHandlers(expr, warning = function(w) {
  cat("  WARNING in", label, ":", conditionMessage(w), "\n"); invokeRestart("muffleWarning") })

# --- 1. markup: the chain of load.corpus.and.parse() (R/load.corpus.and.parse.R):
#     load.corpus() = readLines(f, warn = FALSE, encoding = "UTF-8"), one string per line;
#     delete.markup(lines, markup.type); txt.to.words.ext(..., corpus.lang = "English.all");
#     txt.to.features(features = "w", ngram.size = 1) leaves the tokens as they are.
fixtures = c("tei_play.xml", "tei_corpus.xml", "page.html")
markups = c("plain", "xml", "xml.drama", "xml.notitles", "html")
# delete.markup() with PCRE (perl = TRUE) instead of R's default TRE engine, otherwise the
# same steps: shows whether a port with ordinary leftmost, lazy matching gets the same text
delete.markup.pcre = function(x, m) {
  if (m %in% c("xml", "xml.drama", "xml.notitles")) {
    h = grep("</tei[Hh]eader>", x, perl = TRUE)
    if (length(h) > 0) x = x[-c(1:h[1])]
    s = paste(x, collapse = " ")
    if (m != "xml") s = gsub("<speaker>.*?</speaker>", "", s, perl = TRUE)
    s = gsub("<note.*?</note>", "", s, perl = TRUE)
    if (m == "xml.notitles") s = gsub("<head.*?</head>", "", s, perl = TRUE)
    gsub("<.*?>", "", s, perl = TRUE)
  } else if (m == "html") {
    b = grep("<body", x, perl = TRUE)
    if (length(b) > 0) x = x[-c(1:b[1])]
    s = paste(x, collapse = " ")
    s = gsub("<a href.*?/a>", "", s, perl = TRUE)
    gsub("<.*?>", "", s, perl = TRUE)
  } else x
}
chain = list()
for (f in fixtures) {
  stem = sub("\\.[a-z]+$", "", f)
  lines = readLines(f, warn = FALSE, encoding = "UTF-8")
  for (m in markups) {
    dm = noisy(paste(f, m), delete.markup(lines, markup.type = m))
    tok = txt.to.words.ext(dm, corpus.lang = "English.all")
    chain[[m]][[stem]] = tok
    writeLines(dm, file.path(here, paste0("markup_", stem, "__", m, ".txt")))
    writeLines(tok, file.path(here, paste0("tokens_", stem, "__", m, ".txt")))
    pc = delete.markup.pcre(lines, m)
    cat(sprintf("%-15s %-13s lines in = %2d, strings out = %2d, tokens = %3d, PCRE identical = %s\n",
                f, m, length(lines), length(dm), length(tok), identical(pc, dm)))
  }
}
# load.corpus.and.parse() on a folder holding only the three fixtures, per markup.type
corpus.dir = file.path(tempdir(), "markup")
dir.create(corpus.dir)
stopifnot(all(file.copy(fixtures, corpus.dir)))
for (m in markups) {
  p = noisy(paste("load.corpus.and.parse", m), suppressMessages(
    load.corpus.and.parse(corpus.dir = corpus.dir, markup.type = m, corpus.lang = "English.all")))
  cat("load.corpus.and.parse", m, ": names =", names(p), "; identical to the chain =",
      identical(unclass(p)[names(chain[[m]])], chain[[m]]), "\n")
}
# a single-line file: under xml/html the whole file is one string and the rules run across
# what were line ends; under plain each line is tokenised on its own, with the same tokens
for (f in fixtures) {
  lines = readLines(f, warn = FALSE, encoding = "UTF-8")
  cat(f, ": plain tokens per line == tokens of the lines pasted with ' ':",
      identical(txt.to.words.ext(lines, corpus.lang = "English.all"),
                txt.to.words.ext(paste(lines, collapse = " "), corpus.lang = "English.all")), "\n")
}
# readLines() accepts LF, CRLF and CR as line ends; a CRLF copy gives the same lines
crlf = file.path(tempdir(), "crlf.xml"); cr = file.path(tempdir(), "cr.xml")
raw.lf = readBin("tei_play.xml", "raw", file.size("tei_play.xml"))
txt.lf = rawToChar(raw.lf)
writeBin(charToRaw(gsub("\n", "\r\n", txt.lf, fixed = TRUE)), crlf)
writeBin(charToRaw(gsub("\n", "\r", txt.lf, fixed = TRUE)), cr)
cat("CRLF copy reads the same lines:", identical(readLines(crlf, encoding = "UTF-8"),
    readLines("tei_play.xml", encoding = "UTF-8")), "; CR-only copy:",
    identical(readLines(cr, encoding = "UTF-8"), readLines("tei_play.xml", encoding = "UTF-8")), "\n")
# the header rule with two </teiHeader> lines: 1:(c(a, b)) uses a (R warns, printed above)
cat("tei_corpus.xml lines matching </tei[Hh]eader>:",
    grep("</tei[Hh]eader>", readLines("tei_corpus.xml")), "\n")

# --- 2. encodings.  load.corpus(encoding = e) is readLines(f, warn = FALSE, encoding = e):
# R's readLines() only *marks* strings as "latin1" / "UTF-8" / "bytes" (any other value is
# "unknown", i.e. the native encoding, UTF-8 here); it never converts.  The decoded
# tokens come from readLines(file(f, encoding = e)), which does convert (R's iconv).
enc.dir = file.path(tempdir(), "enc")
dir.create(enc.dir)
enc.files = c("cp1252.txt", "utf16le_bom.txt", "utf8_bom.txt")
stopifnot(all(file.copy(enc.files, enc.dir)))
cases = list(c("cp1252.txt", "windows-1252"), c("cp1252.txt", "latin1"), c("cp1252.txt", "UTF-8"),
             c("utf16le_bom.txt", "UTF-16LE"), c("utf16le_bom.txt", "UTF-16"),
             c("utf16le_bom.txt", "UTF-8"), c("utf8_bom.txt", "UTF-8"),
             c("utf8_bom.txt", "UTF-8-BOM"))
for (cs in cases) {
  f = cs[1]; e = cs[2]; stem = sub("\\.txt$", "", f)
  cat("\n==", f, "  load.corpus(encoding = \"", e, "\")\n", sep = "")
  lc = noisy("load.corpus", suppressMessages(load.corpus(files = f, corpus.dir = enc.dir, encoding = e)))
  x = lc[[f]]
  cat("  lines:", length(x), "; Encoding():", Encoding(x), "; validUTF8():", validUTF8(x), "\n")
  for (i in seq_along(x)) cat("  line", i, ":", esc.bytes(x[i]), "\n")
  tok = tryCatch(txt.to.words.ext(x, corpus.lang = "English.all"),
                 error = function(err) structure(conditionMessage(err), class = "err"))
  out = file.path(here, paste0("tokens_", stem, "__load_", e, ".txt"))
  if (inherits(tok, "err")) {
    cat("  txt.to.words.ext ERROR:", esc.bytes(tok), "\n")
    writeLines(paste("ERROR:", esc.bytes(tok)), out)
  } else {
    cat("  tokens (", length(tok), "):", vapply(tok, esc, ""), "\n")
    writeLines(enc2utf8(tok), out, useBytes = TRUE)
  }
}
# R translates a string marked "latin1" to UTF-8 as Windows-1252 (0x80-0x9F are the
# Windows characters), whereas iconv(from = "latin1") maps them to the C1 controls
x = "\x92\x9c\x80"; Encoding(x) = "latin1"
cat("\nlatin1-marked 92 9C 80 -> enc2utf8:", sprintf("U+%04X", utf8ToInt(enc2utf8(x))),
    "; iconv(from = 'latin1'):", sprintf("U+%04X", utf8ToInt(iconv("\x92\x9c\x80", "latin1", "UTF-8"))), "\n")
cat("\n== decoded by the connection: readLines(file(f, encoding = e))\n")
for (cs in list(c("cp1252.txt", "windows-1252"), c("utf16le_bom.txt", "UTF-16LE"),
                c("utf8_bom.txt", "UTF-8"))) {
  f = cs[1]; e = cs[2]; stem = sub("\\.txt$", "", f)
  con = file(f, encoding = e); x = readLines(con, warn = FALSE); close(con)
  tok = txt.to.words.ext(x, corpus.lang = "English.all")
  writeLines(tok, file.path(here, paste0("tokens_", stem, "__decoded.txt")))
  cat(f, "as", e, ": first char", sprintf("U+%04X", utf8ToInt(substr(x[1], 1, 1))),
      "; lines:", vapply(x, esc, ""), "\n  tokens (", length(tok), "):", vapply(tok, esc, ""), "\n")
}
d = lapply(c("cp1252", "utf16le_bom", "utf8_bom"), function(s)
  readLines(file.path(here, paste0("tokens_", s, "__decoded.txt")), encoding = "UTF-8"))
cat("decoded tokens identical across the three files:", identical(d[[1]], d[[2]]) && identical(d[[2]], d[[3]]), "\n")
# the UTF-8 BOM: readLines() drops it in a UTF-8 locale whatever `encoding` says; had it been
# kept, U+FEFF is outside stylo's letter class, so it would only split (not join) tokens
x = readLines("utf8_bom.txt", encoding = "unknown")
cat("utf8_bom.txt first char after readLines:", sprintf("U+%04X", utf8ToInt(substr(x[1], 1, 1))),
    "; txt.to.words.ext('\\ufeffIt s') =", txt.to.words.ext("\ufeffIt s", corpus.lang = "English.all"), "\n")
print(sessionInfo())
