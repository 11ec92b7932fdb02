"""A week of realistic news items (title, summary) in Korean and English, written for the trend
tests: the real trends are 제로슈거, 러닝크루, 하이볼 and quiet luxury; generic words of business
news (업계, 매출, 판매, 소비자, 시장, 브랜드, brands, consumers, shoppers, sales, market…) run
through most of them."""

NEWS = [
    (
        "제로슈거 소주 열풍에 주류업계 가세",
        "제로슈거 소주가 20대 소비자들 사이에서 인기를 끌면서 주류업계가 잇따라 신제품을 내놓고 있다. "
        "업계에 따르면 올해 제로슈거 소주 매출은 지난해보다 두 배 늘었다.",
    ),
    (
        "편의점 업계, 제로슈거 음료 판매 전년 대비 40% 증가",
        "편의점 3사의 제로슈거 음료 판매가 크게 늘었다. 업계 관계자는 건강을 챙기는 소비자가 늘면서 "
        "시장이 커지고 있다고 말했다.",
    ),
    (
        "유통업계 제로슈거 아이스크림 잇단 출시",
        "빙과 브랜드들이 제로슈거 아이스크림을 앞다퉈 선보이고 있다. 유튜브 쇼츠 광고가 매출을 견인했다.",
    ),
    (
        "주말마다 한강에 모이는 러닝크루, 2030 새 놀이문화로",
        "러닝크루가 MZ세대의 새로운 여가 문화로 자리 잡았다. 스포츠 브랜드들은 러닝크루를 겨냥한 "
        "마케팅을 강화하고 있다.",
    ),
    (
        "스포츠 브랜드, 러닝크루 후원 경쟁",
        "나이키와 아디다스 등 글로벌 브랜드가 러닝크루 후원에 나섰다. 업계에서는 러닝화 매출이 크게 늘 것으로 본다.",
    ),
    (
        "서울시, 러닝크루 전용 코스 조성",
        "서울시가 러닝크루 활동이 많은 한강공원에 전용 코스를 만든다. 시장 조사 결과 참여자는 매년 늘고 있다.",
    ),
    (
        "하이볼 인기에 위스키 판매 급증",
        "하이볼을 즐기는 소비자가 늘면서 대형마트 위스키 판매가 급증했다. 주류업계는 캔 하이볼 "
        "신제품을 잇따라 출시했다.",
    ),
    (
        "편의점 캔 하이볼 매출 1위 등극",
        "캔 하이볼이 편의점 주류 매출 1위에 올랐다. 업계는 하이볼 시장이 계속 커질 것으로 전망했다.",
    ),
    (
        "하이볼 전문 주점, 2030 사이 인기",
        "하이볼 전문 주점이 늘고 있다. 소비자 조사에서 20대의 절반이 하이볼을 즐긴다고 답했다.",
    ),
    (
        "화장품 업계, 비건 인증 제품 확대",
        "화장품 브랜드들이 비건 인증을 받은 제품을 늘리고 있다. 업계는 관련 시장 매출이 늘 것으로 본다.",
    ),
    (
        "식품 기업 3분기 매출 호조",
        "주요 식품 기업의 3분기 매출이 시장 예상을 웃돌았다. 업계는 가격 인상 효과라고 분석했다.",
    ),
    (
        "Quiet luxury keeps winning over shoppers",
        "Brands that skip big logos are climbing in sales. Analysts say consumers want quiet luxury "
        "that lasts, and the market for understated basics keeps growing.",
    ),
    (
        "Stanley cup craze fades as Gen Z embraces quiet luxury",
        "Retailers bet that shoppers will trade loud logos for quiet luxury this holiday season. "
        "Major brands cooled their tumbler orders.",
    ),
    (
        "Quiet luxury videos rack up views on TikTok",
        "Creators filming quiet luxury outfits draw millions of views. Brands are rolling out "
        "capsule collections for consumers who want the look.",
    ),
    (
        "Zero-sugar sodas boom lifts sales for beverage makers",
        "Consumers are buying more zero-sugar drinks, and retailers report strong sales. The market "
        "for zero-sugar sodas grew again this quarter.",
    ),
    (
        "Retailers test AI shopping assistants before the holidays",
        "Shoppers can ask AI shopping assistants for gift ideas. Analysts say brands see higher sales "
        "when consumers use them.",
    ),
    (
        "Run clubs are the new dating apps",
        "Run clubs draw young people who want to meet offline. Sportswear brands sponsor run clubs to reach consumers.",
    ),
    (
        "Highball cans take over convenience store shelves",
        "Highball cans are selling fast as consumers look for lighter drinks. Retailers say the highball "
        "market keeps expanding and brands are launching new flavors.",
    ),
    (
        "Company earnings beat expectations as consumers keep spending",
        "The company reported higher sales in every market. Analysts say consumers remain resilient "
        "despite higher prices.",
    ),
    (
        "Retail industry report: shoppers trade down",
        "Shoppers are choosing store brands, the industry report says. Retailers expect sales to "
        "slow in the first quarter.",
    ),
    (
        "Luxury brands see mixed results",
        "Sales at luxury brands were mixed as consumers in China cut back. The company expects the "
        "market to recover next year.",
    ),
    (
        "제로슈거 젤리, 편의점 판매 급증",
        "제로슈거 젤리가 편의점 인기 상품으로 떠올랐다. 업계 관계자는 소비자 수요가 꾸준하다고 말했다.",
    ),
]

REAL_TRENDS = {"제로슈거", "러닝크루", "하이볼", "quiet luxury"}
GENERIC = {
    "업계", "매출", "판매", "소비자", "시장", "브랜드", "기업", "출시", "증가", "인기", "주류업계", "유통업계",
    "brands", "consumers", "shoppers", "market", "sales", "company", "retailers", "industry", "report",
    "analysts", "winning", "climbing", "cooled", "rolling",
}  # fmt: skip
