"""The site's search index, `search-index.js`: every model, column, metric, source table, seed,
test and exposure with its description, for the search box in the header of every page.

One JSON document, gzipped and base64-encoded into `window.DENTAL_SEARCH_INDEX` so `search.html`
loads it with a script tag from `file://` (where browsers refuse to fetch a file) and inflates it
with the browser's own `DecompressionStream`: a quarter of the plain JSON's size, which the site's
size budget needs. Descriptions many columns share (the `doc()` blocks) are kept once:

```
{"version": 1, "project": "dbt_dental_models",
 "kinds": ["model", "column", "metric", "source", "seed", "test", "exposure"],
 "texts": ["One row per completed procedure.", ...],
 "entries": [[kind, name, context, text index, id], ...]}
```

`context` is the model or table a column or test belongs to (the layer for a model); `id` the
dbt unique_id a docs page is found by (empty for columns and metrics, which open the column
lineage page). A description longer than `MAX_TEXT` characters is cut at a word: the index finds
a thing by the words that say what it is, the docs page holds the rest. `read_search_index`
reads the document back.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from pathlib import Path
from typing import Any

from dental_analytics.api.catalog import Catalog
from dental_analytics.docs_site.artifacts import Project, layer_rank

VERSION = 1
FILE = "search-index.js"
VARIABLE = "window.DENTAL_SEARCH_INDEX"
KINDS = ("model", "column", "metric", "source", "seed", "test", "exposure")
MAX_TEXT = 300


def _plain(text: str) -> str:
    """A description as one line of words (Markdown's bold, code marks, headings and table bars
    left out; names keep their underscores), cut at a word after `MAX_TEXT` characters."""
    plain = " ".join(re.sub(r"\*\*|`|^#+ |\|", " ", text, flags=re.MULTILINE).split())
    if len(plain) <= MAX_TEXT:
        return plain
    return plain[:MAX_TEXT].rsplit(" ", 1)[0] + " …"


def search_document(project: Project, catalog: Catalog | None) -> dict[str, Any]:
    """The search index's JSON document (see the module's docstring)."""
    texts: list[str] = []
    text_index: dict[str, int] = {}
    entries: list[list[Any]] = []

    def add(kind: str, name: str, context: str, text: str, uid: str = "") -> None:
        plain = _plain(text)
        if plain not in text_index:
            text_index[plain] = len(texts)
            texts.append(plain)
        entries.append([KINDS.index(kind), name, context, text_index[plain], uid])

    nodes = sorted(project.nodes.values(), key=lambda n: (layer_rank(n.layer), n.label))
    for node in nodes:
        kind = node.resource_type if node.resource_type in KINDS else "model"
        add(kind, node.label, node.layer, node.description, node.unique_id)
    if catalog is not None:
        for metric in sorted(catalog.metrics.values(), key=lambda m: m.name):
            add("metric", metric.name, metric.label, metric.description)
    for node in nodes:
        if node.resource_type in {"model", "source", "seed"}:
            for column in node.columns:
                add("column", column.name, node.label, column.description)
    for test in project.tests:
        context = f"{test.model}.{test.column}" if test.column else test.model
        add("test", test.name, context, test.description or test.test_type, test.unique_id)
    return {
        "version": VERSION,
        "project": project.name,
        "kinds": list(KINDS),
        "texts": texts,
        "entries": entries,
    }


def write_search_index(document: dict[str, Any], dest: Path) -> int:
    """Write the search index; return its size in bytes."""
    data = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
    packed = base64.b64encode(gzip.compress(data, compresslevel=9, mtime=0)).decode("ascii")
    text = f'{VARIABLE} = "{packed}";\n'
    dest.write_text(text, encoding="ascii")
    return len(text)


def read_search_index(path: Path) -> dict[str, Any]:
    """The JSON document of a search index written by `write_search_index`."""
    text = path.read_text(encoding="ascii").strip()
    prefix = f'{VARIABLE} = "'
    if not text.startswith(prefix) or not text.endswith('";'):
        raise ValueError(f"{path} is not a search index")
    document: dict[str, Any] = json.loads(gzip.decompress(base64.b64decode(text[len(prefix) : -2])))
    return document
