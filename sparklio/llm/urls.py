from django.urls import path

from sparklio.llm.api import views

urlpatterns = [
    path("llm/providers/", views.ProvidersView.as_view(), name="llm-providers"),
    path("llm/usage/", views.UsageView.as_view(), name="llm-usage"),
    path("llm/calls/", views.CallListView.as_view(), name="llm-calls"),
]
