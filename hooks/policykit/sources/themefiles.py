"""The theme's files as MkDocs lists them for copying into the site, without walking hidden
folders.

MkDocs lists every file of every theme folder (``Environment.list_templates``) and then drops
each path with a part that starts with a dot. Material keeps 14,500 icons in ``.icons/``, so the
walk and its filter cost about 0.08 s per language of every build, to drop them all again.
:func:`visible_templates` gives the same list without entering hidden folders.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path


def visible_templates(folders: Iterable[str | Path], extensions: Iterable[str] | None = None,
                      filter_func: Callable[[str], bool] | None = None) -> list[str]:
    """The sorted template names under ``folders`` (``a/b.css``), as jinja2's
    ``FileSystemLoader(folders)`` with ``Environment.list_templates`` gives them, except names
    with a part that starts with a dot (files or folders).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("base.html", "assets/app.css", ".icons/x.svg", "assets/.map", ".hidden"):
    ...     (root / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (root / name).write_text("x")
    >>> visible_templates([root])
    ['assets/app.css', 'base.html']
    >>> visible_templates([root], filter_func=lambda name: name.endswith(".css"))
    ['assets/app.css']
    """
    found: set[str] = set()
    for folder in folders:
        folder = os.fspath(folder)
        for here, subfolders, files in os.walk(folder):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            relative = os.path.relpath(here, folder)
            for name in files:
                if name.startswith("."):
                    continue
                path = name if relative == "." else os.path.join(relative, name)
                found.add(path.replace(os.sep, "/"))
    names = sorted(found)
    if extensions is not None:
        wanted = set(extensions)
        names = [name for name in names if "." in name and name.rsplit(".", 1)[1] in wanted]
    if filter_func is not None:
        names = [name for name in names if filter_func(name)]
    return names
