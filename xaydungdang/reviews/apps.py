from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "xaydungdang.reviews"
    label = "reviews"
    verbose_name = "Đánh giá, sàng lọc"
