from django.urls import include, path

urlpatterns = [
    path("", include("xaydungdang.web.urls")),
    path("", include("xaydungdang.accounts.urls")),
]

handler403 = "xaydungdang.web.errors.forbidden"
handler404 = "xaydungdang.web.errors.not_found"
handler500 = "xaydungdang.web.errors.server_error"
