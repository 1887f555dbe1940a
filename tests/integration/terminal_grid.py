"""The tmux pane as a grid of cells, and what an intact cordboard layout
looks like on it: frames where src/tui/layout.c puts them, no stray box
lines, the status bar on the last row. Used by test_terminal.py.

A cell is (char, style): char is "" for the right half of a wide
character; style is (frozenset of SGR attributes, fg, bg). Cells drawn in
the alternate character set (ACS, what ncurses sends for box lines on
xterm, vt100 or in the C locale) read as the box character they show."""

import re
import unicodedata

from console import expect

# DEC special graphics, as tmux shows an ACS cell
_ACS = {"l": "┌", "k": "┐", "m": "└", "j": "┘", "q": "─", "x": "│",
        "t": "├", "u": "┤", "w": "┬", "v": "┴", "n": "┼"}
BOX = set("┌┐└┘─│├┤┬┴┼")
_ESC = re.compile(r"\x1b\[([0-9;:]*)m|([\x0e\x0f])|(.)", re.S)
PLAIN = (frozenset(), None, None)


def char_width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _sgr(params, attrs, fg, bg):
    ps = [int(p) if p else 0 for p in re.split("[;:]", params)] or [0]
    i = 0
    while i < len(ps):
        p = ps[i]
        if p == 0:
            attrs, fg, bg = set(), None, None
        elif p in (1, 2, 3, 4, 5, 7, 8, 9):
            attrs.add(p)
        elif p in (22, 23, 24, 25, 27, 28, 29):
            attrs.difference_update({1, 2} if p == 22 else {p - 20})
        elif 30 <= p <= 37 or 90 <= p <= 97:
            fg = p
        elif 40 <= p <= 47 or 100 <= p <= 107:
            bg = p
        elif p in (38, 48) and i + 1 < len(ps):
            n = 3 if ps[i + 1] == 5 else 5
            value = tuple(ps[i:i + n])
            if p == 38:
                fg = value
            else:
                bg = value
            i += n - 1
        elif p == 39:
            fg = None
        elif p == 49:
            bg = None
        i += 1
    return attrs, fg, bg


def grid(escaped, cols, rows):
    """`tmux capture-pane -p -e` text as ROWS rows of COLS cells."""
    out = []
    attrs, fg, bg, acs = set(), None, None, False
    for line in escaped.split("\n")[:rows]:
        row = []
        for m in _ESC.finditer(line):
            if m.group(1) is not None:
                attrs, fg, bg = _sgr(m.group(1), attrs, fg, bg)
                continue
            if m.group(2):
                acs = m.group(2) == "\x0e"
                continue
            ch = m.group(3)
            if acs:
                ch = _ACS.get(ch, ch)
            style = (frozenset(attrs), fg, bg)
            w = char_width(ch)
            if w == 0 and row:
                row[-1] = (row[-1][0] + ch, row[-1][1])
                continue
            row.append((ch, style))
            if w == 2:
                row.append(("", style))
        out.append(row[:cols] + [(" ", PLAIN)] * (cols - len(row)))
    while len(out) < rows:
        out.append([(" ", PLAIN)] * cols)
    return out


def text(g, y, x0=0, x1=None):
    """Row Y's characters from column X0 up to X1 (exclusive)."""
    return "".join(c for c, _ in g[y][x0:x1])


def show(g):
    return "\n".join(text(g, y).rstrip() for y in range(len(g)))


def layout(rows, cols):
    """Where src/tui/layout.c puts each pane: name -> (y, x, h, w), panes
    that get no room left out. The test's own statement of the layout,
    so a change there is a change the test has to agree to."""
    if rows < 3 or cols < 10:
        return {"calls": (0, 0, max(rows - 1, 0), cols),
                "status": (max(rows - 1, 0), 0, 1, cols)}
    panes = {"status": (rows - 1, 0, 1, cols)}
    body = rows - 1
    if body >= 16:
        log_h = 8 if body >= 30 else 6
        panes["log"] = (body - log_h, 0, log_h, cols)
        body -= log_h
    if cols >= 72:
        cw = cols * 60 // 100
        panes["calls"] = (0, 0, body, cw)
        panes["exts"] = (0, cw, body, cols - cw)
    elif body >= 10:
        ch = body // 2 + 1
        panes["calls"] = (0, 0, ch, cols)
        panes["exts"] = (ch, 0, body - ch, cols)
    else:
        panes["calls"] = (0, 0, body, cols)
    return panes


def check_frame(g, rect, title, where):
    """A box around RECT with TITLE (as far as it fits) on its top line."""
    y, x, h, w = rect
    scr = show(g)
    top = text(g, y, x, x + w)
    expect(top[:2] == "┌─" and top[-1] == "┐",
           "%s: top corners at %d,%d: %r\n%s" % (where, y, x, top, scr))
    shown = title[:w - 4]
    expect(top[2:2 + len(shown)] == shown,
           "%s: title %r at %d,%d: %r\n%s" % (where, shown, y, x + 2, top,
                                              scr))
    expect(set(top[2 + len(shown):-1]) <= {"─"},
           "%s: top line after the title: %r\n%s" % (where, top, scr))
    bottom = text(g, y + h - 1, x, x + w)
    expect(bottom == "└" + "─" * (w - 2) + "┘",
           "%s: bottom line at row %d: %r\n%s" % (where, y + h - 1, bottom,
                                                 scr))
    for r in range(y + 1, y + h - 1):
        expect(g[r][x][0] == "│" and g[r][x + w - 1][0] == "│",
               "%s: sides on row %d: %r\n%s" % (where, r,
                                                text(g, r, x, x + w), scr))


def inner_rows(g, rect):
    """The text inside RECT's frame, one string per row (a pane with no
    room for a frame has none: all of it)."""
    y, x, h, w = rect
    if h < 3:
        return [text(g, r, x, x + w) for r in range(y, y + h)]
    return [text(g, r, x + 1, x + w - 1) for r in range(y + 1, y + h - 1)]


def check_layout(g, rows, cols, titles):
    """The whole screen is the layout for ROWS x COLS: each framed pane
    of TITLES (name -> title) where layout() says, box lines nowhere
    else, nothing outside the panes, the status bar on the last row."""
    panes = layout(rows, cols)
    scr = show(g)
    expect(len(g) == rows, "%d rows captured, not %d" % (len(g), rows))
    frames = set()
    for name, rect in panes.items():
        if name == "status" or rect[2] < 3:
            continue
        check_frame(g, rect, titles[name], "%s pane at %dx%d" % (
            name, cols, rows))
        y, x, h, w = rect
        for r in range(y, y + h):
            frames.update({(r, x), (r, x + w - 1)})
        for c in range(x, x + w):
            frames.update({(y, c), (y + h - 1, c)})
    for y in range(rows):
        for x in range(cols):
            ch = g[y][x][0]
            inside = any(py <= y < py + ph and px <= x < px + pw
                         for py, px, ph, pw in panes.values())
            expect(inside or ch in (" ", ""),
                   "%r at %d,%d is outside every pane:\n%s" % (ch, y, x,
                                                               scr))
            expect((y, x) in frames or ch not in BOX,
                   "stray box line %r at %d,%d:\n%s" % (ch, y, x, scr))
    status = text(g, rows - 1)
    expect(status.startswith("[") and "]" in status[:cols],
           "status bar on the last row: %r\n%s" % (status, scr))
    return panes


_CALL = re.compile(r"^ *(\d+) (\S) (.*?)(?: +(\d+:\d\d))? (\S+) *$")
_EXT = re.compile(r"^(\d+) +(.*?) +(\S\S)(?: (.*?))? *$")


def call_rows(g, rect):
    """(id, mark, name and number, duration or None, tag column, tag)
    for every call row of the calls pane; the tag column is the grid
    column, so rows can be checked for alignment."""
    out = []
    y, x, h, w = rect
    for row in inner_rows(g, rect):
        m = _CALL.match(row)
        if m:
            # the tag and what follows are ASCII: one cell a character
            col = x + w - (h >= 3) - (len(row) - m.start(5))
            out.append((int(m.group(1)), m.group(2), m.group(3).rstrip(),
                        m.group(4), col, m.group(5)))
    return out


def ext_rows(g, rect):
    """(number, name, presence+line letters, extra) per extensions row."""
    return [m.groups() for m in (_EXT.match(r) for r in inner_rows(g, rect))
            if m]
