# stylo reference on the letters corpus (data/letters/*.txt): English.all tokens, the
# whole-corpus frequency list, the 100 MFW, and stylo() Classic / Cosine Delta at 100 MFW.
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
print(sessionInfo())
