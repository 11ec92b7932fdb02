from django.urls import path
from rest_framework.routers import DefaultRouter

from learning.api.views import BrandLearningView, FeedbackViewSet

router = DefaultRouter()
router.register("feedback", FeedbackViewSet, basename="feedback")

urlpatterns = [
    path("brands/<int:brand_id>/learning/", BrandLearningView.as_view(), name="brand-learning"),
    *router.urls,
]
