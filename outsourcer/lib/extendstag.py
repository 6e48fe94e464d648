"""`{% extends %}` that finds the root template's blocks once: a template builtin (config/settings.py
TEMPLATES "builtins") replacing Django's tag in every template, with the same syntax and output.

Django's tag walks every node of the root template (base.html: the whole nav) on each rendering to
find its `{% block %}`s, although a compiled template never changes: the cached template loader
(production) hands back the same object every time. The blocks are remembered on that object, so
a template loaded afresh (DEBUG, no cached loader) is walked afresh. Block overriding itself
(`BlockContext`) is Django's: each rendering gets its own, filled from these dicts as before.
"""

from django import template
from django.template.base import TextNode
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockContext, BlockNode, ExtendsNode
from django.template.loader_tags import do_extends as django_extends

register = template.Library()


class RememberedExtendsNode(ExtendsNode):
    def render(self, context):
        compiled_parent = self.get_parent(context)
        block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
        if block_context is None:
            block_context = context.render_context[BLOCK_CONTEXT_KEY] = BlockContext()
        block_context.add_blocks(self.blocks)
        root_blocks = root_blocks_of(compiled_parent)
        if root_blocks is not None:
            block_context.add_blocks(root_blocks)
        with context.render_context.push_state(compiled_parent, isolated_context=False):
            return compiled_parent._render(context)


def root_blocks_of(compiled: template.Template) -> dict | None:
    """The blocks of `compiled` if it is the root (extends nothing), else None; Django's test,
    done once per compiled template."""
    try:
        return compiled.__dict__["outsourcer_root_blocks"]
    except KeyError:
        pass
    blocks = None
    for node in compiled.nodelist:
        # The ExtendsNode has to be the first non-text node.
        if not isinstance(node, TextNode):
            if not isinstance(node, ExtendsNode):
                blocks = {n.name: n for n in compiled.nodelist.get_nodes_by_type(BlockNode)}
            break
    compiled.__dict__["outsourcer_root_blocks"] = blocks
    return blocks


@register.tag
def extends(parser, token):
    """Django's `{% extends %}` (same parsing), rendered with the root's blocks remembered."""
    node = django_extends(parser, token)
    node.__class__ = RememberedExtendsNode
    return node
