"""API representations. National IDs leave the server masked, always."""

from rest_framework import serializers

from xaydungdang.members.models import Member, MemberEvent


class MemberSerializer(serializers.ModelSerializer):
    national_id = serializers.CharField(source="masked_national_id", read_only=True)
    cell = serializers.CharField(source="current_cell.code", default=None, read_only=True)
    cell_name = serializers.CharField(source="current_cell.name", default=None, read_only=True)

    class Meta:
        model = Member
        fields = ["id", "member_no", "full_name", "gender", "birth_date", "ethnicity", "religion", "national_id",
                  "hometown", "residence", "general_education", "qualification", "political_theory", "occupation",
                  "joined_on", "official_on", "card_no", "state", "status", "cell", "cell_name", "version"]


class EventSerializer(serializers.ModelSerializer):
    member_no = serializers.CharField(source="member.member_no", read_only=True)
    org_code = serializers.CharField(source="org.code", default=None, read_only=True)
    from_cell = serializers.CharField(source="from_cell.code", default=None, read_only=True)
    to_cell = serializers.CharField(source="to_cell.code", default=None, read_only=True)
    voided = serializers.BooleanField(source="is_voided", read_only=True)

    class Meta:
        model = MemberEvent
        fields = ["id", "member", "member_no", "type", "on", "org_code", "reason", "decision_no", "decided_on", "note",
                  "from_cell", "to_cell", "voided", "void_reason", "version"]


class EventInput(serializers.Serializer):
    type = serializers.CharField(max_length=24)
    on = serializers.DateField(input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    org_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    decision_no = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    decided_on = serializers.DateField(input_formats=["%Y-%m-%d", "%d/%m/%Y"], required=False, allow_null=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class AdmitInput(serializers.Serializer):
    cell_code = serializers.CharField(max_length=40)
    on = serializers.DateField(input_formats=DATE_FORMATS)
    decision_no = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    decided_on = serializers.DateField(input_formats=DATE_FORMATS, required=False, allow_null=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    member_no = serializers.CharField(max_length=32)
    full_name = serializers.CharField(max_length=255)
    gender = serializers.CharField(max_length=8)
    birth_date = serializers.DateField(input_formats=DATE_FORMATS)
    ethnicity = serializers.CharField(max_length=64)
    religion = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    national_id = serializers.CharField(max_length=12, required=False, allow_blank=True, default="")
    hometown = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    residence = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    general_education = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    qualification = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    political_theory = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    occupation = serializers.CharField(max_length=24, required=False, allow_blank=True, default="")

    PERSONAL = ["member_no", "full_name", "gender", "birth_date", "ethnicity", "religion", "national_id", "hometown",
                "residence", "general_education", "qualification", "political_theory", "occupation"]
