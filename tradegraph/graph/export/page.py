"""The HTML frame of the graph page: the vis-network files pyvis ships, inlined, and our template."""

from __future__ import annotations

import functools
import re
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
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tradegraph (pyvis {{ pyvis_version }}, vis-network 9.1.2)">
<title>{{ title }}</title>
<style>{{ vis_css }}</style>
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; color: #222; }
  header { padding: 6px 14px; border-bottom: 1px solid #ddd; }
  header h1 { font-size: 18px; margin: 0; display: inline; }
  header span { color: #666; margin-left: 12px; font-size: 13px; }
  #graph { position: absolute; top: 40px; bottom: 0; left: 0; right: 0; }
  #legend { position: absolute; top: 50px; right: 10px; background: rgba(255,255,255,.92);
            border: 1px solid #ccc; border-radius: 4px; padding: 6px 10px; font-size: 12px; }
  #legend h2 { font-size: 12px; margin: 4px 0 2px; }
  #legend .symbol { display: inline-block; width: 2.2em; font-weight: bold; }
  div.vis-tooltip { white-space: pre-wrap !important; max-width: 36em; font-family: system-ui, sans-serif;
                    font-size: 12px; }
</style>
<script>{{ vis_js }}</script>
</head>
<body>
<header><h1>{{ title }}</h1><span id="summary">{{ summary }}</span></header>
<div id="graph"></div>
<aside id="legend">
{%- for group, entries in legend|groupby("group") %}
  <h2>{{ group }}</h2>
  {%- for entry in entries %}
  <div class="entry" data-kind="{{ entry.label }}"><span class="symbol" style="color: {{ entry.colour }}">{{ entry.symbol }}</span>{{ entry.label }}</div>
  {%- endfor %}
{%- endfor %}
</aside>
<script type="application/json" id="graph-data">{{ data|tojson }}</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("graph"), {}, data.options);
  var page = {network: network, nodes: nodes, edges: edges, ready: false};
  window.tradegraph = page;
  // Freeze once settled so that nodes stay where they were dragged.
  network.once("stabilizationIterationsDone", function () { network.setOptions({physics: false}); });
  network.once(data.options.physics.enabled ? "stabilizationIterationsDone" : "afterDrawing",
               function () { page.ready = true; });
  network.setData({nodes: nodes, edges: edges});
})();
</script>
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
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return js, css


def render(
    *,
    title: str,
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    options: dict[str, Any],
    legend: list[dict[str, str]],
    summary: str,
) -> str:
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
        data={"nodes": nodes, "edges": edges, "options": options},
    )
