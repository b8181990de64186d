/* Briefing pages: small touches on top of Material, no framework and no request to another host.
   - On a touch screen, tapping a citation shows its source in place instead of jumping away.
   - A record page marks its section's tab (records are reached through listings, not the nav).
   - The search dialog gets an accessible name. */
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
    var root = new URL(tabs[0].href, location.href).pathname;
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

  function ready() {
    markSectionTab();
    nameSearchDialog();
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(ready);  /* Material's instant loading, when enabled */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
