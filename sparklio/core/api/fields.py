import re
from datetime import UTC

from rest_framework import serializers


class DateTimeField(serializers.DateTimeField):
    """DRF's field, refusing (400) a moment that exists in the server's time zone but not in
    UTC, where the database stores it: "0001-01-01" in Asia/Seoul is in year 0."""

    default_error_messages = {"out_of_range": "The date is outside the years 1–9999 in UTC."}

    def to_internal_value(self, value):
        try:
            # DRF turns an aware moment into the server's zone, which can overflow as well.
            moment = super().to_internal_value(value)
            moment.astimezone(UTC)
        except OverflowError:
            self.fail("out_of_range")
        return moment


class MoneyField(serializers.DecimalField):
    """US dollars as a decimal string ("0.00012000"): exact, as the ledger stores them."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=14, decimal_places=8, coerce_to_string=True, **kwargs)


def money(value) -> str:
    """``value`` (a Decimal, a float or None) as the API writes money."""
    return MoneyField().to_representation(value or 0)


MAX_ID = 2**63 - 1
_ID = re.compile(r"[0-9]{1,19}")


def as_id(value) -> int | None:
    """``value`` as a database id (1 to 2⁶³−1), else None. ASCII digits only: "²" is a digit to
    ``str.isdigit`` but not to ``int``."""
    text = str(value)
    return int(text) if _ID.fullmatch(text) and 0 < int(text) <= MAX_ID else None


def id_param(params, name: str) -> int | None:
    """The query parameter ``name`` as an id; a 400 naming it when it is not one."""
    raw = params.get(name)
    if raw is None:
        return None
    value = as_id(raw)
    if value is None:
        raise serializers.ValidationError({name: [f"An id: a whole number from 1 to {MAX_ID}."]})
    return value
