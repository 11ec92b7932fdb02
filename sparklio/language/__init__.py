"""Language knowledge, in one place on the base floor (it imports no app): the language
detector, Korean grammar (particles, speech levels), brief understanding (``brief``) and
meeting-notes reading (``meeting``)."""

from sparklio.language.detect import detect_language, fits_language, has_hangul, language_code

__all__ = ["detect_language", "fits_language", "has_hangul", "language_code"]
