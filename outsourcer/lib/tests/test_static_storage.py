import json

from whitenoise.storage import CompressedManifestStaticFilesStorage

from outsourcer.lib.static_storage import RememberedManifestStorage


def test_it_answers_whitenoises_urls_and_remembers_them(tmp_path, settings):
    settings.DEBUG = False
    manifest = {"paths": {"css/app.css": "css/app.0123456789ab.css"}, "version": "1.1", "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    remembered = RememberedManifestStorage(location=tmp_path, base_url="/static/")
    plain = CompressedManifestStaticFilesStorage(location=tmp_path, base_url="/static/")

    assert remembered.url("css/app.css") == plain.url("css/app.css") == "/static/css/app.0123456789ab.css"
    remembered.hashed_files["css/app.css"] = "css/app.changed.css"  # the manifest is read once
    assert remembered.url("css/app.css") == "/static/css/app.0123456789ab.css"
    assert remembered.url("css/app.css", force=True) == "/static/css/app.changed.css"
