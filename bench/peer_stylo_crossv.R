# One timed stylo crossv() call, the way stylo's users run leave-one-out attribution: Classic
# Delta 1-NN over a table of relative frequencies, each sample held out once.
#
# usage: Rscript bench/peer_stylo_crossv.R CORPUS_DIR LABELS.csv TABLE.csv OUT.csv [MFW]
#   CORPUS_DIR  a flat folder holding only the texts
#   LABELS.csv  id,class (id = file name without .txt); the class of each text
#   TABLE.csv   written here, before the timed call: the frequency table stylo built
#               (stylo's layout as CSV: one row per word in rank order, one column per
#               text, percent), for `stylokit classify --frequency-table`
#   OUT.csv     crossv's predictions: sample,expected,predicted
#   MFW         default 1000
# Prints one line: "crossv_seconds <elapsed> user <u> sys <s>".
#
# Not timed: R's start, library(stylo), reading and tokenizing the files
# (load.corpus.and.parse, English.all), the frequency list and table
# (make.frequency.list, make.table.of.frequencies) and writing the files. Timed: the
# crossv(training.set = table, cv.mode = "leaveoneout", classification.method = "delta")
# call alone, with proc.time() around it. crossv takes each sample's class from its row
# name before the first "_" (R/crossv.R), so rows are named <class>_<id> with the
# class's own underscores removed.
# Set STYLO_LIB to the library holding stylo if it is not on .libPaths().
args = commandArgs(trailingOnly = TRUE)
if (length(args) < 4) stop("usage: Rscript peer_stylo_crossv.R CORPUS_DIR LABELS.csv TABLE.csv OUT.csv [MFW]")
corpus.dir = normalizePath(args[1], mustWork = TRUE)
labels = read.csv(args[2], stringsAsFactors = FALSE)
table.out = args[3]
out = args[4]
mfw = if (length(args) >= 5) as.integer(args[5]) else 1000L
if (nzchar(Sys.getenv("STYLO_LIB"))) .libPaths(c(Sys.getenv("STYLO_LIB"), .libPaths()))
suppressMessages(library(stylo))

texts = suppressMessages(load.corpus.and.parse(corpus.dir = corpus.dir, corpus.lang = "English.all"))
words = make.frequency.list(texts, head = mfw)
freqs = make.table.of.frequencies(texts, words, relative = TRUE)[, 1:mfw]
freqs = unclass(freqs)[, ]
ids = rownames(freqs)
cls = labels[[2]][match(ids, labels[[1]])]
if (anyNA(cls)) stop("no class for: ", paste(ids[is.na(cls)], collapse = ", "))

cells = matrix(sprintf("%.17g", t(freqs)), ncol(freqs))
writeLines(c(paste0(",", paste(ids, collapse = ",")),
             paste(colnames(freqs), apply(cells, 1, paste, collapse = ","), sep = ",")), table.out)

rownames(freqs) = paste(gsub("_", "", cls), ids, sep = "_")
t0 = proc.time()
cv = suppressMessages(crossv(training.set = freqs, cv.mode = "leaveoneout",
                             classification.method = "delta"))
t = proc.time() - t0
cat(sprintf("crossv_seconds %.3f user %.3f sys %.3f\n", t[["elapsed"]], t[["user.self"]],
            t[["sys.self"]]))
write.csv(data.frame(sample = ids, expected = as.character(cv$expected),
                     predicted = as.character(cv$predicted)), out, row.names = FALSE)
