"""`{% url %}` that remembers its answers: a template builtin (config/settings.py TEMPLATES
"builtins") replacing Django's tag in every template, with the same syntax and output.

The nav alone reverses a dozen URLs on every page, and `reverse` walks the URL patterns, quotes and
checks each time: a tenth of the lightest page's time (docs/performance.md, request floor). A URL
depends only on the view name, the arguments, the current namespace, the script prefix and the
URLconf, so the answer for plain arguments (strings and integers) is kept in a bounded cache;
anything else (a model instance, a lazy string) goes through Django's tag unchanged.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()
PLAIN = (str, int)


@lru_cache(maxsize=4096)
def remembered_reverse(
    view_name: str, args: tuple, kwargs: tuple, current_app, prefix: str, urlconf, language: str | None
) -> str:
    # `prefix`, `urlconf` and `language` (translated patterns) are part of the key only: reverse
    # reads the current ones itself.
    return reverse(view_name, args=args, kwargs=dict(kwargs) or None, current_app=current_app)


class RememberedURLNode(URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        # Template literals are SafeStrings, str subclasses hashing and comparing as str.
        if not isinstance(view_name, str) or not all(isinstance(v, PLAIN) for v in (*args, *kwargs.values())):
            return super().render(context)
        url = ""
        try:
            url = remembered_reverse(
                view_name, tuple(args), tuple(sorted(kwargs.items())), *_surroundings(context), get_language()
            )
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return escaped(url) if context.autoescape else url


@lru_cache(maxsize=4096)
def escaped(url: str) -> str:
    """The URL as the tag writes it in an autoescaped template: the same few URLs on every page."""
    return conditional_escape(url)


def _surroundings(context) -> tuple:
    """(current namespace, script prefix, URLconf): the rest of the key but the language (which
    `{% language %}` may switch mid-page), the same for every tag of one rendering, so worked out
    once per rendering (each is a context-local read)."""
    surroundings = context.render_context.get(_SURROUNDINGS)
    if surroundings is None:
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        surroundings = (current_app, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
        context.render_context[_SURROUNDINGS] = surroundings
    return surroundings


_SURROUNDINGS = "outsourcer.lib.urltags.surroundings"


@register.tag
def url(parser, token):
    """Django's `{% url %}` (same parsing), rendered through `remembered_reverse`."""
    node = django_url(parser, token)
    node.__class__ = RememberedURLNode
    return node
