"""organizations.rules: the dated tree checked on plain records (no database), with the Vietnamese
message and the field each problem names."""

import datetime as dt

from xaydungdang.organizations.rules import MoveRecord, OrgRecord, check_tree, name_problems, segments

D = dt.date
TODAY = D(2024, 6, 1)


def base() -> dict[str, OrgRecord]:
    return {
        "P": OrgRecord("P", "Đảng bộ tỉnh", "provincial", None, D(2000, 1, 1)),
        "U1": OrgRecord("U1", "Đảng bộ huyện Một", "upper", "P", D(2000, 1, 1)),
        "U2": OrgRecord("U2", "Đảng bộ huyện Hai", "upper", "P", D(2000, 1, 1)),
        "G1": OrgRecord("G1", "Đảng bộ xã Một", "grassroots_committee", "U1", D(2005, 1, 1)),
        "C1": OrgRecord("C1", "Chi bộ ấp Một", "cell", "G1", D(2005, 1, 1)),
    }


def problems(orgs, moves=None, today=TODAY):
    return [(record, p) for record, p in check_tree(orgs, moves or {}, today).problems]


def only(orgs, moves=None, today=TODAY):
    found = problems(orgs, moves, today)
    assert len(found) == 1, [p.message for _, p in found]
    return found[0]


def test_a_consistent_tree_has_no_problems():
    orgs = base()
    moves = {"G1": [MoveRecord("G1", "U2", D(2010, 1, 1))]}
    assert problems(orgs, moves) == []


def test_founding_in_the_future():
    orgs = base()
    orgs["C1"].established_on = D(2024, 6, 2)
    record, problem = only(orgs)
    assert record is orgs["C1"]
    assert (problem.field, problem.rule) == ("established_on", "future_dates")
    assert problem.message == "Ngày thành lập 02/06/2024 ở sau ngày hôm nay."


def test_dissolution_must_follow_founding_and_not_be_in_the_future():
    orgs = base()
    orgs["C1"].dissolved_on = D(2005, 1, 1)
    record, problem = only(orgs)
    assert record is orgs["C1"] and problem.field == "dissolved_on"
    assert problem.message == "Ngày giải thể 01/01/2005 phải sau ngày thành lập 01/01/2005."
    orgs["C1"].dissolved_on = D(2030, 1, 1)
    _, problem = only(orgs)
    assert (problem.field, problem.rule) == ("dissolved_on", "future_dates")
    assert problem.message == "Ngày giải thể 01/01/2030 ở sau ngày hôm nay."


def test_parent_of_the_wrong_kind():
    orgs = base()
    orgs["C1"].parent_code = "U1"  # a cell directly under a district committee
    record, problem = only(orgs)
    assert record is orgs["C1"] and problem.field == "parent_code" and problem.rule == "org_kinds"
    assert problem.message == (
        "Chi bộ trực thuộc không thể trực thuộc Đảng bộ cấp trên trực tiếp của cơ sở (U1); "
        "cấp trên hợp lệ: Đảng bộ cơ sở, Đảng bộ bộ phận."
    )


def test_unknown_and_self_parent():
    orgs = base()
    orgs["C1"].parent_code = "X9"
    _, problem = only(orgs)
    assert (problem.field, problem.message) == ("parent_code", 'Không có tổ chức cấp trên mã "X9".')
    orgs["C1"].parent_code = "C1"
    _, problem = only(orgs)
    assert problem.message == "Tổ chức C1 không thể trực thuộc chính nó."


def test_parent_founded_later_than_the_child():
    orgs = base()
    orgs["C1"].established_on = D(2004, 12, 31)
    _, problem = only(orgs)
    assert problem.field == "parent_code"
    assert problem.message == "Tổ chức cấp trên G1 thành lập ngày 01/01/2005, sau ngày 31/12/2004."


def test_parent_dissolved_while_the_child_still_hangs_under_it():
    orgs = base()
    orgs["G1"].dissolved_on = D(2020, 1, 1)
    _, problem = only(orgs)
    assert problem.field == "parent_code"
    assert problem.message == (
        "Tổ chức cấp trên G1 giải thể ngày 01/01/2020 khi C1 vẫn còn trực thuộc; cần chuyển hoặc giải thể C1 trước."
    )
    # Dissolving the child the same day, or moving it away first, makes the tree consistent again.
    orgs["C1"].dissolved_on = D(2020, 1, 1)
    assert problems(orgs) == []
    orgs["C1"].dissolved_on = None
    orgs["G2"] = OrgRecord("G2", "Đảng bộ xã Hai", "grassroots_committee", "U1", D(2005, 1, 1))
    assert problems(orgs, {"C1": [MoveRecord("C1", "G2", D(2019, 12, 1))]}) == []


def test_move_dates():
    orgs = base()
    early = MoveRecord("G1", "U2", D(2005, 1, 1))
    record, problem = only(orgs, {"G1": [early]})
    assert record is early and problem.field == "moved_on"
    assert problem.message == "Ngày chuyển 01/01/2005 phải sau ngày thành lập 01/01/2005 của G1."

    future = MoveRecord("G1", "U2", D(2024, 6, 2))
    record, problem = only(orgs, {"G1": [future]})
    assert (problem.field, problem.rule) == ("moved_on", "future_dates")

    twice = [MoveRecord("G1", "U2", D(2010, 1, 1)), MoveRecord("G1", "U1", D(2010, 1, 1))]
    messages = [p.message for _, p in problems(orgs, {"G1": twice})]
    assert "Tổ chức G1 có hai lần chuyển trong cùng ngày 01/01/2010." in messages

    orgs["C1"].dissolved_on = D(2015, 1, 1)
    late = MoveRecord("C1", "G1", D(2016, 1, 1))
    record, problem = only(orgs, {"C1": [late]})
    assert record is late
    assert problem.message == "Tổ chức C1 đã giải thể ngày 01/01/2015, không thể chuyển ngày 01/01/2016."


def test_move_to_a_parent_of_the_wrong_kind_names_the_new_parent():
    orgs = base()
    move = MoveRecord("C1", "U2", D(2010, 1, 1))
    record, problem = only(orgs, {"C1": [move]})
    assert record is move and problem.field == "new_parent_code"
    assert problem.message.startswith(
        "Chi bộ trực thuộc không thể trực thuộc Đảng bộ cấp trên trực tiếp của cơ sở (U2)"
    )


def test_a_move_that_closes_a_cycle():
    orgs = base()
    moves = {"U1": [MoveRecord("U1", "U2", D(2010, 1, 1))], "U2": [MoveRecord("U2", "U1", D(2011, 1, 1))]}
    messages = [p.message for _, p in problems(orgs, moves)]
    assert "Chuyển U2 về U1 tạo vòng lặp trong cây tổ chức." in messages


def test_segments_cut_the_parent_history_at_each_move():
    org = OrgRecord("C1", "Chi bộ", "cell", "G1", D(2005, 1, 1), dissolved_on=D(2020, 1, 1))
    m1, m2 = MoveRecord("C1", "G3", D(2015, 1, 1)), MoveRecord("C1", "G2", D(2010, 1, 1))
    segs = segments(org, [m1, m2])  # given out of order
    assert [(s.parent_code, s.start, s.end) for s in segs] == [
        ("G1", D(2005, 1, 1), D(2010, 1, 1)),
        ("G2", D(2010, 1, 1), D(2015, 1, 1)),
        ("G3", D(2015, 1, 1), D(2020, 1, 1)),
    ]
    assert segs[0].move is None and segs[1].move is m2


def test_exists_on_is_founding_inclusive_dissolution_exclusive():
    org = OrgRecord("C1", "Chi bộ", "cell", "G1", D(2005, 1, 1), dissolved_on=D(2020, 1, 1))
    assert not org.exists_on(D(2004, 12, 31))
    assert org.exists_on(D(2005, 1, 1)) and org.exists_on(D(2019, 12, 31))
    assert not org.exists_on(D(2020, 1, 1))


def test_name_problems():
    assert name_problems("Chi bộ ấp Một") == []
    [problem] = name_problems("Chi bộ \u202eấp Một")
    assert problem.field == "name"
    assert problem.message == "Tên tổ chức có ký tự ẩn hoặc ký tự đảo chiều (U+202E) — hãy gõ lại."
    assert name_problems("Chi\u200b bộ", field="ten")[0].field == "ten"
