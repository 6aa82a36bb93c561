// The entity graph page's drawing: the entities and edges of the page's JSON data block on a vis-network.
// Labels are drawn on the canvas and tooltips are plain strings (vis-network shows them as text);
// without this script (or vis-network) the page's tables of edges stand alone.
"use strict";

(function () {
  const block = document.getElementById("graph-data");
  const container = document.getElementById("graph");
  if (!block || !container || !window.vis || !window.vis.Network) {
    return;
  }
  const data = JSON.parse(block.textContent);
  if (!data.nodes.length) {
    return;
  }
  const style = getComputedStyle(document.documentElement);
  const colour = (name) => style.getPropertyValue(name).trim();
  const names = new Map(data.nodes.map((node) => [node.id, node.label]));

  function edgeColour(edge) {
    if (edge.kind === "event") {
      return colour("--graph-event");
    }
    if (edge.denies && edge.asserts) {
      return colour("--graph-mixed");
    }
    return edge.denies ? colour("--deny") : colour("--assert");
  }

  function edgeTitle(edge) {
    const arrow = names.get(edge.from) + " → " + names.get(edge.to);
    const what = edge.kind === "event" ? "event claims" : "statements";
    const types = edge.types.length ? "\n" + edge.types.join(", ").replaceAll("_", " ") : "";
    return arrow + "\n" + edge.asserts + " asserting, " + edge.denies + " denying " + what + types;
  }

  const nodes = new vis.DataSet(data.nodes.map((node) => ({
    id: node.id,
    label: node.label,
    group: node.type,
    value: node.weight,
    title: node.label + " (" + node.type + ")\n" + node.weight + " statements and claims",
    url: node.url,
  })));
  const edges = new vis.DataSet(data.edges.map((edge, index) => ({
    id: index,
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    value: edge.weight,
    arrows: "to",
    dashes: edge.kind === "event",
    color: {color: edgeColour(edge), highlight: edgeColour(edge), hover: edgeColour(edge)},
    title: edgeTitle(edge),
  })));

  const shown = {statement: true, event: true};
  const visible = new vis.DataView(edges, {filter: (edge) => shown[edge.kind]});
  const groups = {};
  for (const type of ["person", "organization", "government", "place", "media", "other"]) {
    groups[type] = {color: {background: colour("--graph-" + type), border: colour("--ink")}};
  }
  const network = new vis.Network(container, {nodes: nodes, edges: visible}, {
    groups: groups,
    nodes: {shape: "dot", scaling: {min: 8, max: 40}, font: {size: 14}},
    edges: {scaling: {min: 1, max: 10}, smooth: {type: "continuous"}},
    interaction: {hover: true, tooltipDelay: 150},
    physics: {stabilization: {iterations: 300}, barnesHut: {springLength: 160}},
  });
  network.on("click", (event) => {
    if (event.nodes.length === 1) {
      window.location.href = nodes.get(event.nodes[0]).url;
    }
  });
  network.once("stabilizationIterationsDone", () => {
    container.dataset.stable = "true";
  });

  function toggle(kind, label) {
    const wrapper = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.id = "graph-show-" + kind;
    box.addEventListener("change", () => {
      shown[kind] = box.checked;
      visible.refresh();
      container.dataset.edges = String(visible.length);
    });
    wrapper.appendChild(box);
    wrapper.append(" " + label);
    return wrapper;
  }

  const bar = document.getElementById("graph-filters");
  if (bar) {
    bar.appendChild(toggle("statement", "statements (source → what it speaks about)"));
    bar.appendChild(toggle("event", "events (agent → recipient)"));
  }
  container.network = network;  // where each entity is drawn, for browser tests: network.getPositions()
  container.dataset.nodes = String(nodes.length);
  container.dataset.edges = String(visible.length);
})();
