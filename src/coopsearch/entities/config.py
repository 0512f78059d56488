"""The entity configuration: everything a user chooses that changes extraction, and its record in an index.

The record stores the alias table itself, not the alias file's path: the document page of an
index then extracts with exactly the table the index was built with, even after the file was
edited, moved or deleted, and an index stays self-contained when it is copied elsewhere (alias
files are small). A changed file is a new configuration, hence a new pipeline signature: the
indexer extracts every document again and saves the new record with them.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

RECORD = "entities.json"  # in an index generation: the configuration its documents were extracted with


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

    def save(self, folder: Path) -> None:
        """Record the configuration in `folder` (an index generation), replacing the previous record atomically."""
        tmp = folder / f".{RECORD}.{os.getpid()}"
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / RECORD)

    @classmethod
    def saved(cls, folder: Path) -> EntityConfig | None:
        """The configuration recorded in `folder`, or None when it has no record."""
        try:
            text = (folder / RECORD).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return cls(**json.loads(text))
