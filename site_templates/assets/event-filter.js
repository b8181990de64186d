/* "Find events": filters over the compact index written beside the page (all-events/events.json).
   No framework and no request to another host. Without this script the page lists every event.
   Index rows: [id, title, date shown, first day, last day, type, actors, places, campaigns, tags]. */
(function () {
  "use strict";

  var SHOWN = 500; /* rows drawn at once; the count says how many match */
  var FIELDS = { type: 5, actor: 6, place: 7, campaign: 8, tag: 9 };
  var LISTS = { type: "types", actor: "actors", place: "places", campaign: "campaigns", tag: "tags" };

  function fill(select, names) {
    var order = names.map(function (name, n) { return [name, n]; });
    order.sort(function (a, b) { return a[0].localeCompare(b[0]); });
    order.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = String(pair[1]);
      option.textContent = pair[0];
      select.appendChild(option);
    });
  }

  function matches(row, wanted) {
    for (var field in FIELDS) {
      if (wanted[field] === "") continue;
      var value = row[FIELDS[field]];
      var n = Number(wanted[field]);
      if (Array.isArray(value) ? value.indexOf(n) < 0 : value !== n) return false;
    }
    if (wanted.from && row[4] < wanted.from) return false;
    if (wanted.to && row[3] > wanted.to) return false;
    return true;
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function table(data, rows, base) {
    var wrap = document.createElement("div");
    wrap.className = "briefing-table events md-typeset__table";
    var tableEl = document.createElement("table");
    var head = tableEl.createTHead().insertRow();
    ["Date", "Event", "Type"].forEach(function (name) {
      var th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    });
    var body = tableEl.createTBody();
    rows.slice(0, SHOWN).forEach(function (event) {
      var tr = body.insertRow();
      cell(tr, event[2]);
      var link = document.createElement("a");
      link.href = base + encodeURIComponent(event[0]) + "/";
      link.textContent = event[1];
      cell(tr, "").appendChild(link);
      cell(tr, data.types[event[5]]);
    });
    wrap.appendChild(tableEl);
    return wrap;
  }

  function start(form) {
    var count = document.querySelector(".briefing-finder-count");
    var results = document.querySelector(".briefing-finder-results");
    var statics = document.querySelectorAll(".briefing-finder-static");
    fetch(form.getAttribute("data-index"))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        Object.keys(LISTS).forEach(function (field) { fill(form.elements[field], data[LISTS[field]]); });
        form.hidden = false;
        function update() {
          var wanted = {};
          Object.keys(FIELDS).forEach(function (field) { wanted[field] = form.elements[field].value; });
          wanted.from = form.elements.from.value;
          wanted.to = form.elements.to.value;
          var active = Object.keys(wanted).some(function (key) { return wanted[key] !== ""; });
          var found = active ? data.events.filter(function (row) { return matches(row, wanted); }) : data.events;
          var total = data.events.length.toLocaleString("en"); /* without a filter the list's own line counts */
          count.textContent = active
            ? found.length.toLocaleString("en") + " of " + total + " events match" +
              (found.length > SHOWN ? "; the first " + SHOWN + " are shown" : "") + "."
            : "";
          results.replaceChildren(active ? table(data, found, form.getAttribute("data-events")) : "");
          statics.forEach(function (element) { element.hidden = active; });
        }
        form.addEventListener("input", update);
        form.addEventListener("reset", function () { setTimeout(update, 0); });
        update();
      })
      .catch(function () { count.textContent = "The filters could not load; every event is listed below."; });
  }

  var form = document.querySelector("form.briefing-finder");
  if (form) start(form);
})();
