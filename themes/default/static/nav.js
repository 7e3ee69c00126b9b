// The sidebar with JavaScript: the whole tree of the locale (one cached
// file, `_stele/nav/<locale>.js`, which sets window.steleNavTree) replaces
// the page's own short list (the page's ancestors and siblings, which is
// what readers without JavaScript see). Then, as the pages were rendered
// before: the folders that hold the page stay open, the others close (a
// folder without an index page links to its first page), and the page's
// link is marked aria-current="page".
(function () {
  var script = document.querySelector("script[data-stele-nav]");
  var html = window.steleNavTree;
  if (!script || typeof html !== "string") return;
  var fallback = script.parentNode.querySelector(":scope > ul");
  if (!fallback) return;
  var holder = document.createElement("div");
  holder.innerHTML = html;
  var tree = holder.querySelector("ul");
  if (!tree) return;
  var url = script.getAttribute("data-stele-nav");
  var current = null;
  var links = tree.querySelectorAll("a[href]");
  for (var i = 0; i < links.length; i++) {
    if (links[i].getAttribute("href") === url) {
      current = links[i];
      break;
    }
  }
  var folders = tree.querySelectorAll("li.stele-nav-folder");
  for (var j = 0; j < folders.length; j++) {
    var li = folders[j];
    if (current && li.contains(current)) continue;
    var children = li.querySelector(":scope > ul");
    var label = li.firstElementChild;
    if (label && label.tagName === "SPAN") {
      var first = li.querySelector("a[href]");
      if (first) {
        var a = document.createElement("a");
        a.setAttribute("href", first.getAttribute("href"));
        a.textContent = label.textContent;
        li.replaceChild(a, label);
      }
    }
    if (children) li.removeChild(children);
    li.classList.remove("stele-nav-open");
  }
  if (current) current.setAttribute("aria-current", "page");
  fallback.parentNode.replaceChild(tree, fallback);
})();
