"""{% extends %} in every template is lib.extendstag's: the root template's blocks found once per
compiled template, the output Django's (overrides, block.super, several levels, blocks in ifs)."""

from django.template import Context, Engine
from django.template.loader import engines
from django.test import Client

from outsourcer.lib import extendstag

TEMPLATES = {
    "root.html": (
        "<{% block title %}root title{% endblock %}|{% if flag %}{% block body %}root body{% endblock %}{% endif %}"
        "|{% block foot %}foot{% endblock %}>"
    ),
    "middle.html": "{% extends 'root.html' %}{% block body %}middle[{{ block.super }}]{% endblock %}",
    "page.html": (
        "{% extends 'middle.html' %}{% block title %}page {{ name }}{% endblock %}"
        "{% block body %}page[{{ block.super }}]{% endblock %}"
    ),
    "other.html": "{% extends 'root.html' %}{% block foot %}other foot{% endblock %}",
}


def engine(*, ours: bool) -> Engine:
    loaders = [("django.template.loaders.cached.Loader", [("django.template.loaders.locmem.Loader", TEMPLATES)])]
    return Engine(loaders=loaders, builtins=["outsourcer.lib.extendstag"] if ours else [])


def test_the_project_templates_use_it():
    template = engines["django"].from_string("{% extends 'base.html' %}")
    assert isinstance(template.template.nodelist[0], extendstag.RememberedExtendsNode)


def test_the_same_output_as_djangos_every_time():
    ours, django = engine(ours=True), engine(ours=False)
    for flag in (True, False, True):
        for name in ("page.html", "middle.html", "other.html", "root.html"):
            context = {"flag": flag, "name": "<b>"}
            expected = django.get_template(name).render(Context(context))
            assert ours.get_template(name).render(Context(context)) == expected
    assert engine(ours=True).get_template("page.html").render(Context({"flag": True, "name": "x"})) == (
        "<page x|page[middle[root body]]|foot>"
    )


def test_the_root_blocks_are_found_once_per_compiled_template():
    ours = engine(ours=True)
    ours.get_template("other.html").render(Context({"flag": True}))
    root = ours.get_template("root.html")
    blocks = root.__dict__["outsourcer_root_blocks"]
    assert set(blocks) == {"title", "body", "foot"}
    ours.get_template("page.html").render(Context({"flag": True}))
    assert root.__dict__["outsourcer_root_blocks"] is blocks
    assert ours.get_template("middle.html").__dict__["outsourcer_root_blocks"] is None  # extends another


def test_a_signed_out_page_renders_through_it(db):
    response = Client().get("/accounts/login/")
    assert response.status_code == 200
    assert b"<title>" in response.content and b"Log in" in response.content
