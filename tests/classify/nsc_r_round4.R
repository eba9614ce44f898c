# Makes nsc_r_round4.csv: R's own 4-decimal strings for pamr.listgenes scores, the way
# pamr.listgenes makes them (round(d, 4), then cbind() with character columns, which is
# as.character: 15 significant digits, scientific when narrower). Values crowd the rounding
# boundaries (k/10^4 + 0.5/10^4 and its binary neighbours) and the "1e-04" forms.
# Run: Rscript nsc_r_round4.R  (R 4.2.2 made the checked-in file)
set.seed(7)
k = -400:400
half = (k + 0.5) / 1e4
x = c(half, half * (1 + 2^-52), half * (1 - 2^-52), k / 1e4, rnorm(400, sd = 1.5), rnorm(200, sd = 1e-3),
      c(1e-4, -2e-4, 7e-4, 5e-5, -5e-5, 1.5e-4, 0.00015, 12.34565, -0.69495, 123.45675))
s = cbind("id", round(x, 4))[, 2]
write.csv(data.frame(x = sprintf("%.17g", x), r = s), "nsc_r_round4.csv", row.names = FALSE)
