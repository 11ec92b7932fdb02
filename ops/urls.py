from django.urls import path

from ops.api.views import AdminStatsView

urlpatterns = [path("admin/stats/", AdminStatsView.as_view(), name="admin-stats")]
