"""Readable values for the admin: JSON as tables, money as money."""

import json
from decimal import Decimal

from django.utils.html import format_html, format_html_join

CELL = "padding:2px 8px;border:1px solid #ddd;vertical-align:top"


def money(value) -> str:
    """US dollars with the precision small LLM costs need: $0.0123, $12.50."""
    if value is None or value == "":
        return "—"
    amount = Decimal(value)
    if amount == 0:
        return "$0.00"
    places = 2 if abs(amount) >= 1 else 4 if abs(amount) >= Decimal("0.0001") else 6
    return f"{'-' if amount < 0 else ''}${abs(amount):,.{places}f}"


def _scalar(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def json_display(value):
    """A dict as a two-column table, a list of dicts as a table with one column per key, a list
    of scalars as a bulleted list; deeper nesting as indented JSON inside the cell."""
    if value in (None, {}, []):
        return "—"
    if isinstance(value, dict):
        rows = ((key, _nested(item)) for key, item in value.items())
        return format_html(
            '<table style="border-collapse:collapse">{}</table>',
            format_html_join("", f'<tr><th style="{CELL}">{{}}</th><td style="{CELL}">{{}}</td></tr>', rows),
        )
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        columns = list(dict.fromkeys(key for item in value for key in item))
        head = format_html_join("", f'<th style="{CELL}">{{}}</th>', ((c,) for c in columns))
        body = format_html_join(
            "",
            "<tr>{}</tr>",
            (
                (format_html_join("", f'<td style="{CELL}">{{}}</td>', ((_nested(item.get(c)),) for c in columns)),)
                for item in value
            ),
        )
        return format_html('<table style="border-collapse:collapse"><tr>{}</tr>{}</table>', head, body)
    if isinstance(value, list) and all(not isinstance(item, (dict, list)) for item in value):
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((_scalar(i),) for i in value)))
    return indented(value)


def _nested(value):
    if isinstance(value, (dict, list)):
        if isinstance(value, list) and all(not isinstance(item, (dict, list)) for item in value):
            return ", ".join(_scalar(item) for item in value) or "—"
        return indented(value)
    return _scalar(value)


def indented(value):
    return format_html(
        '<pre style="white-space:pre-wrap;margin:0">{}</pre>', json.dumps(value, indent=2, ensure_ascii=False)
    )
