"""kg.resolve: deterministic keys and labels for bodies, posts, persons, agreements."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import pytest

from kg.extract.facts import extract_article
from kg.normalize import key, normalize_text
from kg.records import AgreementMention, Article, ManifestEntry, OrgMention, Span
from kg.resolve import Org, _Orgs, group_agreement_mentions, post_labels, resolve_article, slug

TITLE = "Hội nghị ký kết Chương trình phối hợp về công tác dân vận của tỉnh"


def resolved(body: str, province: str | None = "Vĩnh Phúc", stem: str = "a1", published=date(2024, 2, 29)):
    text = normalize_text(f"{TITLE}\nThứ Năm, 29/2/2024\n{body}\n")
    manifest = ManifestEntry(f"{stem}.txt", province=province, published=published)
    article = Article(stem, f"{stem}.txt", text, hashlib.sha256(text.encode()).hexdigest(), manifest)
    return resolve_article(extract_article(article))


def org(r, org_key: str) -> Org:
    found = [o for o in r.orgs if o.key == org_key]
    assert found, f"{org_key} not among {[o.key for o in r.orgs]}"
    return found[0]


def positions(r) -> dict[str, set[str]]:
    persons = {p.key: p.name for p in r.persons}
    posts = {p.key: p.label_vi for p in r.posts}
    out: dict[str, set[str]] = {}
    for h in r.holdings:
        out.setdefault(persons[h.person], set()).add(posts[h.post])
    return out


def test_slug():
    assert slug("Trần Minh Khoa") == "tran-minh-khoa"
    assert slug("Đặng Thị Hoa") == "dang-thi-hoa"
    assert slug("114-KL/TW") == "114-kl-tw"


def test_commission_of_the_article_province():
    r = resolved("Đồng chí Nguyễn Thanh Hải, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy phát biểu.")
    commission = org(r, "2008-vinh-phuc/ban-dan-van.tinh-uy")
    assert commission.label_vi == "Ban Dân vận Tỉnh ủy Vĩnh Phúc"
    assert commission.parent == "2008-vinh-phuc/tinh-uy"
    assert commission.level == "province" and commission.province == "2008-vinh-phuc"
    parent = org(r, "2008-vinh-phuc/tinh-uy")
    assert parent.label_vi == "Tỉnh ủy Vĩnh Phúc" and parent.parent is None
    assert org(r, "2008-vinh-phuc/ban-thuong-vu.tinh-uy").label_vi == "Ban Thường vụ Tỉnh ủy Vĩnh Phúc"


def test_post_labels_and_keys():
    r = resolved("Đồng chí Nguyễn Thanh Hải, Tỉnh ủy viên, Trưởng Ban Dân vận Tỉnh ủy, Phó Chủ tịch UBND tỉnh phát biểu.")
    posts = {p.key: p for p in r.posts}
    head = posts["2008-vinh-phuc/ban-dan-van.tinh-uy/post/truong-ban"]
    assert key(head.label_vi) == key("Trưởng Ban Dân vận Tỉnh ủy Vĩnh Phúc")
    assert head.label_vi == "Trưởng ban Dân vận Tỉnh ủy Vĩnh Phúc"  # the title's own label, "Ban" said once
    assert posts["2008-vinh-phuc/tinh-uy/post/tinh-uy-vien"].label_vi == "Tỉnh ủy viên Vĩnh Phúc"
    assert posts["2008-vinh-phuc/ubnd/post/pho-chu-tich"].label_vi == "Phó Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Phúc"
    assert positions(r) == {"Nguyễn Thanh Hải": {"Tỉnh ủy viên Vĩnh Phúc", "Trưởng ban Dân vận Tỉnh ủy Vĩnh Phúc",
                                                   "Phó Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Phúc"}}


def test_post_labels_function():
    tinh_uy = Org("2008-vinh-phuc/tinh-uy", ("tinh-uy",), "province", "2008-vinh-phuc", None,
                  "Tỉnh ủy Vĩnh Phúc", "Provincial Party Committee, Vinh Phuc", None)
    assert post_labels("tinh-uy-vien", tinh_uy) == ("Tỉnh ủy viên Vĩnh Phúc",
                                                    "Member of the Provincial Party Committee, Vinh Phuc")
    assert post_labels("bi-thu", tinh_uy)[0] == "Bí thư Tỉnh ủy Vĩnh Phúc"
    assert post_labels("bi-thu", None) == ("Bí thư", "Secretary")


def test_named_province_wins_over_article_province():
    r = resolved("Đồng chí Lò Văn Sơn, Chủ tịch UBND tỉnh Sơn La phát biểu.")
    org(r, "2008-son-la/ubnd")
    assert [p.key for p in r.persons] == ["lo-van-son-2008-son-la"]


def test_unknown_province_scopes_to_the_article():
    r = resolved("Đồng chí Lò Văn Sơn, Chủ tịch UBND tỉnh phát biểu.", province=None, stem="x9")
    assert r.facts.province is None
    org(r, "article-x9/ubnd")
    assert [p.key for p in r.persons] == ["lo-van-son-article-x9"]


def test_central_bodies():
    r = resolved("Đồng chí Nguyễn Văn Tám, Phó Trưởng Ban Dân vận Trung ương phát biểu.")
    central = org(r, "central/ban-dan-van.bch-tw")
    assert central.level == "central" and central.province is None
    assert central.label_vi == "Ban Dân vận Trung ương"
    assert [p.key for p in r.persons] == ["nguyen-van-tam-central"]


def test_district_body():
    r = resolved("Đồng chí Trần Văn Hải, Chủ tịch UBND huyện Lệ Thủy phát biểu.", province="Quảng Bình")
    district = org(r, "2008-quang-binh/le-thuy/ubnd")
    assert district.level == "district" and district.locality == "Lệ Thủy"
    assert district.label_vi == "Ủy ban nhân dân huyện Lệ Thủy"


def test_same_person_in_two_articles_of_one_province_gets_one_key():
    a = resolved("Đồng chí Trần Minh Khoa, Phó Chủ tịch UBND tỉnh phát biểu.", stem="a1")
    b = resolved("Bí thư Tỉnh ủy Trần Minh Khoa chủ trì hội nghị.", stem="b2", published=date(2023, 5, 1))
    assert [p.key for p in a.persons] == [p.key for p in b.persons] == ["tran-minh-khoa-2008-vinh-phuc"]
    assert {h.key for h in a.holdings}.isdisjoint({h.key for h in b.holdings})


def test_same_name_in_two_provinces_gets_two_keys():
    a = resolved("Đồng chí Trần Minh Khoa, Phó Chủ tịch UBND tỉnh phát biểu.", province="Vĩnh Phúc", stem="a1")
    b = resolved("Đồng chí Trần Minh Khoa, Phó Chủ tịch UBND tỉnh phát biểu.", province="Quảng Bình", stem="b2")
    assert [p.key for p in a.persons] == ["tran-minh-khoa-2008-vinh-phuc"]
    assert [p.key for p in b.persons] == ["tran-minh-khoa-2008-quang-binh"]


def test_resolution_is_deterministic():
    body = ("Đồng chí Trần Minh Khoa, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh và đồng chí Đặng Thị Hoa, Trưởng Ban Dân vận "
            "Tỉnh ủy đã ký kết Chương trình phối hợp giai đoạn 2022 - 2026 giữa Ban Dân vận Tỉnh ủy và Ban cán sự đảng UBND tỉnh.")
    first, second = resolved(body), resolved(body)
    assert [h.key for h in first.holdings] == [h.key for h in second.holdings]
    assert [a.key for a in first.agreements] == [a.key for a in second.agreements]
    assert [o.key for o in first.orgs] == [o.key for o in second.orgs]


def test_agreement_parties_and_label():
    r = resolved("Ngày 28/2/2024, Ban Dân vận Tỉnh ủy và Ban cán sự đảng UBND tỉnh ký kết Chương trình phối hợp "
                 "giai đoạn 2022 - 2026.")
    assert len(r.agreements) == 1
    agreement = r.agreements[0]
    assert agreement.parties == ("2008-vinh-phuc/ban-can-su-dang.ubnd", "2008-vinh-phuc/ban-dan-van.tinh-uy")
    assert agreement.period == (2022, 2026) and agreement.kind == "program"
    assert agreement.signed == date(2024, 2, 28) and agreement.signed_here
    assert agreement.label == ("Chương trình phối hợp giai đoạn 2022–2026 giữa Ban Dân vận Tỉnh ủy Vĩnh Phúc và "
                               "Ban Cán sự đảng UBND tỉnh Vĩnh Phúc")


def test_parties_as_written_from_the_mention_that_names_them_most_fully():
    r = resolved("Ngày 28/2/2024, Hội Nông dân tỉnh và Chi nhánh Ngân hàng Chính sách xã hội (NHCSXH) tỉnh ký kết "
                 "Chương trình phối hợp giai đoạn 2024 - 2028. Theo Chương trình phối hợp giai đoạn 2024 - 2028 giữa "
                 "Hội Nông dân và NHCSXH, hai bên thực hiện 6 nội dung.")
    (agreement,) = r.agreements
    assert agreement.parties_stated == ("Hội Nông dân tỉnh", "Chi nhánh Ngân hàng Chính sách xã hội tỉnh")


def test_parties_are_those_it_is_between_not_the_conference_s_hosts():
    r = resolved("Chiều 21-10, Thành ủy, UBND TP Cần Thơ và Tỉnh ủy, UBND tỉnh Kiên Giang tổ chức hội nghị ký kết "
                 "thỏa thuận hợp tác giai đoạn 2020-2025. Dịp này, hai Chủ tịch UBND đã ký kết thỏa thuận hợp tác "
                 "giữa UBND TP Cần Thơ và UBND tỉnh Kiên Giang giai đoạn 2020-2025.", province="Cần Thơ")
    (agreement,) = r.agreements
    assert agreement.parties_stated == ("UBND TP Cần Thơ", "UBND tỉnh Kiên Giang")


def test_an_agreement_cited_by_a_document_number_is_a_document_too():
    r = resolved("Thực hiện Chương trình phối hợp số 79-CTr/BDVTW-BCSĐCP ngày 25/3/2014 giữa Ban Dân vận Trung ương "
                 "và Ban cán sự đảng Chính phủ giai đoạn 2013 - 2016, hai bên ký kết Kế hoạch phối hợp số 03 năm 2024.")
    assert [(d.number, d.issued) for d in r.documents] == [("79-CTr/BDVTW-BCSĐCP", date(2014, 3, 25))]
    assert {a.number for a in r.agreements} == {"79-CTr/BDVTW-BCSĐCP", "03"}


def test_an_agreement_reviewed_or_signed_here_under_a_document_number_is_a_document_too():
    reviewed = resolved("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh và Công an tỉnh tổ chức hội nghị sơ kết 2 năm thực hiện "
                        "Chương trình phối hợp số 09/CTrPH-MTTQ-CA ngày 15/3/2021 giữa Ban Thường trực Ủy ban MTTQ Việt Nam "
                        "tỉnh và Công an tỉnh.")
    assert [a.number for a in reviewed.agreements] == ["09/CTrPH-MTTQ-CA"]
    [document] = reviewed.documents
    assert (document.number, document.issued) == ("09/CTrPH-MTTQ-CA", date(2021, 3, 15))
    assert "09/CTrPH-MTTQ-CA" in document.evidence.text
    signed = resolved("Sáng 7/3, Sở Tư pháp và Công an tỉnh ký kết Quy chế phối hợp số 05/QCPH-STP-CAT về trợ giúp "
                      "pháp lý.")
    assert [d.number for d in signed.documents] == ["05/QCPH-STP-CAT"]
    bare = resolved("Sáng 7/3, Sở Tư pháp và Công an tỉnh ký kết Quy chế phối hợp số 05 về trợ giúp pháp lý.")
    assert bare.documents == ()


def test_an_agreement_cited_by_its_number_and_parties_alone_is_a_document_not_an_agreement():
    r = resolved("Sáng 22/12, Tỉnh đoàn và Hội Doanh nhân trẻ tỉnh ký kết chương trình phối hợp giai đoạn 2016 - 2018. "
                 "Thực hiện Chương trình phối hợp số 45-CTrPH/TWĐTN-HDNTVN của Ban Bí thư Trung ương Đoàn và Ban "
                 "Thường trực Hội Doanh nhân trẻ Việt Nam, hai bên đã mở 14 lớp tập huấn.",
                 published=date(2015, 12, 23))
    assert [(a.period, a.number) for a in r.agreements] == [((2016, 2018), None)]
    assert [(d.number, d.issued) for d in r.documents] == [("45-CTrPH/TWĐTN-HDNTVN", None)]


def test_a_commune_s_body_is_not_the_province_s_of_the_same_kind():
    r = resolved("Sáng 19/8, Bộ CHQS tỉnh, Công an tỉnh và Bộ Chỉ huy BĐBP tỉnh ký kết Quy chế phối hợp thực hiện "
                 "nhiệm vụ quốc phòng, an ninh. Đồng chí Bàn Văn Hiển đề nghị ba lực lượng hướng dẫn các xã xây dựng "
                 "quy chế phối hợp giữa Ban CHQS xã, Công an xã và đồn biên phòng.", published=date(2025, 8, 20))
    assert {a.parties_stated: a.signed for a in r.agreements if a.kind == "regulation"} == {
        ("Bộ CHQS tỉnh", "Công an tỉnh", "Bộ Chỉ huy BĐBP tỉnh"): date(2025, 8, 19),
        ("Ban CHQS xã", "Công an xã"): None}


def test_a_number_signed_on_a_day_joins_the_period_that_day_falls_in():
    r = resolved("Sáng 26/12, Cục Thuế tỉnh và Công an tỉnh tổng kết Chương trình phối hợp giai đoạn 2016 - 2020 và "
                 "ký kết Chương trình phối hợp giai đoạn 2021 - 2025. Sau 5 năm thực hiện Chương trình phối hợp số "
                 "245/CTPH-CT-CAT ngày 18/3/2016, hai đơn vị đã trao đổi nhiều thông tin.",
                 published=date(2020, 12, 28))
    assert sorted((a.period, a.number, a.signed) for a in r.agreements) == [
        ((2016, 2020), "245/CTPH-CT-CAT", date(2016, 3, 18)), ((2021, 2025), None, date(2020, 12, 26))]


def test_a_number_naming_no_parties_joins_the_one_dated_agreement_of_its_kind():
    r = resolved("Sở Tài nguyên và Môi trường, Sở Giáo dục và Đào tạo và Tỉnh đoàn sơ kết Chương trình phối hợp giai "
                 "đoạn 2021 - 2025. Sau 2 năm thực hiện Chương trình phối hợp số 12/CTPH-STNMT-SGDĐT-TĐTN, 100% trường "
                 "học đã ký cam kết.", published=date(2023, 9, 13))
    assert [(a.period, a.number) for a in r.agreements] == [((2021, 2025), "12/CTPH-STNMT-SGDĐT-TĐTN")]


def test_an_agreement_number_keeps_the_digits_of_its_codes():
    r = resolved("Chương trình nhằm cụ thể hóa Chương trình phối hợp số 01/CTrPH-UBTVQH15-ĐCTUBTWMTTQVN ngày 22/3/2022 "
                 "giữa Ủy ban Thường vụ Quốc hội và Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam.")
    assert [a.number for a in r.agreements] == ["01/CTrPH-UBTVQH15-ĐCTUBTWMTTQVN"]


def test_a_title_written_again_alone_is_the_post_it_was_given_with_its_body():
    r = resolved("Chủ tịch UBND tỉnh tiếp ông Ahn Min-sik, Tổng Lãnh sự Hàn Quốc tại Đà Nẵng. Tổng Lãnh sự Ahn Min-sik "
                 "cảm ơn sự đón tiếp của tỉnh.")
    assert [h.stated for h in r.holdings] == ["Tổng Lãnh sự Hàn Quốc tại Đà Nẵng"]
    assert [p.key for p in r.posts] == [r.holdings[0].post]   # the post written bare is no post of its own


def test_a_post_the_article_writes_out_is_stated_so_over_its_body_taken_from_the_context():
    r = resolved("Chủ trì hội nghị có đồng chí Lê Quang Vinh, Giám đốc Sở Y tế và các Phó Giám đốc Sở: Trần Đình "
                 "Khang, Y Djuan Byă. Theo báo cáo do ông Trần Đình Khang, Phó Giám đốc Sở Y tế trình bày, dân số tăng.")
    stated = {(p.name, h.stated) for p in r.persons for h in r.holdings if h.person == p.key}
    assert ("Trần Đình Khang", "Phó Giám đốc Sở Y tế") in stated
    assert ("Y Djuan Byă", None) in stated


def test_a_name_written_short_is_the_person_whose_full_name_it_ends_or_begins():
    r = resolved("Bà Sơn Thị Chanh Đa - Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh chủ trì buổi lễ. \"Không để ai bị bỏ lại "
                 "phía sau\" - bà Chanh Đa nói. Ông Y Thuân Byă, Trưởng buôn Ko Tam cho biết, cả buôn có hơn 90 người. "
                 "\"Bác sĩ về buôn thì bà con đi đông lắm\", ông Y Thuân nói.")
    assert sorted(p.name for p in r.persons) == ["Sơn Thị Chanh Đa", "Y Thuân Byă"]


def test_bodies_named_bare_or_after_their_unit_word():
    r = resolved("Tỉnh đoàn và Đảng ủy Quân sự tỉnh ký kết Chương trình phối hợp giai đoạn 2024 - 2028.")
    labels = {o.key: o.label_vi for o in r.orgs}
    assert labels["2008-vinh-phuc/tinh-doan"] == "Tỉnh đoàn Vĩnh Phúc"
    assert labels["2008-vinh-phuc/dang-uy-quan-su"] == "Đảng ủy Quân sự tỉnh Vĩnh Phúc"


def test_document_key():
    r = resolved("Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư, hai bên thống nhất nhiều nội dung.")
    assert [(d.key, d.number, d.kind, d.issued, d.issuer) for d in r.documents] == [
        ("114-kl-tw", "114-KL/TW", "ket-luan", date(2015, 7, 14), "central/ban-bi-thu")]


def test_a_body_written_with_viet_nam_and_no_place_is_the_national_one():
    r = resolved("Trung ương Hội Nông dân Việt Nam và Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam ký kết "
                 "Chương trình phối hợp giai đoạn 2023 - 2027. Hội Nông dân tỉnh và Ngân hàng Nông nghiệp và Phát triển "
                 "Nông thôn Việt Nam - Chi nhánh tỉnh Vĩnh Phúc ký kết Kế hoạch phối hợp năm 2024.")
    assert org(r, "central/agribank").level == "central"
    assert org(r, "central/tw-hoi-nong-dan").level == "central"
    assert org(r, "2008-vinh-phuc/agribank").province == "2008-vinh-phuc"
    r = resolved("Ủy ban MTTQ Việt Nam tỉnh và Công ty TNHH Hoa Sen Việt Nam ký kết Quy chế phối hợp năm 2024.")
    assert org(r, "2008-vinh-phuc/ubmttq").level == "province"
    assert org(r, "2008-vinh-phuc/cong-ty-tnhh-hoa-sen-viet-nam").level == "province"  # the company's own name


def test_an_organisation_named_after_the_central_committee_is_the_national_one():
    r = resolved("Ông Lê Văn Nam, Phó Chủ tịch Trung ương Hội Khuyến học; bà Trần Thị Hoa, Chủ tịch Hội Khuyến học "
                 "tỉnh và ông Lê Minh Tâm, Phó Chủ tịch Hội Luật gia Việt Nam dự.")
    national = org(r, "central/hoi-khuyen-hoc")
    assert (national.level, national.province, national.label_vi) == ("central", None, "Hội Khuyến học")
    assert org(r, "2008-vinh-phuc/hoi-khuyen-hoc").level == "province"
    assert org(r, "central/hoi-luat-gia").level == "central"
    stated = {h.stated for h in r.holdings}
    assert {"Phó Chủ tịch Trung ương Hội Khuyến học", "Phó Chủ tịch Hội Luật gia Việt Nam"} <= stated


def test_bodies_of_other_states_are_scoped_abroad():
    r = resolved("Tiếp đoàn có ông Ahn Min-sik, Tổng Lãnh sự Hàn Quốc tại Đà Nẵng và đồng chí Khăm Phăn Phôm Ma Thạt, "
                 "Bí thư Tỉnh ủy Xiêng Khoảng.")
    lao = org(r, "abroad/xieng-khoang/tinh-uy")
    assert (lao.level, lao.province, lao.label_vi) == (None, None, "Tỉnh ủy Xiêng Khoảng")
    consulate = org(r, "abroad/tong-lanh-su-quan-han-quoc-tai-da-nang")
    assert (consulate.level, consulate.province) == (None, None)
    assert {p.key for p in r.persons} == {"kham-phan-phom-ma-that-abroad", "ahn-min-sik-abroad"}
    assert not any(o.province for o in r.orgs)


def test_a_body_of_a_province_abroad_after_the_unit_word_is_scoped_abroad():
    r = resolved("Đại tá Khăm-phăn Xay-nha-vông, Phó Chỉ huy trưởng Bộ CHQS tỉnh Attapeu (Lào) và Đại tá Lê Văn Nam, "
                 "Chỉ huy trưởng Bộ CHQS tỉnh đồng chủ trì hội đàm.")
    lao = org(r, "abroad/attapeu/bo-chqs")
    assert (lao.level, lao.province) == (None, None)
    assert org(r, "2008-vinh-phuc/bo-chqs").province == "2008-vinh-phuc"
    assert {p.key for p in r.persons} == {"kham-phan-xay-nha-vong-abroad", "le-van-nam-2008-vinh-phuc"}


def test_a_central_body_of_another_country_is_its_counterpart_abroad():
    r = resolved("Tiếp đoàn có bà Khămphoui Vôngsa, Ủy viên Ban Chấp hành Trung ương Hội Liên hiệp Phụ nữ Lào; "
                 "ông Xaysổm Phômmavông, Thứ trưởng Bộ Công an Lào và bà Lê Thị Hà, Ủy viên Ban Chấp hành Trung ương "
                 "Hội LHPN Việt Nam.")
    union = org(r, "abroad/tw-hoi-lhpn-lao")
    assert (union.level, union.province) == (None, None)
    assert (union.label_vi, union.label_en) == ("Trung ương Hội Liên hiệp Phụ nữ Lào",
                                                "Central Committee of the Laos Women's Union")
    assert org(r, "abroad/bo-cong-an-lao").label_en == "Ministry of Public Security, Laos"
    assert org(r, "central/tw-hoi-lhpn").label_vi == "Trung ương Hội Liên hiệp Phụ nữ Việt Nam"


def test_a_steering_committee_named_national_is_the_country_s():
    r = resolved("Ông Trần Văn Nam, Phó Trưởng Ban Chỉ đạo quốc gia về phòng, chống thiên tai và ông Lê Văn Hòa, "
                 "Trưởng Ban Chỉ đạo phòng, chống ma túy tỉnh dự.")
    assert org(r, "central/ban-chi-dao-quoc-gia-ve-phong-chong-thien-tai").level == "central"
    assert org(r, "2008-vinh-phuc/ban-chi-dao-phong-chong-ma-tuy").level == "province"


def test_what_a_loose_mention_carries_out_is_carried_out_by_the_agreement_signed():
    r = resolved("Sáng 23/2, Ban Dân vận Tỉnh ủy và Ban Cán sự đảng UBND tỉnh ký kết Chương trình phối hợp giai đoạn "
                 "2017 - 2021. Chương trình phối hợp nhằm thực hiện Kết luận 114-KL/TW ngày 14/7/2015 của Ban Bí thư; "
                 "Chương trình phối hợp số 79-CTr/BDVTW-BCSĐCP ngày 11/10/2016 giữa Ban Dân vận Trung ương và Ban Cán sự "
                 "đảng Chính phủ giai đoạn 2016 - 2021.")
    signed = next(a for a in r.agreements if a.period == (2017, 2021))
    central = next(a for a in r.agreements if a.period == (2016, 2021))
    assert set(signed.implements) == {slug("114-KL/TW"), central.key}
    assert slug("79-CTr/BDVTW-BCSĐCP") in {d.key for d in r.documents}


def test_a_proper_name_stays_with_its_own_body():
    facts = resolved("Hai bên thống nhất nội dung phối hợp.").facts
    text = "Vụ Dân tộc, Ban Dân vận Trung ương"
    department = _Orgs(facts).resolve(OrgMention(Span(0, len(text), text, "body"), ("vu", "ban-dan-van", "bch-tw"),
                                                 name="Dân tộc"))
    assert department.key == "central/vu-dan-toc.ban-dan-van.bch-tw"
    assert department.label_vi == "Vụ Dân tộc Ban Dân vận Trung ương"
    assert department.parent == "central/ban-dan-van.bch-tw"
    text = "Đảng ủy Công ty Điện lực Vĩnh Phúc"
    committee = _Orgs(facts).resolve(OrgMention(Span(0, len(text), text, "body"), ("dang-uy", "cong-ty"),
                                                name="Điện lực Vĩnh Phúc"))
    assert committee.key == "2008-vinh-phuc/dang-uy.cong-ty-dien-luc-vinh-phuc"
    assert committee.parent == "2008-vinh-phuc/cong-ty-dien-luc-vinh-phuc"


def test_a_class_of_bodies_is_a_party_as_written():
    r = resolved("Ngày 28/2/2024, hội nghị thông qua Chương trình phối hợp và thống nhất hành động giai đoạn 2024 - 2029 "
                 "giữa Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh.")
    (agreement,) = r.agreements
    assert agreement.parties == ("2008-vinh-phuc/ubmttq",)
    assert agreement.parties_stated == ("Ủy ban MTTQ Việt Nam tỉnh", "các tổ chức chính trị - xã hội tỉnh")
    assert agreement.label.endswith("giữa Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Vĩnh Phúc và các tổ chức chính trị - xã "
                                    "hội tỉnh")


def test_a_standing_committee_signs_for_its_body():
    r = resolved("Ngày 28/2/2024, Ban Thường vụ Tỉnh đoàn Vĩnh Phúc và Viettel Vĩnh Phúc ký kết Chương trình phối hợp "
                 "giai đoạn 2024 - 2026. Tỉnh đoàn và Viettel Vĩnh Phúc ký kết chương trình phối hợp.")
    (agreement,) = r.agreements
    assert agreement.parties_stated == ("Ban Thường vụ Tỉnh đoàn Vĩnh Phúc", "Viettel Vĩnh Phúc")


def test_an_agreement_of_an_executive_committee_and_of_its_body_is_one():
    r = resolved("Chiều 14/10, UBND tỉnh và Ban Chấp hành Liên đoàn Lao động tỉnh ký kết Quy chế phối hợp công tác "
                 "giai đoạn 2025 - 2030. UBND tỉnh và Liên đoàn Lao động tỉnh ký kết quy chế phối hợp.")
    (agreement,) = r.agreements
    assert agreement.parties_stated == ("UBND tỉnh", "Ban Chấp hành Liên đoàn Lao động tỉnh")


# group_agreement_mentions on hand-made mentions

def mention(kind="program", period=None, number=None, signing=False, at=0, parties=()) -> AgreementMention:
    bodies = tuple(OrgMention(Span(at, at + 5, "x" * 5, "body"), (chain,)) for chain in parties)
    return AgreementMention(Span(at, at + 10, "x" * 10, "agreement"), kind, period, number, signing=signing,
                            parties=bodies)


def test_group_same_period_and_bare_mention():
    a, b, c = mention(period=(2022, 2026)), mention(period=(2022, 2026), at=50), mention(at=90)
    assert group_agreement_mentions([a, b, c]) == [[a, b, c]]


def test_group_by_period_and_by_number():
    a, b, c = mention(period=(2021, 2026)), mention(period=(2022, 2026), at=40), mention(number="03", at=80)
    assert group_agreement_mentions([a, b, c]) == [[a], [b], [c]]


def test_bare_mention_joins_the_only_group_of_its_kind():
    program, plan, bare_plan = mention("program", (2021, 2026)), mention("plan", (2023, 2023), at=40), mention("plan", at=80)
    assert group_agreement_mentions([program, plan, bare_plan]) == [[program], [plan, bare_plan]]


def test_a_signing_joins_the_group_the_article_signs_rather_than_one_it_looks_back_to():
    past = mention("memorandum", (2021, 2025), parties=("ubnd", "chinh-quyen-tinh-nuoc-ngoai"))
    signed = mention("memorandum", (2026, 2030), signing=True, at=40, parties=("ubnd", "chinh-quyen-tinh-nuoc-ngoai"))
    bare = mention("memorandum", signing=True, at=80, parties=("ubnd", "chinh-quyen-tinh-nuoc-ngoai"))
    assert group_agreement_mentions([past, signed, bare]) == [[past], [signed, bare]]


def test_another_signing_by_bodies_it_names_is_another_agreement():
    main = mention("agreement", (2024, 2028), signing=True, parties=("ubnd", "vietcombank"))
    also = replace(mention("agreement", signing=True, at=80, parties=("vietcombank", "cong-ty")), another=True)
    assert group_agreement_mentions([main, also]) == [[main], [also]]
    assert group_agreement_mentions([main, replace(also, another=False)]) == [[main, replace(also, another=False)]]


def test_a_signing_sharing_a_party_with_two_groups_joins_the_one_the_article_signs():
    # "Ngân hàng Nhà nước và Hội Nông dân tỉnh ký chương trình phối hợp": the branch's program signed here, not the
    # central one it carries out, though the title's bodies fit neither exactly
    title = mention("program", signing=True, parties=("ngan-hang-nha-nuoc", "hoi-nong-dan"))
    signed = mention("program", (2016, 2020), signing=True, at=40, parties=("ngan-hang-nha-nuoc-chi-nhanh", "hoi-nong-dan"))
    central = mention("program", (2015, 2020), number="1135/CTrPH", at=80, parties=("ngan-hang-nha-nuoc", "tw-hoi-nong-dan"))
    assert group_agreement_mentions([title, signed, central]) == [[central], [title, signed]]


def test_an_agreement_only_where_signed_stands_when_the_article_signs_it():
    dated = resolved("Chiều 13/10, UBND tỉnh ký kết thỏa thuận hợp tác về chuyển đổi số với Tập đoàn Viễn thông Quân đội. "
                     "Theo thỏa thuận hợp tác về chuyển đổi số giai đoạn 2022 - 2025, hai bên sẽ phối hợp triển khai "
                     "6 nội dung.")
    assert [(a.kind, a.period, a.signed_here) for a in dated.agreements] == [("agreement", (2022, 2025), True)]
    looked_back = resolved("So với thỏa thuận hợp tác giai đoạn 2019 - 2023, quy mô hợp tác tăng gấp hai lần.")
    assert looked_back.agreements == ()


def test_a_signing_by_number_joins_the_one_dated_group_of_its_kind():
    dated = mention("resolution", (2020, 2025), parties=("ubnd", "ubmttq"))
    numbered = mention("resolution", number="05/NQLT-UBND-MTTQ", signing=True, at=80, parties=("ubnd", "ubmttq"))
    cited = mention("resolution", number="403/2017/NQLT", at=120)
    assert group_agreement_mentions([dated, numbered, cited]) == [[dated, numbered], [cited]]


def test_bare_mention_with_two_candidate_groups_is_dropped():
    a, b, bare = mention(period=(2016, 2020)), mention(period=(2021, 2025), at=40), mention(at=80)
    assert group_agreement_mentions([a, b, bare]) == [[a], [b]]


def test_bare_mentions_only_kept_when_signed():
    signed, other_kind, same_kind = mention("plan", signing=True), mention("program", at=40), mention("plan", at=80)
    assert group_agreement_mentions([signed, other_kind, same_kind]) == [[signed, same_kind]]
    assert group_agreement_mentions([mention(), mention(at=40)]) == []


def test_bare_mention_of_another_kind_naming_its_parties_is_an_agreement_of_its_own():
    program = mention("program", (2016, 2021), number="03/CTPH")
    regulation = mention("regulation", at=60, parties=("thuong-truc-hdnd", "ubnd", "ubmttq"))
    assert group_agreement_mentions([program, regulation]) == [[program], [regulation]]


def test_a_signing_named_loosely_joins_the_only_group_when_it_was_signed_too():
    program, plan = mention("program", (2021, 2025), signing=True), mention("plan", signing=True, at=40)
    assert group_agreement_mentions([program, plan]) == [[program, plan]]
    other = mention("program", (2016, 2020), at=80)
    assert group_agreement_mentions([program, plan, other]) == [[program], [other]]


def test_a_signed_plan_is_not_the_program_it_carries_out():
    title = mention("plan", signing=True)
    plan = mention("plan", signing=True, at=40, parties=("hoi-lhpn", "bo-chi-huy-bien-phong"))
    program = mention("program", (2022, 2027), number="01/CTr", at=70)
    assert group_agreement_mentions([title, plan, program]) == [[program], [title, plan]]


def test_a_party_with_no_province_named_fits_the_same_party_with_one():
    province = mention("regulation", signing=True, parties=("ban-dan-van", "cong-an"))
    province = replace(province, parties=(province.parties[0], replace(province.parties[1], province="2008-lang-son")))
    dated = mention("regulation", (2024, 2028), signing=True, at=40, parties=("ban-dan-van", "cong-an"))
    assert group_agreement_mentions([province, dated]) == [[province, dated]]


def test_a_loosely_named_mention_does_not_change_the_kind():
    r = resolved("Ngày 28/2/2024, Ban Dân vận Tỉnh ủy và Công an tỉnh ký kết Quy chế phối hợp giai đoạn 2024 - 2029.")
    assert [(a.kind, a.period) for a in r.agreements] == [("regulation", (2024, 2029))]  # the title says "Chương trình"


def test_number_without_period_joins_the_dated_mention_with_that_number():
    dated, again = mention(period=(2021, 2025), number="1250/CTPH"), mention(number="1250/CTPH", at=70)
    assert group_agreement_mentions([dated, again]) == [[dated, again]]


def test_same_number_in_two_periods_is_two_agreements():
    old, new = mention(period=(2016, 2020), number="03"), mention(period=(2021, 2025), number="03", at=70)
    assert group_agreement_mentions([old, new]) == [[old], [new]]


def test_bare_mention_goes_to_the_group_with_its_parties():
    a = mention("regulation", (2016, 2021), at=0, parties=("thuong-truc-hdnd", "ubmttq"))
    b = mention("regulation", (2021, 2026), at=40, parties=("ubnd", "ubmttq"))
    bare = mention("regulation", at=90, parties=("ubnd", "ubmttq"))
    assert group_agreement_mentions([a, b, bare]) == [[a], [b, bare]]


def test_undated_mentions_with_different_parties_stay_apart():
    one = mention("regulation", signing=True, parties=("cong-an", "so-y-te"))
    other = mention("regulation", at=40, parties=("ubnd", "ubmttq"))
    unnamed = mention("regulation", at=90)
    assert group_agreement_mentions([one, other, unnamed]) == [[one], [other]]


def test_group_keeps_the_order_of_the_text():
    bare, dated = mention("plan", signing=True, at=0), mention("plan", (2021, 2021), at=50)
    assert group_agreement_mentions([bare, dated]) == [[bare, dated]]


# the event's day, plural posts

@pytest.mark.parametrize("tag", ["BVP -", "Baolongan.vn -"])
def test_signing_in_the_lead_after_an_agency_tag_takes_the_leads_day(tag):
    r = resolved(f"{tag} Sáng 27/2, Ban Dân vận Tỉnh ủy và Hội Nông dân tỉnh ký kết Chương trình phối hợp "
                 "giai đoạn 2024 - 2028.")
    assert [(a.period, a.signed) for a in r.agreements] == [((2024, 2028), date(2024, 2, 27))]


def test_signing_at_the_event_takes_the_leads_day():
    r = resolved("(VP) - Ngày 26/2, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác năm 2023.\n"
                 "Đồng chí Nguyễn Văn Hùng, Trưởng Ban Dân vận Tỉnh ủy chủ trì hội nghị.\n"
                 "Tại hội nghị, Ban Dân vận Tỉnh ủy và Công an tỉnh đã ký kết Quy chế phối hợp giai đoạn 2024 - 2029.")
    assert [(a.period, a.signed, a.parties) for a in r.agreements] == [
        ((2024, 2029), date(2024, 2, 26), ("2008-vinh-phuc/ban-dan-van.tinh-uy", "2008-vinh-phuc/cong-an"))]
    assert r.events[0].date == date(2024, 2, 26)


@pytest.mark.parametrize("next_at_it", ["Tiếp đó", "Ngay sau kỳ họp", "Tối cùng ngày", "Trước đó, sáng cùng ngày",
                                       "Cũng trong buổi chiều", "Sau hội đàm", "Cùng dịp", "Kết thúc buổi hội đàm",
                                       "Cuối buổi làm việc", "Tại diễn đàn", "Trên cơ sở kết quả hội đàm",
                                       "Cũng trong dịp này", "Ngoài ra"])
def test_a_signing_next_at_the_event_takes_the_leads_day(next_at_it):
    r = resolved("(VP) - Chiều 19/3, HĐND tỉnh tổ chức kỳ họp chuyên đề, đoàn công tác của Bộ Tư pháp dự.\n"
                 f"{next_at_it}, Sở Tư pháp và Công an tỉnh đã ký kết Quy chế phối hợp giai đoạn 2024 - 2029.")
    assert [(a.period, a.signed) for a in r.agreements] == [((2024, 2029), date(2024, 3, 19))]


def test_another_signing_at_the_event_is_its_own_agreement_of_the_event_s_day():
    r = resolved("(BGĐT) - Chiều 27/5/2021, UBND tỉnh tổ chức hội nghị xúc tiến tiêu thụ vải thiều năm 2021.\n"
                 "Tại hội nghị, Sở Công Thương tỉnh Bắc Giang và Công ty TNHH Shopee đã ký kết thỏa thuận hợp tác "
                 "giai đoạn 2021 - 2023 về hỗ trợ tiêu thụ nông sản.\n"
                 "Cùng với đó, Sở Công Thương tỉnh Bắc Giang và Tổng công ty Bưu điện Việt Nam ký thỏa thuận hợp tác "
                 "đưa vải thiều lên sàn thương mại điện tử.")
    assert sorted((a.period or (0, 0), a.signed, len(a.parties)) for a in r.agreements) == [
        ((0, 0), date(2021, 5, 27), 2), ((2021, 2023), date(2021, 5, 27), 2)]


def test_a_headline_in_capitals_does_not_bound_the_parties_the_story_names():
    r = resolved("KÝ KẾT QUY CHẾ PHỐI HỢP GIỮA SỞ DÂN TỘC VÀ TÔN GIÁO, BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH VÀ CÔNG AN TỈNH\n"
                 "(LC) - Sáng 18/4/2025, Sở Dân tộc và Tôn giáo tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Công an tỉnh "
                 "tổ chức hội nghị ký kết Quy chế phối hợp trong thực hiện công tác dân tộc.")
    assert [len(a.parties) for a in r.agreements] == [3]


def test_a_signing_at_the_event_after_an_opening_clause_takes_the_leads_day_after_its_own_opening():
    r = resolved("(QT) - Nhân kỷ niệm 70 năm Ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2017), chiều 26/7, "
                 "đoàn công tác Trung ương dâng hương tại Nghĩa trang liệt sĩ quốc gia Trường Sơn.\n"
                 "Thực hiện Chương trình phối hợp giai đoạn 2017 - 2021 của hai ngành, tại buổi làm việc, "
                 "Sở Lao động - Thương binh và Xã hội và Công an tỉnh đã ký kết Kế hoạch phối hợp giai đoạn 2017 - 2020.")
    day = {a.period: a.signed for a in r.agreements}[(2017, 2020)]
    assert (day.month, day.day) == (7, 26)


def test_an_agreement_named_loosely_joins_the_one_of_its_kind_it_shares_a_party_with():
    r = resolved("Tỉnh đoàn ký kết quy chế phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh.\n"
                 "Sáng 28/2, Ban Thường vụ Tỉnh đoàn và Đảng ủy - Bộ Chỉ huy Bộ đội Biên phòng tỉnh ký kết Quy chế "
                 "phối hợp giai đoạn 2024 - 2029.")
    assert [(a.kind, a.period) for a in r.agreements] == [("regulation", (2024, 2029))]


def test_an_agreement_signed_after_a_period_ended_is_not_that_period_s():
    r = resolved("Chiều 28/2, UBND tỉnh và Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh tổ chức hội nghị ký kết Quy chế "
                 "phối hợp công tác giữa UBND tỉnh và Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh.\n"
                 "Trước đó, UBND tỉnh đã ký kết và thực hiện quy chế phối hợp với Ban Thường trực Ủy ban MTTQ Việt Nam "
                 "tỉnh nhiệm kỳ 2019 - 2023.")
    assert sorted((a.period or (0, 0), a.signed is not None) for a in r.agreements) == [((0, 0), True),
                                                                                      ((2019, 2023), False)]


def test_a_caption_naming_the_ward_speaks_of_the_agreement_signed_by_its_unnamed_bodies():
    r = resolved("Chiều 23/10, Thường trực HĐND phường và UBND phường ký kết Chương trình phối hợp giai đoạn "
                 "2025 - 2026.\nLãnh đạo Thường trực HĐND và UBND phường Tân An ký kết chương trình phối hợp.")
    assert [(a.kind, a.period) for a in r.agreements] == [("program", (2025, 2026))]


def test_an_agreement_of_the_two_sides_is_between_the_parties_the_article_signs_for():
    r = resolved("Sáng 14/3, Ban Dân vận Tỉnh ủy và Công an tỉnh ký kết Kế hoạch phối hợp năm 2024.\n"
                 "Năm 2023, hai bên đã triển khai nghiêm túc Chương trình phối hợp giai đoạn 2021 - 2026.\n"
                 "Ba cơ quan đã tổng kết Quy chế phối hợp giai đoạn 2016 - 2020.")
    parties = {a.period: a.parties for a in r.agreements}
    both = ("2008-vinh-phuc/ban-dan-van.tinh-uy", "2008-vinh-phuc/cong-an")
    assert parties == {(2024, 2024): both, (2021, 2026): both, (2016, 2020): ()}


def test_signing_told_in_passing_has_no_day():
    r = resolved("Ngày 26/2, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác năm 2023.\n"
                 "Năm 2021, Ban Dân vận Tỉnh ủy và Công an tỉnh đã ký kết Quy chế phối hợp giai đoạn 2021 - 2025.")
    assert [(a.period, a.signed) for a in r.agreements] == [((2021, 2025), None)]


def test_a_dateline_is_no_lead():
    r = resolved("2/28/2024 9:14:31 AM\nTại hội nghị, Sở Tư pháp và Công an tỉnh ký kết Quy chế phối hợp năm 2024.")
    assert [(a.period, a.signed) for a in r.agreements] == [((2024, 2024), None)]


def test_a_post_of_several_names_nobody():
    r = resolved("Đồng chí Lê Văn Tâm, Chủ tịch UBND huyện chủ trì hội nghị. Dự hội nghị có đồng chí Hà Thị Vân, "
                 "Phó Bí thư Huyện ủy; Chủ tịch UBND 15 xã, thị trấn.")
    assert {(p.person, p.role) for p in r.events[0].participations} == {
        ("le-van-tam-2008-vinh-phuc", "chair"), ("ha-thi-van-2008-vinh-phuc", "attendee")}


def test_a_post_in_another_place_names_nobody():
    r = resolved("Đồng chí Đỗ Văn Chiến, Chủ tịch UBND huyện chủ trì hội nghị. Tại hội nghị, Chủ tịch UBND xã Tân Lập "
                 "phát biểu tham luận.", province="Tuyên Quang")
    assert {(p.person, p.role) for p in r.events[0].participations} == {("do-van-chien-2008-tuyen-quang", "chair")}


@pytest.mark.parametrize("stem", ["000_efcf34444f6c0f59"])
def test_sample_article_resolution(stem):
    from pathlib import Path
    from kg.read import read_article
    path = Path(__file__).resolve().parent.parent / "data" / "articles" / f"{stem}.txt"
    r = resolve_article(extract_article(read_article(path)))
    assert r.facts.province == "2008-vinh-phuc"
    pos = positions(r)
    assert pos["Lê Duy Thành"] == {"Phó Bí thư Tỉnh ủy Vĩnh Phúc", "Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Phúc",
                                   "Bí thư Ban Cán sự đảng UBND tỉnh Vĩnh Phúc"}
    assert set(pos) == {"Lê Duy Thành", "Vũ Việt Văn", "Vũ Chí Giang", "Nguyễn Thanh Tùng"}


def test_a_bare_title_repeating_a_post_with_its_body_is_that_post():
    r = resolved("Đồng chí Lê Thị Thanh Hiền - Phó Chủ tịch Hội Nông dân tỉnh phát biểu. Tại hội nghị lần thứ nhất, "
                 "đồng chí Lê Thị Thanh Hiền được bầu làm Phó Chủ tịch; đồng chí Hà Văn Tư được bầu làm Chủ tịch.")
    assert positions(r) == {"Lê Thị Thanh Hiền": {"Phó Chủ tịch Hội Nông dân tỉnh Vĩnh Phúc"},
                            "Hà Văn Tư": {"Chủ tịch"}}
    assert {p.key for p in r.posts} == {h.post for h in r.holdings}, "no post is left without a holder"


def test_a_post_is_stated_without_the_abbreviation_glossed_in_it():
    r = resolved("Giám đốc Sở Tài nguyên và Môi trường (TN&MT) Lê Duy Hùng cho biết toàn tỉnh đã cấp 18.000 giấy chứng nhận.")
    assert [h.stated for h in r.holdings] == ["Giám đốc Sở Tài nguyên và Môi trường"]


def test_a_number_with_its_day_and_parties_joins_the_agreement_of_that_period():
    r = resolved("Đảng ủy UBND tỉnh và Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức sơ kết 6 tháng thực hiện Chương trình "
                 "phối hợp giai đoạn 2025 - 2030. Chương trình phối hợp số 02-CTrPH/ĐU-BTGDV được Đảng ủy UBND tỉnh và "
                 "Ban Tuyên giáo và Dân vận Tỉnh ủy ký ngày 15/7/2025.")
    assert [(a.period, a.number, a.signed) for a in r.agreements] == [
        ((2025, 2030), "02-CTrPH/ĐU-BTGDV", date(2025, 7, 15))]


def test_an_agreement_signed_with_another_and_no_day_of_its_own_takes_the_other_s_day():
    r = resolved("Chiều 18/12, Sở Nội vụ và Ủy ban MTTQ Việt Nam tỉnh ký kết Chương trình phối hợp chăm lo người có công "
                 "giai đoạn 2026 - 2030.\nCùng với chương trình, Sở Nội vụ và Ủy ban MTTQ Việt Nam tỉnh ký Kế hoạch phối "
                 "hợp năm 2026 với 12 nhiệm vụ cụ thể.", published=date(2025, 12, 19))
    assert sorted((a.kind, a.period, a.signed) for a in r.agreements) == [
        ("plan", (2026, 2026), date(2025, 12, 18)), ("program", (2026, 2030), date(2025, 12, 18))]


def test_a_number_signed_on_a_day_joins_the_group_whose_period_holds_that_day_not_the_next_one():
    reviewed = mention("plan", (2022, 2022), parties=("uy-ban-kiem-tra", "thanh-tra"))
    signed = mention("plan", (2023, 2023), signing=True, at=40, parties=("uy-ban-kiem-tra", "thanh-tra"))
    numbered = replace(mention("plan", number="05-KHPH/UBKT-TTr", at=80, parties=("uy-ban-kiem-tra", "thanh-tra")),
                       signed=date(2022, 2, 18))
    assert group_agreement_mentions([reviewed, signed, numbered]) == [[reviewed, numbered], [signed]]


def test_a_signing_by_number_joins_the_dated_group_the_article_signs():
    reviewed, signed = mention("plan", (2022, 2022)), mention("plan", (2023, 2023), signing=True, at=40)
    numbered = mention("plan", number="02-KHPH/UBKT-TTr", signing=True, at=80)
    assert group_agreement_mentions([reviewed, signed, numbered]) == [[reviewed], [signed, numbered]]


def test_a_number_with_no_day_joins_the_dated_group_the_article_signs():
    reviewed, signed = mention("regulation", (2021, 2025)), mention("regulation", (2025, 2030), signing=True, at=40)
    numbered = mention("regulation", number="01-QC/ĐUCQĐ-ĐUUBND", at=80)
    assert group_agreement_mentions([reviewed, signed, numbered]) == [[reviewed], [signed, numbered]]


def test_a_sentence_opening_with_the_kind_alone_tells_the_period_of_the_agreement_last_named():
    r = resolved("Chiều 20/6, Ban Tổ chức Tỉnh ủy và Ủy ban Kiểm tra Tỉnh ủy đã ký kết Quy chế phối hợp trong công tác "
                 "cán bộ.\nQuy chế gồm 4 chương, 16 điều, được thực hiện trong giai đoạn 2014 - 2015.",
                 published=date(2014, 6, 21))
    assert [(a.kind, a.period) for a in r.agreements] == [("regulation", (2014, 2015))]
    carried_out = resolved("Chiều 20/6, Sở Y tế và Hội Người cao tuổi tỉnh đã ký kết Kế hoạch phối hợp chăm sóc sức "
                           "khỏe người cao tuổi.\nKế hoạch được xây dựng nhằm triển khai Chương trình hành động quốc "
                           "gia về người cao tuổi giai đoạn 2021 - 2030.", published=date(2022, 6, 21))
    assert [a.period for a in carried_out.agreements if a.kind == "plan"] == [None]


def test_the_parties_of_an_agreement_are_those_of_the_mention_that_gives_its_period():
    r = resolved("Chiều 23/9, Hội Nông dân tỉnh và Sở Nông nghiệp và Môi trường tổ chức hội nghị ký kết chương trình "
                 "phối hợp giai đoạn 2025 - 2030.\nTheo báo cáo, Hội Nông dân hai tỉnh trước sắp xếp đều đã ký kết, "
                 "thực hiện chương trình phối hợp với Sở Nông nghiệp và Phát triển nông thôn.", published=date(2025, 9, 23))
    assert [(a.period, a.parties_stated) for a in r.agreements if a.period] == [
        ((2025, 2030), ("Hội Nông dân tỉnh", "Sở Nông nghiệp và Môi trường"))]
