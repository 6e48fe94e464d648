"""Organization pages of deliverables: the Reviews list, a deliverable with its versions, the review form."""

from django.http import Http404


def review_list(request, org_slug):
    raise Http404


def deliverable_detail(request, org_slug, deliverable_id):
    raise Http404


def deliverable_review(request, org_slug, deliverable_id):
    raise Http404


def deliverable_file(request, org_slug, deliverable_id, file_id):
    raise Http404
