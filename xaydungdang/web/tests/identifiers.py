"""Finding identifiers from the code in what a user reads (issue 12: "a test fails if a page or
export shows an identifier from the code"). Used by test_no_code_identifiers.py and by the
browser tests that walk a clerk's day.

What counts as an identifier: snake_case words (birth_date, member_events), dotted lower-case
names (orgs.direct_committees, login.success, members.member), the stored values of the audit
actions, and the stored values of the models' enumerations that are English words (female,
grassroots_committee, annual…). Where they may appear: URLs and attributes that are not read
(href, value, name, class…), code elements (<code>, <pre>, <kbd>, <samp>: the docs pages),
scripts and styles, and the canonical name a message puts in brackets after the name the
user's file used («Ngày sinh» (birth_date)). Data typed by people (user names, file names,
e-mail addresses, web addresses) is not code: pass it as `allowed`.
"""

import csv
import io
import re
from functools import lru_cache
from html.parser import HTMLParser

SNAKE = re.compile(r"(?<![\w.@/-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-])")
DOTTED = re.compile(r"(?<![\w.@/-])[a-z][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+(?![\w@/-])")
URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+")
# The canonical column or table name a message gives in brackets after the user's own name.
CANONICAL_IN_BRACKETS = re.compile(r"» \([a-z][a-z0-9_]*\)")
FILE_SUFFIXES = frozenset(
    {"xlsx", "xls", "csv", "pdf", "docx", "zip", "json", "html", "txt", "png", "svg", "js", "css"}
)
HIDDEN_TAGS = frozenset({"script", "style", "code", "pre", "kbd", "samp", "template", "noscript"})
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.stack: list[tuple[str, bool]] = []  # open elements, and whether each hides its content

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        hides = tag in HIDDEN_TAGS or "hidden" in attributes
        if tag not in VOID_TAGS:
            self.stack.append((tag, hides))
            self.hidden += hides
        if self.hidden or hides:
            return
        for name in READ_ATTRIBUTES:
            if attributes.get(name):
                self.parts.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or all(open_tag != tag for open_tag, _hides in self.stack):
            return
        while self.stack:  # closes the elements left open inside it too
            open_tag, hides = self.stack.pop()
            self.hidden -= hides
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data)


def page_text(html: str) -> str:
    """The text a reader sees (and hears: title, aria-label, placeholder, alt) of an HTML page."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)


def xlsx_text(content: bytes) -> str:
    """Every text cell of the visible sheets and columns of a workbook (hidden ones are for programs)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=False)
    lines = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        hidden = {letter for letter, dim in sheet.column_dimensions.items() if dim.hidden}
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.column_letter not in hidden:
                    lines.append(cell.value)
    return "\n".join(lines)


def csv_text(content: bytes) -> str:
    text = content.decode("utf-8-sig")
    return "\n".join(cell for row in csv.reader(io.StringIO(text)) for cell in row)


@lru_cache(maxsize=1)
def enum_words() -> frozenset:
    """The stored values of the audit actions and of the models' enumerations that a reader must
    never see instead of their label (English words; Vietnamese-looking values are left out)."""
    from django.apps import apps

    from xaydungdang.core.auditactions import AuditAction
    from xaydungdang.core.text import fold

    words = {action.value for action in AuditAction}
    labels = set()
    for model in apps.get_models():
        if not model.__module__.startswith("xaydungdang."):
            continue
        words.add(model._meta.label_lower)
        for field in model._meta.get_fields():
            if field.name.isascii() and len(field.name) > 3:
                words.add(field.name)  # gender, ethnicity, established_on…
            for value, label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str) and value.isascii() and value.islower() and len(value) > 3:
                    words.add(value)
                    labels.add(fold(str(label)))
    # Values spelt like a Vietnamese word without diacritics (kinh, nam) stay out.
    return frozenset(w for w in words if fold(w) not in labels and not _vietnamese_like(w))


# Words that are also Vietnamese (or proper names) when written without diacritics.
_VIETNAMESE = frozenset({"khac", "khmer", "kinh", "hoa", "cham", "nam", "none"})


def _vietnamese_like(word: str) -> bool:
    return word in _VIETNAMESE


def find_identifiers(text: str, allowed=()) -> list[str]:
    """The identifiers from the code found in `text` (each once, in order)."""
    allowed = {a for a in allowed if a}
    for item in sorted(allowed, key=len, reverse=True):
        text = text.replace(item, " ")
    text = URLISH.sub(" ", text)
    text = CANONICAL_IN_BRACKETS.sub("»", text)
    found: list[str] = []

    def add(word):
        if word not in found and word not in allowed:
            found.append(word)

    for match in DOTTED.finditer(text):
        word = match.group()
        if word.rsplit(".", 1)[-1] in FILE_SUFFIXES:
            continue
        add(word)
    for match in SNAKE.finditer(text):
        add(match.group())
    words = enum_words()
    for token in re.findall(r"(?<![\w.@/-])[a-z][a-z0-9_.]*[a-z0-9](?![\w@/-])", text):
        if token in words:
            add(token)
    return found


def assert_no_identifiers(text: str, where: str, allowed=()) -> None:
    found = find_identifiers(text, allowed)
    if found:
        lines = [line for line in text.splitlines() if any(word in line for word in found)]
        raise AssertionError(f"{where} shows identifiers from the code: {found}\n" + "\n".join(lines[:10]))
