"""Pages of the candidates' pipeline, assembled under the "web" namespace by web/urls.py."""

from django.urls import path

from xaydungdang.admissions import views

urlpatterns = [
    path("to-chuc/<str:code>/quan-chung-uu-tu/", views.cell_candidates, name="cell_candidates"),
    path("to-chuc/<str:code>/quan-chung-uu-tu/moi/", views.candidate_new, name="candidate_new"),
    path("quan-chung-uu-tu/<int:pk>/", views.candidate_detail, name="candidate_detail"),
    path("quan-chung-uu-tu/<int:pk>/buoc/<str:kind>/", views.candidate_step, name="candidate_step"),
    path("quan-chung-uu-tu/<int:pk>/huy-buoc/", views.candidate_void_step, name="candidate_void_step"),
    path("quan-chung-uu-tu/<int:pk>/mau/<str:code>.docx", views.candidate_document, name="candidate_document"),
]
