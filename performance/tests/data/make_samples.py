"""Writes the sample exports of this folder (run from the repository: python performance/tests/data/make_samples.py).

The layouts copy what the platforms write: Meta's columns with no title lines, Google Ads'
report title and date range above the header and its "Total: …" lines below, Naver's title
line, CP949 text, "2026.12.01." dates and a 합계 line. Figures are made up."""

import csv
import io
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent

META_EN = [
    [
        "Reporting starts",
        "Reporting ends",
        "Campaign name",
        "Ad set name",
        "Ad name",
        "Impressions",
        "Reach",
        "Link clicks",
        "Clicks (all)",
        "Results",
        "Result indicator",
        "Amount spent (KRW)",
        "Purchases conversion value",
        "CTR (link click-through rate)",
    ],
    [
        "2026-12-01",
        "2026-12-01",
        "Winter Sale",
        "Seoul 25-34",
        "Winter Sale - Video A",
        "12,400",
        "9,870",
        "248",
        "310",
        "12",
        "actions:offsite_conversion.fb_pixel_purchase",
        "186,000",
        "720,000",
        "2.00%",
    ],
    [
        "2026-12-01",
        "2026-12-01",
        "Winter Sale",
        "Seoul 25-34",
        "Winter Sale - Carousel B",
        "11,900",
        "9,102",
        "",
        "35",
        "",
        "",
        "142,500",
        "",
        "0.00%",
    ],
    [
        "2026-12-02",
        "2026-12-02",
        "Winter Sale",
        "Seoul 25-34",
        "Winter Sale - Video A",
        "13,050",
        "10,220",
        "287",
        "351",
        "15",
        "actions:offsite_conversion.fb_pixel_purchase",
        "191,300",
        "905,500",
        "2.20%",
    ],
    [
        "2026-12-02",
        "2026-12-02",
        "신상품 런칭",
        "Busan 18-24",
        "런칭 이미지 1",
        "8,200",
        "7,015",
        "131",
        "160",
        "4",
        "actions:offsite_conversion.fb_pixel_purchase",
        "98,400",
        "236,000",
        "1.60%",
    ],
]

META_KO = [
    [
        "보고 시작",
        "보고 종료",
        "캠페인 이름",
        "광고 세트 이름",
        "광고 이름",
        "노출",
        "도달",
        "링크 클릭",
        "결과",
        "지출 금액 (KRW)",
        "구매 전환값",
    ],
    ["2026-12-01", "2026-12-01", "겨울 세일", "서울 25-34", "겨울 세일 영상 A", 12400, 9870, 248, 12, 186000, 720000],
    ["2026-12-01", "2026-12-01", "겨울 세일", "서울 25-34", "겨울 세일 캐러셀 B", 11900, 9102, 190, 7, 142500, 401000],
    ["2026-12-02", "2026-12-02", "겨울 세일", "서울 25-34", "겨울 세일 영상 A", 13050, 10220, 287, 15, 191300, 905500],
]

GOOGLE_EN = [
    ["Campaign report"],
    ["December 1, 2026 - December 3, 2026"],
    [
        "Day",
        "Campaign",
        "Ad group",
        "Currency code",
        "Impr.",
        "Clicks",
        "CTR",
        "Avg. CPC",
        "Cost",
        "Conversions",
        "Conv. value",
    ],
    [
        "2026-12-01",
        "Search - Brand",
        "Brand exact",
        "KRW",
        "5,210",
        "612",
        "11.75%",
        "410",
        "250,920",
        "31.00",
        "1,860,000.00",
    ],
    [
        "2026-12-01",
        "Search - Generic",
        "Winter coats",
        "KRW",
        "18,330",
        "402",
        "2.19%",
        "780",
        "313,560",
        "8.50",
        "510,000.00",
    ],
    [
        "2026-12-02",
        "Search - Brand",
        "Brand exact",
        "KRW",
        "5,480",
        "640",
        "11.68%",
        "402",
        "257,280",
        "29.00",
        "1,740,000.00",
    ],
    ["2026-12-02", "Search - Generic", "Winter coats", "KRW", "17,910", "0", "0.00%", "0", "0", "0.00", " --"],
    ["Total: Account", "--", "--", "KRW", "46,930", "1,654", "3.52%", "498", "821,760", "68.50", "4,110,000.00"],
    ["Total: Search", "--", "--", "KRW", "46,930", "1,654", "3.52%", "498", "821,760", "68.50", "4,110,000.00"],
]

GOOGLE_KO = [
    ["캠페인 보고서"],
    ["2026년 12월 1일 - 2026년 12월 2일"],
    ["일", "캠페인", "광고그룹", "통화 코드", "노출수", "클릭수", "클릭률", "평균 CPC", "비용", "전환수", "전환 가치"],
    ["2026. 12. 1.", "검색 - 브랜드", "브랜드 정확", "KRW", 5210, 612, "11.75%", 410, 250920, 31, 1860000],
    ["2026. 12. 2.", "검색 - 브랜드", "브랜드 정확", "KRW", 5480, 640, "11.68%", 402, 257280, 29, 1740000],
    ["총계: 계정", "--", "--", "KRW", 10690, 1252, "11.71%", 406, 508200, 60, 3600000],
]

NAVER = [
    ["캠페인 보고서(2026.12.01.~2026.12.02.)"],
    [
        "일별",
        "캠페인유형",
        "캠페인",
        "광고그룹",
        "노출수",
        "클릭수",
        "클릭률(%)",
        "평균클릭비용(VAT포함,원)",
        "총비용(VAT포함,원)",
        "전환수",
        "전환율(%)",
        "전환매출액(원)",
        "광고수익률(%)",
    ],
    [
        "2026.12.01.",
        "파워링크",
        "겨울 패딩",
        "패딩_PC",
        "3,412",
        "96",
        "2.81",
        "583",
        "55,968",
        "4",
        "4.17",
        "356,000",
        "636.07",
    ],
    [
        "2026.12.01.",
        "파워링크",
        "겨울 패딩",
        "패딩_모바일",
        "9,870",
        "311",
        "3.15",
        "412",
        "128,132",
        "9",
        "2.89",
        "801,000",
        "625.14",
    ],
    [
        "2026.12.02.",
        "쇼핑검색",
        "쇼핑 기본",
        "패딩_쇼핑",
        "15,002",
        "402",
        "2.68",
        "301",
        "121,002",
        "14",
        "3.48",
        "1,246,000",
        "1029.73",
    ],
    ["합계", "-", "-", "-", "28,284", "809", "2.86", "377", "305,102", "27", "3.34", "2,403,000", "787.61"],
]

GENERIC_EN = [
    ["date", "campaign", "ad", "channel", "variant", "impressions", "clicks", "conversions", "spend", "revenue"],
    ["2026-12-01", "Holiday AB", "Hero banner", "instagram", "A", "10000", "200", "10", "₩50,000", "₩300,000"],
    ["2026-12-01", "Holiday AB", "Hero banner", "instagram", "B", "10000", "260", "13", "₩50,000", "₩390,000"],
    ["2026-12-02", "Holiday AB", "Hero banner", "instagram", "A", "abc", "210", "9", "50000", "270000"],
    ["2026-12-02", "Holiday AB", "Hero banner", "instagram", "B", "9800", "250", "12", "-5,000", "360000"],
    ["2026-13-45", "Holiday AB", "Hero banner", "instagram", "A", "9000", "180", "8", "45000", "240000"],
    ["2026-12-03", "Holiday AB", "Hero banner", "instagram", "B", "100", "250", "12", "45000", "360000"],
    ["2026-12-03", "", "Hero banner", "instagram", "A", "1000", "25", "1", "5000", "30000"],
    ["12/03/2026", "Holiday AB", "Hero banner", "instagram", "A", "9500", "190", "9", "47,500", "270,000"],
]

GENERIC_KO = [
    ["날짜", "캠페인", "광고", "채널", "변형", "노출수", "클릭수", "전환수", "광고비", "매출"],
    ["2026년 12월 1일", "연말 프로모션", "메인 배너", "카카오", "A", "5,000", "150", "6", "30,000원", "180,000원"],
    ["2026년 12월 1일", "연말 프로모션", "메인 배너", "카카오", "B", "5,000", "120", "3", "30,000원", "90,000원"],
    ["20261202", "연말 프로모션", "메인 배너", "카카오", "A", "5,200", "160", "7", "31,000원", "210,000원"],
]

MISSING = [
    ["Day", "Campaign", "Clicks", "Conversions"],
    ["2026-12-01", "Search - Brand", "612", "31"],
]


def write_csv(name: str, rows: list[list], *, encoding: str = "utf-8", delimiter: str = ",") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    (HERE / name).write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(name: str, rows: list[list], sheet: str) -> None:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(HERE / name)


if __name__ == "__main__":
    write_csv("meta_en.csv", META_EN, encoding="utf-8-sig")
    write_xlsx("meta_ko.xlsx", META_KO, "원시 데이터 보고서")
    write_csv("google_en.csv", GOOGLE_EN)
    write_csv("google_en_excel.csv", GOOGLE_EN, encoding="utf-16", delimiter="\t")  # "Excel CSV"
    write_xlsx("google_ko.xlsx", GOOGLE_KO, "캠페인 보고서")
    write_csv("naver.csv", NAVER, encoding="cp949")
    write_xlsx("naver.xlsx", NAVER, "캠페인 보고서")
    write_csv("generic_en.csv", GENERIC_EN)
    write_csv("generic_ko.csv", GENERIC_KO, encoding="utf-8-sig")
    write_csv("missing_columns.csv", MISSING)
