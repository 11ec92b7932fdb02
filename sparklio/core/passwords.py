from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class CharacterVarietyValidator:
    """Refuses a password made of too few different characters, spaces not counted: twelve spaces
    or ``aaaaaaaaaaaa`` pass Django's length, common and numeric checks but guess in no time."""

    def __init__(self, min_distinct: int = 4):
        self.min_distinct = min_distinct

    def validate(self, password, user=None):
        if len({char for char in password if not char.isspace()}) < self.min_distinct:
            raise ValidationError(
                ngettext(
                    "This password needs at least %(min)d different character besides spaces.",
                    "This password needs at least %(min)d different characters besides spaces.",
                    self.min_distinct,
                ),
                code="password_too_uniform",
                params={"min": self.min_distinct},
            )

    def get_help_text(self):
        return f"Your password must use at least {self.min_distinct} different characters besides spaces."
