"""Synthetic news articles in the style of data/articles, for benchmarks.

Random but seeded: the same (n, seed) always writes the same files. Names are a surname from
data/vocab/surnames.csv plus given-name syllables; provinces come from data/vocab/provinces.csv
(the 63-unit layout before July 2025, the 34-unit one after); posts are titles from
data/vocab/titles.csv combined with bodies from data/vocab/bodies.csv whose categories fit;
agreements have kinds from agreement_kinds.csv and periods; documents are cited by number;
and each page carries clutter (boilerplate.csv) before and after the text.

    python benchmarks/generate.py 100 /tmp/articles --seed 7
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

VOCAB = Path(__file__).resolve().parent.parent / "data" / "vocab"

MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Hữu", "Xuân", "Hồng", "Công", "Đình",
          "Duy", "Việt", "Chí", "Khắc", "Mạnh", "Thành", "Anh", "Kim", "Trọng", "Quang")
GIVEN = ("Hùng", "Dũng", "Tuấn", "Lâm", "Giang", "Thắng", "Bảo", "Văn", "Tùng", "Minh", "Hải", "Hà", "Lan",
         "Hương", "Thảo", "Sơn", "Long", "Nam", "Phong", "Quân", "Trung", "Hòa", "Bình", "Khánh", "Linh",
         "Thận", "Của", "Thế", "Tư", "Phúc", "Cường", "Hiếu", "Nghĩa", "Tâm", "Vinh", "Yến", "Mai")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
FILLER = (
    "Qua các năm thực hiện, công tác phối hợp đã đạt được nhiều kết quả quan trọng, toàn diện trên các nội dung.",
    "Công tác cải cách hành chính được tập trung chỉ đạo quyết liệt, các thủ tục hành chính được đơn giản hóa.",
    "Công tác tiếp dân, xử lý đơn thư và giải quyết khiếu nại, tố cáo của công dân từng bước nâng cao chất lượng.",
    "Phong trào thi đua “Dân vận khéo” được triển khai sâu rộng trên các lĩnh vực, gắn với thực hiện Quy chế dân chủ ở cơ sở.",
    "Tuy nhiên, công tác phối hợp vẫn còn những hạn chế, việc hướng dẫn, đôn đốc, kiểm tra có lúc, có nơi chưa thường xuyên.",
    "Năm qua, các cơ quan hành chính nhà nước đã tiếp {n} lượt công dân, tăng so với cùng kỳ.",
    "Ý thức phục vụ nhân dân của đội ngũ cán bộ, công chức, viên chức được nâng lên rõ rệt.",
    "Các chỉ số hài lòng về phục vụ hành chính đều đạt cao hơn mức trung bình chung cả nước.",
)
DOCUMENTS = (
    ("Kết luận số 114-KL/TW ngày 14/7/2015", "của Ban Bí thư Trung ương Đảng (khóa XI)"),
    ("Nghị quyết số 25-NQ/TW ngày 03/6/2013", "của Ban Chấp hành Trung ương Đảng (khóa XI)"),
    ("Chỉ thị số 16-CT/TW ngày {d}/{m}/{y}", "của Ban Bí thư"),
    ("Quyết định số {k}-QĐ/TU ngày {d}/{m}/{y}", "của Ban Thường vụ Tỉnh ủy"),
    ("Kế hoạch số {k}-KH/UBND ngày {d}/{m}/{y}", "của UBND tỉnh"),
)


def _rows(name: str) -> list[dict[str, str]]:
    with open(VOCAB / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Vocab:
    surnames: list[str]
    provinces: dict[str, list[dict[str, str]]]        # layout → units
    posts: list[str]                                    # "Phó Chủ tịch UBND tỉnh", "Trưởng Ban Dân vận Tỉnh ủy"…
    agreement_kinds: list[str]
    clutter_head: list[str]
    clutter_tail: list[str]
    bylines: list[str]

    @classmethod
    def load(cls) -> "Vocab":
        surnames = [r["surname"].strip() for r in _rows("surnames.csv") if r["surname"].strip()]
        provinces: dict[str, list[dict[str, str]]] = {}
        for row in _rows("provinces.csv"):
            provinces.setdefault(row["layout"], []).append(row)
        titles = [r for r in _rows("titles.csv") if r.get("kind") == "post"]
        bodies = [r for r in _rows("bodies.csv") if r.get("attaches") in ("place", "party-committee")
                  and r.get("level") != "central"]
        posts = ["Ủy viên Ban Thường vụ Tỉnh ủy", "Tỉnh ủy viên", "Bí thư Tỉnh ủy", "Phó Bí thư Tỉnh ủy"]
        for body in bodies:
            category = body.get("category", "")
            if category in ("party-committee", "standing-committee"):
                continue
            fitting = [t["label_vi"] for t in titles if category in (t.get("categories") or "").split()
                       and t["id"] not in ("bo-truong", "thu-truong")]     # ministers head ministries only
            if body["id"] == "ban-can-su-dang":
                where = "UBND tỉnh"
            elif body.get("attaches") == "party-committee":
                where = "Tỉnh ủy"
            else:
                where = "tỉnh"
            name = body.get("as_parent") or body["label_vi"]
            for title in fitting[:4]:
                posts.append(f"{title} {name} {where}")
        agreement_kinds = [r["label_vi"] for r in _rows("agreement_kinds.csv")]
        boiler = _rows("boilerplate.csv")
        return cls(surnames, provinces, posts, agreement_kinds,
                   [r["phrase"] for r in boiler if r["kind"] == "line"],
                   [r["phrase"] for r in boiler if r["kind"] == "tail"],
                   [r["phrase"] for r in boiler if r["kind"] == "byline"])


@dataclass
class Summary:
    """What the generated articles contain, for picking query parameters that give rows."""
    people: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


def person_name(rng: random.Random, vocab: Vocab) -> str:
    middle = rng.choice(MIDDLE) if rng.random() < 0.9 else f"{rng.choice(MIDDLE)} {rng.choice(MIDDLE)}"
    return f"{rng.choice(vocab.surnames)} {middle} {rng.choice(GIVEN)}"


def date_line(rng: random.Random, day: date) -> str:
    weekday = WEEKDAYS[day.weekday()]
    hour, minute = rng.randrange(6, 22), rng.randrange(60)
    return rng.choice((
        f"{weekday}, {day.day}/{day.month}/{day.year}",
        f"{hour:02d}:{minute:02d}, {weekday}, {day.day}-{day.month}-{day.year}",
        f"Đăng ngày: {day.day:02d}/{day.month:02d}/{day.year} {hour:02d}:{minute:02d}:{rng.randrange(60):02d}",
        f"Cập nhật, {hour:02d}:{minute:02d}, {weekday}, {day.day:02d}/{day.month:02d}/{day.year} (GMT+7)",
    ))


def article(rng: random.Random, vocab: Vocab, summary: Summary) -> str:
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 11 * 365))
    layout = "2025" if day >= date(2025, 7, 1) else "2008"
    unit = rng.choice(vocab.provinces[layout])
    province = unit["name_vi"]
    kind = rng.choice(vocab.agreement_kinds)
    if kind.startswith("Kế hoạch"):
        period = f"năm {day.year}"
        summary.years.append(day.year)
    else:
        start = day.year - rng.randrange(0, 2)
        period = f"giai đoạn {start} - {start + rng.choice((3, 4, 5))}"
        summary.years.append(start)
    parties = ["Ban Dân vận Tỉnh ủy", "Ban Cán sự đảng UBND tỉnh"]
    rng.shuffle(parties)
    people = []
    for _ in range(rng.randrange(2, 6)):
        name = person_name(rng, vocab)
        posts = rng.sample(vocab.posts, rng.randrange(1, 4))
        people.append((name, posts))
        summary.people.append(name)
    summary.provinces.append(province)
    separator = rng.choice((", ", " - ", " – "))
    attendees = "; ".join(f"{name}{separator}{', '.join(posts)}" for name, posts in people)
    chair, chair_posts = people[0]
    paragraphs = [rng.choice(vocab.clutter_head)] if rng.random() < 0.6 else []
    title = f"{province}: {parties[0]} và {parties[1]} ký kết {kind} về công tác dân vận {period}"
    if rng.random() < 0.2:
        title = title.upper()
    paragraphs += [title, date_line(rng, day)]
    moment = rng.choice(("Sáng", "Chiều", "Sáng ngày", "Chiều ngày"))
    paragraphs.append(
        f"{moment} {day.day}/{day.month}/{day.year}, tại Văn phòng UBND tỉnh {province}, {parties[0]} và {parties[1]} "
        f"tổ chức hội nghị ký kết {kind} {period} giữa {parties[0]} và {parties[1]} tỉnh {province}. "
        f"Đồng chí {chair}, {', '.join(chair_posts)} chủ trì hội nghị.")
    paragraphs.append(f"Tới dự có các đồng chí: {attendees}; lãnh đạo các sở, ban, ngành, địa phương trong tỉnh.")
    for _ in range(rng.randrange(2, 6)):
        paragraphs.append(" ".join(rng.choice(FILLER).format(n=f"{rng.randrange(1, 9)}.{rng.randrange(100, 999)}")
                                   for _ in range(rng.randrange(2, 5))))
    if rng.random() < 0.7:
        number, issuer = rng.choice(DOCUMENTS)
        cited = number.format(k=rng.randrange(1, 400), d=rng.randrange(1, 29), m=rng.randrange(1, 13),
                              y=day.year - rng.randrange(1, 5))
        paragraphs.append(f"Mục đích của {kind} nhằm thực hiện hiệu quả {cited} {issuer} về công tác dân vận.")
    paragraphs.append(f"Theo đó, hai cơ quan sẽ phối hợp thực hiện {rng.randrange(5, 20)} nội dung, "
                      f"{rng.randrange(3, 12)} nhiệm vụ trọng tâm.")
    paragraphs.append(f"{rng.choice(vocab.bylines)} {person_name(rng, vocab)}")
    paragraphs += rng.sample(vocab.clutter_tail, rng.randrange(1, 4))
    paragraphs += [f"{rng.choice(vocab.posts)} làm việc tại {rng.choice(vocab.provinces[layout])['name_vi']}"
                   for _ in range(rng.randrange(0, 3))]
    return "\n\n".join(paragraphs) + "\n"


def generate(n: int, folder: Path, seed: int = 1, clean: bool = True) -> Summary:
    """Write n synthetic articles (NNNNN_<hash>.txt) into folder; returns what they contain."""
    folder = Path(folder)
    if clean and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    vocab = Vocab.load()
    rng = random.Random(seed)
    summary = Summary()
    for index in range(n):
        text = article(rng, vocab, summary)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        (folder / f"{index:05d}_{digest}.txt").write_text(text, encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("folder", help="where to write them (emptied first)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    summary = generate(args.n, Path(args.folder), args.seed)
    print(f"wrote {args.n} articles to {args.folder} ({len(set(summary.people))} people, "
          f"{len(set(summary.provinces))} provinces)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
