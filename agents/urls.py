from django.urls import path
from rest_framework.routers import SimpleRouter

from agents.api.views import AgentRunViewSet, AgentViewSet, DocumentAdaptView, WorkflowViewSet

router = SimpleRouter()
router.register("workflows", WorkflowViewSet, basename="workflow")
router.register("agent-runs", AgentRunViewSet, basename="agent-run")

urlpatterns = [
    path("agents/", AgentViewSet.as_view({"get": "list"}), name="agent-list"),
    path("agents/<str:name>/", AgentViewSet.as_view({"get": "retrieve"}), name="agent-detail"),
    path("agents/<str:name>/runs/", AgentViewSet.as_view({"post": "run"}), name="agent-run-create"),
    # the adapter lives with the agents (it lays out with the templates' campaign layout, which
    # the documents app sits below), under the document's own path
    path("documents/<int:pk>/adapt/", DocumentAdaptView.as_view(), name="document-adapt"),
    *router.urls,
]
