"use strict";
(function () {
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const svg = document.getElementById("graph");
  const panel = document.getElementById("selection");
  if (!svg || !panel) { document.body.dataset.ready = "true"; return; }  // no graph to drive
  const viewport = document.getElementById("viewport");
  const nodeEls = Array.from(svg.querySelectorAll("g.node"));
  const edgeEls = Array.from(svg.querySelectorAll("line.edge"));
  const nodeById = new Map(nodeEls.map((el) => [el.dataset.node, el]));
  const search = document.getElementById("search");
  const searchCount = document.getElementById("search-count");
  const minWeight = document.getElementById("min-weight");
  const minWeightValue = document.getElementById("min-weight-value");
  const typeBoxes = Array.from(document.querySelectorAll("input[data-type-filter]"));
  const view = { x: 0, y: 0, k: 1 };

  // --- pan and zoom -------------------------------------------------------
  function apply() {
    viewport.setAttribute("transform", "translate(" + view.x + " " + view.y + ") scale(" + view.k + ")");
    svg.classList.toggle("zoomed", view.k >= 2);
  }
  function svgPoint(event) {
    const matrix = svg.getScreenCTM();
    if (!matrix) { return { x: 0, y: 0 }; }
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  }
  function zoomAt(point, factor) {
    const k = Math.min(40, Math.max(0.2, view.k * factor));
    view.x = point.x - (point.x - view.x) * (k / view.k);
    view.y = point.y - (point.y - view.y) * (k / view.k);
    view.k = k;
    apply();
  }
  const center = () => { const box = svg.viewBox.baseVal; return { x: box.width / 2, y: box.height / 2 }; };
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    zoomAt(svgPoint(event), Math.exp(-event.deltaY * 0.0015));
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || event.target.closest("g.node")) { return; }
    const start = svgPoint(event);
    drag = { start: start, x: view.x, y: view.y, id: event.pointerId };
    svg.setPointerCapture(event.pointerId);
    svg.classList.add("panning");
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.id) { return; }
    const point = svgPoint(event);
    view.x = drag.x + point.x - drag.start.x;
    view.y = drag.y + point.y - drag.start.y;
    apply();
  });
  const endDrag = () => { drag = null; svg.classList.remove("panning"); };
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  document.getElementById("zoom-in").addEventListener("click", () => zoomAt(center(), 1.4));
  document.getElementById("zoom-out").addEventListener("click", () => zoomAt(center(), 1 / 1.4));
  document.getElementById("zoom-reset").addEventListener("click", () => {
    view.x = 0; view.y = 0; view.k = 1; apply();
  });
  function centerOn(el) {
    const circle = el.querySelector("circle");
    const c = center();
    view.k = Math.max(view.k, 2);
    view.x = c.x - Number(circle.getAttribute("cx")) * view.k;
    view.y = c.y - Number(circle.getAttribute("cy")) * view.k;
    apply();
  }

  // --- filters --------------------------------------------------------------
  function applyFilters() {
    const types = new Set(typeBoxes.filter((box) => box.checked).map((box) => box.dataset.typeFilter));
    const least = Number(minWeight.value);
    minWeightValue.textContent = String(least);
    const linked = new Set();
    for (const edge of edgeEls) {
      const source = nodeById.get(edge.dataset.source);
      const target = nodeById.get(edge.dataset.target);
      const shown = Number(edge.dataset.weight) >= least &&
        types.has(source.dataset.type) && types.has(target.dataset.type);
      edge.classList.toggle("hidden", !shown);
      if (shown) { linked.add(edge.dataset.source); linked.add(edge.dataset.target); }
    }
    for (const el of nodeEls) {
      el.classList.toggle("hidden", !(types.has(el.dataset.type) && linked.has(el.dataset.node)));
    }
    runSearch();
  }
  typeBoxes.forEach((box) => box.addEventListener("change", applyFilters));
  minWeight.addEventListener("input", applyFilters);

  // --- search ------------------------------------------------------------------
  function matches(id, query) {
    const node = data.nodes[id] || {};
    const words = [id, node.label || ""].concat(node.surface || []);
    return words.some((word) => word.toLowerCase().includes(query));
  }
  function runSearch() {
    const query = search.value.trim().toLowerCase();
    let count = 0;
    for (const el of nodeEls) {
      const hit = query !== "" && !el.classList.contains("hidden") && matches(el.dataset.node, query);
      el.classList.toggle("match", hit);
      el.classList.toggle("dim", query !== "" && !hit);
      if (hit) { count += 1; }
    }
    edgeEls.forEach((edge) => edge.classList.toggle("dim", query !== ""));
    searchCount.textContent = query === "" ? "" : count + (count === 1 ? " match" : " matches");
    return count;
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") { return; }
    event.preventDefault();
    const first = nodeEls.slice().reverse().find((el) => el.classList.contains("match"));
    if (first) { select(first.dataset.node); centerOn(first); }
  });

  // --- the selection panel -----------------------------------------------------------
  function element(tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    if (className) { el.className = className; }
    return el;
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }
  function abstractList(indices, total) {
    const list = element("ol");
    for (const index of indices) {
      const entry = data.abstracts[index];
      const item = element("li");
      if (entry.anchor) {
        const link = element("a", entry.title || entry.id);
        link.href = "#" + entry.anchor;
        item.appendChild(link);
      } else {
        item.appendChild(element("span", entry.title || entry.id));
        item.appendChild(element("span", " (not embedded in this page)", "note"));
      }
      item.appendChild(document.createTextNode(" "));
      item.appendChild(element("code", entry.id));
      list.appendChild(item);
    }
    const nodes = [list];
    if (total > indices.length) {
      nodes.push(element("p", "and " + plural(total - indices.length, "more abstract") +
        " (see corpus.jsonl)", "note"));
    }
    return nodes;
  }
  function showPanel(heading, subtitle, children) {
    panel.replaceChildren(element("h3", heading), element("p", subtitle, "note"), ...children);
  }
  function select(id) {
    const el = nodeById.get(id);
    if (!el) { return false; }
    const node = data.nodes[id];
    const neighbors = [];
    for (const edge of edgeEls) {
      const other = edge.dataset.source === id ? edge.dataset.target :
        (edge.dataset.target === id ? edge.dataset.source : null);
      edge.classList.toggle("active", other !== null);
      if (other !== null) { neighbors.push([Number(edge.dataset.weight), other]); }
    }
    const near = new Set(neighbors.map((pair) => pair[1]));
    for (const other of nodeEls) {
      other.classList.toggle("selected", other === el);
      other.classList.toggle("neighbor", near.has(other.dataset.node));
    }
    neighbors.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
    const partners = element("p", "", "note");
    partners.appendChild(document.createTextNode("Most often with: "));
    neighbors.slice(0, 8).forEach((pair, i) => {
      if (i > 0) { partners.appendChild(document.createTextNode(", ")); }
      const button = element("button", (data.nodes[pair[1]] || {}).label || pair[1], "neighbor");
      button.type = "button";
      button.addEventListener("click", () => select(pair[1]));
      partners.appendChild(button);
      partners.appendChild(document.createTextNode(" (" + pair[0] + ")"));
    });
    showPanel(node.label, node.type + " \u00b7 " + id + " \u00b7 " + plural(node.n, "abstract"),
      [partners].concat(abstractList(node.abstracts, node.n)));
    panel.dataset.selected = id;
    return true;
  }
  for (const el of nodeEls) {
    el.addEventListener("click", () => select(el.dataset.node));
    el.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(el.dataset.node); }
    });
  }
  for (const td of document.querySelectorAll("td.cell[data-cell]")) {
    const show = () => {
      const cell = data.cells[Number(td.dataset.cell)];
      const row = (data.nodes[cell.row] || {}).label || cell.row;
      const column = (data.nodes[cell.column] || {}).label || cell.column;
      showPanel(row + " \u00d7 " + column, plural(cell.n, "abstract") + " mention both",
        abstractList(cell.abstracts, cell.n));
      panel.dataset.selected = cell.row + " " + cell.column;
      document.getElementById("graph-section").scrollIntoView();
    };
    td.addEventListener("click", show);
    td.addEventListener("keydown", (event) => { if (event.key === "Enter") { show(); } });
  }

  // --- links to a concept: "#concept=<id>" -----------------------------------------------
  function focusConcept(id) {
    if (select(id)) {
      centerOn(nodeById.get(id));
      document.getElementById("graph-section").scrollIntoView();
    } else {
      showPanel(id, "not in the technique\u2013instrument graph", []);
    }
  }
  document.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="#concept="]');
    if (!link) { return; }
    event.preventDefault();
    focusConcept(decodeURIComponent(link.getAttribute("href").slice("#concept=".length)));
  });
  if (location.hash.startsWith("#concept=")) {
    focusConcept(decodeURIComponent(location.hash.slice("#concept=".length)));
  }
  applyFilters();
  apply();
  document.body.dataset.ready = "true";
})();
