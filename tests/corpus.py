"""A corpus of short articles written for the tests, with the facts each one states.

Each article is made from one of several page layouts and sentence patterns (a
dateline before or after the title, bylines, share links, related-article teasers
naming other officials), about officials of several provinces whose posts change
over the years. The truth is kept beside the text, so a test can compare what the
pipeline extracts with what was written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

PROVINCES = ["Vĩnh Phúc", "Quảng Bình", "Thái Bình", "Hà Giang", "Lào Cai", "Kon Tum", "Nghệ An",
             "Bình Định", "Sóc Trăng", "Đắk Lắk"]

# (title as written, canonical post label without the province)
POSTS = {
    "chair": ("Chủ tịch UBND tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh"),
    "vice": ("Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh"),
    "deputy-secretary": ("Phó Bí thư Tỉnh ủy", "Phó Bí thư Tỉnh ủy"),
    "standing": ("Ủy viên Ban Thường vụ Tỉnh ủy", "Ủy viên Ban Thường vụ Tỉnh ủy"),
    "mobilization": ("Trưởng Ban Dân vận Tỉnh ủy", "Trưởng ban Dân vận Tỉnh ủy"),
    "front": ("Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    "farmers": ("Chủ tịch Hội Nông dân tỉnh", "Chủ tịch Hội Nông dân tỉnh"),
    "council": ("Chủ tịch HĐND tỉnh", "Chủ tịch Hội đồng nhân dân tỉnh"),
}
GIVEN = ["Văn An", "Minh Khoa", "Thị Hoa", "Quốc Bảo", "Thanh Tùng", "Đức Long", "Thị Mai", "Hữu Nghĩa",
         "Văn Hải", "Ngọc Lan", "Xuân Trường", "Thị Thu Hà"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Vũ", "Bùi", "Đỗ", "Ngô"]


@dataclass(frozen=True)
class Official:
    name: str
    province: str


@dataclass
class CorpusArticle:
    stem: str
    text: str
    published: date
    province: str
    holdings: list[tuple[str, str]] = field(default_factory=list)  # (name, canonical post with province)


def officials() -> dict[str, list[Official]]:
    """Three officials per province; the first name recurs in two provinces on purpose."""
    people: dict[str, list[Official]] = {}
    for index, province in enumerate(PROVINCES):
        names = [f"{SURNAMES[(index + k) % len(SURNAMES)]} {GIVEN[(index * 3 + k) % len(GIVEN)]}" for k in range(3)]
        people[province] = [Official(n, province) for n in names]
    people[PROVINCES[1]][2] = Official(people[PROVINCES[0]][0].name, PROVINCES[1])  # a namesake elsewhere
    return people


def _canonical(post: str, province: str) -> str:
    return f"{POSTS[post][1]} {province}"


def _written(name: str, posts: list[str], style: int) -> str:
    titles = ", ".join(POSTS[p][0] for p in posts)
    return [f"{name}, {titles}", f"{name} - {titles}", f"{name}– {titles}"][style % 3]


def _layout(title: str, published: date, body: list[str], style: int) -> str:
    day = f"{published.day}/{published.month}/{published.year}"
    header = [
        [title, f"Thứ Hai, {day}"],
        [f"Cập nhật: 09:15 {published.day:02d}-{published.month:02d}-{published.year}", title],
        ["Chi tiết bài viết", title, f"Đăng ngày: {published.day:02d}/{published.month:02d}/{published.year} 14:45:42"],
    ][style % 3]
    footer = [
        ["Tin, ảnh: Minh Anh", "Gửi cho bạn bè", "Xem nhiều nhất"],
        ["Thu Trang", "Tin liên quan", "Chủ tịch UBND tỉnh Lâm Đồng Trần Văn Hiệp tiếp công dân"],
        ["Bài và ảnh: Hải Yến", "• Từ khóa", "Phó Chủ tịch UBND tỉnh Nguyễn Văn Phương dự lễ khánh thành"],
    ][style % 3]
    return "\n\n".join(header + ["1.024 lượt xem"] * (style % 2) + body + footer) + "\n"


def _signing(article_no: int, province: str, people: list[Official], year: int) -> CorpusArticle:
    """Two bodies sign a program; both heads chair, the vice chairman attends."""
    style = article_no
    published = date(year, 1 + article_no % 11, 1 + article_no % 27)
    head, other, vice = people
    head_posts = ["deputy-secretary", "chair"] if year >= 2023 else ["vice"]
    other_posts = ["standing", "mobilization"]
    start = year
    body = [
        f"Chiều {published.day}/{published.month}, Ban Dân vận Tỉnh ủy và Ban Cán sự đảng UBND tỉnh {province} "
        f"tổ chức Hội nghị ký kết Chương trình phối hợp về công tác dân vận giai đoạn {start} - {start + 4}. "
        f"Hội nghị do đồng chí {_written(head.name, head_posts, style)} và đồng chí "
        f"{_written(other.name, other_posts, style + 1)} đồng chủ trì.",
        f"Dự hội nghị có đồng chí {_written(vice.name, ['farmers'], style)}.",
        "Theo chương trình phối hợp, hai bên thống nhất 8 nội dung và 12 nhiệm vụ.",
    ]
    title = f"Ký kết Chương trình phối hợp công tác dân vận giai đoạn {start} - {start + 4}"
    article = CorpusArticle(f"{article_no:03d}_signing", _layout(title, published, body, style), published, province)
    article.holdings = ([(head.name, _canonical(p, province)) for p in head_posts]
                        + [(other.name, _canonical(p, province)) for p in other_posts]
                        + [(vice.name, _canonical("farmers", province))])
    return article


def _meeting(article_no: int, province: str, people: list[Official], year: int) -> CorpusArticle:
    """A working session written with titles before names."""
    style = article_no
    published = date(year, 1 + article_no % 11, 1 + article_no % 27)
    head, other, vice = people
    head_post = "chair" if year >= 2023 else "vice"
    body = [
        f"Sáng {published.day}/{published.month}, {POSTS[head_post][0]} {province} {head.name} chủ trì buổi làm việc "
        f"với các sở, ngành về cải cách hành chính.",
        f"Cùng dự có {POSTS['council'][0]} {other.name}; {POSTS['front'][0]} {vice.name}.",
        f"Phát biểu kết luận, {POSTS[head_post][0]} {head.name} yêu cầu các đơn vị khẩn trương triển khai.",
    ]
    title = f"{province}: Làm việc về cải cách hành chính năm {year}"
    article = CorpusArticle(f"{article_no:03d}_meeting", _layout(title, published, body, style), published, province)
    article.holdings = [(head.name, _canonical(head_post, province)), (other.name, _canonical("council", province)),
                        (vice.name, _canonical("front", province))]
    return article


def build_corpus() -> list[CorpusArticle]:
    """Sixty articles: ten provinces, three years, two kinds of story."""
    people = officials()
    corpus = []
    number = 0
    for year in (2021, 2023, 2024):
        for province in PROVINCES:
            corpus.append(_signing(number, province, people[province], year))
            number += 1
            corpus.append(_meeting(number, province, people[province], year))
            number += 1
    return corpus
