"""The HTML frame of the graph page: vis-network (the copy pyvis ships) and the explorer script, inlined."""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any

from tradegraph.graph.errors import UnsupportedError

VIS_DIR = "templates/lib/vis-9.1.2"
# Nothing may be fetched: no CDN, no source map, no font; inline scripts and data: images only.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
)

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tradegraph (vis-network 9.1.2 from pyvis {{ pyvis_version }})">
<title>{{ title }}</title>
<style>{{ vis_css }}</style>
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; color: #222; font-size: 13px; }
  header { height: 38px; box-sizing: border-box; padding: 8px 14px; border-bottom: 1px solid #ddd; }
  header h1 { font-size: 17px; margin: 0; display: inline; }
  header span { color: #555; margin-left: 12px; }
  #controls { position: absolute; top: 38px; left: 0; bottom: 0; width: 250px; overflow-y: auto;
              padding: 8px 12px; box-sizing: border-box; border-right: 1px solid #ddd; background: #fafafa; }
  #graph { position: absolute; top: 38px; bottom: 0; left: 250px; right: 330px; }
  #graph:focus { outline: 2px solid #3a6ea5; outline-offset: -2px; }
  #details { position: absolute; top: 38px; right: 0; bottom: 0; width: 330px; overflow-y: auto;
             padding: 8px 12px; box-sizing: border-box; border-left: 1px solid #ddd; }
  fieldset { border: 1px solid #ddd; border-radius: 4px; margin: 0 0 10px; padding: 4px 8px 8px; }
  legend { font-weight: 600; padding: 0 4px; }
  label.entry { display: block; padding: 2px 0; cursor: pointer; }
  .symbol { display: inline-block; width: 2.2em; font-weight: bold; text-align: center; }
  input[type=search], input[type=range] { width: 100%; box-sizing: border-box; }
  #search-results { list-style: none; margin: 4px 0 0; padding: 0; }
  button.link { background: none; border: none; padding: 1px 0; color: #1d4f91; cursor: pointer;
                text-align: left; font: inherit; text-decoration: underline; }
  button.link:focus { outline: 2px solid #3a6ea5; }
  #details h2 { font-size: 14px; margin: 6px 0 4px; }
  #details blockquote { margin: 4px 0; padding: 2px 8px; border-left: 3px solid #ccc; white-space: pre-wrap; }
  #details .meta { color: #555; font-size: 12px; margin-bottom: 6px; overflow-wrap: anywhere; }
  #details ol, #details ul { padding-left: 18px; margin: 4px 0; }
  .hint { color: #666; font-size: 12px; }
  div.vis-tooltip { white-space: pre-wrap !important; max-width: 36em; font-family: system-ui, sans-serif;
                    font-size: 12px; }
</style>
<script>{{ vis_js }}</script>
</head>
<body>
<header><h1>{{ title }}</h1><span id="summary">{{ summary }}</span></header>
<nav id="controls" aria-label="Find and filter">
  <fieldset>
    <legend><label for="search">Find an actor</label></legend>
    <input id="search" type="search" autocomplete="off" placeholder="name or alias ( / )"
           aria-describedby="search-status" aria-controls="search-results">
    <div id="search-status" class="hint" role="status"></div>
    <ul id="search-results"></ul>
  </fieldset>
  <fieldset>
    <legend><label for="time">As of</label></legend>
    <input id="time" type="range" min="0" max="0" step="1" value="0" aria-describedby="time-label">
    <output id="time-label" for="time">any date</output>
    <div class="hint">relations valid on the day and reported by then</div>
  </fieldset>
  <fieldset>
    <legend><label for="confidence">Minimum confidence</label></legend>
    <input id="confidence" type="range" min="0" max="100" step="5" value="0" aria-describedby="confidence-label">
    <output id="confidence-label" for="confidence">0.00</output>
  </fieldset>
  <div id="legend">
  {%- for group, entries in legend|groupby("group") %}
  <fieldset>
    <legend>{{ group }}</legend>
    {%- for entry in entries %}
    <label class="entry"><input type="checkbox" checked data-group="{{ group }}" data-kind="{{ entry.label }}"><span class="symbol" style="color: {{ entry.colour }}">{{ entry.symbol }}</span>{{ entry.label }}</label>
    {%- endfor %}
  </fieldset>
  {%- endfor %}
  </div>
  <p class="hint">Keys: <kbd>/</kbd> search, <kbd>Esc</kbd> clear, arrows and +/− move and zoom the graph when it has focus.</p>
</nav>
<div id="graph" tabindex="0" role="application" aria-label="Graph of actors and relations; select actors from the search"></div>
<aside id="details" aria-live="polite">
  <section id="actor"><p class="hint">Click an actor or a relation, or find an actor by name.</p></section>
  <section id="evidence"></section>
  <section id="timeline"></section>
</aside>
<script type="application/json" id="graph-data">{{ data|tojson }}</script>
<script>{{ page_js }}</script>
</body>
</html>
"""


@functools.cache
def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis package, made safe to inline."""
    import pyvis

    folder = Path(pyvis.__file__).parent / VIS_DIR
    try:
        js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        css = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as err:
        raise UnsupportedError(
            f"pyvis's copy of vis-network is missing at {folder}; reinstall pyvis==0.3.2 "
            "(pip install --force-reinstall pyvis==0.3.2)",
            code="TG460",
        ) from err
    # A source-map comment makes developer tools fetch a file that is not there.
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    return _no_end_tag(js, "script"), _no_end_tag(css, "style")


def _no_end_tag(text: str, tag: str) -> str:
    return re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


@functools.cache
def page_script() -> str:
    """The explorer: search, filters, time and confidence sliders, evidence and timeline panels."""
    text = resources.files("tradegraph.graph.export").joinpath("page.js").read_text(encoding="utf-8")
    return _no_end_tag(text, "script")


def render(*, title: str, data: dict[str, Any], legend: list[dict[str, str]], summary: str) -> str:
    """The whole page; every text is HTML-escaped and the data is escaped JSON."""
    import jinja2
    from markupsafe import Markup
    from pyvis import __version__ as pyvis_version

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    js, css = vis_assets()
    return env.from_string(TEMPLATE).render(
        csp=CSP,
        title=title,
        summary=summary,
        legend=legend,
        pyvis_version=pyvis_version,
        vis_js=Markup(js),
        vis_css=Markup(css),
        page_js=Markup(page_script()),
        data=data,
    )
