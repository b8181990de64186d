/* "Find events": filters over the compact index written beside the page (all-events/events.json).
   No framework and no request to another host. Without this script the page lists every event.
   The index's layout is described in generator/pages/event_filter.py: columns of rows in id order,
   strings front-coded, each filter's positions as fixed-width base-64 digits. */
(function () {
  "use strict";

  var SHOWN = 500; /* rows drawn at once; the count says how many match */
  var FIELDS = ["type", "actor", "place", "campaign", "tag"];
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
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

  /* Each string shares as many UTF-16 units with the one before as its first digit says. */
  function unfront(strings) {
    var before = "";
    return strings.map(function (text) {
      before = before.slice(0, DIGITS.indexOf(text.charAt(0))) + text.slice(1);
      return before;
    });
  }

  /* A filter's positions, row by row, from its counts and its fixed-width digits. */
  function positions(column, names) {
    var width = 1, at = 0;
    while (Math.pow(DIGITS.length, width) < names) width++;
    return column.n.map(function (count) {
      var found = [];
      for (var k = 0; k < count; k++) {
        var value = 0;
        for (var w = 0; w < width; w++) value = value * DIGITS.length + DIGITS.indexOf(column.at.charAt(at++));
        found.push(value);
      }
      return found;
    });
  }

  /* The events in date order, each with its id, title, days and positions in each filter's names. */
  function eventsOf(data, names) {
    var ids = unfront(data.id), titles = unfront(data.title), picks = {};
    FIELDS.forEach(function (field) { picks[field] = positions(data[field], names[field].length); });
    var day = 0;
    var rows = ids.map(function (id, n) {
      day += data.day[n];
      var row = { id: id, title: titles[n], first: iso(day), last: iso(day + data.span[n]),
                  shown: shown(day, day + data.span[n]) };
      FIELDS.forEach(function (field) { row[field] = picks[field][n]; });
      return row;
    });
    var at = 0;
    return data.order.map(function (step) { at += step; return rows[at]; });
  }

  /* wanted.picks: [field, position] for each filter set; from and to: ISO dates or "". */
  function matches(row, wanted) {
    for (var n = 0; n < wanted.picks.length; n++) {
      if (row[wanted.picks[n][0]].indexOf(wanted.picks[n][1]) < 0) return false;
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

  function table(names, rows, base, suffix) {
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
      link.href = base + encodeURIComponent(event.id) + suffix;
      link.textContent = event.title;
      cell(tr, "").appendChild(link);
      cell(tr, names.type[event.type[0]]);
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
        var names = {};
        FIELDS.forEach(function (field) {
          names[field] = unfront(data.names[field]);
          fill(form.elements[field], names[field]);
        });
        var events = eventsOf(data, names);
        form.hidden = false;
        function update() {
          var wanted = { picks: [], from: form.elements.from.value, to: form.elements.to.value };
          FIELDS.forEach(function (field) {
            var value = form.elements[field].value;
            if (value !== "") wanted.picks.push([field, Number(value)]);
          });
          var active = wanted.picks.length > 0 || wanted.from !== "" || wanted.to !== "";
          var found = active ? events.filter(function (row) { return matches(row, wanted); }) : events;
          var total = events.length.toLocaleString("en"); /* without a filter the list's own line counts */
          count.textContent = active
            ? found.length.toLocaleString("en") + " of " + total + " events match" +
              (found.length > SHOWN ? "; the first " + SHOWN + " are shown" : "") + "."
            : "";
          results.replaceChildren(active ? table(names, found, form.getAttribute("data-events"), form.getAttribute("data-card-suffix")) : "");
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
