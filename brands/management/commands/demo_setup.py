import os
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from brands import services as brand_services
from brands.models import BrandKit
from sparklio.core import services
from sparklio.core.models import User, Workspace

PASSWORD_FILE = settings.DATA_DIR / "demo_password"

DEMO_BRAND = {
    "name": "Sparklio Demo",
    "description": "무선 이어폰 X1 — 출퇴근길 직장인을 위한 노이즈 캔슬링 이어폰",
    "language": "ko",
    "tone_of_voice": "밝고 자신감 있게, 과장 없이",
    "target_audience": "2030 직장인",
    "banned_words": ["최고", "100% 보장"],
    "required_words": ["X1"],
    "guidelines": "로고 주변 여백을 확보하고, 주 색상은 배경이 아닌 강조에 사용합니다.",
    "colors": [
        {"name": "Spark Orange", "hex": "#FF5A1F", "role": "primary"},
        {"name": "Night Navy", "hex": "#14213D", "role": "secondary"},
        {"name": "Lime", "hex": "#C6F432", "role": "accent"},
        {"name": "Paper", "hex": "#FAFAF7", "role": "background"},
        {"name": "Ink", "hex": "#1B1B1B", "role": "text"},
    ],
    "fonts": [
        {"family": "Noto Sans KR", "role": "heading", "weights": [700, 900]},
        {"family": "Noto Sans KR", "role": "body", "weights": [400, 500]},
    ],
}


class Command(BaseCommand):
    help = "Create (or reuse) a demo user, workspace and brand kit, and print the credentials."

    def handle(self, *args, **options):
        username = os.environ.get("SPARKLIO_DEMO_USER", "demo")
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            password = None
            if user is None:
                password = os.environ.get("SPARKLIO_DEMO_PASSWORD") or secrets.token_urlsafe(12)
                # Kept beside the database (git-ignored, owner-only) so later runs can print it.
                PASSWORD_FILE.write_text(password)
                PASSWORD_FILE.chmod(0o600)
                user = User.objects.create_user(
                    username=username,
                    email=f"{username}@example.com",
                    password=password,
                    is_staff=True,
                    is_superuser=True,
                )
            workspace = Workspace.objects.filter(memberships__user=user, name="Demo workspace").first()
            if workspace is None:
                workspace = services.workspace_create(name="Demo workspace", owner=user)
            if not BrandKit.objects.filter(workspace=workspace, name=DEMO_BRAND["name"]).exists():
                brand_services.brand_create(workspace=workspace, created_by=user, **DEMO_BRAND)
            token = services.token_issue(user=user)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"  user:      {username} (superuser; admin at /admin/)")
        if password is None and PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        if password and user.check_password(password):
            self.stdout.write(f"  password:  {password}")
        else:
            self.stdout.write(f"  password:  changed since it was created (reset: manage.py changepassword {username})")
        self.stdout.write(f"  workspace: {workspace.name} (id {workspace.pk})")
        self.stdout.write(f"  API token: {token.key}  (Authorization: Bearer <token>)")
