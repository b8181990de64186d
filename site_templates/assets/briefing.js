/* Briefing pages: small touches on top of Material, no framework and no request to another host.
   - On a touch screen, tapping a citation shows its source in place instead of jumping away.
   - A record page marks its section's tab (records are reached through listings, not the nav).
   - The search dialog gets an accessible name.
   - A search result whose name or other name is exactly what the reader typed comes first. */
(function () {
  "use strict";

  function footnoteFor(link) {
    var id = decodeURIComponent((link.getAttribute("href") || "").slice(1));
    return id ? document.getElementById(id) : null;
  }

  function closePopovers() {
    document.querySelectorAll(".briefing-popover").forEach(function (open) {
      var opener = document.querySelector('[aria-controls="' + open.id + '"]');
      if (opener) opener.setAttribute("aria-expanded", "false");
      open.remove();
    });
  }

  function showInPlace(link) {
    var note = footnoteFor(link);
    if (!note) return false;
    closePopovers();
    var popover = document.createElement("div");
    popover.className = "briefing-popover";
    popover.id = "briefing-popover-" + note.id.replace(/[^a-z0-9-]/gi, "-");
    popover.setAttribute("role", "note");
    Array.prototype.forEach.call(note.children, function (child) {
      var copy = child.cloneNode(true);
      copy.querySelectorAll(".footnote-backref").forEach(function (back) { back.remove(); });
      popover.appendChild(copy);
    });
    var holder = link.closest("sup") || link;
    holder.insertAdjacentElement("afterend", popover);
    link.setAttribute("aria-controls", popover.id);
    link.setAttribute("aria-expanded", "true");
    return true;
  }

  var coarse = window.matchMedia && window.matchMedia("(pointer: coarse)");
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.footnote-ref");
    if (link && coarse && coarse.matches && showInPlace(link)) {
      event.preventDefault();
      return;
    }
    if (!event.target.closest || !event.target.closest(".briefing-popover")) closePopovers();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closePopovers();
  });

  function markSectionTab() {
    /* Records are in no section of the nav, so Material marks no tab: mark the one for their folder. */
    var tabs = Array.prototype.slice.call(document.querySelectorAll(".md-tabs__link"));
    if (!tabs.length || document.querySelector(".md-tabs__item--active")) return;
    /* The home tab's folder: "/" with directory URLs, and without them too once "index.html" is cut off. */
    var root = new URL(tabs[0].href, location.href).pathname.replace(/[^/]*$/, "");
    var folder = location.pathname.slice(root.length).split("/")[0];
    var section = { events: "chronology" }[folder] || folder;
    tabs.forEach(function (tab) {
      if (section && new URL(tab.href, location.href).pathname.slice(root.length).split("/")[0] === section) {
        tab.closest(".md-tabs__item").classList.add("md-tabs__item--active");
        tab.setAttribute("aria-current", "location");
      }
    });
  }

  function nameSearchDialog() {
    var search = document.querySelector(".md-search[role='dialog']");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search the briefing");
  }

  /* A figure wider than its box scrolls inside it (briefing.css shades the side with more): say so
     above it, and on a card start the chain at the card's own event rather than at its far left. */
  var HINT = "Wider than the page: scroll or swipe sideways for the rest; the same is written out below.";

  function hintWideFigure(box) {
    var hint = box.previousElementSibling;
    if (!hint || !hint.classList.contains("briefing-scroll-hint")) {
      hint = document.createElement("p");
      hint.className = "briefing-scroll-hint";
      hint.setAttribute("aria-hidden", "true"); /* what to do with the eyes; a screen reader has the list */
      hint.textContent = HINT;
      box.parentNode.insertBefore(hint, box);
    }
    hint.hidden = box.scrollWidth <= box.clientWidth + 1;
  }

  function markWideFigures() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".briefing-figure-scroll"));
    boxes.forEach(function (box) {
      hintWideFigure(box);
      var own = box.querySelector('[aria-current="page"]');
      if (own && box.scrollWidth > box.clientWidth + 1) {
        var at = own.getBoundingClientRect(), frame = box.getBoundingClientRect();
        box.scrollLeft += at.left - frame.left - (frame.width - at.width) / 2;
      }
    });
    if (window.ResizeObserver && boxes.length) {
      var watch = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { hintWideFigure(entry.target); });
      });
      boxes.forEach(function (box) { watch.observe(box); });
    }
  }

  function folded(text) {
    /* "Kata’ib", "kata'ib" and "KATA'IB" are the same name to a reader. */
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
      .replace(/\s+/g, " ").trim().toLowerCase();
  }

  function namesOf(item) {
    /* The result's title and the other names Material shows as its tags (see record_pages.named). */
    var article = item.querySelector("article");
    if (!article) return [];
    var title = article.querySelector("h1, h2");
    var names = Array.prototype.map.call(article.querySelectorAll(".md-tag"), function (tag) { return tag.textContent; });
    return (title ? [title.textContent] : []).concat(names).map(folded);
  }

  function exactFirst(list, input) {
    var wanted = folded(input.value);
    if (!wanted) return;
    var items = Array.prototype.slice.call(list.children);
    var exact = items.filter(function (item) { return namesOf(item).indexOf(wanted) >= 0; });
    var inPlace = exact.every(function (item, n) { return items[n] === item; });
    if (!inPlace) exact.slice().reverse().forEach(function (item) { list.insertBefore(item, list.firstChild); });
  }

  function rankExactMatches() {
    var list = document.querySelector(".md-search-result__list");
    var input = document.querySelector(".md-search__input");
    if (!list || !input || list.dataset.briefingRanked) return;
    list.dataset.briefingRanked = "1";
    new MutationObserver(function () { exactFirst(list, input); }).observe(list, { childList: true });
  }

  function ready() {
    markSectionTab();
    nameSearchDialog();
    rankExactMatches();
    markWideFigures();
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(ready);  /* Material's instant loading, when enabled */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
