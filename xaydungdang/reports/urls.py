"""Pages of the reports app, assembled under the "web" namespace by web/urls.py."""

from django.urls import path

from xaydungdang.reports import views
from xaydungdang.reports import workspace_views as ws

urlpatterns = [
    path("bao-cao/", views.reports, name="reports"),
    path("bao-cao/tai/<str:fmt>/", views.download, name="report_download"),
    path("bao-cao/ho-so/", ws.workspace_index, name="report_workspace"),
    path("bao-cao/ho-so/mo/", ws.draft_open, name="report_draft_open"),
    path("bao-cao/ho-so/<int:pk>/", ws.draft_page, name="report_draft"),
    path("bao-cao/ho-so/<int:pk>/ban-hanh/", ws.draft_issue, name="report_draft_issue"),
    path("bao-cao/ho-so/<int:pk>/mo-lai/", ws.draft_reopen, name="report_draft_reopen"),
    path("bao-cao/ho-so/<int:pk>/nop/", ws.draft_submit, name="report_draft_submit"),
    path("bao-cao/ho-so/<int:pk>/tai/<str:fmt>/", ws.draft_download, name="report_draft_download"),
    path("bao-cao/yeu-cau/gui/", ws.request_send, name="report_request_send"),
    path("bao-cao/yeu-cau/<int:pk>/", ws.request_page, name="report_request"),
    path("bao-cao/yeu-cau/<int:pk>/trich/", ws.request_pull, name="report_request_pull"),
    path("bieu-thong-ke/", views.stat_forms, name="forms"),
    path("bieu-thong-ke/tai/<str:fmt>/", views.stat_forms_download, name="forms_download"),
    path("bieu-thong-ke/so-lieu/", views.stat_forms_behind, name="forms_behind"),
    path("bieu-thong-ke/doi-chieu/", views.stat_forms_reconcile, name="forms_reconcile"),
]
