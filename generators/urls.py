from django.urls import path

from generators.api.views import GeneratorViewSet

urlpatterns = [
    path("generators/", GeneratorViewSet.as_view({"get": "list"}), name="generator-list"),
    path("generators/<str:name>/", GeneratorViewSet.as_view({"get": "retrieve"}), name="generator-detail"),
    path("generators/<str:name>/run/", GeneratorViewSet.as_view({"post": "run"}), name="generator-run"),
]
