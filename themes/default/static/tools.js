// stele default theme: page tools (issue 11). No network beyond the site:
// the search index is the site's own `_stele/pagefind/`.
// Labels come from the page (the locale's UI strings), never from here.
(function () {
  "use strict";
  var script = document.currentScript;
  var label = function (name, fallback) {
    return (script && script.getAttribute("data-" + name)) || fallback;
  };
  var lang = document.documentElement.lang || "en";

  // ---- Dark mode: a toggle that persists (localStorage) -----------------
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var toggle = document.querySelector(".stele-theme-toggle");
  var isDark = function () {
    var t = root.getAttribute("data-theme");
    if (t === "dark") return true;
    if (t === "light") return false;
    return !!(media && media.matches);
  };
  var showTheme = function () {
    if (toggle) toggle.setAttribute("aria-pressed", isDark() ? "true" : "false");
  };
  if (toggle) {
    toggle.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("stele-theme", next); } catch (e) {}
      showTheme();
    });
    if (media && media.addEventListener) media.addEventListener("change", showTheme);
    showTheme();
  }

  // ---- Heading links, shown on hover and focus ---------------------------
  var linkLabel = label("heading-link", "Link to this section");
  var heads = document.querySelectorAll(".stele-content :is(h2, h3, h4, h5, h6)[id]");
  for (var i = 0; i < heads.length; i++) {
    var h = heads[i];
    if (h.querySelector(".stele-anchor")) continue;
    var a = document.createElement("a");
    a.className = "stele-anchor";
    a.href = "#" + encodeURIComponent(h.id);
    a.setAttribute("aria-label", linkLabel + ": " + h.textContent.trim());
    a.textContent = "#";
    h.appendChild(a);
  }

  // ---- Copy button on code blocks ----------------------------------------
  var copyText = label("copy", "Copy");
  var copiedText = label("copied", "Copied");
  var copy = function (text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.style.position = "fixed";
      ta.style.opacity = "0";
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) {}
      document.body.removeChild(ta);
      if (ok) { resolve(); } else { reject(new Error("copy")); }
    });
  };
  // The text of a block without its prompts (`$ `, `PS C:\> `).
  var codeText = function (pre) {
    var clone = pre.cloneNode(true);
    var drop = clone.querySelectorAll(".hl-prompt");
    for (var j = 0; j < drop.length; j++) drop[j].remove();
    if (pre.getAttribute("data-lang") === "console") {
      var out = clone.querySelectorAll(".hl-output");
      for (var k = 0; k < out.length; k++) out[k].remove();
      return clone.textContent.split("\n").filter(function (l) { return l.trim() !== ""; }).join("\n") + "\n";
    }
    return clone.textContent;
  };
  var pres = document.querySelectorAll(".stele-content pre");
  for (var p = 0; p < pres.length; p++) {
    (function (pre) {
      if (!pre.querySelector("code") || pre.parentNode.classList.contains("stele-code")) return;
      var wrap = document.createElement("div");
      wrap.className = "stele-code";
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      var b = document.createElement("button");
      b.type = "button";
      b.className = "stele-copy";
      b.textContent = copyText;
      var timer = null;
      b.addEventListener("click", function () {
        copy(codeText(pre)).then(function () {
          b.textContent = copiedText;
          b.setAttribute("data-done", "");
          clearTimeout(timer);
          timer = setTimeout(function () {
            b.textContent = copyText;
            b.removeAttribute("data-done");
          }, 2000);
        }, function () {});
      });
      wrap.appendChild(b);
    })(pres[p]);
  }

  // ---- Search: Pagefind's index of the site, results as you type ---------
  var box = document.querySelector(".stele-search");
  if (!box) return;
  var input = box.querySelector(".stele-search-input");
  var panel = box.querySelector(".stele-search-panel");
  var status = box.querySelector(".stele-search-status");
  var list = box.querySelector(".stele-search-results");
  var bundle = new URL(box.getAttribute("data-bundle"), location.href);
  // The site's root: the bundle is `<root>/_stele/pagefind/`.
  var siteRoot = new URL("../../", bundle);
  var forms = [];
  try { forms = JSON.parse(box.getAttribute("data-forms") || "[]"); } catch (e) {}
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var countText = function (n) {
    var form = null;
    if (plural) {
      var cat = plural.select(n);
      for (var f = 0; f < forms.length; f++) {
        if (plural.select(forms[f][0]) === cat) { form = forms[f][1]; break; }
      }
    }
    if (form === null && forms.length) form = forms[forms.length - 1][1];
    if (form === null) return String(n);
    return form.replace("{count}", n.toLocaleString(lang));
  };
  var pagefind = null;
  var loading = null;
  var load = function () {
    if (!loading) {
      loading = import(new URL("pagefind.js", bundle).href).then(function (pf) {
        pagefind = pf;
        return pf.options({ baseUrl: siteRoot.pathname, bundlePath: bundle.pathname }).then(function () {
          pf.init();
          return pf;
        });
      });
    }
    return loading;
  };
  var open = function (on) {
    panel.hidden = !on;
    input.setAttribute("aria-expanded", on ? "true" : "false");
  };
  var links = function () { return list.querySelectorAll("a"); };
  var current = 0;
  var render = function (q, results) {
    list.textContent = "";
    status.textContent = results.length ? countText(results.total) : box.getAttribute("data-none");
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.url;
      var t = document.createElement("span");
      t.className = "stele-search-title";
      t.textContent = (r.meta && r.meta.title) || r.url;
      var x = document.createElement("span");
      x.className = "stele-search-excerpt";
      // Pagefind's excerpt is escaped text with <mark> around the hits.
      x.innerHTML = r.excerpt || "";
      a.appendChild(t);
      a.appendChild(x);
      li.appendChild(a);
      list.appendChild(li);
    });
    open(true);
  };
  var search = function () {
    var q = input.value.trim();
    var asked = ++current;
    if (!q) { open(false); list.textContent = ""; status.textContent = ""; return; }
    load().then(function (pf) {
      return pf.search(q).then(function (res) {
        if (asked !== current) return;
        var top = res.results.slice(0, 8);
        return Promise.all(top.map(function (r) { return r.data(); })).then(function (data) {
          if (asked !== current) return;
          data.total = res.results.length;
          render(q, data);
        });
      });
    }).catch(function () {
      if (asked !== current) return;
      list.textContent = "";
      status.textContent = box.getAttribute("data-unavailable");
      open(true);
    });
  };
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  input.addEventListener("focus", function () {
    load().catch(function () {});
    if (input.value.trim() && list.childNodes.length) open(true);
  });
  // Keyboard: ↓/↑ move through the results, Esc closes, Enter follows the link.
  box.addEventListener("keydown", function (e) {
    var items = Array.prototype.slice.call(links());
    var at = items.indexOf(document.activeElement);
    if (e.key === "ArrowDown") {
      if (!items.length) return;
      e.preventDefault();
      open(true);
      items[at < 0 ? 0 : Math.min(at + 1, items.length - 1)].focus();
    } else if (e.key === "ArrowUp") {
      if (at < 0) return;
      e.preventDefault();
      if (at === 0) { input.focus(); } else { items[at - 1].focus(); }
    } else if (e.key === "Escape") {
      if (panel.hidden) return;
      e.preventDefault();
      open(false);
      input.focus();
    } else if (e.key === "Enter" && document.activeElement === input && items.length) {
      e.preventDefault();
      items[0].click();
    }
  });
  document.addEventListener("click", function (e) {
    if (!box.contains(e.target)) open(false);
  });
  // "/" focuses the search box, as on many documentation sites.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
  });
})();
