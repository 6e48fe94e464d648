from django.http import HttpResponse


def token_list(request):  # replaced by the API work
    return HttpResponse("")


token_create = token_revoke = token_list
