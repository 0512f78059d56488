"""The entity configuration: everything a user chooses that changes extraction.

It holds the alias table itself, not the alias file's path: the indexer reads the file once per
run, so the pipeline signature and the extraction see the same table. A changed file is a new
configuration, hence a new signature: the indexer extracts every document again. The document
page never extracts: it shows the mentions stored at index time (indexer.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

@dataclass(frozen=True)
class EntityConfig:
    """NER on or off, and the user's alias table: the text of an alias file ("" for none) and where it was read."""

    ner: bool = True
    aliases: str = ""
    alias_file: str = ""

    @classmethod
    def read(cls, ner: bool = True, alias_file: str | Path | None = None) -> EntityConfig:
        """The configuration with the alias file, if any, read now."""
        if not alias_file:
            return cls(ner)
        path = Path(alias_file)
        return cls(ner, path.read_text(encoding="utf-8"), str(path.resolve()))
