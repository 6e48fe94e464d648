"""The contractor's deliverables in the portal: hand-over form, list, a deliverable with its reviews."""

from django.http import Http404


def portal_deliverable_list(request):
    raise Http404


def portal_deliverable_detail(request, deliverable_id):
    raise Http404


def portal_deliverable_file(request, deliverable_id, file_id):
    raise Http404


def portal_deliverable_submit(request, task_id):
    raise Http404
