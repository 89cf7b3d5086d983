"""The floor of any check in a polars process: a new process that reads every cell of
the files as text with polars and checks nothing. Usage: python bench/polars_read.py FILE…"""

from __future__ import annotations

import sys

import polars as pl

if __name__ == "__main__":
    cells = 0
    for path in sys.argv[1:]:
        frame = pl.read_csv(path, separator=";", infer_schema=False)
        cells += frame.height * frame.width
    print(cells)
