r"""Knowledge ingestion throughput per file kind, against the floor of the bare extraction.

    .venv/bin/python bench/ingest.py [--repeat 5] [--scale 1]

For each kind (TXT, Markdown, CSV, HTML, DOCX, PDF) it writes one Korean/English document
(``--scale`` multiplies its size), then times, interleaved and repeated, the floor (the library
call that only gets text out: decoding, csv.reader, trafilatura.extract, python-docx paragraphs,
pypdf extract_text) and ``ingest_file`` (sniffing, the same extraction with structure,
cleaning, de-duplication, chunking, language). Prints the median time of each, MB/s, chunks/s
and ingest's cost as a multiple of the floor. See bench/README.md.
"""

import argparse
import csv
import io
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

import django  # noqa: E402

django.setup()
logging.getLogger("fontTools").setLevel(logging.WARNING)

import trafilatura  # noqa: E402
from docx import Document  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from knowledge.ingest import ingest_file  # noqa: E402
from knowledge.tests import samples  # noqa: E402

_WORDS_KO = [
    "배터리",
    "충전",
    "케이스",
    "노이즈",
    "캔슬링",
    "제품",
    "보증",
    "환불",
    "배송",
    "고객",
    "매장",
    "가격",
    "색상",
    "무게",
    "연결",
    "이어폰",
    "음질",
    "통화",
]
_PARTICLES = ["은", "는", "이", "가", "을", "를", "에서", "으로", "과"]
_WORDS_EN = [
    "battery",
    "charge",
    "case",
    "noise",
    "cancelling",
    "product",
    "warranty",
    "refund",
    "shipping",
    "customer",
    "store",
    "price",
]


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.7:
        words = [rng.choice(_WORDS_KO) + rng.choice(_PARTICLES) for _ in range(rng.randint(6, 14))]
        return " ".join(words) + f" {rng.randint(1, 99)}시간입니다."
    return " ".join(rng.choice(_WORDS_EN) for _ in range(rng.randint(8, 16))).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def documents(scale: int) -> dict[str, tuple[str, bytes]]:
    rng = random.Random(13)
    sections = [(f"섹션 {n}", [_paragraph(rng) for _ in range(4)]) for n in range(60 * scale)]
    markdown = "\n\n".join(f"## {title}\n\n" + "\n\n".join(body) for title, body in sections)
    html = "<html><head><title>가이드</title></head><body><nav>홈 | 쇼핑 | 고객센터</nav><main>"
    html += "".join(f"<h2>{title}</h2>" + "".join(f"<p>{p}</p>" for p in body) for title, body in sections)
    html += "</main><footer>(c) Sonic Audio</footer></body></html>"
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["sku", "name", "price", "battery", "note"])
    for n in range(3000 * scale):
        writer.writerow([f"S{n}", f"소닉 X{n}", f"{100 + n % 300},000원", f"{n % 60}시간", _sentence(rng)])
    document = Document()
    for title, body in sections:
        document.add_heading(title, 2)
        for paragraph in body:
            document.add_paragraph(paragraph)
    docx = io.BytesIO()
    document.save(docx)
    pdf_pages = [[f"# {title}", *body] for title, body in sections[: 30 * scale]]
    return {
        "txt": ("guide.txt", "\n\n".join(p for _, body in sections for p in body).encode("utf-8")),
        "markdown": ("guide.md", markdown.encode("utf-8")),
        "csv": ("catalog.csv", rows.getvalue().encode("utf-8")),
        "html": ("guide.html", html.encode("utf-8")),
        "docx": ("guide.docx", docx.getvalue()),
        "pdf": ("guide.pdf", samples.text_pdf(pdf_pages)),
    }


def floor(kind: str, data: bytes) -> None:
    if kind in ("txt", "markdown"):
        data.decode("utf-8").split("\n\n")
    elif kind == "csv":
        list(csv.reader(io.StringIO(data.decode("utf-8"))))
    elif kind == "html":
        trafilatura.extract(data.decode("utf-8"), include_tables=True)
    elif kind == "docx":
        [paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs]
    elif kind == "pdf":
        [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    docs = documents(args.scale)
    ingest_file(docs["txt"][1], filename="warm.txt")  # the first call pays for imports
    header = ("kind", "size", "chunks", "floor ms", "ingest ms", "MB/s", "chunks/s", "ratio")
    print("{:9} {:>8} {:>6} {:>9} {:>10} {:>6} {:>9} {:>6}".format(*header))
    for kind, (name, data) in docs.items():
        floors, ingests = [], []
        chunks = 0
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            started = time.perf_counter()
            floor(kind, data)
            floors.append(time.perf_counter() - started)
            started = time.perf_counter()
            chunks = len(ingest_file(data, filename=name).chunks)
            ingests.append(time.perf_counter() - started)
        low, high = statistics.median(floors), statistics.median(ingests)
        print(
            f"{kind:9} {len(data) / 1e6:7.2f}M {chunks:6d} {low * 1000:9.1f} {high * 1000:10.1f} "
            f"{len(data) / 1e6 / high:6.2f} {chunks / high:9.0f} {high / low:6.1f}"
        )


if __name__ == "__main__":
    main()
