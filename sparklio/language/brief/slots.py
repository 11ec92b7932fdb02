"""What a language-specific reader finds in a brief, before the slots are merged."""

from dataclasses import dataclass, field


@dataclass
class Slots:
    product: str | None = None
    # the phrase that says what kind of thing the product is ("vitamin C serum" for "Glow
    # Serum"), from which the category is read
    product_context: str | None = None
    audience: str | None = None
    features: list[str] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    tone: str | None = None
    # salient nouns in text order, and the words a category may be read from
    nouns: list[str] = field(default_factory=list)
    category_words: list[str] = field(default_factory=list)
