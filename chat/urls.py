from django.urls import path
from rest_framework.routers import SimpleRouter

from chat.api.views import AnalyzeView, ChatSessionViewSet, ToDocumentView

router = SimpleRouter()
router.register("chat/sessions", ChatSessionViewSet, basename="chat-session")

urlpatterns = [
    path("chat/analyze/", AnalyzeView.as_view(), name="chat-analyze"),
    path("chat/messages/<int:pk>/to_document/", ToDocumentView.as_view(), name="chat-to-document"),
    *router.urls,
]
