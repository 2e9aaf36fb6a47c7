"""The web editor's configuration (Decap CMS ``config.yml``), generated from what the kit knows.

Never written by hand per organisation: the menu gives the collections (one per section, the
pages of both languages side by side through Decap's i18n ``multiple_files``, which matches
``name.nl.md`` / ``name.en.md``); ``topics.yml`` gives the topic choices, the contacts the
owner choices; ``company.schema.json`` gives the forms of ``variables/people.yml`` with its
descriptions as hints (and as comments in the file Decap writes). The body of a page is raw
Markdown: Decap's rich-text mode would escape the footnotes, abbreviations and admonitions.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from policykit.findings import Finding
from policykit.labels import word, words
from policykit.sources.editing import Editing
from policykit.sources.localpages import LOCAL_DIR, first_heading, nav_entries
from policykit.sources.people import PEOPLE_FILE, PEOPLE_KEYS

DOCS = "docs"
MEDIA_FOLDER = "docs/assets/images"
ADMIN_DIR = "admin"                       # where the editor lives in the built site
BUNDLE_DIR = "editor/vendor/decap-cms"    # installed by editor/install.sh, git-ignored
BUNDLE_SCRIPT = "decap-cms.js"
BACKEND_ENV = "POLICYKIT_EDITOR_BACKEND"  # Decap's local backend: set by make editor and tests


@dataclass(frozen=True)
class MenuSection:
    """One menu section: its title and the base paths of its pages (``policy/ai.md``)."""

    title: str
    pages: tuple[str, ...]


def menu_sections(nav: Sequence[Any], home_title: str) -> list[MenuSection]:
    """The top-level sections of an MkDocs ``nav``; pages at the top level form ``home_title``.

    >>> [(s.title, s.pages) for s in menu_sections(["index.md", {"A": ["a.md", {"B": ["b.md"]}]}],
    ...                                           "Start")]
    [('Start', ('index.md',)), ('A', ('a.md', 'b.md'))]
    """
    loose: list[str] = []
    sections: list[MenuSection] = []
    for item in nav or ():
        if isinstance(item, str):
            loose.append(item)
        elif isinstance(item, dict):
            for title, value in item.items():
                pages = tuple(_pages(value))
                if isinstance(value, str):
                    loose.extend(pages)
                elif pages:
                    sections.append(MenuSection(str(title), pages))
    if loose:
        sections.insert(0, MenuSection(home_title, tuple(loose)))
    return sections


def page_titles(docs_dir: Path, pages: Sequence[str],
                languages: Sequence[str]) -> dict[str, dict[str, str]]:
    """Base path → language → the first heading of that language's file (or, when the heading
    holds template code, a title made from the file name)."""
    titles: dict[str, dict[str, str]] = {}
    for path in pages:
        stem = Path(docs_dir) / path.removesuffix(".md")
        for lang in languages:
            heading = first_heading(stem.with_name(f"{stem.name}.{lang}.md"))
            titles.setdefault(path, {})[lang] = heading or _label(stem.name.replace("-", " "))
    return titles


def bundle_findings(editing: Editing, root: Path, display_path: str,
                    key_line: Callable[[tuple[Any, ...]], int]) -> list[Finding]:
    """A finding when the web editor is on but its bundle is not installed.

    >>> bundle_findings(Editing(web_editor=False), Path("/nowhere"), "c.yml", lambda p: 1)
    []
    """
    if not editing.web_editor or (Path(root) / BUNDLE_DIR / BUNDLE_SCRIPT).is_file():
        return []
    return [Finding(display_path, key_line(("editing", "web_editor")),
                    f"the web editor is on, but it is not installed ({BUNDLE_DIR}/{BUNDLE_SCRIPT})",
                    "run `make editor-install` once (needs npm and the npm registry)",
                    check="editing")]


def admin_page(title: Mapping[str, str], lang: str, organisation: str) -> str:
    """The web editor's page: Decap's own script from the same folder, nothing inline."""
    name = html.escape(f"{_title(title, lang)} · {organisation}")
    return (f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n'
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="robots" content="noindex">\n'
            f'<title>{html.escape(word("editor", "editor", lang))} · {name}</title>\n'
            '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
            f'</head>\n<body>\n<script src="{BUNDLE_SCRIPT}"></script>\n</body>\n</html>\n')


def _pages(value: Any):
    """The Markdown pages a nav entry lists, in order."""
    return (entry for entry in nav_entries(value) if entry.endswith(".md"))


def decap_config(*, sections: Sequence[MenuSection], titles: Mapping[str, Mapping[str, str]],
                 editing: Editing, languages: Sequence[str], default: str,
                 topics: Sequence[Mapping[str, Any]], contacts: Mapping[str, Any],
                 flags: Sequence[str], schema: Mapping[str, Any], people: bool,
                 local_backend: str | None = None) -> dict[str, Any]:
    """The complete Decap CMS configuration.

    Menu sections are file collections listing each page once per language, side by side
    (Decap allows only ``single_file`` i18n in file collections, and our languages are separate
    files). Pages of ``docs/local/`` form a folder collection with i18n ``multiple_files``:
    a new page is written as ``name.nl.md`` and ``name.en.md`` at once, as the build requires.

    ``titles``: base path → language → title. ``local_backend``: address of ``decap-server``
    (``make editor``): saves go straight to the working tree. Otherwise the organisation's
    Git host, with the editorial workflow (every change becomes a pull or merge request).
    ``people``: ``variables/people.yml`` exists.
    """
    locales = [default, *[lang for lang in languages if lang != default]]
    label = words("editor", default)
    page_fields = _page_fields(topics, contacts, flags, default, None)
    collections: list[dict[str, Any]] = []
    for section in sections:
        pages = [path for path in section.pages if not path.startswith(f"{LOCAL_DIR}/")]
        if not pages:
            continue
        collections.append({
            "name": _slug(section.title), "label": section.title,
            "files": [{"name": _slug(f"{path.removesuffix('.md')}-{lang}"),
                       "label": f"{titles.get(path, {}).get(lang) or path} ({lang})",
                       "file": f"{DOCS}/{path.removesuffix('.md')}.{lang}.md",
                       "fields": page_fields}
                      for path in pages for lang in locales],
        })
    collections.append({
        "name": "local", "label": word("menu", "local_section", default),
        "folder": f"{DOCS}/{LOCAL_DIR}", "create": True,
        "extension": "md", "format": "frontmatter", "slug": "{{slug}}", "i18n": True,
        "identifier_field": "title", "summary": "{{title}}",
        "fields": [{"name": "title", "label": label["title"], "widget": "string", "i18n": True},
                   *_page_fields(topics, contacts, flags, default, "duplicate")],
    })
    if people:  # a folder collection: Decap writes field comments and order only for those
        collections.append({
            "name": "people", "label": label["people"],
            "folder": str(Path(PEOPLE_FILE).parent), "extension": "yml", "format": "yml",
            "create": False, "delete": False,
            "identifier_field": PEOPLE_KEYS[0], "summary": label["people"],
            "fields": [_schema_field(key, schema["properties"][key], schema, True,
                                     label["wrong_form"]) for key in PEOPLE_KEYS],
        })
    return {
        "locale": default,
        "backend": _backend(editing, local_backend),
        "publish_mode": "simple" if local_backend else "editorial_workflow",
        "media_folder": MEDIA_FOLDER,
        "public_folder": "assets/images",
        "i18n": {"structure": "multiple_files", "locales": locales, "default_locale": default},
        "editor": {"preview": False},   # the preview cannot show macros, admonitions or the theme
        "collections": collections,
    }


class _PlainDumper(yaml.SafeDumper):
    """Writes repeated parts in full (no YAML anchors), for a config a person can read."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def config_yaml(config: Mapping[str, Any]) -> str:
    """``config`` as the text of Decap's ``config.yml``."""
    return yaml.dump(dict(config), Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)


def _backend(editing: Editing, local_backend: str | None) -> dict[str, Any]:
    """Decap's ``backend`` block for the organisation's Git host (or the local one)."""
    repository = editing.repository
    branch = repository.branch if repository else "main"
    if local_backend:
        return {"name": "proxy", "proxy_url": local_backend, "branch": branch}
    if repository is None:
        raise ValueError("the web editor needs editing.repository (or a local backend)")
    base, repo = repository.base_url, repository.repo
    backend: dict[str, Any] = {"name": repository.host, "repo": repo, "branch": branch}
    if repository.host == "github":
        if base != "https://github.com":  # GitHub Enterprise Server
            backend["api_root"] = f"{base}/api/v3"
        if editing.auth_url:
            backend["base_url"] = editing.auth_url
    elif repository.host == "gitlab":
        backend.update(auth_type="pkce", app_id=editing.app_id, api_root=f"{base}/api/v4",
                       base_url=base, auth_endpoint="oauth/authorize")
    elif repository.host in ("gitea", "forgejo"):
        backend.update(app_id=editing.app_id, api_root=f"{base}/api/v1", base_url=base)
    elif repository.host == "azure":
        backend.update(tenant_id=editing.tenant_id, app_id=editing.app_id)
        if base != "https://dev.azure.com":  # Azure DevOps Server
            backend["api_root"] = base
    return backend


def _page_fields(topics: Sequence[Mapping[str, Any]], contacts: Mapping[str, Any],
                 flags: Sequence[str], default: str, shared: str | None) -> list[dict[str, Any]]:
    """Front matter as form fields, in the order pages write them, then the body.

    ``shared``: the i18n mode of the front matter fields in an i18n collection
    (``duplicate``: both languages get the same values); None outside one."""
    label = words("editor", default)
    fields = [
        {"name": "topics", "label": label["topics"], "widget": "select", "multiple": True,
         "required": False, "default": [], "hint": label["topics_hint"],
         "options": [{"label": f"{_title(t['title'], default)} ({t['id']})", "value": t["id"]}
                     for t in topics]},
        {"name": "owner", "label": label["owner"], "widget": "select", "hint": label["owner_hint"],
         "options": [{"label": _title(c.get("name", {}), default) or key, "value": key}
                     for key, c in contacts.items()]},
        {"name": "last_reviewed", "label": label["reviewed"], "widget": "datetime",
         "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
         "hint": label["reviewed_hint"]},
        {"name": "only_if", "label": label["only_if"], "widget": "select", "required": False,
         "options": list(flags), "hint": label["only_if_hint"]},
    ]
    body = {"name": "body", "label": label["body"], "widget": "markdown", "modes": ["raw"],
            "buttons": [], "editor_components": []}
    if shared:
        fields = [{**field, "i18n": shared} for field in fields]
        body["i18n"] = True
    return [*fields, body]


def _schema_field(name: str, node: Mapping[str, Any], root: Mapping[str, Any],
                  required: bool, wrong_form: str) -> dict[str, Any]:
    """A Decap field for the JSON Schema ``node``; its description becomes hint and comment."""
    own = str(node.get("description") or "")
    node, inherited = _resolve(node, root)
    properties = node.get("properties") or {}
    is_text = set(properties) == {"nl", "en"}         # "text per language" says nothing new
    description = own or ("" if is_text else inherited)
    field: dict[str, Any] = {"name": name, "label": _label(name)}
    if not required:
        field["required"] = False
    if description:
        field.update(hint=description, comment=description)
    kind = node.get("type")
    if kind == "object" and properties:
        wanted = set(node.get("required") or ())
        field.update(widget="object", fields=[
            _schema_field(key, value, root, required and (key in wanted or is_text), wrong_form)
            for key, value in properties.items()])
    elif kind == "array":
        item, _ = _resolve(node.get("items") or {}, root)
        item_properties = item.get("properties") or {}
        wanted = set(item.get("required") or ())
        field.update(widget="list", collapsed=True, fields=[
            _schema_field(key, value, root, key in wanted, wrong_form)
            for key, value in item_properties.items()])
    elif kind == "boolean":
        field["widget"] = "boolean"
    elif kind in ("integer", "number"):
        field.update(widget="number", value_type="int" if kind == "integer" else "float")
    else:
        field["widget"] = "string"
        if node.get("pattern"):
            field["pattern"] = [node["pattern"], f"{wrong_form} {description}".strip()]
    return field


def _resolve(node: Mapping[str, Any], root: Mapping[str, Any]) -> tuple[Mapping[str, Any], str]:
    """``node`` with its ``$ref`` followed; the nearest description on the way."""
    description = str(node.get("description") or "")
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
        description = description or str(node.get("description") or "")
    return node, description


def _title(text: Any, lang: str) -> str:
    if isinstance(text, Mapping):
        return str(text.get(lang) or next(iter(text.values()), ""))
    return str(text or "")


def _label(key: str) -> str:
    """``press_office`` → ``Press office``; ``nl`` → ``nl``."""
    if key in ("nl", "en"):
        return key
    words = key.replace("_", " ")
    return words[:1].upper() + words[1:]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
