"""Compiled theme templates kept between builds: an edited template is compiled again, and
a cache folder that is not the user's own is never read."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest
from policykit.cachedir import cache_base
from policykit.output.templatecache import template_cache


def environment(templates: Path, cache: Path) -> jinja2.Environment:
    found = template_cache({"POLICYKIT_CACHE": str(cache)})
    assert found is not None and found.directory == str(cache / "templates")
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=found)


def test_a_changed_template_is_compiled_again_and_copies_share_one_entry(tmp_path):
    cache = tmp_path / "cache"
    for copy in ("kit-a", "kit-b"):
        (tmp_path / copy).mkdir()
        (tmp_path / copy / "main.html").write_text("Hallo {{ name }}", encoding="utf-8")
    first = environment(tmp_path / "kit-a", cache).get_template("main.html")
    assert first.render(name="kit") == "Hallo kit"
    entries = sorted((cache / "templates").iterdir())
    assert len(entries) == 1
    # The same template in another folder (another copy of the kit) reads the same entry.
    environment(tmp_path / "kit-b", cache).get_template("main.html")
    assert sorted((cache / "templates").iterdir()) == entries
    # An edit gives a new entry and the new text, never the old compiled code.
    (tmp_path / "kit-a" / "main.html").write_text("Dag {{ name }}", encoding="utf-8")
    assert environment(tmp_path / "kit-a", cache).get_template("main.html").render(
        name="kit") == "Dag kit"
    assert len(list((cache / "templates").iterdir())) == 2


def test_a_damaged_cache_file_is_compiled_again(tmp_path):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "main.html").write_text("Hallo {{ name }}", encoding="utf-8")
    cache = tmp_path / "cache"
    environment(tmp_path / "kit", cache).get_template("main.html")
    from jinja2.bccache import bc_magic
    (entry,) = (cache / "templates").iterdir()
    whole = entry.read_bytes()
    for damaged in (whole[:-40], whole[:len(bc_magic) + 3]):  # cut off, as a full disk leaves it
        entry.write_bytes(damaged)
        assert environment(tmp_path / "kit", cache).get_template("main.html").render(
            name="kit") == "Hallo kit"


def test_cache_off_or_unusable_means_compiling_every_time(tmp_path):
    assert template_cache({"POLICYKIT_CACHE": "off"}) is None
    a_file = tmp_path / "file"
    a_file.write_text("", encoding="utf-8")
    assert template_cache({"POLICYKIT_CACHE": str(a_file / "sub")}) is None
    assert str(cache_base({"XDG_CACHE_HOME": ""})).endswith("/.cache/policykit")


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_a_folder_of_another_user_is_not_read(tmp_path):
    other = tmp_path / "other" / "templates"
    other.mkdir(parents=True)
    os.chown(other, 12345, 12345)
    assert template_cache({"POLICYKIT_CACHE": str(other.parent)}) is None
