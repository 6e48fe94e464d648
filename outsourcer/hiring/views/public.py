"""A job's share link (no login): the brief and a form where a newcomer gives their name, e-mail and
bid. Applying is throttled per client address (and per e-mail), like sign-up; a link that expired,
was revoked or whose job no longer takes bids answers a page that says which."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from outsourcer.accounts.throttle import account_request_reserve
from outsourcer.hiring import services
from outsourcer.hiring.forms.bids import ApplyForm
from outsourcer.hiring.selectors.jobs import JobShareLinkUnusable, job_for_share_token
from outsourcer.lib.forms import form_save, post_data

THROTTLE_KIND = "job_apply"
PROBLEM_STATUS = {"invalid": 404, "expired": 410, "revoked": 410, "closed": 410}


@require_http_methods(["GET", "POST"])
def job_apply(request, token: str):
    try:
        job = job_for_share_token(token)
    except JobShareLinkUnusable as problem:
        context = {"problem": problem.code, "message": problem.message}
        return render(request, "hiring/public/link_problem.html", context, status=PROBLEM_STATUS[problem.code])
    if request.method == "GET" and request.GET.get("applied"):
        return render(request, "hiring/public/applied.html", {"job": job})
    form = ApplyForm(post_data(request), initial={"rate_model": job.rate_model}, job_currency=job.budget.currency)
    if form.is_bound and not account_request_reserve(request, kind=THROTTLE_KIND, email=request.POST.get("email", "")):
        context = {"job": job, "form": form, "throttled": True}
        return render(request, "hiring/public/apply.html", context, status=429)

    def apply() -> bool:
        # None from the service (an address the organization knows) answers like a success.
        services.bid_apply(
            job=job,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            company=form.cleaned_data.get("company") or "",
            terms=form.terms(),
        )
        return True

    if form_save(form, apply):
        return redirect(f"{request.path}?applied=1")
    status = 400 if form.errors else 200
    return render(request, "hiring/public/apply.html", {"job": job, "form": form}, status=status)
