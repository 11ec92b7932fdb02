from django.urls import path
from rest_framework.routers import DefaultRouter

from knowledge.api.views import AskView, SearchView, SourceViewSet

router = DefaultRouter()
router.register("knowledge/sources", SourceViewSet, basename="knowledge-source")

urlpatterns = [
    path("knowledge/search/", SearchView.as_view(), name="knowledge-search"),
    path("knowledge/ask/", AskView.as_view(), name="knowledge-ask"),
    *router.urls,
]
