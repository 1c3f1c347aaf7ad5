"""A province merged into a new city (issue 15), built through the organizations actions: ST is
dissolved on 1/7/2025 and everything under it, with the subtrees of two other provinces (HG, CTO),
moves under the new CT founded that day. Used by the tests of organizations, accounts, members,
reports and web (and the browser test), independent of the demo."""

import datetime as dt

D = dt.date
MERGER_DAY = D(2025, 7, 1)
PASSWORD = "Mat-khau-rat-dai-2024!"


def build_merger() -> dict:
    """{"orgs": {code: Organization}, "members": {key: Member}, "users": {key: User}}.

    TW (central) > ST > ST.H (upper) > ST.X (commune committee) > ST.C1, ST.C2 (cells); HG > HG.GC; CTO > CTO.GC.
    Members: an, binh in ST.C1; chi in ST.C2 (transferred to CTO.GC on 1/9/2025, after the merger);
    duc in HG.GC; em in CTO.GC. Users: staff on ST (its grant outlives it), viewer on ST.C1's commune,
    staff on CT."""
    from xaydungdang.accounts.actions import create_user
    from xaydungdang.conftest import person
    from xaydungdang.core.context import Actor, acting_as
    from xaydungdang.members import actions as members
    from xaydungdang.organizations import actions as orgs
    from xaydungdang.organizations.models import Organization

    with acting_as(Actor(via="test")):
        tw = orgs.found("TW", "Trung ương (thử)", "central", None, D(1930, 2, 3))
        st = orgs.found("ST", "Đảng bộ tỉnh Sóc Trăng", "provincial", tw, D(2010, 1, 1))
        sth = orgs.found("ST.H", "Đảng bộ huyện Mỹ Tú", "upper", st, D(2010, 1, 1))
        stx = orgs.found("ST.X", "Đảng bộ xã Mỹ Hương", "grassroots_committee", sth, D(2010, 1, 1))
        c1 = orgs.found("ST.C1", "Chi bộ ấp Mỹ Thuận", "cell", stx, D(2010, 1, 1))
        c2 = orgs.found("ST.C2", "Chi bộ ấp Mỹ Lộc", "cell", stx, D(2010, 1, 1))
        hg = orgs.found("HG", "Đảng bộ tỉnh Hậu Giang", "provincial", tw, D(2010, 1, 1))
        hgc = orgs.found("HG.GC", "Chi bộ Trường Trung học Vị Thanh", "grassroots_cell", hg, D(2010, 1, 1))
        cto = orgs.found("CTO", "Đảng bộ thành phố Cần Thơ (cũ)", "provincial", tw, D(2010, 1, 1))
        ctoc = orgs.found("CTO.GC", "Chi bộ Bệnh viện Ninh Kiều", "grassroots_cell", cto, D(2010, 1, 1))
        made = {
            "an": members.enter_member(person("ST001", "Nguyễn Văn An"), entry="opening", cell=c1, on=D(2016, 1, 1)),
            "binh": members.enter_member(
                person("ST002", "Đặng Thị Bình", gender="female"), entry="opening", cell=c1, on=D(2016, 1, 1)
            ),
            "chi": members.enter_member(
                person("ST003", "Lý Thị Chi", gender="female"), entry="opening", cell=c2, on=D(2016, 1, 1)
            ),
            "duc": members.enter_member(person("HG001", "Trần Văn Đức"), entry="opening", cell=hgc, on=D(2016, 1, 1)),
            "em": members.enter_member(
                person("CT001", "Phạm Thị Em", gender="female"), entry="opening", cell=ctoc, on=D(2016, 1, 1)
            ),
        }
        ct = orgs.found("CT", "Đảng bộ thành phố Cần Thơ", "provincial", tw, MERGER_DAY, decision_no="1/QĐ-TW")
        for old in (st, hg, cto):
            orgs.merge(Organization.objects.get(pk=old.pk), ct, MERGER_DAY, decision_no="1/QĐ-TW")
        # After the merger: Chi moves from ST.C2 to CTO.GC (both now in CT).
        members.transfer(made["chi"], ctoc, D(2025, 9, 1), decision_no="5/QĐ-ĐU")
        made = {key: type(member).objects.get(pk=member.pk) for key, member in made.items()}
        users = {
            "staff_st": create_user("canbo_soctrang", st, "staff", PASSWORD, validate_password=False),
            "viewer_stx": create_user("xem_myhuong", stx, "viewer", PASSWORD, validate_password=False),
            "staff_ct": create_user("canbo_cantho", ct, "staff", PASSWORD, validate_password=False),
        }
    all_orgs = {o.code: Organization.objects.get(pk=o.pk) for o in (tw, st, sth, stx, c1, c2, hg, hgc, cto, ctoc, ct)}
    return {"orgs": all_orgs, "members": made, "users": users}
