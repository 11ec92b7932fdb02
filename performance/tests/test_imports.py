"""Imports of each platform's export through the API: the layout found under its title lines,
totals left out, bad rows refused with their reasons while the others are kept, missing
columns answered 400, and a second import of the same file replacing rather than adding."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for, member
from documents.services import document_create
from documents.tests.test_api import ad
from performance import reading
from performance.models import MetricRow, PerformanceImport

DATA = Path(__file__).parent / "data"
IMPORTS = "/api/v1/performance/imports/"

pytestmark = pytest.mark.django_db


def upload(client, workspace, name: str, content: bytes | None = None):
    data = content if content is not None else (DATA / name).read_bytes()
    return client.post(IMPORTS, {"workspace": workspace.pk, "file": SimpleUploadedFile(name, data)}, format="multipart")


def imported(client, workspace, name: str) -> dict:
    response = upload(client, workspace, name)
    assert response.status_code == 201, response.json()
    return response.json()


def rows_of(workspace) -> list[MetricRow]:
    return list(MetricRow.objects.filter(workspace=workspace).order_by("date", "campaign", "ad_group", "ad"))


def test_meta_english_csv(owner_client, workspace):
    body = imported(owner_client, workspace, "meta_en.csv")
    assert body["layout"] == "meta" and body["header_row"] == 1
    assert body["imported"] == 4 and body["rejected"] == [] and body["skipped"] == 0
    first = MetricRow.objects.get(workspace=workspace, date=dt.date(2026, 12, 1), ad="Winter Sale - Video A")
    # Link clicks, not Clicks (all); Results as conversions; KRW amounts without their commas
    assert (first.impressions, first.clicks, first.conversions) == (12400, 248, Decimal("12"))
    assert (first.spend, first.revenue) == (Decimal("186000"), Decimal("720000"))
    assert first.campaign == "Winter Sale" and first.ad_group == "Seoul 25-34" and first.channel == "meta"
    carousel = MetricRow.objects.get(workspace=workspace, ad="Winter Sale - Carousel B")
    assert (carousel.clicks, carousel.conversions, carousel.revenue) == (0, 0, 0)  # Meta's empty cells
    assert MetricRow.objects.filter(workspace=workspace, campaign="신상품 런칭").exists()


def test_meta_korean_xlsx(owner_client, workspace):
    body = imported(owner_client, workspace, "meta_ko.xlsx")
    assert body["layout"] == "meta" and body["imported"] == 3
    row = MetricRow.objects.get(workspace=workspace, ad="겨울 세일 캐러셀 B")
    assert (row.impressions, row.clicks, row.conversions, row.spend, row.revenue) == (11900, 190, 7, 142500, 401000)


@pytest.mark.parametrize("name", ["google_en.csv", "google_en_excel.csv"])
def test_google_ads_csv_with_title_lines_and_totals(owner_client, workspace, name):
    body = imported(owner_client, workspace, name)
    assert body["layout"] == "google_ads" and body["header_row"] == 3
    assert body["imported"] == 4 and body["skipped"] == 2 and body["rejected"] == []  # two "Total:" lines
    generic = rows_of(workspace)[-1]
    assert (generic.campaign, generic.ad_group, generic.date) == (
        "Search - Generic",
        "Winter coats",
        dt.date(2026, 12, 2),
    )
    assert generic.clicks == 0 and generic.revenue == 0  # " --"
    brand = MetricRow.objects.get(workspace=workspace, date=dt.date(2026, 12, 1), campaign="Search - Brand")
    assert (brand.impressions, brand.conversions, brand.revenue) == (5210, Decimal("31"), Decimal("1860000"))
    assert brand.channel == "google_ads"
    assert sum(row.spend for row in rows_of(workspace)) == Decimal("821760")  # equals the export's total


def test_google_ads_korean_xlsx(owner_client, workspace):
    body = imported(owner_client, workspace, "google_ko.xlsx")
    assert body["layout"] == "google_ads" and body["header_row"] == 3
    assert (body["imported"], body["skipped"]) == (2, 1)
    assert [row.date for row in rows_of(workspace)] == [dt.date(2026, 12, 1), dt.date(2026, 12, 2)]
    assert sum(row.spend for row in rows_of(workspace)) == 508200


@pytest.mark.parametrize("name", ["naver.csv", "naver.xlsx"])
def test_naver_search_ads(owner_client, workspace, name):
    body = imported(owner_client, workspace, name)
    assert body["layout"] == "naver_search" and body["header_row"] == 2
    assert (body["imported"], body["skipped"], body["rejected"]) == (3, 1, [])  # 합계 left out
    row = MetricRow.objects.get(workspace=workspace, ad_group="패딩_모바일")
    assert row.date == dt.date(2026, 12, 1) and row.campaign == "겨울 패딩" and row.channel == "naver_search"
    assert (row.impressions, row.clicks, row.conversions, row.spend, row.revenue) == (9870, 311, 9, 128132, 801000)


def test_generic_korean_sheet(owner_client, workspace):
    body = imported(owner_client, workspace, "generic_ko.csv")
    assert body["layout"] == "generic" and body["imported"] == 3
    rows = rows_of(workspace)
    assert rows[0].date == dt.date(2026, 12, 1) and rows[-1].date == dt.date(2026, 12, 2)
    assert {row.channel for row in rows} == {"카카오"} and {row.variant for row in rows} == {"A", "B"}
    assert rows[0].spend == 30000  # "30,000원"


def test_bad_rows_are_refused_with_reasons_and_the_rest_kept(owner_client, workspace):
    body = imported(owner_client, workspace, "generic_en.csv")
    reasons = {item["row"]: item["reason"] for item in body["rejected"]}
    assert set(reasons) == {4, 5, 6, 7, 8}
    assert reasons[4] == "impressions: 'abc' is not a number"
    assert reasons[5].startswith("spend: negative")
    assert reasons[6] == "date: '2026-13-45' is not a date"
    assert reasons[7] == "clicks: 250 is more than the 100 impressions"
    assert reasons[8] == "campaign: empty"
    assert body["imported"] == 3 and body["rejected_count"] == 5
    kept = rows_of(workspace)
    assert [(row.date, row.variant) for row in kept] == [
        (dt.date(2026, 12, 1), "A"),
        (dt.date(2026, 12, 1), "B"),
        (dt.date(2026, 12, 3), "A"),  # "12/03/2026": month first
    ]
    assert kept[0].spend == 50000 and kept[0].revenue == 300000  # "₩50,000"
    record = PerformanceImport.objects.get(pk=body["id"])
    assert record.rejected_count == 5 and record.rejected[0] == {"row": 4, "reason": reasons[4]}


def test_a_missing_column_is_a_400_naming_it_and_nothing_is_stored(owner_client, workspace):
    response = upload(owner_client, workspace, "missing_columns.csv")
    assert response.status_code == 400
    message = response.json()["errors"]["file"][0]
    assert "impressions" in message and "spend" in message and "date" not in message.split(":")[1]
    assert not MetricRow.objects.exists() and not PerformanceImport.objects.exists()


def test_files_that_are_no_sheet_are_refused_on_file(owner_client, workspace):
    for content in (b"", b"just some words\nwithout a table\n", b"\xd0\xcf\x11\xe0old excel", b"PK\x03\x04broken"):
        response = upload(owner_client, workspace, "report.csv", content)
        assert response.status_code == 400 and "file" in response.json()["errors"], content
    assert not PerformanceImport.objects.exists()


def test_importing_the_same_file_again_does_not_double_count(owner_client, workspace):
    first = imported(owner_client, workspace, "google_en.csv")
    again = imported(owner_client, workspace, "google_en.csv")
    assert again["imported"] == 4
    assert MetricRow.objects.filter(workspace=workspace).count() == 4
    assert sum(row.spend for row in rows_of(workspace)) == Decimal("821760")
    # nothing changed, so nothing was written: the rows still name the import that wrote them
    assert {row.source_import_id for row in rows_of(workspace)} == {first["id"]}


def test_a_corrected_export_replaces_the_figures(owner_client, workspace):
    header = "date,campaign,ad,impressions,clicks,spend\n"
    upload(owner_client, workspace, "a.csv", (header + "2026-12-01,C,Ad,1000,10,5000\n").encode())
    upload(owner_client, workspace, "b.csv", (header + "2026-12-01,C,Ad,1200,12,6000\n").encode())
    row = MetricRow.objects.get(workspace=workspace)
    assert (row.impressions, row.clicks, row.spend) == (1200, 12, 6000)
    assert row.source_import.original_name == "b.csv"


def test_a_repeated_key_within_one_file_is_refused(owner_client, workspace):
    content = b"date,campaign,ad,impressions,clicks,spend\n2026-12-01,C,Ad,1000,10,5000\n2026-12-01,C,Ad,900,9,4000\n"
    body = upload(owner_client, workspace, "dup.csv", content).json()
    assert body["imported"] == 1
    assert body["rejected"] == [
        {"row": 3, "reason": "duplicate of row 2: same date, campaign, ad group, ad, channel and variant"}
    ]


def test_more_conversions_than_clicks_is_kept(owner_client, workspace):
    # view-through conversions: Meta and Google count conversions that followed no click
    content = b"date,campaign,impressions,clicks,conversions,spend\n2026-12-01,C,1000,3,5,5000\n"
    assert upload(owner_client, workspace, "vt.csv", content).json()["imported"] == 1


def test_rows_link_to_documents_by_title_or_id(owner_client, workspace, other_workspace):
    spring = document_create(workspace=workspace, user=None, content=ad(), title="Spring Launch")
    summer = document_create(workspace=workspace, user=None, content=ad(), title="Summer")
    foreign = document_create(workspace=other_workspace, user=None, content=ad(), title="Foreign")
    content = (
        "date,campaign,ad,document,impressions,clicks,spend\n"
        "2026-12-01,C,spring launch,,1000,10,5000\n"
        f"2026-12-01,C,Banner,{summer.pk},1000,10,5000\n"
        f"2026-12-01,C,{foreign.pk},,1000,10,5000\n"
        "2026-12-01,C,Foreign,,1000,10,5000\n"
    ).encode()
    assert upload(owner_client, workspace, "docs.csv", content).json()["imported"] == 4
    links = dict(MetricRow.objects.filter(workspace=workspace).values_list("ad", "document_id"))
    assert links == {"spring launch": spring.pk, "Banner": summer.pk, str(foreign.pk): None, "Foreign": None}


def test_only_editors_import_and_only_into_their_workspaces(workspace, other_workspace):
    viewer = client_for(member(workspace, "viewer"))
    assert upload(viewer, workspace, "meta_en.csv").status_code == 403
    editor = client_for(member(workspace, "editor"))
    response = upload(editor, other_workspace, "meta_en.csv")
    assert response.status_code == 400 and "workspace" in response.json()["errors"]
    assert not MetricRow.objects.exists()


def test_unknown_fields_are_refused(owner_client, workspace):
    response = owner_client.post(
        IMPORTS,
        {"workspace": workspace.pk, "file": SimpleUploadedFile("a.csv", b"x"), "sheet": "2"},
        format="multipart",
    )
    assert response.status_code == 400 and "sheet" in response.json()["errors"]


def test_import_history_stays_in_its_workspace(owner_client, workspace, other_workspace):
    own = imported(owner_client, workspace, "naver.csv")["id"]
    stranger = client_for(member(other_workspace, "owner"))
    assert stranger.get(f"{IMPORTS}{own}/").status_code == 404
    assert stranger.get(IMPORTS).json()["count"] == 0
    listed = owner_client.get(IMPORTS).json()
    assert listed["count"] == 1 and listed["results"][0]["layout"] == "naver_search"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,234", 1234),
        ("₩12,000", 12000),
        ("12,000원", 12000),
        ("$1,234.50", Decimal("1234.50")),
        ("--", 0),
        ("", 0),
        (" -- ", 0),
        (7, 7),
        (2.5, Decimal("2.5")),
        ("(12)", -12),
    ],
)
def test_numbers(text, number):
    assert reading.to_decimal(text) == number


@pytest.mark.parametrize("text", ["abc", "12.5%", "1.2.3", True])
def test_bad_numbers(text):
    with pytest.raises(reading.BadValue):
        reading.to_decimal(text)


def test_percentages():
    assert reading.to_percent("12.5%") == Decimal("0.125") and reading.to_percent("0.2") == Decimal("0.2")


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-01",
        "2026.12.01.",
        "2026. 12. 1.",
        "2026/12/01",
        "2026년 12월 1일",
        "20261201",
        "12/01/2026",
        "Dec 1, 2026",
        "December 1, 2026",
        "Tue, Dec 1, 2026",
        "2026.12.01.(화)",
        "2026-12-01 00:00:00",
        dt.datetime(2026, 12, 1, 0, 0),
        46357,
        "46357",
    ],
)
def test_dates(text):
    assert reading.to_date(text) == dt.date(2026, 12, 1)


@pytest.mark.parametrize("text", ["2026-13-01", "yesterday", "", "1/2", 12])
def test_bad_dates(text):
    with pytest.raises(reading.BadValue):
        reading.to_date(text)


def test_counts_and_long_texts(owner_client, workspace):
    assert reading.to_count("1,234.0") == 1234 and reading.to_count(12.0) == 12 and reading.to_count("--") == 0
    with pytest.raises(reading.BadValue):
        reading.to_count("12.5")
    long_name = "캠" * 301
    content = (
        "date,campaign,channel,impressions,clicks,spend\n"
        f"2026-12-01,{long_name},meta,100,1,10\n"
        "2026-12-01,C,meta,100.5,1,10\n"
        f"2026-12-01,C,{'x' * 61},100,1,10\n"
        "2026-12-01,C,meta,100,1,10\n"
    ).encode()
    body = upload(owner_client, workspace, "long.csv", content).json()
    assert body["imported"] == 1
    assert [item["reason"] for item in body["rejected"]] == [
        "campaign: longer than 300 characters",
        "impressions: 100.5 is not a whole number",
        "channel: longer than 60 characters",
    ]


def test_xlsx_with_real_dates_and_numbers(owner_client, workspace):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Day", "Campaign", "Impr.", "Clicks", "Cost", "Conversions", "Conv. value"])
    book.active.append([dt.datetime(2026, 12, 1), "검색 - 브랜드", 5210.0, 612, 250920.5, 31.5, 1860000])
    book.active.append([dt.date(2026, 12, 2), "검색 - 브랜드", 5480, 640.0, 257280, 29, None])
    buffer = io.BytesIO()
    book.save(buffer)
    body = upload(owner_client, workspace, "dates.xlsx", buffer.getvalue()).json()
    assert body["imported"] == 2 and body["layout"] == "google_ads", body
    rows = rows_of(workspace)
    assert [row.date for row in rows] == [dt.date(2026, 12, 1), dt.date(2026, 12, 2)]
    assert (rows[0].impressions, rows[0].spend, rows[0].conversions) == (5210, Decimal("250920.50"), Decimal("31.50"))
    assert rows[1].clicks == 640 and rows[1].revenue == 0


def test_the_workspace_hears_of_an_import_after_commit(
    owner_client, workspace, settings, django_capture_on_commit_callbacks
):
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    from sparklio.core.events import workspace_group

    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(workspace_group(workspace.pk), channel)
    with django_capture_on_commit_callbacks(execute=True):
        body = imported(owner_client, workspace, "generic_en.csv")
    message = async_to_sync(layer.receive)(channel)
    assert message["event"] == {
        "type": "performance.imported",
        "import": body["id"],
        "imported": 3,
        "inserted": 3,
        "updated": 0,
        "unchanged": 0,
        "rejected": 5,
    }


def test_the_summary_is_one_query(workspace, django_assert_num_queries):
    from performance import selectors
    from performance.tests.factories import MetricRowFactory

    MetricRowFactory.create_batch(5, workspace=workspace)
    for group_by in selectors.GROUPS:
        with django_assert_num_queries(1):
            selectors.summary(workspace_id=workspace.pk, group_by=group_by)


def test_file_errors_speak_korean_to_a_korean_browser(owner_client, workspace):
    data = (DATA / "missing_columns.csv").read_bytes()
    response = owner_client.post(
        IMPORTS,
        {"workspace": workspace.pk, "file": SimpleUploadedFile("m.csv", data)},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["file"][0].startswith("필요한 열이 없습니다: impressions")


def test_a_file_over_the_limit_is_refused(owner_client, workspace, settings):
    settings.PERFORMANCE_MAX_FILE_BYTES = 100
    response = upload(owner_client, workspace, "meta_en.csv")
    assert response.status_code == 400 and "file" in response.json()["errors"]
    assert not PerformanceImport.objects.exists()


def test_an_import_teaches_the_brands_of_the_documents_it_names(
    owner_client, workspace, django_capture_on_commit_callbacks
):
    """Imported results reach learning once the import is committed (learning/services.py)."""
    from brands.tests.factories import BrandKitFactory
    from learning.models import LearnedProfile

    brand = BrandKitFactory(workspace=workspace)
    document = document_create(workspace=workspace, user=None, content=ad(), title="Autumn Ad", brand=brand)
    content = (
        b"date,campaign,ad,impressions,clicks,conversions,spend\n"
        b"2026-12-01,Autumn,Autumn Ad,10000,420,31,50000\n"
        b"2026-12-02,Autumn,Autumn Ad,9000,380,25,48000\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert upload(owner_client, workspace, "autumn.csv", content).status_code == 201
    profile = LearnedProfile.objects.get(brand=brand)
    assert profile.performance_rows > 0
    assert str(document.pk) in {str(key) for key in profile.performance}


# What a client found importing real exports


def test_campaigns_named_like_a_total_word_are_imported_and_every_skip_is_reported(owner_client, workspace):
    content = (
        "date,campaign,ad,impressions,clicks,spend\n"
        "2026-12-01,Total Wellness Launch,Hero,1000,10,5000\n"
        "2026-12-01,전체 회원 감사 세일,배너,2000,20,8000\n"
        "2026-12-01,합계 이벤트,쿠폰,3000,30,9000\n"
        "2026-12-01,Summer,A,500,5,1000\n"
        "Total: Account,--,--,6500,65,23000\n"
        "Total - Campaigns,,,6500,65,23000\n"
        "합계,,,6500,65,23000\n"
        "2026-12-01,총계,,6500,65,23000\n"
        ",,,6500,65,23000\n"
    ).encode()
    body = upload(owner_client, workspace, "named.csv", content).json()
    assert body["imported"] == 4 and body["rejected"] == [], body
    assert {row.campaign for row in rows_of(workspace)} == {
        "Total Wellness Launch",
        "전체 회원 감사 세일",
        "합계 이벤트",
        "Summer",
    }
    assert body["skipped"] == 5
    assert body["skipped_rows"] == [
        {"row": 6, "reason": "total line: 'Total: Account'"},
        {"row": 7, "reason": "total line: 'Total - Campaigns'"},
        {"row": 8, "reason": "total line: '합계'"},
        {"row": 9, "reason": "total line: '총계'"},
        {"row": 10, "reason": "summary line: no campaign, ad group or ad"},
    ]
    assert PerformanceImport.objects.get(pk=body["id"]).skipped_rows == body["skipped_rows"]


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Total: Account", True),
        ("Total: Search campaigns", True),
        ("Total - Campaigns", True),
        ("Total (3 campaigns)", True),
        ("총계: 캠페인", True),
        ("합계", True),
        ("GRAND TOTAL", True),
        ("Total Wellness Launch", False),
        ("전체 회원 감사 세일", False),
        ("합계 이벤트", False),
        ("Totally Spies", False),
        ("Sum-up 세일", False),
    ],
)
def test_total_lines(text, total):
    from performance.layouts import is_total

    assert is_total(text) is total


@pytest.mark.parametrize("text", ["n/a", "N/A", "null", "nan", "NaN", "None", "#DIV/0!"])
def test_text_in_a_number_cell_is_refused_naming_the_column(owner_client, workspace, text):
    content = (
        "date,campaign,ad,impressions,clicks,spend\n"
        f"2026-12-01,C,Ad,1000,{text},5000\n"
        "2026-12-01,C,Other,1000,--,\n"  # Google's "--" and an empty cell: nothing, so 0
    ).encode()
    body = upload(owner_client, workspace, "na.csv", content).json()
    assert body["rejected"] == [{"row": 2, "reason": f"clicks: {text!r} is not a number"}]
    assert body["imported"] == 1
    row = MetricRow.objects.get(workspace=workspace)
    assert (row.ad, row.clicks, row.spend) == ("Other", 0, 0)


def test_a_header_without_data_rows_is_a_400_on_file_and_nothing_is_stored(owner_client, workspace):
    for content in (
        b"date,campaign,ad,impressions,clicks,spend\n",
        b"date,campaign,impressions,clicks,spend\n,,,,\n\n",
    ):
        response = upload(owner_client, workspace, "header.csv", content)
        assert response.status_code == 400
        assert "No data rows" in response.json()["errors"]["file"][0]
    assert not PerformanceImport.objects.exists() and not MetricRow.objects.exists()


def test_an_import_says_how_many_rows_were_inserted_updated_or_unchanged(owner_client, workspace):
    header = "date,campaign,ad,impressions,clicks,spend\n"
    rows = ["2026-12-01,C,A,1000,10,5000\n", "2026-12-01,C,B,1000,10,5000\n", "2026-12-01,C,C,1000,10,5000\n"]
    first = upload(owner_client, workspace, "a.csv", (header + "".join(rows)).encode()).json()
    assert (first["imported"], first["inserted"], first["updated"], first["unchanged"]) == (3, 3, 0, 0)
    again = upload(owner_client, workspace, "a.csv", (header + "".join(rows)).encode()).json()
    assert (again["imported"], again["inserted"], again["updated"], again["unchanged"]) == (3, 0, 0, 3)
    changed = rows[:2] + ["2026-12-01,C,C,1000,12,5000\n", "2026-12-02,C,A,900,9,4000\n"]
    third = upload(owner_client, workspace, "b.csv", (header + "".join(changed)).encode()).json()
    assert (third["imported"], third["inserted"], third["updated"], third["unchanged"]) == (4, 1, 1, 2)
    stored = PerformanceImport.objects.get(pk=third["id"])
    assert (stored.inserted, stored.updated, stored.unchanged) == (1, 1, 2)
    history = owner_client.get(f"{IMPORTS}{third['id']}/").json()
    assert (history["inserted"], history["updated"], history["unchanged"]) == (1, 1, 2)
