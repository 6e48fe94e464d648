import json

from outsourcer.lib.similarity import (
    DUPLICATE_AT,
    index_keys,
    profile,
    profile_dump,
    profile_load,
    query_keys,
    score,
    skeleton,
    stem,
)


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


def test_a_typo_of_a_synonym_shares_a_key_with_the_word_written():
    # "subtitle" is read as the concept "caption"; its typo is not, yet both keep "subtitle"'s skeleton.
    stored = set(index_keys(profile("Subtitle the recipe videos")))
    assert "w:caption" in stored
    assert f"s:{skeleton('subtitle')}" in stored & set(query_keys(profile("Subtitel the recipie videos")))


def test_a_stored_profile_reads_back_as_the_same_profile():
    item = profile("Retake product pictures for Nova's online store", "Twelve images, shot in March")
    stored = json.loads(json.dumps(profile_dump(item)))

    assert profile_load(stored) == item
    other = profile("Refresh the shop photos")
    assert score(profile_load(stored), other) == score(item, other)


def test_a_profile_stored_by_another_version_is_not_read():
    stored = profile_dump(profile("Refresh the shop photos"))

    assert profile_load({**stored, "version": "0-old"}) is None
    assert profile_load({}) is None
