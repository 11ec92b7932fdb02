from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "chat"
    verbose_name = _("Chat")

    def ready(self):
        # Feedback on a chat answer is stored by `learning`, which sits below chat and may not
        # import it: chat tells learning how to read one of its messages (learning/targets.py).
        from chat.selectors import feedback_message_target
        from learning.targets import register_message_resolver

        register_message_resolver(feedback_message_target)
