from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    """The self-learning brand: feedback, the edits marketers make to generated copy and imported
    performance become preferred and avoided phrases, best examples and a style vector.

    It sits below ``generators`` (generation reads what was learned) and above ``documents``
    and ``brands``: it imports neither chat, agents nor generators. Chat hands it chat messages
    through the resolver it registers at ready() (learning/targets.py)."""

    name = "learning"
    verbose_name = _("Learning")
