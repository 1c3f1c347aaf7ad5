"""Domain errors: what a user did wrong, in Vietnamese, naming the field."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    message: str
    field: str | None = None
    rule: str | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class DomainError(Exception):
    """Raised by actions and rules; the web shows it beside the field, the CLI prints it."""

    problems: list[Problem] = field(default_factory=list)

    def __init__(self, message: str | list[Problem] | Problem, field: str | None = None, rule: str | None = None):
        if isinstance(message, list):
            self.problems = message
        elif isinstance(message, Problem):
            self.problems = [message]
        else:
            self.problems = [Problem(message, field, rule)]
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return "; ".join(p.message for p in self.problems)

    def __str__(self) -> str:
        return self.message


class PermissionDenied(DomainError):
    """The user's roles do not cover the organization or action."""


class ConcurrentEditError(DomainError):
    """Someone else saved the record since it was opened."""

    def __init__(self, what: str = "bản ghi"):
        super().__init__(
            f"{what[0].upper() + what[1:]} đã được người khác sửa sau khi anh/chị mở ra. "
            "Vui lòng tải lại trang để xem bản mới nhất rồi sửa lại.",
            rule="version",
        )
