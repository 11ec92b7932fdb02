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
