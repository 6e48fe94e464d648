"""{% url %} in every template is lib.urltags' cached one: same output as Django's, same errors."""

import pytest
from django.template import Context, Engine, Template, TemplateSyntaxError
from django.template.loader import engines
from django.urls import NoReverseMatch, reverse

from outsourcer.lib import urltags


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_the_project_templates_use_the_remembering_tag():
    template = engines["django"].from_string("{% url 'home' %}")
    assert isinstance(template.template.nodelist[0], urltags.RememberedURLNode)


def test_the_same_urls_as_django_and_repeated_ones_from_the_cache():
    urltags.remembered_reverse.cache_clear()
    source = "{% url 'budgets:detail' slug 7 %}|{% url 'budgets:detail' org_slug=slug budget_id=7 %}|{% url 'home' %}"
    expected = "|".join(
        [
            reverse("budgets:detail", args=["crumb", 7]),
            reverse("budgets:detail", kwargs={"org_slug": "crumb", "budget_id": 7}),
            reverse("home"),
        ]
    )
    assert render(source, slug="crumb") == expected
    assert render(source, slug="crumb") == expected
    info = urltags.remembered_reverse.cache_info()
    assert (info.misses, info.hits) == (3, 3)
    # Another argument is another URL, never a cached neighbour's.
    assert render("{% url 'budgets:detail' 'oscars' 8 %}") == "/o/oscars/budgets/8/"


def test_as_var_and_errors_behave_like_djangos():
    assert render("{% url 'budgets:detail' 'crumb' 7 as link %}[{{ link }}]") == "[/o/crumb/budgets/7/]"
    assert render("{% url 'no-such-view' as link %}[{{ link }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-view' %}")
    with pytest.raises(TemplateSyntaxError):
        render("{% url %}")


def test_other_arguments_go_through_djangos_tag_uncached():
    urltags.remembered_reverse.cache_clear()

    class Slug:
        def __str__(self):
            return "crumb"

    assert render("{% url 'budgets:list' slug %}", slug=Slug()) == "/o/crumb/budgets/"
    assert urltags.remembered_reverse.cache_info().currsize == 0


def test_an_engine_without_the_builtin_keeps_djangos_tag():
    template = Template("{% url 'home' %}", engine=Engine())
    assert not isinstance(template.nodelist[0], urltags.RememberedURLNode)
    assert template.render(Context()) == "/"
