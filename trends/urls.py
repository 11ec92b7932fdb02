from django.urls import path
from rest_framework.routers import DefaultRouter

from trends.api.views import FeedViewSet, TrendsView

router = DefaultRouter()
router.register("trends/feeds", FeedViewSet, basename="trend-feed")

urlpatterns = [
    path("trends/", TrendsView.as_view(), name="trends"),
    *router.urls,
]
