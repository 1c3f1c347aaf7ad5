from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "xaydungdang.members"
    label = "members"
    verbose_name = "Đảng viên"

    def ready(self):
        from xaydungdang.members import cells
        from xaydungdang.organizations import hooks

        # Dissolving or merging a cell needs its members (organizations sit below members).
        hooks.register(members_in=cells.members_in, transfer_members=cells.transfer_members)

        from xaydungdang.members import deadlines

        # Probation and recognition deadlines in the registry (core/deadlines.py).
        deadlines.register()
