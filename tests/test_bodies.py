"""Bodies as agreements name them (kg.extract.bodies.find_orgs): one body per name, whatever
punctuation its name carries."""
from __future__ import annotations

import pytest

from kg.extract.bodies import find_orgs, without_abbreviations
from kg.normalize import normalize_text


def _orgs(sentence: str) -> list[tuple[str, tuple[str, ...], str | None]]:
    text = normalize_text(sentence)
    return [(o.span.text, o.chain, o.province) for o in find_orgs(text, 0, len(text))]


@pytest.mark.parametrize("sentence, expected", [
    pytest.param("Hội Nông dân tỉnh và Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam - Chi nhánh tỉnh Gia Lai ký.",
                 [("Hội Nông dân tỉnh", ("hoi-nong-dan",), None),
                  ("Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam - Chi nhánh tỉnh Gia Lai", ("agribank",),
                   "2008-gia-lai")], id="branch-after-dash-is-the-body's-place"),
    pytest.param("Ngân hàng Chính sách xã hội chi nhánh tỉnh Phú Yên và Hội Cựu chiến binh tỉnh ký.",
                 [("Ngân hàng Chính sách xã hội chi nhánh tỉnh Phú Yên", ("ngan-hang-csxh",), "2008-phu-yen"),
                  ("Hội Cựu chiến binh tỉnh", ("hoi-ccb",), None)], id="branch-without-dash"),
    pytest.param("Tỉnh đoàn và Agribank Quảng Bình ký kết.",
                 [("Tỉnh đoàn", ("tinh-doan",), None), ("Agribank Quảng Bình", ("agribank",), "2008-quang-binh")],
                 id="brand-with-bare-province"),
    pytest.param("Ban Thường vụ Tỉnh đoàn Bình Phước và VNPT Bình Phước (Chi nhánh Tập đoàn Bưu chính Viễn thông Việt Nam"
                 " tại Bình Phước) ký.",
                 [("Ban Thường vụ Tỉnh đoàn Bình Phước", ("ban-thuong-vu", "tinh-doan"), "2008-binh-phuoc"),
                  ("VNPT Bình Phước", ("vnpt",), "2008-binh-phuoc")], id="gloss-in-brackets-is-the-same-body"),
    pytest.param("Sở Ngoại vụ và Ban Đối ngoại Tỉnh ủy Luông Pha-bang.",
                 [("Sở Ngoại vụ", ("so-ngoai-vu",), None),
                  ("Ban Đối ngoại Tỉnh ủy Luông Pha-bang", ("ban-doi-ngoai", "tinh-uy"), None)],
                 id="provincial-committee-abroad"),
    pytest.param("Tổng Lãnh sự quán Nhật Bản tại Đà Nẵng và UBND tỉnh ký.",
                 [("Tổng Lãnh sự quán Nhật Bản tại Đà Nẵng", ("tong-lanh-su-quan",), None),
                  ("UBND tỉnh", ("ubnd",), None)], id="mission-abroad"),
    pytest.param("Công ty Cấp nước Nghệ An Nguyễn Văn Hùng", [("Công ty Cấp nước Nghệ An", ("cong-ty",), None)],
                 id="a-name-ends-at-its-province"),
    pytest.param("Tổng Biên tập Báo Bình Định Lê Quang Huy ký.", [("Báo Bình Định", ("bao",), None)],
                 id="a-name-that-is-a-province-s-ends-before-a-person"),
    pytest.param("Báo Hà Nội Mới và Báo Lâm Đồng ký.", [("Báo Hà Nội Mới", ("bao",), None),
                                                       ("Báo Lâm Đồng", ("bao",), None)],
                 id="a-name-going-on-after-a-province-s-is-kept"),
    pytest.param("UBND tỉnh Kiên Giang và Bộ Tư lệnh Vùng Cảnh sát biển 4 giai đoạn 2024 - 2029.",
                 [("UBND tỉnh Kiên Giang", ("ubnd",), "2008-kien-giang"),
                  ("Bộ Tư lệnh Vùng Cảnh sát biển 4", ("bo-tu-lenh",), None)], id="a-period-ends-a-name"),
    pytest.param("Trường Đại học Khoa học Xã hội và Nhân văn ký kết với Trường Chính trị Trần Phú.",
                 [("Trường Đại học Khoa học Xã hội và Nhân văn", ("truong-dai-hoc",), None),
                  ("Trường Chính trị Trần Phú", ("truong-chinh-tri",), None)], id="society-is-no-commune-and-a-school-named"),
    pytest.param("Trung ương Hội Khuyến học Việt Nam và Bộ Giáo dục và Đào tạo ký.",
                 [("Trung ương Hội Khuyến học Việt Nam", ("hoi-khuyen-hoc",), None),
                  ("Bộ Giáo dục và Đào tạo", ("bo-giao-duc",), None)], id="an-organisation-s-central-committee"),
    pytest.param("Hội Khuyến học Việt Nam và Hội Hữu nghị Việt Nam - Lào ký.",
                 [("Hội Khuyến học Việt Nam", ("hoi-khuyen-hoc",), None),
                  ("Hội Hữu nghị Việt Nam - Lào", ("hoi-huu-nghi",), None)], id="the-country-after-an-organisation"),
    pytest.param("Ủy ban Mặt trận Tổ quốc (MTTQ) Việt Nam tỉnh và UBND tỉnh ký.",
                 [("Ủy ban Mặt trận Tổ quốc (MTTQ) Việt Nam tỉnh", ("ubmttq",), None), ("UBND tỉnh", ("ubnd",), None)],
                 id="the-country-and-the-place-after-an-abbreviation"),
    pytest.param("UBND tỉnh và Ban Chấp hành Liên đoàn Lao động tỉnh ký.",
                 [("UBND tỉnh", ("ubnd",), None), ("Ban Chấp hành Liên đoàn Lao động tỉnh", ("ban-chap-hanh", "ldld"), None)],
                 id="a-mass-organisation-s-executive-committee"),
    pytest.param("Trường Đại học Luật - Đại học Huế và Sở Tư pháp tỉnh ký.",
                 [("Trường Đại học Luật - Đại học Huế", ("truong-dai-hoc",), None),
                  ("Sở Tư pháp tỉnh", ("so-tu-phap",), None)], id="a-member-school-names-its-university"),
    pytest.param("Trường THPT Lê Lợi - Trường THPT Lê Quý Đôn ký.",
                 [("Trường THPT Lê Lợi", ("truong",), None), ("Trường THPT Lê Quý Đôn", ("truong",), None)],
                 id="a-school-of-the-same-kind-after-a-dash-is-another"),
    pytest.param("Ban Tuyên giáo và Dân vận Trung ương và Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương ký.",
                 [("Ban Tuyên giáo và Dân vận Trung ương", ("ban-tuyen-giao-dan-van", "bch-tw"), None),
                  ("Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương", ("dang-uy-mttq-doan-the-tw",), None)],
                 id="a-party-committee-whose-name-holds-a-comma"),
])
def test_find_orgs(sentence, expected):
    assert _orgs(sentence) == expected


@pytest.mark.parametrize("written, plain", [
    ("Giám đốc Sở Tài nguyên và Môi trường (TN&MT)", "Giám đốc Sở Tài nguyên và Môi trường"),
    ("Ngân hàng Chính sách xã hội (NHCSXH) tỉnh", "Ngân hàng Chính sách xã hội tỉnh"),
    ("Chủ tịch UBND tỉnh Yên Bái (cũ)", "Chủ tịch UBND tỉnh Yên Bái (cũ)"),
])
def test_without_abbreviations(written, plain):
    assert without_abbreviations(written) == plain
