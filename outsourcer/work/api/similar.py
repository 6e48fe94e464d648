"""API: similar work (shared/PRODUCT.md, "Advice the product gives, and its API"; docs/similar.md).

`POST /tasks/similar` reads a title and brief and answers the organization's open or recent
(closed in the last 90 days) tasks and jobs that look like the same work, most similar first. It
saves nothing. Owners and managers ask ("task.manage": they are the ones who create work).
"""

from django.http import HttpRequest
from ninja import Field, Router, Schema

from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.schemas import LongText, ObjectId, Text
from outsourcer.similar.guard import match_json
from outsourcer.similar.selectors import similar_find

similar_router = Router(tags=["tasks"])


class SimilarIn(Schema):
    title: Text(200, min_length=1)
    brief: LongText = Field("", description="The brief as one text: its goal and deliverables (what the index reads)")
    exclude_task_id: ObjectId | None = Field(None, description="The task being edited, left out of the answer")
    exclude_job_id: ObjectId | None = Field(None, description="The job being edited, left out of the answer")


class SimilarOut(Schema):
    id: int = Field(description="The task's or job's id")
    kind: str = Field(description="task or job")
    title: str
    contractor: str | None = Field(description="Who holds it (a task's contractor, an awarded job's winner)")
    similarity: float = Field(ge=0, le=1)
    duplicate: bool = Field(description="Similar enough to be the same work")


@similar_router.post(
    "/similar", operation_id="similar_task_list", response=with_errors({200: list[SimilarOut]}, write=True)
)
def similar_task_list(request: HttpRequest, payload: SimilarIn):
    """At most 10, from 40 % similar on; `duplicate` from the detector's threshold on."""
    ctx = org_context(request, "task.manage")
    exclude = None
    if payload.exclude_task_id is not None:
        exclude = ("task", payload.exclude_task_id)
    elif payload.exclude_job_id is not None:
        exclude = ("job", payload.exclude_job_id)
    matches = similar_find(organization=ctx.organization, title=payload.title, brief=payload.brief, exclude=exclude)
    return [match_json(match) for match in matches]
