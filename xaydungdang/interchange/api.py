"""API v1 of imports (assembled by web/api/v1.py): upload a file for a dry run, follow the job's
progress, then commit (the real import of a file whose dry run passed) or cancel.

The same jobs as the import page (interchange.jobs, ImportJob): the worker runs them; the API
only creates and reads them. Like the page, imports are for those who may change data (staff,
admin), and a job is seen by the user who started it (and the system administrator)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from xaydungdang.core import access
from xaydungdang.core.api import V1Mixin
from xaydungdang.core.errors import DomainError
from xaydungdang.core.errors import PermissionDenied as ScopeDenied
from xaydungdang.interchange import jobs, uploads
from xaydungdang.interchange.models import ImportJob

MAX_PK_DIGITS = 18


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    finished = serializers.BooleanField(read_only=True)
    source = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True, help_text="lượt chạy thử gốc")

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "filename",
            "size",
            "dry_run",
            "state",
            "percent",
            "done",
            "total",
            "stage",
            "finished",
            "ok",
            "result",
            "message",
            "source",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class UploadInput(serializers.Serializer):
    file = serializers.FileField(help_text="tệp .xlsx hoặc .zip các tệp CSV (định dạng trao đổi)")


@extend_schema_view(
    list=extend_schema(summary="Các lượt nhập dữ liệu của anh/chị"),
    retrieve=extend_schema(summary="Một lượt nhập: trạng thái, tiến độ, kết quả"),
    create=extend_schema(
        summary="Tải tệp lên và chạy thử (không ghi)",
        request={"multipart/form-data": UploadInput},
        responses={202: JobSerializer},
    ),
    commit=extend_schema(summary="Nhập thật tệp đã chạy thử thành công", request=None, responses={202: JobSerializer}),
    cancel=extend_schema(summary="Hủy lượt chạy thử (xóa tệp)", request=None, responses=JobSerializer),
)
class ImportViewSet(V1Mixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = JobSerializer
    parser_classes = [MultiPartParser]  # the upload; commit and cancel take no body

    def check_permissions(self, request):
        super().check_permissions(request)
        if not access.can(request.user, access.CHANGE):
            raise ScopeDenied("Chỉ cán bộ, quản trị được nhập dữ liệu.", rule="scope")

    def get_queryset(self):
        user = self.request.user
        jobs_ = ImportJob.objects.all()
        return jobs_ if user.is_superuser else jobs_.filter(user=user.pk)

    def _job(self, pk) -> ImportJob:
        text = str(pk)
        if not text.isdecimal() or len(text) > MAX_PK_DIGITS:
            raise Http404
        job = self.get_queryset().filter(pk=int(text)).first()
        if job is None:
            raise Http404
        return job

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self._job(pk)).data)

    def create(self, request):
        uploads.purge_uploads()
        given = UploadInput(data=request.data)
        given.is_valid(raise_exception=True)
        if not jobs.importer_available():
            raise DomainError("Chức năng nhập dữ liệu chưa được cài đặt trên máy chủ này.")
        upload = given.validated_data["file"]
        try:
            path, name, sha256 = uploads.store_upload(upload)
        except uploads.UploadRejected as exc:
            raise ValidationError({"file": [str(exc)]})
        job = ImportJob.objects.create(
            user=request.user, filename=name[:255], path=str(path), size=upload.size, dry_run=True
        )
        uploads.record_upload(job, sha256)
        jobs.start(job)
        job.refresh_from_db()
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)

    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def commit(self, request, pk=None):
        source = self._job(pk)
        uploads.purge_uploads()
        source.refresh_from_db()
        if not (source.dry_run and source.state == ImportJob.State.DONE and source.ok):
            raise DomainError("Chỉ nhập thật được sau khi chạy thử thành công, không có lỗi.", rule="import")
        if not source.path or ImportJob.objects.filter(source=source).exists():
            raise DomainError(
                "Tệp của lần chạy thử này đã được xóa (đã nhập, đã hủy hoặc quá "
                f"{uploads.retention_hours():g} giờ); hãy tải tệp lên lại.",
                rule="import",
            )
        job = ImportJob.objects.create(
            user=request.user,
            filename=source.filename,
            path=source.path,
            size=source.size,
            dry_run=False,
            source=source,
        )
        jobs.start(job)
        job.refresh_from_db()
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)

    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def cancel(self, request, pk=None):
        job = self._job(pk)
        if not (job.dry_run and job.finished and job.path and not ImportJob.objects.filter(source=job).exists()):
            raise DomainError("Chỉ hủy được lượt chạy thử đã xong mà chưa nhập thật.", rule="import")
        uploads.discard_upload(job)
        job.refresh_from_db()
        return Response(self.get_serializer(job).data)
