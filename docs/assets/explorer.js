/* Qantar Claims: the claims explorer. Filters and sorts the claims table; the address (query string) holds
   the view, so that it can be shared and reloaded. Without this script the table is simply complete.
   No library, nothing loaded from elsewhere. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-qc-explorer]");
  var table = document.querySelector(".qc-explorer table");
  if (!form || !table || !table.tBodies.length) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var facets = ["record", "status", "claimant", "actor", "event", "question", "source", "publisher", "tag"];
  var words = form.elements.namedItem("q");
  var from = form.elements.namedItem("from");
  var until = form.elements.namedItem("to");
  var count = form.querySelector(".qc-count");
  var viewLink = form.querySelector(".qc-view-link");
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var sortable = { claim: 0, claimant: 1, claimed: 2, record: 3, status: 4, question: 5, publishers: 6 };
  var sort = { key: "", descending: false };

  var data = rows.map(function (row, position) {
    var marker = row.querySelector(".qc-row");
    var values = {};
    facets.forEach(function (name) {
      var text = marker ? marker.getAttribute("data-" + name) || "" : "";
      values[name] = text ? text.split(" ") : [];
    });
    return {
      row: row,
      position: position,
      values: values,
      from: marker ? marker.getAttribute("data-from") || "" : "",
      to: marker ? marker.getAttribute("data-to") || "" : "",
      text: row.textContent.toLowerCase()
    };
  });

  function dayOf(text, last) {
    // "2022" or "2022-01" from an address: the first or last day it can mean
    if (/^\d{4}$/.test(text)) {
      return text + (last ? "-12-31" : "-01-01");
    }
    if (/^\d{4}-\d{2}$/.test(text)) {
      return text + (last ? "-31" : "-01");
    }
    return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : "";
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    facets.forEach(function (name) {
      var select = form.elements.namedItem(name);
      var value = params.get(name) || "";
      if (select && Array.prototype.some.call(select.options, function (option) { return option.value === value; })) {
        select.value = value;
      }
    });
    words.value = params.get("q") || "";
    from.value = dayOf(params.get("from") || "", false);
    until.value = dayOf(params.get("to") || "", true);
    var order = params.get("sort") || "";
    sort.descending = order.charAt(0) === "-";
    sort.key = sortable.hasOwnProperty(order.replace(/^-/, "")) ? order.replace(/^-/, "") : "";
  }

  function writeAddress() {
    var params = new URLSearchParams();
    facets.forEach(function (name) {
      var select = form.elements.namedItem(name);
      if (select && select.value) {
        params.set(name, select.value);
      }
    });
    if (from.value) { params.set("from", from.value); }
    if (until.value) { params.set("to", until.value); }
    if (words.value.trim()) { params.set("q", words.value.trim()); }
    if (sort.key) { params.set("sort", (sort.descending ? "-" : "") + sort.key); }
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (address !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", address);
    }
    viewLink.href = window.location.href;
  }

  function matches(item) {
    for (var i = 0; i < facets.length; i++) {
      var select = form.elements.namedItem(facets[i]);
      if (select && select.value && item.values[facets[i]].indexOf(select.value) < 0) {
        return false;
      }
    }
    if ((from.value || until.value) && !item.from) {
      return false; // an undated claim is not placed in a date range
    }
    if (from.value && item.to < from.value) { return false; }
    if (until.value && item.from > until.value) { return false; }
    var text = words.value.trim().toLowerCase();
    return !text || item.text.indexOf(text) >= 0;
  }

  function sortKey(item) {
    if (sort.key === "claimed") {
      return item.from || (sort.descending ? "" : "\uffff");
    }
    return item.row.cells[sortable[sort.key]].textContent.trim().toLowerCase();
  }

  function order() {
    var sorted = data.slice();
    if (sort.key) {
      sorted.sort(function (a, b) {
        var left = sortKey(a), right = sortKey(b);
        if (left === right) { return a.position - b.position; }
        return (left < right ? -1 : 1) * (sort.descending ? -1 : 1);
      });
    }
    sorted.forEach(function (item) { body.appendChild(item.row); });
    Object.keys(sortable).forEach(function (key) {
      var cell = headers[sortable[key]];
      if (cell) {
        cell.setAttribute("aria-sort", sort.key === key ? (sort.descending ? "descending" : "ascending") : "none");
      }
    });
  }

  function update() {
    var shown = 0;
    data.forEach(function (item) {
      var visible = matches(item);
      item.row.hidden = !visible;
      if (visible) { shown++; }
    });
    order();
    count.textContent = shown === data.length ? "All " + data.length + " claims shown" :
      shown + " of " + data.length + " claims shown";
    writeAddress();
  }

  Object.keys(sortable).forEach(function (key) {
    var cell = headers[sortable[key]];
    if (!cell) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = cell.textContent;
    button.title = "Sort by " + cell.textContent.toLowerCase();
    cell.textContent = "";
    cell.appendChild(button);
    cell.setAttribute("role", "columnheader");
    button.addEventListener("click", function () {
      if (sort.key === key) {
        sort.descending = !sort.descending;
      } else {
        sort.key = key;
        sort.descending = false;
      }
      update();
    });
  });

  form.addEventListener("change", update);
  form.addEventListener("input", function (event) {
    if (event.target === words) { update(); }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    sort.key = "";
    window.setTimeout(update, 0); // after the form has cleared its fields
  });
  window.addEventListener("popstate", function () { readAddress(); update(); });

  readAddress();
  form.hidden = false;
  update();
})();
