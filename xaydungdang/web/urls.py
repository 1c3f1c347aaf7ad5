from django.urls import path

from xaydungdang.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.login_placeholder, name="login"),
]
