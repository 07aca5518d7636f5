"""Text in SVG boxes: how wide a line will be drawn, and wrapping text to a width.

SVG text does not wrap, and the page cannot measure it before it is drawn, so widths are computed
here from the advance widths of DejaVu Sans (in hundredths of an em, characters U+0020 to U+007E),
one of the widest common sans-serif faces and the one Chromium uses for ``system-ui`` on a plain
Linux; in a narrower face the text only gets more room. Other characters count as wide ones.
"""

from __future__ import annotations

from functools import lru_cache

# fmt: off
#: Advance widths of DejaVu Sans Book for U+0020..U+007E, in hundredths of an em (rounded up).
REGULAR: tuple[int, ...] = (
    32, 41, 46, 84, 64, 96, 78, 28, 40, 40, 50, 84, 32, 37, 32, 34, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 54, 100, 69, 69, 70, 78, 64,
    58, 78, 76, 30, 30, 66, 56, 87, 75, 79, 61, 79, 70, 64, 62, 74, 69, 99, 69,
    62, 69, 40, 34, 40, 84, 50, 50, 62, 64, 55, 64, 62, 36, 64, 64, 28, 28, 58,
    28, 98, 64, 62, 64, 64, 42, 53, 40, 64, 60, 82, 60, 60, 53, 64, 34, 64, 84,
)
#: The same for DejaVu Sans Bold.
BOLD: tuple[int, ...] = (
    35, 46, 53, 84, 70, 101, 88, 31, 46, 46, 53, 84, 38, 42, 38, 37, 70, 70, 70,
    70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 59, 100, 78, 77, 74, 84, 69,
    69, 83, 84, 38, 38, 78, 64, 100, 84, 86, 74, 86, 78, 73, 69, 82, 78, 111, 78,
    73, 73, 46, 37, 46, 84, 50, 50, 68, 72, 60, 72, 68, 44, 72, 72, 35, 35, 67,
    35, 105, 72, 69, 72, 72, 50, 60, 48, 72, 66, 93, 65, 66, 59, 72, 37, 72, 84,
)
# fmt: on
#: Width of any other character (accented letters, dashes, ellipsis), in hundredths of an em.
OTHER = 100


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width text takes at font size size (user units), an upper bound for common faces."""
    table = BOLD if bold else REGULAR
    total = 0
    for ch in text:
        code = ord(ch) - 32
        total += table[code] if 0 <= code < len(table) else OTHER
    return total * size / 100


@lru_cache(maxsize=8192)  # the same labels are wrapped on every page that draws the picture
def wrap(text: str, width: float, size: float, bold: bool = False, max_lines: int = 0) -> tuple[str, ...]:
    """Break text into lines no wider than width (a word longer than a line is cut).

    With max_lines, the last line kept ends in an ellipsis when text is left over (the caller
    puts the whole text in a ``<title>``).
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if text_width(trial, size, bold) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        while text_width(word, size, bold) > width:  # one word wider than the box: cut it
            cut = len(word)
            while cut > 1 and text_width(word[:cut], size, bold) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size, bold) > width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + "…"]
    return tuple(lines) or ("",)
