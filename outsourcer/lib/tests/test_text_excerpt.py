from outsourcer.lib.text import one_line_excerpt


def test_a_short_text_is_kept_on_one_line():
    assert one_line_excerpt("Can you\n  send the   files?", 40) == "Can you send the files?"


def test_a_long_text_is_cut_to_the_size_with_an_ellipsis():
    excerpt = one_line_excerpt("word " * 20, 12)
    assert excerpt == "word word w…"
    assert len(excerpt) == 12


def test_a_text_of_exactly_the_size_is_not_cut():
    assert one_line_excerpt("abcdef", 6) == "abcdef"
