"""Files and metadata -> Article objects."""
from .articles import METADATA_NAMES, article_from_text, iter_articles, read_articles

__all__ = ["METADATA_NAMES", "article_from_text", "iter_articles", "read_articles"]
