// stele default theme: tabs, zone pivots and monikers (markdown/blocks.rs).
// No dependencies. Without this script every tab panel shows under its
// title and every zone or moniker section under its label.
(function () {
  "use strict";

  // ---- Tabs: .docfx-tabs > [role=tablist] + section[role=tabpanel] ----
  var groups = Array.prototype.slice.call(document.querySelectorAll(".docfx-tabs"));

  function tabsOf(group) {
    return Array.prototype.slice.call(group.querySelectorAll(":scope > .docfx-tablist > [role=tab]"));
  }
  function panelsOf(group) {
    return Array.prototype.slice.call(group.querySelectorAll(":scope > [role=tabpanel]"));
  }

  // Shows the tab with key `key` in `group`; false when it has none.
  function show(group, key, focus) {
    var tabs = tabsOf(group);
    var index = -1;
    tabs.forEach(function (t, i) { if (t.getAttribute("data-tab") === key) index = i; });
    if (index < 0) return false;
    var panels = panelsOf(group);
    tabs.forEach(function (t, i) {
      var on = i === index;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      if (panels[i]) panels[i].hidden = !on;
    });
    if (focus) tabs[index].focus();
    return true;
  }

  // Groups with the same tab ids switch together.
  function showEverywhere(key, except) {
    groups.forEach(function (g) { if (g !== except) show(g, key, false); });
  }

  groups.forEach(function (group) {
    var tabs = tabsOf(group);
    var panels = panelsOf(group);
    var list = group.querySelector(":scope > .docfx-tablist");
    if (!list || tabs.length === 0) return;
    panels.forEach(function (p, i) {
      if (!p.id) p.id = p.getAttribute("data-panel") || "";
      if (tabs[i]) tabs[i].setAttribute("aria-controls", p.id);
    });
    group.classList.add("docfx-js");
    list.hidden = false;
    show(group, tabs[0].getAttribute("data-tab"), false);
    tabs.forEach(function (t) {
      t.addEventListener("click", function () {
        var key = t.getAttribute("data-tab");
        show(group, key, false);
        showEverywhere(key, group);
      });
    });
    list.addEventListener("keydown", function (e) {
      var i = tabs.indexOf(document.activeElement);
      if (i < 0) return;
      var rtl = getComputedStyle(list).direction === "rtl";
      var next = rtl ? "ArrowLeft" : "ArrowRight";
      var prev = rtl ? "ArrowRight" : "ArrowLeft";
      var j = -1;
      if (e.key === next) j = (i + 1) % tabs.length;
      else if (e.key === prev) j = (i - 1 + tabs.length) % tabs.length;
      else if (e.key === "Home") j = 0;
      else if (e.key === "End") j = tabs.length - 1;
      if (j < 0) return;
      e.preventDefault();
      var key = tabs[j].getAttribute("data-tab");
      show(group, key, true);
      showEverywhere(key, group);
    });
  });

  // A #tab/id link selects its tab (everywhere) and scrolls to it.
  function fromHash() {
    var h = decodeURIComponent(location.hash || "");
    if (h.indexOf("#tab/") !== 0) return;
    var key = h.slice(5).split("/")[0];
    var first = null;
    groups.forEach(function (g) { if (show(g, key, false) && !first) first = g; });
    if (first) first.scrollIntoView();
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();

  // ---- Zones and monikers: section.docfx-switch[data-switch][data-value] ----
  function values(section) {
    return (section.getAttribute("data-value") || "").split(",").map(function (v) { return v.trim(); });
  }

  function setupSwitch(kind, param) {
    var sections = Array.prototype.slice.call(document.querySelectorAll('.docfx-switch[data-switch="' + kind + '"]'));
    if (sections.length === 0) return;
    var choices = [];
    sections.forEach(function (s) {
      values(s).forEach(function (v) { if (v && choices.indexOf(v) < 0) choices.push(v); });
    });
    var box = document.createElement("div");
    box.className = "docfx-selector docfx-selector-" + kind;
    var label = document.createElement("label");
    var id = "docfx-select-" + kind;
    label.setAttribute("for", id);
    label.textContent = sections[0].getAttribute("data-choose") || "";
    var select = document.createElement("select");
    select.id = id;
    choices.forEach(function (c) {
      var o = document.createElement("option");
      o.value = c;
      o.textContent = c;
      select.appendChild(o);
    });
    box.appendChild(label);
    box.appendChild(select);
    sections[0].parentNode.insertBefore(box, sections[0]);
    function apply(v) {
      select.value = v;
      sections.forEach(function (s) {
        s.classList.add("docfx-js");
        s.hidden = values(s).indexOf(v) < 0;
      });
    }
    select.addEventListener("change", function () {
      apply(select.value);
      try {
        var u = new URL(location.href);
        u.searchParams.set(param, select.value);
        history.replaceState(null, "", u.toString());
      } catch (e) { /* file: URLs may refuse */ }
    });
    var wanted = null;
    try { wanted = new URL(location.href).searchParams.get(param); } catch (e) { wanted = null; }
    apply(wanted && choices.indexOf(wanted) >= 0 ? wanted : choices[0]);
  }
  setupSwitch("zone", "pivots");
  setupSwitch("moniker", "view");
})();
