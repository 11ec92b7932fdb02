from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser as DRFJSONParser

from sparklio.core.text import first_unstorable


class JSONParser(DRFJSONParser):
    """DRF's parser, plus a 400 (not a 500) for JSON nested too deeply for Python's parser, and
    for strings no database column or UTF-8 response can hold: a lone surrogate (``"\\ud800"``
    is valid JSON, but not Unicode text) or a NUL character, named by their JSON path."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
            found = first_unstorable(data)
        except RecursionError as exc:
            raise ParseError("JSON parse error - the document is nested too deeply.") from exc
        if found:
            path, message = found
            raise ValidationError({path or "non_field_errors": [message]})
        return data
