"""Recording classes, dialogues, documents, awards and cadre work."""

from xaydungdang.activities import rules
from xaydungdang.activities.models import Award, CadreAction, Dialogue, Document, TrainingClass
from xaydungdang.core import recording
from xaydungdang.core.errors import DomainError
from xaydungdang.members.context import DbContext


def _record(model, check, values: dict, action: str, owner_field: str = "org_id"):
    problems = check(values, DbContext())
    if problems:
        raise DomainError(problems)
    member_id = values.get("subject_member_id")
    return recording.create(model, values, action=action, org_id=values.get(owner_field), member_id=member_id)


def record_class(values: dict) -> TrainingClass:
    return _record(TrainingClass, rules.check_class, values, "class.record")


def record_dialogue(values: dict) -> Dialogue:
    return _record(Dialogue, rules.check_dialogue, values, "dialogue.record")


def record_document(values: dict) -> Document:
    return _record(Document, rules.check_document, values, "document.record")


def record_award(values: dict) -> Award:
    return _record(Award, rules.check_award, values, "award.record", owner_field="granted_by_id")


def record_cadre_action(values: dict) -> CadreAction:
    return _record(CadreAction, rules.check_cadre_action, values, "cadre.record")


def void(instance, reason: str, expected_version: int | None = None):
    owner = getattr(instance, "org_id", None) or getattr(instance, "granted_by_id", None)
    return recording.void(instance, reason, expected_version=expected_version, org_id=owner,
                          member_id=getattr(instance, "subject_member_id", None))
