"""Files and metadata -> Article objects."""
from .articles import METADATA_NAMES, read_articles, article_from_text

__all__ = ["METADATA_NAMES", "read_articles", "article_from_text"]
