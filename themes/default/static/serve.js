// stele serve: the side-by-side toggle and machine-translation originals.
// Only included in pages built by `stele serve`; talks to no network.
(function () {
  "use strict";
  var sxs = document.getElementById("stele-sxs");
  var page = document.querySelector(".stele-page");
  var toggle = document.querySelector(".stele-sxs-toggle");
  if (toggle && sxs) {
    var key = "stele-sxs";
    var set = function (on) {
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      sxs.hidden = !on;
      if (page) page.hidden = on;
      try { sessionStorage.setItem(key, on ? "1" : "0"); } catch (e) {}
    };
    toggle.addEventListener("click", function () {
      set(toggle.getAttribute("aria-pressed") !== "true");
    });
    // Keep the view across live reloads.
    try { if (sessionStorage.getItem(key) === "1") set(true); } catch (e) {}
  }

  var originals = document.querySelector(".stele-originals-toggle");
  if (originals) {
    originals.addEventListener("click", function () {
      var on = document.body.classList.toggle("stele-show-originals");
      originals.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  // The original of each machine-translated sentence as a tooltip too
  // (works for keyboard focus of links and for touch long-press).
  var spans = document.querySelectorAll("[data-ttu-id]");
  for (var i = 0; i < spans.length; i++) {
    var next = spans[i].nextElementSibling;
    if (next && next.classList.contains("sxs-lookup") && !spans[i].title) {
      spans[i].title = next.textContent.trim();
    }
  }
})();
