#!/usr/bin/env python3
"""Expected tokens for BasicEnglishTokenizerTest, from torchtext's own algorithm.

This is torchtext's ``_basic_english_normalize`` (torchtext/data/utils.py): lowercase, the regex
substitutions below in this order, then ``str.split()``. Run it with python3 (no packages needed) and
paste its output into BasicEnglishTokenizerTest and BasicEnglishTokenizerFinalSigmaTest:

    python3 domain/src/test/python/basic_english_reference.py

It prints the Java rows of ``cases()``, ``finalSigmaCases()`` and the set of code points Python counts
as whitespace (``PYTHON_WHITESPACE``). Non-ASCII characters are written as Java escapes.
"""
import re
import sys

_patterns = [r"\'", r"\"", r"\.", r"<br \/>", r",", r"\(", r"\)", r"\!", r"\?", r"\;", r"\:", r"\s+"]
_replacements = [" '  ", "", " . ", " ", " , ", " ( ", " ) ", " ! ", " ? ", " ", " ", " "]
_pr = list((re.compile(p), r) for p, r in zip(_patterns, _replacements))


def basic_english(line):
    line = line.lower()
    for pattern_re, replaced_str in _pr:
        line = pattern_re.sub(replaced_str, line)
    return line.split()


CASES = [
    # apostrophes and double quotes
    "don't",
    "It's John's",
    "'quoted' rock 'n' roll",
    'He said "hi" and "bye"',
    '""',
    "''",
    # line breaks, any case, and quote removal forming one
    "line<br />break",
    "LINE<BR />BREAK",
    'a<br "/>b',
    'a<"br />b',
    "a<br/>b",
    "a<br  />b",
    "a<br\t/>b",
    "<br /><br />",
    "<br <br />x",
    "a<br '/>b",
    # currency, numbers with dots and commas
    "$5 or $3.14!",
    "3.14",
    "U.S. economy",
    "1,000,000 units",
    "e.g...",
    "Q3-2004 AT&T's #1 @home",
    # colon, semicolon, parentheses, ! and ?
    "a;b:c",
    "10:30; noon",
    "(parens) f(x)",
    "What!?",
    "wow!!! why??",
    "Hello, World.",
    # unicode letters and case mapping
    "Café Crème ÉTÉ",
    "北京欢迎你 東京",
    "İstanbul",
    "STRASSE straße ẞ",
    "ǄEMAL ǅemal",
    "\u212a Kelvin",
    "ΟΔΟΣ ΣΟΦΙΑ",
    "emoji \U0001F600! \U00010400",
    # Python whitespace that Java's isWhitespace lacks, and what is not whitespace at all
    "a\u00a0b",
    "a\u0085b",
    "a\u2007b",
    "a\u202fb",
    "a\u3000b\u2028c\u2029d",
    "a\u001cb\u001fc",
    "a\u200bb\ufeffc",
    "tab\there\nnew\r\nline\x0bx\x0cy",
    # nothing to split
    "",
    "   ",
    "\t\n\r ",
    "\u00a0\u0085\u2007",
    ".",
    ";:",
]

# Capital sigma lowercases to final ς or medial σ by Unicode's Final_Sigma context, which Python
# applies to the whole line before the quotes and padding are handled.
FINAL_SIGMA_CASES = [
    "ΟΔΟΣ.",
    "Α:Σ",
    "Α.Σ",
    "'\U00010400Σ",
    "\U00010400Σ",
    'a"Σ\U0001F600',
    'a"Σb',
    "ΑΣ.Α",
    "ΑΣ'Α",
    "Σ(Α",
    "ΑΣ\u0345",
    "ΑΣ\u00b7Α",
    "Α\u02b0Σ!",
    "ΑΣ\u200bΑ",
    "Α\U0001D167Σ",
    "ΑΣ\U000E0041Α",
    "İΣ ΣİΣ",
]


def java_string(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif 0x20 <= cp < 0x7F:
            out.append(ch)
        elif cp > 0xFFFF:
            high = 0xD800 + ((cp - 0x10000) >> 10)
            low = 0xDC00 + ((cp - 0x10000) & 0x3FF)
            out.append("\\u%04X\\u%04X" % (high, low))
        else:
            out.append("\\u%04X" % cp)
    return '"' + "".join(out) + '"'


def print_rows(cases):
    for text in cases:
        tokens = basic_english(text)
        print("                row(%s%s)," % (java_string(text), "".join(", " + java_string(t) for t in tokens)))


def main():
    print("// cases()  (Python %s)" % sys.version.split()[0])
    print_rows(CASES)
    print("// finalSigmaCases()")
    print_rows(FINAL_SIGMA_CASES)
    print("// PYTHON_WHITESPACE")
    print(", ".join("0x%X" % cp for cp in range(0x110000) if chr(cp).isspace()))


if __name__ == "__main__":
    main()
