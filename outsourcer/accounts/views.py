from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_POST

from outsourcer.accounts import selectors, services
from outsourcer.accounts.decorators import remember_current_org
from outsourcer.accounts.forms import AcceptInvitationForm, LoginForm, ProfileForm, SignupForm
from outsourcer.accounts.models import Invitation, User
from outsourcer.accounts.password_views import TOO_MANY_REQUESTS
from outsourcer.accounts.throttle import account_request_reserve, login_lockout_minutes
from outsourcer.contractors import services as contractor_services
from outsourcer.lib.errors import DomainError, FieldErrors, apply_to_form
from outsourcer.lib.forms import form_page, post_data
from outsourcer.lib.pickers import guess_currency_into

LOCKED_OUT = "Too many failed attempts. For your security, try again in {minutes} minutes or reset your password."
BAD_LOGIN = "That e-mail and password do not match. Check them and try again."
BACKEND = "outsourcer.accounts.backends.EmailBackend"


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignupForm(post_data(request))
    guess_currency_into(form, request)
    if request.method == "POST" and _signup_valid(form):
        if not account_request_reserve(request, kind="signup", email=form.cleaned_data["email"]):
            form.add_error(None, TOO_MANY_REQUESTS)
            return render(request, "accounts/signup.html", {"form": form}, status=429)
        try:
            # The same answer whether or not the address has an account: the e-mail tells its owner.
            services.signup_request(**form.cleaned_data)
        except DomainError as exc:
            apply_to_form(form, exc)
        else:
            return render(request, "accounts/signup_sent.html", {"email": form.cleaned_data["email"]})
    return form_page(request, "accounts/signup.html", {"form": form})


def _signup_valid(form: SignupForm) -> bool:
    """The form's own checks and the service's, all at once: each field shows its first problem."""
    valid = form.is_valid()
    values = {name: form.cleaned_data.get(name, form.data.get(name, "")) for name in form.fields}
    try:
        services.signup_check(**values)
    except FieldErrors as exc:
        for field, message in exc.errors.items():
            if field not in form.errors:
                form.add_error(field if field in form.fields else None, message)
        return False
    return valid


@require_http_methods(["GET", "POST"])
def signup_confirm_view(request, token: str):
    email = services.signup_token_email(token)
    if email is None:
        return render(request, "accounts/signup_invalid.html", status=404)
    if request.method == "GET":  # a mail scanner following the link must not log anyone in
        return render(request, "accounts/signup_confirm.html", {"email": email})
    confirmed = services.signup_confirm(token)
    if confirmed is None:
        return render(request, "accounts/signup_invalid.html", status=404)
    user, organization = confirmed
    login(request, user, backend=BACKEND)
    if organization is None:
        return redirect("home")
    messages.success(request, f"Welcome! {organization.name} is ready. Add your first contractor.")
    return redirect("orgs:home", organization.slug)


@require_http_methods(["GET", "POST"])
def login_view(request):
    from django.contrib.auth import authenticate

    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The backend counts the attempt and refuses it when (account, address) is locked out.
        user = authenticate(request, email=form.cleaned_data["email"], password=form.cleaned_data["password"])
        if minutes := login_lockout_minutes(request):
            form.add_error(None, LOCKED_OUT.format(minutes=minutes))
            return render(request, "accounts/login.html", {"form": form, "locked": True}, status=429)
        if user is None:
            form.add_error(None, BAD_LOGIN)
        else:
            login(request, user, backend=BACKEND)
            return redirect(_safe_next(request) or "home")
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request)})


def _safe_next(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return next_url
    return ""


@require_POST
def logout_view(request):
    # An invitation page sends people here to switch accounts; take them back to it afterwards.
    next_url = _safe_next(request)
    logout(request)
    messages.info(request, "You are logged out.")
    if next_url:
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    account = User.objects.filter(email=invitation.email).only("is_active").first()
    has_account = account is not None
    unconfirmed = has_account and not account.is_active  # signed up, never confirmed the address
    signed_in_as_invitee = request.user.is_authenticated and request.user.email == invitation.email
    # A contractor invitation names the person the organization knows: their name is pre-filled.
    known_name = invitation.engagement.contractor.name if invitation.engagement_id else ""
    form = AcceptInvitationForm(request.POST or None, initial={"name": known_name}) if not has_account else None
    error = ""
    if request.method == "POST" and unconfirmed and not request.user.is_authenticated:
        services.signup_confirm_by_invitation(invitation=invitation)
        messages.success(request, f"{invitation.email} is confirmed. Log in to accept the invitation.")
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.path})}")
    if request.method == "POST":
        try:
            if signed_in_as_invitee:
                user = contractor_services.invitation_accept(invitation=invitation, user=request.user)
            elif not has_account and form.is_valid():
                user = contractor_services.invitation_accept(
                    invitation=invitation, password=form.cleaned_data["password"], name=form.cleaned_data["name"]
                )
                login(request, user, backend=BACKEND)
            else:
                user = None
        except DomainError as exc:
            if form is not None:
                apply_to_form(form, exc)
            else:
                error = exc.message
        else:
            if user is not None:
                return _after_accept(request, invitation)
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "has_account": has_account,
            "unconfirmed": unconfirmed,
            "signed_in_as_invitee": signed_in_as_invitee,
            "error": error,
        },
    )


def _after_accept(request, invitation: Invitation):
    if invitation.kind == Invitation.Kind.CONTRACTOR:
        messages.success(
            request,
            f"You now work with {invitation.organization.name}. "
            "Check your time zone, then set your working hours and capacity.",
        )
        return remember_current_org(request, redirect("portal:profile"), "")
    messages.success(request, f"Welcome to {invitation.organization.name}.")
    return redirect("orgs:home", invitation.organization.slug)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, initial={"name": request.user.name, "time_zone": request.user.time_zone})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_profile_update(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            apply_to_form(form, exc)
        else:
            messages.success(request, "Your account is saved.")
            return redirect("accounts:profile")
    alert_memberships = selectors.membership_list_for_alerts(user=request.user)
    return render(request, "accounts/profile.html", {"form": form, "alert_memberships": alert_memberships})


@login_required
@require_POST
def profile_alerts(request):
    """The user's own budget-alert switch per organization (ticked boxes are on)."""
    enabled = {int(value) for value in request.POST.getlist("budget_alerts") if value.isdigit()}
    services.membership_budget_alerts_set(user=request.user, enabled_ids=enabled)
    messages.success(request, "Your budget alert choices are saved.")
    return redirect("accounts:profile")
