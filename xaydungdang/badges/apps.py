from django.apps import AppConfig


class BadgesConfig(AppConfig):
    name = "xaydungdang.badges"
    label = "badges"
    verbose_name = "Huy hiệu Đảng, thẻ đảng viên"

    def ready(self):
        from xaydungdang.badges import cards
        from xaydungdang.core import deadlines

        deadlines.register(cards.DEADLINE_KIND, cards.DEADLINE_LABEL, cards.card_issue_deadlines)
