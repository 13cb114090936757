"""A worksheet cell as it prints: its value under its number format.

A workbook stores 1234567.8 and a format "#,##0.00"; the disclosure shows "1,234,567.80". The
readers hand recognition printed text, so the decimals a value is printed with (which decide its
rounding interval, numbers.py) are the format's, not the float's:

* the section for the sign (positive;negative;zero;text) is chosen as Excel does; a section
  prints its own sign, a single section prefixes "-";
* digits: the placeholders 0 # ? after the decimal point give the decimals; a comma between
  integer placeholders groups thousands; commas after the last placeholder divide by 1000 each;
  % multiplies by 100;
* literals ("元", \\-, "-") print as they are; _x (a space as wide as x), *x (fill), [Red],
  [>=100] and [$-804] print nothing; an accounting format's zero section "-" prints "-";
* General prints the shortest text of the value at Excel's 15 significant digits (0.1+0.2 -> 0.3);
  a format with exponents prints as General.

Rounding is half away from zero on the decimal value Excel shows (2.675 -> 2.68), as Excel does.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

EXCEL_DIGITS = 15  # Excel keeps and shows 15 significant digits

_BRACKET = re.compile(r"\[[^\]]*\]")
_PLACEHOLDER = set("0#?")


def _sections(fmt: str) -> list[str]:
    out, current, quoted, i = [], "", False, 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and i + 1 < len(fmt):
            current += fmt[i : i + 2]
            i += 2
            continue
        elif ch == ";" and not quoted:
            out.append(current)
            current = ""
            i += 1
            continue
        current += ch
        i += 1
    out.append(current)
    return out


def general(value: Decimal) -> tuple[str, int]:
    """Excel's General format: the value at 15 significant digits, no trailing zeros."""
    if value == 0:
        return "0", 0
    exponent = value.adjusted()
    rounded = value.quantize(Decimal(1).scaleb(exponent - EXCEL_DIGITS + 1), rounding=ROUND_HALF_UP).normalize()
    text = format(rounded, "f")
    return text, max(-rounded.as_tuple().exponent, 0)  # type: ignore[operator]


def _tokens(section: str) -> list[tuple[str, str]]:
    """(kind, text): kind 'lit' for what prints as is, 'fmt' for number codes."""
    section = _BRACKET.sub("", section)
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            out.append(("lit", section[i + 1 : end]))
            i = end + 1
        elif ch == "\\" and i + 1 < len(section):
            out.append(("lit", section[i + 1]))
            i += 2
        elif ch in "_*":
            i += 2  # a space as wide as the next character; a fill character
        elif ch in _PLACEHOLDER or ch in ".,%":
            out.append(("fmt", ch))
            i += 1
        elif ch == "@":
            i += 1
        else:
            out.append(("lit", ch))
            i += 1
    return out


def _format_digits(value: Decimal, codes: str) -> tuple[str, int]:
    """Digits of |value| under the placeholders `codes` (0 # ? . , %), and the decimals shown."""
    trimmed_codes = codes.rstrip(",")
    scale_commas = len(codes) - len(trimmed_codes)  # "#,##0," shows thousands
    integer_codes, _, fraction_codes = trimmed_codes.partition(".")
    fraction_codes = fraction_codes.replace(",", "")
    grouping = "," in integer_codes
    decimals = sum(1 for c in fraction_codes if c in _PLACEHOLDER)
    value = value.scaleb(-3 * scale_commas)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    whole, _, fraction = format(rounded, "f").partition(".")
    min_integer = sum(1 for c in integer_codes if c == "0")
    if whole == "0" and min_integer == 0:
        whole = ""
    whole = whole.zfill(min_integer) if whole else whole
    if grouping and whole:
        whole = f"{int(whole):,}"
    # '0' decimals always print; '#' and '?' decimals only up to the last non-zero digit
    if fraction:
        required = fraction_codes.rfind("0") + 1
        trimmed = fraction.rstrip("0")
        fraction = trimmed if len(trimmed) >= required else fraction[:required]
    text = whole + ("." + fraction if fraction else "")
    return text, len(fraction)  # "" where no placeholder is required ("#" or "??" for zero)


def printed_number(value: float | Decimal, number_format: str | None) -> tuple[str, int]:
    """(text as printed, decimals printed) of a number under an Excel number format."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    fmt = (number_format or "General").strip()
    if fmt.lower() in ("general", "@", "") or "e+" in fmt.lower() or "e-" in fmt.lower():
        return general(exact)
    sections = _sections(fmt)
    if exact < 0 and len(sections) >= 2:
        section, sign = sections[1], ""
    elif exact == 0 and len(sections) >= 3:
        section, sign = sections[2], ""
    else:
        section, sign = sections[0], "-" if exact < 0 else ""
    tokens = _tokens(section)
    codes = "".join(t for kind, t in tokens if kind == "fmt")
    magnitude = abs(exact) * (100 if "%" in codes else 1)
    placeholders = codes.replace("%", "")
    if not any(c in _PLACEHOLDER for c in placeholders):
        text = "".join(t for _, t in tokens).strip()  # a section of literals only ("-")
        return text, 0
    digits, decimals = _format_digits(magnitude, placeholders)
    out, placed = [], False
    for kind, t in tokens:
        if kind == "lit":
            out.append(t)
        elif t == "%":
            out.append("%")
        elif not placed:
            out.append(digits)
            placed = True
    text = "".join(out).strip()
    if sign and digits.strip("0.,"):
        text = sign + text
    return text, decimals


def printed_value(value: object, number_format: str | None) -> tuple[str, int | None]:
    """(printed text, decimals) of any cell value; decimals None for text."""
    if value is None:
        return "", None
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, (int, float, Decimal)):
        return printed_number(value, number_format)
    if isinstance(value, dt.datetime):
        return (value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")), None
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return str(value), None
    return str(value), None
