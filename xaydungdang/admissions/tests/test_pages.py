"""admissions: the candidates' pages (list, candidate, steps with errors under the field, void)
and the DOCX papers 6-KNĐ, 8-KNĐ, 9-KNĐ read back with python-docx."""

import datetime as dt
import io

import pytest
from docx import Document

from xaydungdang.admissions import actions
from xaydungdang.admissions.tests.test_candidates import candidate, walk
from xaydungdang.conftest import person
from xaydungdang.members import actions as members

D = dt.date


@pytest.fixture
def cell(tree):
    c1 = tree["C1"]
    return {
        "an": members.enter_member(
            person("M001", "Nguyễn Văn An", joined_on=D(2010, 1, 1), official_on=D(2011, 1, 1)),
            entry="opening",
            cell=c1,
            on=D(2016, 1, 1),
        ),
        "binh": members.enter_member(
            person("M002", "Đặng Thị Bình", gender="female", joined_on=D(2010, 1, 1), official_on=D(2011, 1, 1)),
            entry="opening",
            cell=c1,
            on=D(2016, 1, 1),
        ),
    }


def text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for c in row.cells:
                parts += [p.text for p in c.paragraphs]
    return "\n".join(parts)


def test_documents_from_the_data(tree, cell, client, django_user_model):
    c = candidate(tree, hometown="xã Một, tỉnh Thử")
    walk(tree, cell, c, until="decision")
    admin = django_user_model.objects.create_superuser("qt", password="x")
    client.force_login(admin)
    page = client.get(f"/quan-chung-uu-tu/{c.pk}/").content.decode()
    assert "Mẫu 6-KNĐ" in page and "Mẫu 8-KNĐ" in page and "Mẫu 9-KNĐ" in page
    six = client.get(f"/quan-chung-uu-tu/{c.pk}/mau/6-KND.docx")
    assert six["Content-Type"].startswith("application/vnd.openxmlformats")
    body = text(six.content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in body and "CHI BỘ ẤP MỘT" in body and "ĐẢNG BỘ XÃ MỘT" in body
    assert "NGHỊ QUYẾT" in body and "đề nghị kết nạp quần chúng Võ Thị Hoa vào Đảng" in body
    assert "sinh ngày 08/03/2000" in body and "quê quán xã Một, tỉnh Thử" in body
    assert "tán thành việc kết nạp: 3/3" in body and "Nguyễn Văn An, Đặng Thị Bình" in body
    assert "Một, ngày 6 tháng 10 năm 2025" in body  # the place: the commune the cell's đảng bộ is named after
    assert "- Đảng ủy xã Một," in body  # the resolution goes to the committee above the cell
    document = Document(io.BytesIO(six.content))
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14  # rules.md §10
    eight = text(client.get(f"/quan-chung-uu-tu/{c.pk}/mau/8-KND.docx").content)
    # A committee speaks for its đảng bộ (organizations/naming.py, as the reports' issuer): the đảng ủy
    # issues the resolution, and the standing committee is the Huyện ủy's ("Ban Thường vụ Đảng bộ huyện"
    # is no body: the old text was wrong).
    assert "ĐẢNG BỘ HUYỆN MỘT\nĐẢNG ỦY XÃ MỘT\n*" in eight and "Đề nghị Ban Thường vụ Huyện ủy Một" in eight
    assert "Đảng ủy xã Một nhất trí" in eight
    nine = text(client.get(f"/quan-chung-uu-tu/{c.pk}/mau/9-KND.docx").content)
    assert "QUYẾT ĐỊNH" in nine and "Số 120-QĐ/ĐU" in nine and "BAN THƯỜNG VỤ HUYỆN ỦY MỘT" in nine
    assert "ĐẢNG BỘ TỈNH THỬ\nHUYỆN ỦY MỘT\n*" in nine and "Ban Thường vụ Đảng bộ" not in nine
    assert "Điều 1. Kết nạp quần chúng Võ Thị Hoa" in nine and "ngày 3 tháng 11 năm 2025" in nine


def test_a_paper_not_yet_possible_is_refused_with_a_message(tree, cell, client, django_user_model):
    c = candidate(tree)
    client.force_login(django_user_model.objects.create_superuser("qt", password="x"))
    response = client.get(f"/quan-chung-uu-tu/{c.pk}/mau/9-KND.docx", follow=True)
    assert "Chưa đủ dữ liệu để in mẫu 9-KNĐ" in response.content.decode()


def test_pages_list_step_errors_and_void(tree, cell, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("qt", password="x"))
    response = client.post(
        "/to-chuc/C1/quan-chung-uu-tu/moi/",
        {
            "full_name": "Lâm Văn Tú",
            "gender": "male",
            "birth_date": "01/02/2001",
            "ethnicity": "Khmer",
            "identified_on": "31/02/2025",
        },
    )
    assert "Ngày không có thật: 31/02/2025." in response.content.decode()
    response = client.post(
        "/to-chuc/C1/quan-chung-uu-tu/moi/",
        {
            "full_name": "Lâm Văn Tú",
            "gender": "male",
            "birth_date": "01/02/2001",
            "ethnicity": "Khmer",
            "identified_on": "06/01/2025",
        },
    )
    from xaydungdang.admissions.models import Candidate

    c = Candidate.objects.get(full_name="Lâm Văn Tú")
    assert response.status_code == 302 and response["Location"] == f"/quan-chung-uu-tu/{c.pk}/"
    listing = client.get("/to-chuc/C1/quan-chung-uu-tu/?q=lam").content.decode()
    assert "Lâm Văn Tú" in listing and "Đã đưa vào danh sách" in listing
    assert "Lâm Văn Tú" not in client.get("/to-chuc/C1/quan-chung-uu-tu/?stage=6").content.decode()
    page = client.get(f"/quan-chung-uu-tu/{c.pk}/").content.decode()
    assert "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng." in page  # missing
    # A step out of order: the error is under the date field.
    response = client.post(f"/quan-chung-uu-tu/{c.pk}/buoc/dossier/", {"on": "10/09/2025"})
    assert "Bước tiếp theo là «Học lớp bồi dưỡng nhận thức về Đảng»" in response.content.decode()
    client.post(f"/quan-chung-uu-tu/{c.pk}/buoc/awareness/", {"on": "20/03/2025", "number": "15/GCN"})
    response = client.post(
        f"/quan-chung-uu-tu/{c.pk}/buoc/dossier/",
        {
            "on": "10/09/2025",
            "application_on": "01/09/2025",
            "background_on": "02/09/2025",
            "introducer1": cell["an"].pk,
            "introducer2": cell["an"].pk,
            "union": "doan",
        },
    )
    assert "Hai người giới thiệu phải là hai đảng viên khác nhau." in response.content.decode()
    response = client.post(f"/quan-chung-uu-tu/{c.pk}/huy-buoc/", {"reason": "Ghi nhầm", "version": 1})
    assert response.status_code == 302
    assert list(actions.active_steps(c)) == []
