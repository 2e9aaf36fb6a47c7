"""Compiled templates kept between builds: an edited template is compiled again, a cached page
still runs in the sandbox, and a cache folder that is not the user's own is never read."""

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


def sandbox(tmp_path: Path, cache: Path):
    from policykit.output.sandbox import PageSandbox
    snippets = tmp_path / "docs" / "_snippets"
    snippets.mkdir(parents=True, exist_ok=True)
    env = PageSandbox(snippets=snippets, root=tmp_path)
    env.bytecode_cache = template_cache({"POLICYKIT_CACHE": str(cache)})
    found = []
    env.report = found.append
    return env, found


def test_a_page_is_compiled_once_and_its_cached_code_is_still_sandboxed(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    page = "Hallo {{ name }}. {{ name.__class__ }}"
    env, found = sandbox(tmp_path, cache)
    first = env.from_string(page).render(name="kit")
    assert "not allowed in a page" in first and len(found) == 1
    assert len(list((cache / "templates").iterdir())) == 1
    # A later build (a new environment) reads the compiled page instead of compiling it...
    env, found = sandbox(tmp_path, cache)
    monkeypatch.setattr(env, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert env.from_string(page).render(name="kit") == first
    # ...and the sandbox still refuses the construct, with the page's line.
    assert len(found) == 1 and "'.__class__' of str" in found[0].message
    assert found[0].line == 1
    # The same text in an environment without the sandbox is another entry: compiled code
    # from one never runs in the other.
    plain = jinja2.Environment(bytecode_cache=template_cache({"POLICYKIT_CACHE": str(cache)}))
    from policykit.output.templatecache import compile_cached
    compile_cached(plain, page)
    assert len(list((cache / "templates").iterdir())) == 2


def test_a_page_with_a_syntax_error_is_reported_and_not_cached(tmp_path):
    cache = tmp_path / "cache"
    env, found = sandbox(tmp_path, cache)
    with pytest.raises(jinja2.TemplateSyntaxError):
        env.from_string("Hallo {{ name ")
    assert not (cache / "templates").exists() or not list((cache / "templates").iterdir())
