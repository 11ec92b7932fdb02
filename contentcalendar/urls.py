from django.urls import path
from rest_framework.routers import DefaultRouter

from contentcalendar.api.views import CalendarEntryViewSet, CalendarExportView, PlanView

router = DefaultRouter()
router.register("calendar/entries", CalendarEntryViewSet, basename="calendar-entry")

urlpatterns = [
    path("calendar/plan/", PlanView.as_view(), name="calendar-plan"),
    path("calendar.ics", CalendarExportView.as_view(), name="calendar-ics"),
    *router.urls,
]
