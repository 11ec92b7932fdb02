from django.urls import path
from rest_framework.routers import DefaultRouter

from sparklio.core.api import views

router = DefaultRouter()
router.register("workspaces", views.WorkspaceViewSet, basename="workspace")

urlpatterns = [
    path("auth/register/", views.RegisterView.as_view(), name="auth-register"),
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("auth/tokens/", views.ApiTokenListView.as_view(), name="auth-tokens"),
    path("auth/tokens/<int:token_id>/", views.ApiTokenDetailView.as_view(), name="auth-token-detail"),
    path("auth/logout/", views.TokenRevokeView.as_view(), name="auth-logout"),
    path("auth/password/", views.PasswordChangeView.as_view(), name="auth-password"),
    path("auth/me/", views.MeView.as_view(), name="auth-me"),
    *router.urls,
]
