"""What every thread's API shares: a message as either side reads it (task threads in
work/api/threads.py, job Q&A in hiring/api/bids.py)."""

from datetime import datetime

from django.utils import timezone
from ninja import Field, Schema

from outsourcer.messaging.models import Message
from outsourcer.messaging.rules import arrival_text


class ThreadMessageOut(Schema):
    id: int
    from_contractor: bool
    author_name: str | None
    body: str
    urgent: bool
    created_at: datetime
    deliver_at: datetime = Field(description="When the contractor sees it: later than created_at when held")
    read_at: datetime | None = Field(description="When the other side read it")
    held: bool
    arrival: str | None = Field(description='While held: "reaches Carol at 09:00 their time (in 7 h)"')
    attachment_name: str | None
    attachment_size: int | None

    @staticmethod
    def resolve_author_name(obj: Message) -> str | None:
        return obj.author.display_name if obj.author is not None else None

    @staticmethod
    def resolve_held(obj: Message) -> bool:
        return obj.deliver_at > timezone.now()

    @staticmethod
    def resolve_arrival(obj: Message) -> str | None:
        now = timezone.now()
        if obj.deliver_at <= now:
            return None
        return arrival_text(obj.deliver_at, now, time_zone=obj.contractor.time_zone, name=obj.contractor.name)

    @staticmethod
    def resolve_attachment_name(obj: Message) -> str | None:
        return obj.attachment_name or None

    @staticmethod
    def resolve_attachment_size(obj: Message) -> int | None:
        return obj.attachment_size if obj.attachment else None
