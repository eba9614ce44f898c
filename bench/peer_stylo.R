# One timed stylo() call, the way stylo's users run it: Classic Delta cluster analysis on a
# folder of plain-text files, English.all tokenizer, a single MFW setting.
#
# usage: Rscript bench/peer_stylo.R CORPUS_DIR OUT.csv [MFW]
#   CORPUS_DIR  a flat folder holding only the texts (stylo() reads every file in it)
#   OUT.csv     stylo's distance table, 17 significant digits, header ,id1,id2,... (the
#               layout of `stylokit similarity -o`); OUT.features.txt gets the MFW used
#   MFW         default 1000
# Prints one line: "stylo_seconds <elapsed> user <u> sys <s>".
#
# What is timed: the stylo() call alone, with proc.time() around it (R's start and
# library(stylo) excluded, and so is writing OUT.csv). Inside that call stylo (R/stylo.R):
# reads every file (load.corpus: readLines), tokenizes it (txt.to.words.ext, English.all),
# ranks the whole-corpus frequency list (sort(table())), keeps its first 5,000 words
# (mfw.list.cutoff), counts those in every text (make.table.of.frequencies), writes three
# side files into the working directory -- stylo_config.txt, wordlist.txt (the 5,000 words)
# and table_with_frequencies.txt (5,000 words x all texts, write.table); it always does --
# then takes the first MFW columns, z-scores them and computes the Delta distance table.
# With display.on.screen and every write.*.file FALSE nothing is plotted, and the CA
# dendrogram (hclust) is only built for a plot, so it is not computed.
# Set STYLO_LIB to the library holding stylo if it is not on .libPaths().
args = commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: Rscript peer_stylo.R CORPUS_DIR OUT.csv [MFW]")
corpus.dir = normalizePath(args[1], mustWork = TRUE)
out = normalizePath(args[2], mustWork = FALSE)
mfw = if (length(args) >= 3) as.integer(args[3]) else 1000L
if (nzchar(Sys.getenv("STYLO_LIB"))) .libPaths(c(Sys.getenv("STYLO_LIB"), .libPaths()))
suppressMessages(library(stylo))

# stylo() writes stylo_config.txt and a word list into the working directory, and would
# read an existing frequency table there if told to: run it in a fresh, empty folder
work = tempfile("peer_stylo_")
dir.create(work)
setwd(work)
t0 = proc.time()
r = suppressMessages(stylo(gui = FALSE, corpus.dir = corpus.dir, corpus.format = "plain",
                           corpus.lang = "English.all", mfw.min = mfw, mfw.max = mfw,
                           start.at = 1, culling.min = 0, culling.max = 0,
                           analysis.type = "CA", distance.measure = "dist.delta",
                           display.on.screen = FALSE, network = FALSE,
                           write.pdf.file = FALSE, write.jpg.file = FALSE,
                           write.svg.file = FALSE, write.png.file = FALSE,
                           save.distance.tables = FALSE, save.analyzed.features = FALSE,
                           save.analyzed.freqs = FALSE))
t = proc.time() - t0
cat(sprintf("stylo_seconds %.3f user %.3f sys %.3f\n", t[["elapsed"]], t[["user.self"]],
            t[["sys.self"]]))

D = unclass(r$distance.table)[, ]
cells = matrix(sprintf("%.17g", D), nrow(D))
lines = c(paste0(",", paste(colnames(D), collapse = ",")),
          paste(rownames(D), apply(cells, 1, paste, collapse = ","), sep = ","))
writeLines(lines, out)
writeLines(as.character(r$features.actually.used), sub("\\.csv$", ".features.txt", out))
setwd(tempdir())
unlink(work, recursive = TRUE)
