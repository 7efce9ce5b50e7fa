"""Prints every cell of an xlsx workbook for bench-floor.c's raw writer:
"S<TAB>sheet" per sheet, then "row<TAB>col<TAB>n|s<TAB>value" (0-based,
strings with backslash escapes).  SPDX-License-Identifier: GPL-3.0-or-later"""
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
out = open(sys.argv[2], "w", encoding="utf-8")
n = 0
for ws in wb.worksheets:
    out.write(f"S\t{ws.title}\n")
    for r, row in enumerate(ws.iter_rows(values_only=True)):
        for c, v in enumerate(row):
            if v is None:
                continue
            n += 1
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                out.write(f"{r}\t{c}\tn\t{v!r}\n")
            else:
                s = str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
                out.write(f"{r}\t{c}\ts\t{s}\n")
print(n)
