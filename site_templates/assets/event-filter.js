/* "Find events": filters over the compact index written beside the page (all-events/events.json).
   No framework and no request to another host. Without this script the page lists every event.
   The index is by column, an entry per event in date order: id, title, day (days since the previous
   event's first day; the first since 1970-01-01), span (days from first to last day), type, and
   actor, place, campaign and tag (positions in the lists of those names). */
(function () {
  "use strict";

  var SHOWN = 500; /* rows drawn at once; the count says how many match */
  var FIELDS = { type: "type", actor: "actor", place: "place", campaign: "campaign", tag: "tag" };
  var LISTS = { type: "types", actor: "actors", place: "places", campaign: "campaigns", tag: "tags" };
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];
  var DAY = 86400000;

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

  function iso(day) { return new Date(day * DAY).toISOString().slice(0, 10); }

  /* The date as precisely as the index has it: a day, a month, a year or a range of days. */
  function shown(first, last) {
    var a = new Date(first * DAY), b = new Date(last * DAY);
    var day = function (d) { return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear(); };
    if (first === last) return day(a);
    var wholeMonths = a.getUTCDate() === 1 && new Date(last * DAY + DAY).getUTCDate() === 1;
    if (b.getUTCFullYear() >= 9999) return day(a) + " – ongoing";
    var month = function (d) { return MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear(); };
    var years = a.getUTCFullYear() + (b.getUTCFullYear() !== a.getUTCFullYear() ? " – " + b.getUTCFullYear() : "");
    if (wholeMonths && a.getUTCMonth() === 0 && b.getUTCMonth() === 11) return years;
    if (wholeMonths) return month(a) === month(b) ? month(a) : month(a) + " – " + month(b);
    return day(a) + " – " + day(b);
  }

  /* Rows as the filters read them: [id, title, first day, last day, type, actors, places, campaigns, tags]. */
  function rowsOf(data) {
    var day = 0;
    return data.id.map(function (id, n) {
      day += data.day[n];
      return { id: id, title: data.title[n], first: iso(day), last: iso(day + data.span[n]),
               shown: shown(day, day + data.span[n]), type: data.type[n], actor: data.actor[n],
               place: data.place[n], campaign: data.campaign[n], tag: data.tag[n] };
    });
  }

  function matches(row, wanted) {
    for (var field in FIELDS) {
      if (wanted[field] === "") continue;
      var value = row[FIELDS[field]];
      var n = Number(wanted[field]);
      if (Array.isArray(value) ? value.indexOf(n) < 0 : value !== n) return false;
    }
    if (wanted.from && row.last < wanted.from) return false;
    if (wanted.to && row.first > wanted.to) return false;
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
      cell(tr, event.shown);
      var link = document.createElement("a");
      link.href = base + encodeURIComponent(event.id) + "/";
      link.textContent = event.title;
      cell(tr, "").appendChild(link);
      cell(tr, data.types[event.type]);
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
        var events = rowsOf(data);
        form.hidden = false;
        function update() {
          var wanted = {};
          Object.keys(FIELDS).forEach(function (field) { wanted[field] = form.elements[field].value; });
          wanted.from = form.elements.from.value;
          wanted.to = form.elements.to.value;
          var active = Object.keys(wanted).some(function (key) { return wanted[key] !== ""; });
          var found = active ? events.filter(function (row) { return matches(row, wanted); }) : events;
          var total = events.length.toLocaleString("en"); /* without a filter the list's own line counts */
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
