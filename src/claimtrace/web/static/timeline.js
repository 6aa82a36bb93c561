// The timeline page's drawing: the stories of the page's JSON data block on a vis-timeline.
// Text from the knowledge base only ever reaches the page as textContent (never as HTML);
// without this script (or vis-timeline) the page's ordered list of stories stands alone.
"use strict";

(function () {
  const block = document.getElementById("timeline-data");
  const container = document.getElementById("timeline");
  if (!block || !container || !window.vis || !window.vis.Timeline) {
    return;
  }
  const data = JSON.parse(block.textContent);
  if (!data.stories.length) {
    return;
  }
  const names = new Map(data.entities.map((entity) => [entity.key, entity.name]));

  function tooltip(story) {
    const lines = [story.label, story.precision === "day" ? story.start : story.start + " to " + story.end];
    if (story.time_texts.length) {
      lines.push("in the text: " + story.time_texts.join(", "));
    }
    lines.push(story.asserts + " asserting, " + story.denies + " denying");
    return lines.join("\n");  // vis-timeline shows a string title as text
  }

  const items = new vis.DataSet(data.stories.map((story) => ({
    id: story.id,
    group: story.type,
    start: story.start,
    end: story.precision === "day" ? undefined : story.end,
    type: story.precision === "day" ? "box" : "range",
    className: "story-item " + story.stance,
    title: tooltip(story),
    story: story,
  })));
  const groups = new vis.DataSet(data.types.map((type) => ({id: type.id, label: type.label})));

  function link(item) {
    const anchor = document.createElement("a");
    anchor.href = item.story.url;
    anchor.textContent = item.story.label;
    return anchor;
  }

  function groupLabel(group) {
    const label = document.createElement("span");
    label.textContent = group ? group.label : "";
    return label;
  }

  const filters = {type: "", entity: ""};
  const view = new vis.DataView(items, {
    filter: (item) => (!filters.type || item.group === filters.type)
      && (!filters.entity || item.story.entities.includes(filters.entity)),
  });
  const timeline = new vis.Timeline(container, view, groups, {
    template: link,
    groupTemplate: groupLabel,
    orientation: "top",
    stack: true,
    maxHeight: "70vh",
    zoomMin: 24 * 3600 * 1000,
    tooltip: {followMouse: true},
  });

  function select(id, label, options, key) {
    const wrapper = document.createElement("label");
    wrapper.textContent = label + " ";
    const choice = document.createElement("select");
    choice.id = id;
    const all = document.createElement("option");
    all.value = "";
    all.textContent = "all";
    choice.appendChild(all);
    for (const [value, text] of options) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = text;
      choice.appendChild(option);
    }
    choice.addEventListener("change", () => {
      filters[key] = choice.value;
      view.refresh();
      container.dataset.items = String(view.length);
      timeline.fit();
    });
    wrapper.appendChild(choice);
    return wrapper;
  }

  const bar = document.getElementById("timeline-filters");
  if (bar) {
    bar.appendChild(select("timeline-type", "Event type", data.types.map((type) => [type.id, type.label]), "type"));
    bar.appendChild(select("timeline-entity", "Entity", [...names], "entity"));
  }
  container.dataset.items = String(view.length);
})();
