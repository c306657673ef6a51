"""Table recognition for the plain-text reader: pipe-per-cell rows, `| a | b |` rows,
one-cell-per-line runs and whitespace-separated number rows.

Everything here is layout only; nothing knows the regulation's labels. Functions take the
decoded lines (0-based list, line numbers are index + 1) and a start index, and return the
rows they consumed plus the index after them, or None when the lines are not a table.
"""

from __future__ import annotations

import re

from checker.model import Cell

Rows = list[list[Cell]]

# A line made only of pipes is the tail of a spanned row in the original: its cells were
# merged away, so they are phantoms, not blank data cells.
_PIPES_ONLY = re.compile(r"\|{2,}")
_MD_RULE = re.compile(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?")
NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?%?")
_NUMBER_ROW = re.compile(r"[-+]?\d+(?:\.\d+)?(?:\s+[-+]?\d+(?:\.\d+)?){2,}")
# Sentence punctuation: a line carrying it is prose, not a table cell.
_PROSE = re.compile(r"[。；;！？!?，,：:]")
HEADING1 = re.compile(r"[一二三四五六七八九十]{1,3}、")


def split_pipe_line(line: str, lineno: int) -> list[Cell]:
    """`| a | b | |` → cells; an empty slot (`||`) is a phantom of a merged cell and dropped,
    a slot holding only spaces (`| |`) is a genuine blank cell and kept as ""."""
    s = line.strip()
    parts = s.split("|")
    if s.startswith("|"):
        parts = parts[1:]
    if s.endswith("|") and parts:
        parts = parts[:-1]
    return [Cell(p.strip(), line=lineno) for p in parts if p != ""]


def is_pipe_row(line: str) -> bool:
    """A one-line table row: at least two pipes and the line starts or ends with one."""
    s = line.strip()
    return s.count("|") >= 2 and (s.startswith("|") or s.endswith("|")) and not _PIPES_ONLY.fullmatch(s)


def read_pipe_per_cell(lines: list[str], i: int, tails: list[int]) -> tuple[Rows, int]:
    """The seed's form: a lone `|` opens a row, each `text |` line is one cell, a pipes-only
    line closes the row (its phantom cells are dropped, its line recorded in `tails`).
    Ends at the first line outside that pattern; blank lines are skipped only when the
    pattern continues after them."""
    rows: Rows = []
    cur: list[Cell] | None = None
    n = len(lines)
    j = i
    while j < n:
        raw = lines[j].rstrip()
        s = raw.strip()
        if not s:
            k = j + 1
            while k < n and not lines[k].strip():
                k += 1
            if k < n and _continues(lines[k].strip(), cur is not None):
                j = k
                continue
            break
        if s == "|" and raw != "|" and cur is not None:
            cur.append(Cell("", line=j + 1))  # " |": a genuinely blank cell, not a row start
        elif s == "|":
            if cur:
                rows.append(cur)
            cur = []
        elif _PIPES_ONLY.fullmatch(s):
            if cur:
                rows.append(cur)
            cur = None
            tails.append(j + 1)
        elif s.endswith("|") and not s.startswith("|"):
            if cur is None:  # a cell after a tail without a lone `|`: a new row all the same
                cur = []
            cur.extend(split_pipe_line(s, j + 1) if s.count("|") > 1 else [Cell(s[:-1].strip(), line=j + 1)])
        else:
            break
        j += 1
    if cur:
        rows.append(cur)
    return rows, j


def _continues(s: str, in_row: bool) -> bool:
    return s == "|" or bool(_PIPES_ONLY.fullmatch(s)) or (in_row and s.endswith("|") and not s.startswith("|"))


def read_pipe_rows(lines: list[str], i: int) -> tuple[Rows, int]:
    """Consecutive `| a | b |` lines (024, Markdown-style 045); `|---|` rules are skipped."""
    rows: Rows = []
    j = i
    while j < len(lines):
        s = lines[j].strip()
        if _MD_RULE.fullmatch(s) and "-" in s:
            j += 1
            continue
        if not is_pipe_row(s):
            break
        cells = split_pipe_line(s, j + 1)
        if cells:
            rows.append(cells)
        j += 1
    return rows, j


def number_row(line: str, lineno: int) -> list[Cell] | None:
    """`1 2 3 4 5 6 7` (047) → one cell per number; None for anything else."""
    s = line.strip()
    if not _NUMBER_ROW.fullmatch(s):
        return None
    return [Cell(t, line=lineno) for t in s.split()]


def _short_cell(s: str) -> bool:
    return len(s) <= 40 and not _PROSE.search(s) and not s.startswith("|")


def read_cell_per_line(lines: list[str], i: int) -> tuple[Rows, int] | None:
    """030's form: header cells and numbers each on their own line, blank lines between.

    A run of short prose-free lines is a table only when it opens with a few non-numeric
    (header-like) lines and then holds at least three purely numeric lines. A numbered
    `一、` line ends the run unless a number follows within three lines (then it is a row
    label such as 四、结转下年度继续办理, not a part heading). Each cell becomes its own row:
    row boundaries are unknown here and the binder streams cells."""
    n = len(lines)
    cells: list[Cell] = []
    numbers = 0
    j = i
    last = i  # index after the last line taken
    while j < n:
        s = lines[j].strip()
        if not s:
            j += 1
            continue
        if not _short_cell(s):
            break
        if HEADING1.match(s) and not (cells and _number_soon(lines, j + 1)):
            break
        if NUMBER.fullmatch(s):
            if not cells:
                return None  # a table does not start with a bare number
            numbers += 1
        cells.append(Cell(s, line=j + 1))
        j += 1
        last = j
    if numbers < 3 or not cells or NUMBER.fullmatch(cells[0].text) or NUMBER.fullmatch(cells[1].text if len(cells) > 1 else "x"):
        return None
    return [[c] for c in cells], last


def _number_soon(lines: list[str], j: int, within: int = 3) -> bool:
    seen = 0
    while j < len(lines) and seen < within:
        s = lines[j].strip()
        j += 1
        if not s:
            continue
        seen += 1
        if NUMBER.fullmatch(s):
            return True
    return False


# Crawler text (002–005) puts a whole article on one line. Cut it where the original had
# breaks: whitespace runs, and before a numbered heading that follows a sentence end or
# a table value ("…21710000218二、上年结转…"). "00000002.其他" is left whole: which digit
# starts the label is only decidable with the table's template.
_SEGMENT = re.compile(
    r"\s+"
    r"|(?<=[。；：:\d])(?=[一二三四五六七八九十]{1,3}、)"
    r"|(?<=[。；：:\d])(?=[（(][一二三四五六七八九十]{1,3}[）)])"
)
_RUN_CELL = re.compile(r"[^。；;，,]*[\u4e00-\u9fff）)]\s?\d[^。；;，,]*\d|[\d\s.]*\d")
LONG_LINE = 400


def split_long_line(s: str) -> list[str]:
    """Segments of a crawler's one-line article, in order; [s] when nothing splits."""
    segs = [seg for seg in _SEGMENT.split(s) if seg]
    out: list[str] = []
    k = 0
    while k < len(segs):
        seg = segs[k]
        # "…新中国成立 70 周年…": a number spaced inside a sentence is not a cell.
        if (
            out and k + 1 < len(segs) and NUMBER.fullmatch(seg) and len(seg) <= 4
            and _PROSE.search(out[-1]) and not out[-1][-1].isdigit() and "\u4e00" <= segs[k + 1][0] <= "\u9fff"
        ):
            out[-1] = f"{out[-1]} {seg} {segs[k + 1]}"
            k += 2
            continue
        out.append(seg)
        k += 1
    return out


def bare(seg: str) -> str:
    """The text without parenthesised notes, whose commas do not make a label prose."""
    return re.sub(r"[（(][^（）()]*[）)]", "", seg)


def is_run_together(seg: str) -> bool:
    """Labels and values run together with no separator (`一、本年新收…数量21710000218`):
    no sentence end, at least three digits in a row, and digits at the end."""
    return bool(_RUN_CELL.fullmatch(bare(seg)))
