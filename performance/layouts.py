"""The columns of each platform's export, and finding the table in a file.

Header names as the platforms write them (English and Korean interfaces):

- Meta Ads Manager: "Reporting starts"/"보고 시작", "Campaign name"/"캠페인 이름", "Ad set name"/
  "광고 세트 이름", "Ad name"/"광고 이름", "Impressions"/"노출", "Link clicks"/"링크 클릭" (else
  "Clicks (all)"/"클릭(전체)"), "Results"/"결과" or "Purchases"/"구매", "Amount spent (KRW)"/
  "지출 금액 (KRW)", "Purchases conversion value"/"구매 전환값". No title lines.
- Google Ads: a report title and a date range above the header; "Day"/"일", "Campaign"/"캠페인",
  "Ad group"/"광고그룹", "Impr."/"노출수", "Clicks"/"클릭수", "Conversions"/"전환수", "Cost"/"비용",
  "Conv. value"/"전환 가치"; "Total: …"/"총계: …" rows at the bottom; "--" for nothing.
- Naver search ads (다차원 보고서): a title line; "일별", "캠페인", "광고그룹", "노출수", "클릭수",
  "총비용(VAT포함,원)", "전환수", "전환매출액(원)"; dates as "2026.12.01.".
- Generic: date, campaign, ad (or document), channel, variant, impressions, clicks,
  conversions, spend, revenue, in English or Korean.

Where several columns mean one field, the first alias listed wins (Meta's link clicks over
its all-clicks, purchases over its objective-dependent results).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from performance.models import Layout


def header_key(cell) -> str:
    """A header cell compared without case, spaces or a BOM: "Amount spent (KRW)" → "amountspent(krw)"."""
    return re.sub(r"\s+", "", str(cell or "")).replace("\ufeff", "").casefold()


def _exact(*names: str) -> list[re.Pattern]:
    return [re.compile(re.escape(header_key(name)) + "$") for name in names]


def _pattern(expression: str) -> list[re.Pattern]:
    return [re.compile(expression + "$")]


ALIASES: dict[str, list[re.Pattern]] = {
    "date": _exact("date", "day", "reporting starts", "날짜", "일", "일자", "일별", "보고 시작", "기간"),
    "campaign": _exact("campaign", "campaign name", "캠페인", "캠페인 이름", "캠페인명"),
    "ad_group": _exact("ad group", "ad set name", "ad set", "광고그룹", "광고 세트 이름", "광고 세트", "광고그룹명"),
    "ad": _exact("ad", "ad name", "광고", "광고 이름", "광고명", "소재", "소재명", "creative"),
    "document": _exact("document", "document id", "sparklio document", "문서", "문서 id", "문서id"),
    "channel": _exact("channel", "채널", "매체", "platform", "플랫폼"),
    "variant": _exact("variant", "variation", "a/b variant", "변형", "버전", "소재 버전"),
    "impressions": _exact("impressions", "impr.", "impr", "노출", "노출수"),
    "clicks": _exact("link clicks", "clicks", "링크 클릭", "클릭수", "클릭", "clicks (all)", "클릭(전체)"),
    "conversions": _exact("conversions", "purchases", "website purchases", "전환수", "전환", "구매", "results", "결과"),
    "spend": [
        *_exact("spend", "cost", "비용", "광고비", "총비용"),
        *_pattern(r"amountspent\(\w+\)"),
        *_pattern(r"지출금액(\(\w+\))?"),
        *_pattern(r"총비용\(.*\)"),
        *_pattern(r"cost\(\w+\)"),
        *_pattern(r"비용\(.*\)"),
    ],
    "revenue": [
        *_exact(
            "revenue",
            "conv. value",
            "conversion value",
            "purchases conversion value",
            "purchase conversion value",
            "website purchases conversion value",
            "매출",
            "매출액",
            "전환 가치",
            "구매 전환값",
            "전환매출액",
        ),
        *_pattern(r"전환매출액\(.*\)"),
        *_pattern(r"revenue\(\w+\)"),
        *_pattern(r"매출액?\(.*\)"),
    ],
}

REQUIRED = ("date", "campaign", "impressions", "clicks", "spend")
TEXT_FIELDS = ("date", "campaign", "ad_group", "ad", "document", "channel", "variant")
COUNT_FIELDS = ("impressions", "clicks")
AMOUNT_FIELDS = ("conversions", "spend", "revenue")

# What each required column is called, for the message naming a missing one
EXAMPLES = {
    "date": "Day, Date, Reporting starts, 일별, 날짜",
    "campaign": "Campaign, Campaign name, 캠페인",
    "impressions": "Impressions, Impr., 노출수",
    "clicks": "Clicks, Link clicks, 클릭수",
    "spend": "Cost, Amount spent (KRW), 총비용(VAT포함,원), 비용",
}

_NAVER = re.compile(r"(총비용\(vat|전환매출액|평균클릭비용\(vat|일별$)")
_META = re.compile(
    r"(reportingstarts|보고시작|amountspent|지출금액|linkclicks|링크클릭|adsetname|광고세트이름|clicks\(all\))"
)
_GOOGLE = re.compile(r"(impr\.|conv\.value|전환가치|currencycode|통화코드|avg\.cpc|평균cpc|cost/conv\.)")

HEADER_SEARCH_ROWS = 30


@dataclass
class Header:
    row: int  # 1-based, as a spreadsheet numbers it
    layout: str
    columns: dict[str, int]  # field → column index
    missing: list[str]


def match_columns(cells: list) -> dict[str, int]:
    keys = [header_key(cell) for cell in cells]
    columns: dict[str, int] = {}
    taken: set[int] = set()
    for field, patterns in ALIASES.items():
        for pattern in patterns:  # alias order is priority order
            index = next((i for i, key in enumerate(keys) if i not in taken and key and pattern.match(key)), None)
            if index is not None:
                columns[field] = index
                taken.add(index)
                break
    return columns


def detect_layout(cells: list) -> str:
    keys = [header_key(cell) for cell in cells]
    if any(_NAVER.search(key) for key in keys):
        return Layout.NAVER
    if any(_META.search(key) for key in keys):
        return Layout.META
    if any(_GOOGLE.search(key) for key in keys):
        return Layout.GOOGLE
    return Layout.GENERIC


def find_header(head: list[list]) -> Header | None:
    """The header among the first rows: the one naming the most known columns (title lines
    and date ranges above it name none). None when no row names two."""
    best: tuple[int, int, dict] | None = None
    for number, cells in enumerate(head[:HEADER_SEARCH_ROWS], start=1):
        columns = match_columns(cells)
        if len(columns) >= 2 and (best is None or len(columns) > len(best[2])):
            best = (number, number - 1, columns)
    if best is None:
        return None
    number, index, columns = best
    return Header(
        row=number,
        layout=detect_layout(head[index]),
        columns=columns,
        missing=[field for field in REQUIRED if field not in columns],
    )


# A total word alone, or followed by what the platforms put after it: "Total: Account",
# "총계: 캠페인", "Total (3 campaigns)", "Total - Campaigns". A name that merely starts with one
# ("Total Wellness Launch", "전체 회원 감사 세일", "합계 이벤트") is a campaign, not a total.
_TOTAL = re.compile(
    r"^(total|grand total|subtotal|sum|합계|총계|총합|전체|소계)\s*(?:$|[:：(]|[-–—](?:\s|$))",
    re.I,
)


def is_total(text: str) -> bool:
    """A summary line ("Total: Account", "총계: 캠페인", "합계"), not figures of one ad."""
    return bool(_TOTAL.match(text))
