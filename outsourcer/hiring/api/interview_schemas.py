"""Request and response schemas of the interviews API (organization side and the contractor's)."""

from datetime import datetime, timedelta
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime, WithJsonSchema
from pydantic_core import PydanticCustomError

from outsourcer.api.schemas import ObjectId, Text
from outsourcer.lib.validation import FIRST_DAY, LAST_DAY

InterviewStatusName = Literal["scheduled", "done", "cancelled"]
Score = Annotated[int, Field(ge=1, le=5)]


def _in_range(moment: datetime) -> datetime:
    # The years stored dates may have; beyond them UTC arithmetic could leave datetime's range.
    if not FIRST_DAY.year <= moment.year <= LAST_DAY.year:
        raise PydanticCustomError("datetime_out_of_range", f"Use a time from {FIRST_DAY.year} to {LAST_DAY.year}.")
    return moment


# A moment from 2000 to 2099 with its UTC offset. The pattern documents (and tells the fuzzer) that
# no other characters, NUL included, reach the database; pydantic parses the moment itself.
Moment = Annotated[
    AwareDatetime,
    AfterValidator(_in_range),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": r"^20\d{2}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$",
            "description": "With its offset, e.g. 2025-03-18T15:00:00+01:00",
            "examples": ["2025-03-18T15:00:00+01:00"],
        }
    ),
]
Minutes = Annotated[int, Field(ge=5, le=480, description="Length in minutes (5–480)")]
InterviewerIds = Annotated[
    list[ObjectId], Field(min_length=1, max_length=10, description="User ids of owners or managers")
]
OverrideReason = Text(500)


class PersonOut(Schema):
    id: int
    name: str


class InterviewOut(Schema):
    id: int
    engagement_id: int
    contractor_id: int
    contractor_name: str = Field(alias="contractor.name")
    job_id: int | None
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    location: str
    status: InterviewStatusName
    interviewers: list[PersonOut]
    scorecard_count: int = Field(description="How many interviewers scored it")
    score_average: float | None = Field(description="The average of every score of every scorecard (1–5)")

    @staticmethod
    def resolve_ends_at(obj) -> datetime:
        return obj.starts_at + timedelta(minutes=obj.duration_minutes)

    @staticmethod
    def resolve_interviewers(obj) -> list:
        return [{"id": user.pk, "name": user.name} for user in obj.interviewers.all()]

    @staticmethod
    def resolve_scorecard_count(obj) -> int:
        return getattr(obj, "scorecard_count", 0)

    @staticmethod
    def resolve_score_average(obj) -> float | None:
        value = getattr(obj, "score_average", None)
        return None if value is None else round(float(value), 2)


class PortalInterviewOut(Schema):
    """What the contractor sees: the schedule, never the scores, notes or interviewers."""

    id: int
    organization_name: str = Field(alias="organization.name")
    job_title: str | None
    starts_at: datetime
    duration_minutes: int
    location: str
    status: InterviewStatusName

    @staticmethod
    def resolve_job_title(obj) -> str | None:
        return obj.job.title if obj.job_id else None


class ScorecardOut(Schema):
    id: int
    interviewer_id: int
    interviewer_name: str = Field(alias="interviewer.name")
    communication: int
    skill: int
    reliability: int
    understanding: int
    notes: str
    created_at: datetime
    updated_at: datetime


class InterviewIn(Schema):
    engagement_id: ObjectId
    job_id: ObjectId | None = None
    starts_at: Moment
    duration_minutes: Minutes = 45
    location: Text(300) = ""
    interviewer_ids: InterviewerIds
    override_reason: OverrideReason = Field(
        "", description="Needed when the time is outside the contractor's working hours (else 409)"
    )


class InterviewPatch(Schema):
    starts_at: Moment | None = None
    duration_minutes: Minutes | None = None
    location: Text(300) | None = None
    interviewer_ids: InterviewerIds | None = None
    override_reason: OverrideReason = ""


class ScorecardIn(Schema):
    communication: Score
    skill: Score
    reliability: Score
    understanding: Score = Field(description="Understanding of our goals, 1–5")
    notes: Text(5000, multiline=True) = ""


class InterviewFilters(Schema):
    engagement_id: ObjectId | None = None
    job_id: ObjectId | None = None
    status: InterviewStatusName | None = None
