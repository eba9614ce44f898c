# stylo reference on the letters corpus (data/letters/*.txt): English.all tokens, the
# whole-corpus frequency list, the 100 MFW, and stylo() Classic / Cosine Delta at 100 MFW;
# then txt.to.words.ext() on a set of tricky strings (tokenizer_edge_cases_extra.csv).
# Run from this folder:  LC_ALL=C.UTF-8 Rscript run.R > run_log.txt 2>&1
# (set STYLO_LIB to the library holding stylo and pamr if it is not on .libPaths())
if (nzchar(Sys.getenv("STYLO_LIB"))) .libPaths(c(Sys.getenv("STYLO_LIB"), .libPaths()))
suppressMessages(library(stylo))
here = getwd()
g17 = function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
write.full = function(df, file) {            # doubles at 17 significant digits
  df = as.data.frame(df, stringsAsFactors = FALSE, check.names = FALSE)
  dbl = vapply(df, is.double, TRUE)
  df[dbl] = lapply(df[dbl], g17)
  write.csv(df, file, row.names = FALSE, quote = which(!dbl))
}
cat("ICU:", capabilities("ICU"), icuGetCollate(), " LC_COLLATE:", Sys.getlocale("LC_COLLATE"),
    " LC_CTYPE:", Sys.getlocale("LC_CTYPE"), "\n")

# --- the corpus: only the 5 .txt files (stylo() reads every file of corpus.dir, and the
# folder also holds README.md and metadata.csv)
src = normalizePath("../../../data/letters")
corpus.dir = file.path(tempdir(), "letters")
dir.create(corpus.dir)
txt = sort(list.files(src, pattern = "\\.txt$"))
stopifnot(length(txt) == 5, all(file.copy(file.path(src, txt), corpus.dir)))
cat("corpus files:", txt, sep = "\n  ")

# --- 1. tokens of each letter, read as stylo's load.corpus() reads them (readLines, UTF-8)
tokens = list()
for (f in txt) {
  nm = sub("\\.txt$", "", f)
  lines = readLines(file.path(corpus.dir, f), warn = FALSE, encoding = "UTF-8")
  tok = txt.to.words.ext(lines, corpus.lang = "English.all")
  tokens[[nm]] = tok
  writeLines(tok, file.path(here, paste0("tokens_", nm, ".txt")))
  tok1 = txt.to.words.ext(paste(lines, collapse = " "), corpus.lang = "English.all")
  cat(nm, ": lines =", length(lines), " tokens =", length(tok), " types =", length(unique(tok)),
      " identical(per-line, one-string) =", identical(tok, tok1), "\n")
}
parsed = load.corpus.and.parse(corpus.dir = corpus.dir, corpus.lang = "English.all")
cat("load.corpus.and.parse identical:", identical(unclass(parsed)[names(tokens)], tokens), "\n")

# --- 2. whole-corpus frequency list (stylo's ranking: sort(table()), ties in table() order)
all.tok = unlist(tokens, use.names = FALSE)
ct = sort(table(all.tok), decreasing = TRUE)
write.full(data.frame(word = names(ct), count = as.integer(ct)), file.path(here, "freqlist.csv"))
cat("corpus: tokens =", length(all.tok), " types =", length(ct), "\n")
mfw = make.frequency.list(tokens, head = 100)
writeLines(mfw, file.path(here, "mfw_100.txt"))
cat("make.frequency.list head 100 == head(names(sort(table))) :", identical(mfw, head(names(ct), 100)), "\n")
for (k in c(100)) {
  tied = which(as.integer(ct) == as.integer(ct[k]))
  cat("count at rank", k, "=", as.integer(ct[k]), "; ranks with that count:", range(tied),
      "(", length(tied), "words )\n  ", paste(names(ct)[tied], collapse = " "), "\n")
}
grp = split(names(ct), as.integer(ct))
cat("tie groups:", sum(lengths(grp) > 1), "; all in ascending collation order:",
    all(vapply(grp, function(g) identical(g, sort(g)), TRUE)), "\n")
ap = grep("azerbaijan|^s$", names(ct), value = TRUE)
cat("apostrophe check:", paste0(ap, "=", as.integer(ct[ap])), "\n")

# --- 3. stylo() cluster analysis, 100 MFW, Classic Delta and Cosine Delta (Wurzburg)
setwd(tempdir())                           # stylo() writes side files into the working dir
for (m in c("dist.delta", "dist.wurzburg")) {
  r = stylo(gui = FALSE, corpus.dir = corpus.dir, corpus.lang = "English.all",
            mfw.min = 100, mfw.max = 100, analysis.type = "CA", distance.measure = m,
            display.on.screen = FALSE, network = FALSE)
  D = unclass(r$distance.table)[, ]
  stem = c(dist.delta = "classic_delta_100mfw", dist.wurzburg = "cosine_delta_wurzburg_100mfw")[[m]]
  write.full(data.frame(text = rownames(D), D, check.names = FALSE), file.path(here, paste0(stem, ".csv")))
  cat(stem, ": features used =", length(r$features.actually.used),
      "; identical to mfw_100:", identical(as.character(r$features.actually.used), mfw), "\n")
  # independent recomputation (z = column z-scores over the 5 texts, sample sd)
  X = unclass(r$table.with.all.freqs)[, 1:100]; Z = scale(X)
  D2 = if (m == "dist.delta") as.matrix(dist(Z, "manhattan")) / 100 else {
    N = Z / sqrt(rowSums(Z^2)); 1 - N %*% t(N) }
  cat("   max |stylo - recomputed| =", max(abs(D - D2[rownames(D), colnames(D)])), "\n")
}
setwd(here)

# --- 4. extra tokenizer edge cases: txt.to.words.ext() on tricky strings, several corpus.lang
# values, with and without preserve.case.  Non-ASCII input is written with \u escapes here;
# the CSV holds it as UTF-8, and input_escaped spells every non-ASCII character as <U+XXXX>.
esc = function(s) paste(vapply(utf8ToInt(s), function(cp)
  if (cp >= 32 && cp < 127) intToUtf8(cp) else sprintf("<U+%04X>", cp), ""), collapse = "")
cases = c(
  "a--b a---b a-----b a------b a-----------b",          # dashes: 2-5 become " -- ", 6+ leave a rest
  "--a-- -x- a-b-c -- ---",
  "it's_x it'sé it'llx can't've I'd've",                # contraction rule: \\b after the suffix
  "IT'S Don'T O'Neill rock'n'roll 'tis x's 1's",
  "it\u2019s don\u2019t \u2018quoted\u2019 \u201cdouble\u201d it\u02bcs",  # curly / modifier apostrophes
  "\u039f\u0394\u039f\u03a3 \u03a3\u03af\u03c3\u03c5\u03c6\u03bf\u03c2",  # Greek: final sigma under tolower
  "\u0130stanbul ISTANBUL \u0131r\u0131k",               # Turkish dotted / dotless i
  "x^y ^ ^^ a^",                                         # ^ is a token character in English.all
  "l'homme aujourd'hui qu'il",                           # French elision
  "Iulius Caesar vixit & jam VIVUS",                     # Latin.corr: v->u, &->et, j->i
  "\u65e5\u672c\u8a9e\u30c6\u30ad\u30b9\u30c8abc \ud55c\uad6d\uc5b4 \u3072\u3089\u304c\u306a",  # CJK, Hangul, Hiragana
  "Stra\u00dfe \u00c9COLE na\u00efve nai\u0308ve \ufb01ne \uff21\uff22\uff23",  # sharp s, combining diaeresis, ligature, fullwidth
  "a\u00d7b c\u00f7d \u00b5m \u00aa\u00ba a\u00a0b",    # U+00D7/U+00F7 are inside stylo's U+00C0-00FF range
  "\u0401\u043b\u043a\u0430 \u05e9\u05dc\u05d5\u05dd \u0633\u0644\u0627\u0645 \u10e5\u10d0\u10e0\u10d7\u10e3\u10da\u10d8 \u01c5ungla",
  "tab\tsep  under_score a.b 3rd x2y",            # a literal tab; no newline (stylo reads line by line)
  "")
langs = c("English.all", "English", "English.contr", "Latin.corr", "CJK", "Polish", "French")
ec = data.frame()
add = function(s, lang, pc, rule) {
  tok = tryCatch(txt.to.words.ext(s, corpus.lang = lang, preserve.case = pc, splitting.rule = rule),
                 error = function(e) paste("ERROR:", conditionMessage(e)))
  data.frame(input = s, input_escaped = esc(s), corpus.lang = lang, preserve.case = pc,
             splitting.rule = if (is.null(rule)) "" else rule, n_tokens = length(tok),
             tokens = paste(tok, collapse = " | "), stringsAsFactors = FALSE)
}
for (s in cases) for (lang in langs) for (pc in c(FALSE, TRUE)) ec = rbind(ec, add(s, lang, pc, NULL))
# a custom splitting.rule goes to strsplit() with R's default (TRE, POSIX extended) engine:
# TRE has no \p{...}, so inside a bracket "[^\\p{L}]+" is the set of the characters \ p { L }
for (rule in c("[^\\p{L}]+", "[^[:alpha:]]+", "[[:space:]]+"))
  for (s in cases) ec = rbind(ec, add(s, "English.all", FALSE, rule))
write.csv(ec, file.path(here, "tokenizer_edge_cases_extra.csv"), row.names = FALSE)
cat("edge cases:", nrow(ec), "rows\n")
cat("TRE  strsplit('ab\\\\p{L}c d-e', '[^\\\\p{L}]+'):", strsplit("ab\\p{L}c d-e", "[^\\p{L}]+")[[1]], "\n")
cat("PCRE strsplit(same, perl = TRUE):", strsplit("ab\\p{L}c d-e", "[^\\p{L}]+", perl = TRUE)[[1]], "\n")
cat("tolower: \u0130 ->", esc(tolower("\u0130")), "; \u039f\u0394\u039f\u03a3 ->", esc(tolower("\u039f\u0394\u039f\u03a3")),
    "; \u00c9 ->", tolower("\u00c9"), "; \uff21 ->", esc(tolower("\uff21")), "\n")
cat("collation (ICU root) vs bytes: sort:", sort(c("f", "\u00e9", "e", "z", "-a", "^a", "a")),
    "; radix:", sort(c("f", "\u00e9", "e", "z", "-a", "^a", "a"), method = "radix"), "\n")
print(sessionInfo())
