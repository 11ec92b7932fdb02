from django.urls import path

from documents.api.editor import EditorCommandView

urlpatterns = [
    path("editor/ai_command/", EditorCommandView.as_view(), name="editor-ai-command"),
]
