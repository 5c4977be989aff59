"""The coded data as tables for SPSS, Stata and R: a table's columns with their labels and
levels (`table`), its two shapes (a row per passage, a row per article and coder), and
each program's rules for names and labels (`programs`, `names`, `labels`), applied with
every rename and cut recorded (`fitting`), and the codebook an R user reads beside a CSV."""
