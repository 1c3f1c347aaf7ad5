"""Recording classes, dialogues, documents, awards and cadre work.

Every action takes the acting user (`acting_user=`; see accounts/authority.py) and checks its
authority and the domain rules inside the transaction that writes the record and its audit row.
"""

from xaydungdang.activities import rules
from xaydungdang.activities.models import Award, CadreAction, Dialogue, Document, TrainingClass
from xaydungdang.core import recording
from xaydungdang.core.access import UNSET, require_for_record, require_for_values, resolve_user
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError
from xaydungdang.members.context import DbContext
from xaydungdang.organizations.models import TemporaryArrival


def _record(model, check, values: dict, action: str, owner_field: str = "org_id", acting_user=UNSET):
    user = resolve_user(acting_user)

    def validate():
        require_for_values(user, model, values)
        problems = check(values, DbContext())
        if problems:
            raise DomainError(problems)

    member_id = values.get("subject_member_id")
    return recording.create(
        model, values, action=action, org_id=values.get(owner_field), member_id=member_id, check=validate
    )


def record_class(values: dict, *, acting_user=UNSET) -> TrainingClass:
    return _record(TrainingClass, rules.check_class, values, AuditAction.CLASS_RECORD, acting_user=acting_user)


def record_dialogue(values: dict, *, acting_user=UNSET) -> Dialogue:
    return _record(Dialogue, rules.check_dialogue, values, AuditAction.DIALOGUE_RECORD, acting_user=acting_user)


def record_document(values: dict, *, acting_user=UNSET) -> Document:
    return _record(Document, rules.check_document, values, AuditAction.DOCUMENT_RECORD, acting_user=acting_user)


def record_award(values: dict, *, acting_user=UNSET) -> Award:
    return _record(
        Award, rules.check_award, values, AuditAction.AWARD_RECORD, owner_field="granted_by_id", acting_user=acting_user
    )


def record_cadre_action(values: dict, *, acting_user=UNSET) -> CadreAction:
    return _record(CadreAction, rules.check_cadre_action, values, AuditAction.CADRE_RECORD, acting_user=acting_user)


def record_arrival(values: dict, *, acting_user=UNSET) -> TemporaryArrival:
    """Tiếp nhận sinh hoạt đảng tạm thời (organizations.TemporaryArrival), recorded by the host cell."""
    return _record(
        TemporaryArrival,
        rules.check_temporary_arrival,
        values,
        AuditAction.ARRIVAL_RECORD,
        acting_user=acting_user,
    )


def void(instance, reason: str, expected_version: int | None = None, *, acting_user=UNSET):
    user = resolve_user(acting_user)
    owner = getattr(instance, "org_id", None) or getattr(instance, "granted_by_id", None)
    return recording.void(
        instance,
        reason,
        expected_version=expected_version,
        org_id=owner,
        member_id=getattr(instance, "subject_member_id", None),
        check=lambda locked: require_for_record(user, locked),
    )
