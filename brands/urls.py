from rest_framework.routers import DefaultRouter

from brands.api.views import BrandKitViewSet

router = DefaultRouter()
router.register("brands", BrandKitViewSet, basename="brand")

urlpatterns = router.urls
