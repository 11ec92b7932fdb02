from django.urls import path
from rest_framework.routers import DefaultRouter

from performance.api.views import ChartView, ImportViewSet, InsightsView, SummaryView

router = DefaultRouter()
router.register("performance/imports", ImportViewSet, basename="performance-import")

urlpatterns = [
    path("performance/summary/", SummaryView.as_view(), name="performance-summary"),
    path("performance/insights/", InsightsView.as_view(), name="performance-insights"),
    path("performance/chart.png", ChartView.as_view(), name="performance-chart"),
    *router.urls,
]
