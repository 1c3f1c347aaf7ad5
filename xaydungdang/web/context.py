from django.conf import settings


def site(request):
    return {"site_name": "Xây dựng Đảng", "production": settings.PRODUCTION}
