"""`xdd createuser` per spec/cli.md: exit 0 / 1 (bad data) / 2 (wrong usage), Vietnamese messages."""

import pytest
from django.contrib.auth import get_user_model

from xaydungdang.accounts.models import RoleGrant
from xaydungdang.cli import main
from xaydungdang.core.models import AuditEntry

GOOD = "Mat-khau-du-dai-2025"


def run(capsys, *args):
    code = main(["createuser", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_creates_user_with_role_on_the_subtree(tree, capsys):
    code, out, err = run(capsys, "hoa", "--org", "U1", "--role", "staff", "--password", GOOD)
    assert code == 0, err
    assert "Đã tạo người dùng hoa" in out
    user = get_user_model().objects.get(username="hoa")
    assert user.check_password(GOOD) and not user.is_superuser
    assert list(RoleGrant.objects.filter(user=user).values_list("org__code", "role")) == [("U1", "staff")]
    assert AuditEntry.objects.filter(action="user.create", object_id=str(user.pk)).exists()


def test_password_from_environment(tree, capsys, monkeypatch):
    monkeypatch.setenv("XDD_PASSWORD", GOOD)
    code, _out, err = run(capsys, "lan", "--org", "P", "--role", "admin")
    assert code == 0, err
    assert get_user_model().objects.get(username="lan").check_password(GOOD)


@pytest.mark.parametrize(
    "args, message",
    [
        (["x1", "--org", "NOPE", "--role", "staff", "--password", GOOD], 'Không có tổ chức mã "NOPE"'),
        (["x2", "--org", "P", "--role", "boss", "--password", GOOD], 'Vai trò "boss" không hợp lệ'),
        (["x3", "--org", "P", "--role", "viewer", "--password", "12345"], "Mật khẩu quá ngắn"),
        (["hoangvanthu", "--org", "P", "--role", "viewer", "--password", "hoangvanthu9"], "quá giống tên đăng nhập"),
    ],
)
def test_bad_data_exits_1_with_a_vietnamese_message(tree, capsys, args, message):
    code, _out, err = run(capsys, *args)
    assert code == 1
    assert message in err and "Traceback" not in err
    assert not get_user_model().objects.filter(username=args[0]).exists()


def test_duplicate_username_exits_1(tree, capsys):
    assert run(capsys, "trung", "--org", "P", "--role", "viewer", "--password", GOOD)[0] == 0
    code, _out, err = run(capsys, "trung", "--org", "P", "--role", "viewer", "--password", GOOD)
    assert code == 1 and "đã có" in err


def test_wrong_usage_exits_2(tree, capsys, monkeypatch):
    monkeypatch.delenv("XDD_PASSWORD", raising=False)
    assert run(capsys, "a1", "--role", "staff", "--password", GOOD)[0] == 2  # no --org
    code, _out, err = run(capsys, "a2", "--org", "P", "--role", "staff")  # no password, no terminal
    assert code == 2 and "XDD_PASSWORD" in err
