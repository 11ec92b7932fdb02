from django.urls import path
from rest_framework.routers import SimpleRouter

from agents.api.views import AgentRunViewSet, AgentViewSet, WorkflowViewSet

router = SimpleRouter()
router.register("workflows", WorkflowViewSet, basename="workflow")
router.register("agent-runs", AgentRunViewSet, basename="agent-run")

urlpatterns = [
    path("agents/", AgentViewSet.as_view({"get": "list"}), name="agent-list"),
    path("agents/<str:name>/", AgentViewSet.as_view({"get": "retrieve"}), name="agent-detail"),
    path("agents/<str:name>/runs/", AgentViewSet.as_view({"post": "run"}), name="agent-run-create"),
    *router.urls,
]
