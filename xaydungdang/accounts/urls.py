from django.urls import path

from xaydungdang.accounts import views

app_name = "accounts"

urlpatterns = [
    path("quan-tri/", views.index, name="index"),
    path("quan-tri/nhat-ky/", views.audit_list, name="audit"),
    path("quan-tri/nhat-ky/xuat/", views.audit_export, name="audit-export"),
    path("quan-tri/nguoi-dung/", views.user_list, name="users"),
    path("quan-tri/nguoi-dung/tao/", views.user_create, name="user-create"),
    path("quan-tri/nguoi-dung/<int:pk>/", views.user_detail, name="user"),
    path("quan-tri/nguoi-dung/<int:pk>/cap-quyen/", views.user_grant, name="user-grant"),
    path("quan-tri/nguoi-dung/<int:pk>/thu-hoi/<int:grant_id>/", views.user_revoke, name="user-revoke"),
    path("quan-tri/nguoi-dung/<int:pk>/mat-khau/", views.user_password, name="user-password"),
    path("quan-tri/nguoi-dung/<int:pk>/trang-thai/", views.user_active, name="user-active"),
    path("quan-tri/nguoi-dung/<int:pk>/tat-hai-lop/", views.user_reset_2fa, name="user-reset-2fa"),
    path("tai-khoan/bao-mat/", views.security, name="security"),
    path("tai-khoan/thu-nhac-han/", views.digest, name="digest"),
    path("tai-khoan/doi-mat-khau/", views.password_change, name="password"),
    path("tai-khoan/ma-api/", views.api_tokens, name="api-tokens"),
    path("tai-khoan/ma-api/<int:pk>/thu-hoi/", views.api_token_revoke, name="api-token-revoke"),
    path("tai-khoan/hai-lop/", views.otp_enrol, name="otp-enrol"),
    path("tai-khoan/hai-lop/tat/", views.otp_remove, name="otp-remove"),
    path("tai-khoan/xac-thuc/", views.otp_verify, name="otp-verify"),
]
