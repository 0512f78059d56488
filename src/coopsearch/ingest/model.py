"""What the readers return: :class:`Document` and :class:`Problem`, the :class:`InputError` they
raise for a malformed file or record, and the size limits of a document."""
from __future__ import annotations

from dataclasses import dataclass, field

MAX_TITLE_CHARS = 1_000  # longer given titles are cut here (with a note)
MAX_TEXT_CHARS = 1_000_000  # longer texts are cut here (with a note): ~150k words, ~12 s of NER


@dataclass
class Document:
    """One news document with its metadata and extracted entity facets."""

    id: str
    title: str
    text: str
    summary: str = ""
    url: str = ""
    date: str = ""  # ISO YYYY-MM-DD or empty
    source: str = ""
    companies: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    origin: str = ""  # absolute path of the file the document came from
    line: int = 0  # its line in that file (0 for a whole-file document)
    notes: list[str] = field(default_factory=list, repr=False)  # input problems fixed on reading


@dataclass(frozen=True)
class Problem:
    """A reported input problem: the file, the line (0 for the whole file) and the reason."""

    file: str
    line: int
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        action = "skipped" if self.skipped else "kept"
        return f"{where}: {self.reason} ({action})"


class InputError(ValueError):
    """A malformed file or record; the message is the reason shown to the user."""
