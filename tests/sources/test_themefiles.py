"""The theme's files listed without hidden folders are the files MkDocs copies anyway."""

from __future__ import annotations

import functools
from pathlib import Path

from conftest import REPO
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from policykit.sources.themefiles import visible_templates


def _theme_files(config, env) -> list[str]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return [file.src_uri for file in files]


def test_the_kit_s_theme_gives_the_same_files_without_its_hidden_folders():
    config = load_config(str(REPO / "mkdocs.yml"))
    folders = config.theme.get_env().loader.searchpath
    assert any((Path(folder) / ".icons").is_dir() for folder in folders), \
        "Material's .icons folder is gone: this test no longer tries a hidden folder"
    plain = config.theme.get_env()
    quick = config.theme.get_env()
    quick.list_templates = functools.partial(visible_templates, folders)
    expected = _theme_files(config, plain)
    assert len(expected) > 10 and any(name.startswith("assets/") for name in expected)
    assert _theme_files(config, quick) == expected


def test_the_build_lists_theme_files_this_way_also_when_set_up_twice():
    import policy_setup

    config = load_config(str(REPO / "mkdocs.yml"))
    expected = _theme_files(config, config.theme.get_env())
    policy_setup._theme_files_without_hidden_folders(config.theme)
    policy_setup._theme_files_without_hidden_folders(config.theme)  # nested language builds
    env = config.theme.get_env()
    assert env.list_templates.func is visible_templates
    assert _theme_files(config, env) == expected
