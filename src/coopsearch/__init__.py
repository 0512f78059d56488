"""coopsearch: search over Russian news on regional and cross-border cooperation.

Layers: analysis → entities → schema/indexer → query/engine/search → cli and web.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("coopsearch")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0"
