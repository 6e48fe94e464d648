from outsourcer.lib.similarity import DUPLICATE_AT, index_keys, profile, query_keys, score, skeleton, stem


def test_it_stems_plurals_and_verb_forms_but_not_short_words():
    assert [stem(word) for word in ("photos", "invoices", "stories", "editing", "shipped", "speed", "spring")] == [
        "photo",
        "invoice",
        "story",
        "edit",
        "ship",
        "speed",
        "spring",
    ]


def test_a_typo_keeps_the_skeleton_the_index_looks_up():
    assert skeleton("instagarm") == skeleton("instagram")
    assert skeleton("prodcut") == skeleton("product")


def test_it_reads_synonyms_compounds_and_number_words_as_the_same_concept():
    a = profile("Retake product pictures for the online store", "Twelve images")
    b = profile("Refresh the shop photos for the web shop", "12 photos")
    assert {"photo", "shop", "12"} <= a.body.keys() & b.body.keys()
    assert "webshop" in b.title


def test_the_same_work_in_other_words_is_a_duplicate():
    assert score(profile("Fix the checkout bug on mobile"), profile("Repair the broken checkout on phones")) >= (
        DUPLICATE_AT
    )


def test_the_same_work_for_another_month_or_language_is_not():
    march = profile("Instagram captions for March")
    assert score(march, profile("Instagram captions for April")) < DUPLICATE_AT
    german = profile("Translate the website into German")
    assert score(german, profile("Translate the website into Spanish")) < DUPLICATE_AT


def test_a_title_without_words_matches_nothing():
    assert score(profile("the and of"), profile("Instagram captions")) == 0.0
    assert query_keys(profile("", "")) == []


def test_index_keys_hold_title_skeletons_and_cap_the_brief():
    item = profile("Instagram captions", " ".join(f"word{n}" for n in range(100)))
    keys = index_keys(item, brief_limit=5)
    assert "w:instagram" in keys and f"s:{skeleton('instagram')}" in keys
    assert len([key for key in keys if key.startswith("w:word")]) == 5
