/* Qantar Claims: the claims explorer. Filters, counts, sorts, searches and pages the claims table, and downloads
   the view. The page holds the first 50 claims and the filters' most frequent choices; everything else comes on
   demand from small files under data/explorer/ (facets.json: every claim's facets as columns of numbers; rows/:
   what the table shows, ten claims a file; words/: the words of statements, quotes and translations). The
   address (query string) holds the view, so that it can be shared and reloaded; a typed name is accepted where a
   key is expected (?publisher=Novaya Gazeta Europe). Without this script the pages simply list every claim.
   No library, nothing loaded from elsewhere. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-qc-explorer]");
  var table = document.querySelector(".qc-explorer table");
  if (!form || !table || !table.tBodies.length) {
    return;
  }
  var base = form.getAttribute("data-qc-data") || "";
  var body = table.tBodies[0];
  var staticRows = Array.prototype.slice.call(body.rows);
  var staticPager = document.querySelector(".qc-pager");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var facetKeys = selects.map(function (select) { return select.name; });
  var words = form.elements.namedItem("q");
  var from = form.elements.namedItem("from");
  var until = form.elements.namedItem("to");
  var count = form.querySelector(".qc-count");
  var filters = form.querySelector("details.qc-filters");
  var tableBox = table.closest(".md-typeset__scrollwrap") || table;
  var viewLink = form.querySelector(".qc-view-link");
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var sortable = { claimant: 1, claimed: 2, record: 3, status: 4, question: 5, publishers: 6 };
  var PER_PAGE = 50;
  var DOWNLOAD_LIMIT = 10000;

  var state = { sort: "", descending: false, page: 1, notices: [], generation: 0 };
  var data = null;        // facets.json, once fetched
  var loading = null;     // its promise
  var rowFiles = {};      // rows/<n>.json, by n (promises)
  var wordFiles = {};     // words/<n>.json, by n (promises)
  var lookup = {};        // per vocabulary: key -> position
  var message = document.createElement("div");
  message.className = "qc-explorer-message";
  message.setAttribute("role", "status");
  message.hidden = true;
  table.parentNode.insertBefore(message, table.nextSibling);
  var pager = document.createElement("nav");
  pager.className = "qc-view-pager";
  pager.setAttribute("aria-label", "Pages of this view");
  pager.hidden = true;
  message.parentNode.insertBefore(pager, message.nextSibling);

  // -- links: the page holds one link of each kind, written as this build writes links --------------------
  var patterns = {};
  Array.prototype.forEach.call(document.querySelectorAll(".qc-link-patterns a[data-qc-kind]"), function (a) {
    patterns[a.getAttribute("data-qc-kind")] = { id: a.textContent.trim(), href: a.getAttribute("href") };
  });

  function hrefOf(kind, id) {
    var pattern = patterns[kind];
    if (!pattern) { return ""; }
    var at = pattern.href.lastIndexOf(pattern.id);
    return at < 0 ? "" : pattern.href.slice(0, at) + encodeURIComponent(id) + pattern.href.slice(at + pattern.id.length);
  }

  // -- text as the build folds it (views.fold, views.words, views.slug) -----------------------------------
  function fold(text) {
    var out = "";
    var lower = String(text).toLowerCase().normalize("NFC");
    for (var i = 0; i < lower.length; i++) {
      var c = lower.charAt(i);
      if (c >= "\u0400" && c <= "\u04ff") {
        out += c === "\u0451" ? "\u0435" : c;
      } else {
        out += c.normalize("NFKD").replace(/\p{M}/gu, "");
      }
    }
    return out;
  }
  function wordsOf(text) { return fold(text).match(/[\p{L}\p{N}]+/gu) || []; }
  function slug(text) { return wordsOf(text).join("-"); }

  // -- fetching the data (from file://, the offline copy has each file as a script too) -------------------
  function fetchJson(path, fresh) {
    if (window.location.protocol === "file:") {
      return new Promise(function (resolve, reject) {
        var store = window.__qantarExplorerData = window.__qantarExplorerData || {};
        var script = document.createElement("script");
        script.src = base + path.replace(/\.json$/, ".js");
        script.onload = function () { script.remove(); if (store[path]) { resolve(store[path]); } else { reject(new Error(path)); } };
        script.onerror = function () { script.remove(); reject(new Error(path)); };
        document.head.appendChild(script);
      });
    }
    var url = base + path + (data && !fresh ? "?v=" + data.version : "");
    return fetch(url, fresh ? { cache: "no-cache" } : {}).then(function (response) {
      if (!response.ok) { throw new Error(path + ": " + response.status); }
      return response.json();
    });
  }

  function loadData() {
    if (!loading) {
      say("Loading the claims' data…");
      loading = fetchJson("facets.json", true).then(function (found) {
        data = found;
        Object.keys(data.vocabularies).forEach(function (name) {
          var positions = {};
          data.vocabularies[name].forEach(function (pair, position) { positions[pair[0]] = position; });
          lookup[name] = positions;
        });
        data.facetInfo = {};
        data.facets.forEach(function (facet) { data.facetInfo[facet.key] = facet; });
        var columns = data.columns;  // the columns the file leaves to be derived: publishers, last possible day
        columns.publisher = columns.source.map(function (cell) {
          var found = [];
          each(cell, function (source) {
            var publisher = data.sourcePublisher[source];
            if (found.indexOf(publisher) < 0) { found.push(publisher); }
          });
          return found.length === 1 ? found[0] : found;
        });
        columns.to = columns.from.map(function (day, row) { return day < 0 ? -1 : day + columns.days[row]; });
        return data;
      });
    }
    return loading;
  }

  function rowsFile(number) {
    if (!rowFiles[number]) {
      rowFiles[number] = fetchJson("rows/" + number + ".json").catch(function (error) {
        delete rowFiles[number];
        throw error;
      });
    }
    return rowFiles[number];
  }

  function wordBucket(word) {  // FNV-1a of the first two UTF-16 code units, as explorer_data.word_bucket
    var hash = 2166136261;
    for (var i = 0; i < Math.min(2, word.length); i++) {
      hash ^= word.charCodeAt(i);
      hash = Math.imul(hash, 16777619) >>> 0;
    }
    return hash % data.wordFiles;
  }

  function wordsFile(number) {
    if (!wordFiles[number]) {
      wordFiles[number] = fetchJson("words/" + number + ".json").catch(function (error) {
        delete wordFiles[number];
        throw error;
      });
    }
    return wordFiles[number];
  }

  // -- the view: what the form and the address say -------------------------------------------------------
  function dayNumber(text) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    return parts ? Math.round(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]) / 86400000) : -1;
  }

  function dayOf(text, last) {  // "2022" or "2022-01" in an address: the first or last day it can mean
    if (/^\d{4}$/.test(text)) { return text + (last ? "-12-31" : "-01-01"); }
    if (/^\d{4}-\d{2}$/.test(text)) {
      var end = new Date(Date.UTC(+text.slice(0, 4), +text.slice(5, 7), 0)).getUTCDate();
      return text + (last ? "-" + end : "-01");
    }
    return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : "";
  }

  function queryWords() {
    return wordsOf(words.value).filter(function (word) { return word.length >= 2; })
      .map(function (word) { return word.slice(0, 40); });
  }

  function isDefault() {
    return !state.sort && state.page === 1 && !from.value && !until.value && !queryWords().length &&
      selects.every(function (select) { return !select.value; });
  }

  function vocabularyOf(key) { return data.facetInfo[key].vocabulary; }

  function labelOf(key, position) { return data.vocabularies[vocabularyOf(key)][position][1]; }

  // A value from the address: a key, or a name typed by a reader (folded, then compared with every label).
  function resolve(key, value) {
    var positions = lookup[vocabularyOf(key)];
    if (Object.prototype.hasOwnProperty.call(positions, value)) { return value; }
    var wanted = slug(value);
    if (!wanted) { return null; }
    if (Object.prototype.hasOwnProperty.call(positions, wanted)) { return wanted; }
    var pairs = data.vocabularies[vocabularyOf(key)];
    var exact = pairs.filter(function (pair) { return slug(pair[1]) === wanted; });
    if (exact.length === 1) { return exact[0][0]; }
    var partial = pairs.filter(function (pair) { return slug(pair[1]).indexOf(wanted) >= 0; });
    return partial.length === 1 ? partial[0][0] : null;
  }

  function ensureOption(select, value, label) {
    if (!Array.prototype.some.call(select.options, function (option) { return option.value === value; })) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = label;
      select.appendChild(option);
    }
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    state.notices = [];
    selects.forEach(function (select) {
      var value = params.get(select.name) || "";
      if (value && data) {
        var key = resolve(select.name, value);
        if (key === null) {
          state.notices.push("No " + data.facetInfo[select.name].label.toLowerCase() + " is called “" + value +
            "”: that filter is left out.");
          value = "";
        } else {
          ensureOption(select, key, labelOf(select.name, lookup[vocabularyOf(select.name)][key]));
          value = key;
        }
      } else if (value) {
        ensureOption(select, value, value);
      }
      select.value = value;
    });
    words.value = params.get("q") || "";
    from.value = dayOf(params.get("from") || "", false);
    until.value = dayOf(params.get("to") || "", true);
    var order = params.get("sort") || "";
    state.descending = order.charAt(0) === "-";
    state.sort = Object.prototype.hasOwnProperty.call(sortable, order.replace(/^-/, "")) ? order.replace(/^-/, "") : "";
    state.page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  }

  function addressParams() {
    var params = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) { params.set(select.name, select.value); } });
    if (words.value.trim()) { params.set("q", words.value.trim()); }
    if (from.value) { params.set("from", from.value); }
    if (until.value) { params.set("to", until.value); }
    if (state.sort) { params.set("sort", (state.descending ? "-" : "") + state.sort); }
    if (state.page > 1) { params.set("page", String(state.page)); }
    return params;
  }

  function writeAddress() {
    var query = addressParams().toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (address !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", address);
    }
    viewLink.href = window.location.href;
  }

  // -- computing the view ------------------------------------------------------------------------------------
  function each(cell, visit) {
    if (typeof cell === "number") {
      if (cell >= 0) { visit(cell); }
    } else {
      for (var i = 0; i < cell.length; i++) { visit(cell[i]); }
    }
  }

  function has(cell, value) {
    return typeof cell === "number" ? cell === value : cell.indexOf(value) >= 0;
  }

  // Rows whose words include every word typed (each word typed is the start of a word: "tortur" finds "tortured").
  function wordRows(list) {
    if (!list.length) { return Promise.resolve(null); }
    var buckets = list.map(wordBucket);
    return Promise.all(buckets.map(wordsFile)).then(function (files) {
      var result = null;
      list.forEach(function (word, n) {
        var found = new Uint8Array(data.rows);
        var file = files[n];
        Object.keys(file).forEach(function (candidate) {
          if (candidate.lastIndexOf(word, 0) === 0) {
            var row = 0;
            file[candidate].forEach(function (step) { row += step; found[row] = 1; });
          }
        });
        if (result) {
          for (var i = 0; i < result.length; i++) { result[i] = result[i] & found[i]; }
        } else {
          result = found;
        }
      });
      return result;
    });
  }

  // Each row's misses, as bits: bit n for the n-th filter that leaves it out (facets in order, then dates, words).
  function compute(found) {
    var filters = [];
    selects.forEach(function (select) {
      if (select.value) {
        var position = lookup[vocabularyOf(select.name)][select.value];
        filters.push({ key: select.name, column: data.columns[select.name], value: position });
      }
    });
    var start = from.value ? dayNumber(from.value) : -1;
    var end = until.value ? dayNumber(until.value) : -1;
    var dateBit = (start >= 0 || end >= 0) ? 1 << filters.length : 0;
    var wordBit = found ? 1 << (filters.length + (dateBit ? 1 : 0)) : 0;
    var first = data.columns.from, last = data.columns.to;
    var misses = new Uint32Array(data.rows);
    for (var row = 0; row < data.rows; row++) {
      var miss = 0;
      for (var f = 0; f < filters.length; f++) {
        if (!has(filters[f].column[row], filters[f].value)) { miss |= 1 << f; }
      }
      if (dateBit && (first[row] < 0 || (start >= 0 && last[row] < start) || (end >= 0 && first[row] > end))) {
        miss |= dateBit;
      }
      if (wordBit && !found[row]) { miss |= wordBit; }
      misses[row] = miss;
    }
    return { filters: filters, misses: misses, dateBit: dateBit, wordBit: wordBit };
  }

  function sortValue(row) {
    var columns = data.columns;
    switch (state.sort) {
      case "claimed": return columns.from[row] < 0 ? null : columns.from[row];
      case "claimant": return columns.claimant[row];
      case "record": return columns.record[row];
      case "status": return columns.status[row];
      case "question": return columns.question[row] < 0 ? null : columns.question[row];
      case "publishers": {
        var cell = columns.publisher[row];
        var value = typeof cell === "number" ? cell : cell.length ? cell[0] : -1;
        return value < 0 ? null : value;
      }
      default: return row;
    }
  }

  function ordered(rows) {
    if (!state.sort) { return rows; }
    var keys = {};
    rows.forEach(function (row) { keys[row] = sortValue(row); });
    var direction = state.descending ? -1 : 1;
    return rows.slice().sort(function (a, b) {
      var left = keys[a], right = keys[b];
      if (left === right) { return a - b; }
      if (left === null) { return 1; }  // no value: last, whichever the direction
      if (right === null) { return -1; }
      return (left < right ? -1 : 1) * direction;
    });
  }

  // Counts that follow the filters: each menu counts the rows that every other filter lets through.
  function recount(view) {
    selects.forEach(function (select) {
      var key = select.name;
      var bit = 0;
      view.filters.forEach(function (filter, f) { if (filter.key === key) { bit = 1 << f; } });
      var column = data.columns[key];
      var pairs = data.vocabularies[vocabularyOf(key)];
      var counts = new Int32Array(pairs.length);
      var misses = view.misses, keep = ~bit;
      for (var row = 0; row < data.rows; row++) {
        if ((misses[row] & keep) === 0) {
          var cell = column[row];
          if (typeof cell === "number") {
            if (cell >= 0) { counts[cell]++; }
          } else {
            for (var i = 0; i < cell.length; i++) { counts[cell[i]]++; }
          }
        }
      }
      var chosen = select.value ? lookup[vocabularyOf(key)][select.value] : -1;
      var values = [];
      for (var value = 0; value < counts.length; value++) {
        if (counts[value]) { values.push(value); }
      }
      if (key === "record" || key === "status") {
        values.sort(function (a, b) { return a - b; });
      } else {
        values.sort(function (a, b) { return counts[b] - counts[a] || a - b; });
      }
      var shown = values.slice(0, 100);
      if (chosen >= 0 && shown.indexOf(chosen) < 0) { shown.push(chosen); }
      var html = document.createDocumentFragment();
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "any";
      html.appendChild(any);
      shown.forEach(function (value) {
        var option = document.createElement("option");
        option.value = pairs[value][0];
        option.textContent = pairs[value][1] + " (" + (counts[value] || 0).toLocaleString("en") + ")";
        html.appendChild(option);
      });
      if (values.length > shown.length) {
        var more = document.createElement("option");
        more.disabled = true;
        more.value = "";
        more.textContent = "… and " + (values.length - 100).toLocaleString("en") + " more: narrow the view to list them";
        html.appendChild(more);
      }
      var current = select.value;
      select.textContent = "";
      select.appendChild(html);
      select.value = current;
    });
  }

  // -- showing it ---------------------------------------------------------------------------------------------
  function say(text) { count.textContent = text; }

  function cell(row, content) {
    var td = document.createElement("td");
    if (content) { td.appendChild(content); }
    row.appendChild(td);
    return td;
  }

  function anchor(href, text) {
    if (!href) { return document.createTextNode(text); }
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function tableRow(row, shown) {
    var columns = data.columns;
    var tr = document.createElement("tr");
    var actor = data.vocabularies.actors[columns.claimant[row]];
    cell(tr, anchor(hrefOf("claim", shown[0]), shown[1]));
    cell(tr, anchor(hrefOf("actor", actor[0]), shown[2]));
    cell(tr, document.createTextNode(shown[3] || "—"));
    cell(tr, document.createTextNode(data.vocabularies.record[columns.record[row]][1]));
    cell(tr, document.createTextNode(data.vocabularies.status[columns.status[row]][1]));
    var question = columns.question[row];
    cell(tr, question >= 0 ? anchor(hrefOf("question", data.vocabularies.questions[question][0]),
                                    data.vocabularies.questions[question][1]) : null);
    var names = [];
    each(columns.publisher[row], function (value) { names.push(data.vocabularies.publishers[value][1]); });
    cell(tr, document.createTextNode(names.join(", ")));
    return tr;
  }

  function shownRows(rows) {
    var per = data.rowsPerFile;
    var files = {};
    rows.forEach(function (row) { files[Math.floor(row / per)] = true; });
    var numbers = Object.keys(files).map(Number);
    return Promise.all(numbers.map(rowsFile)).then(function (loaded) {
      var byFile = {};
      numbers.forEach(function (number, n) { byFile[number] = loaded[n]; });
      return rows.map(function (row) { return byFile[Math.floor(row / per)][row % per]; });
    });
  }

  function filterName(view, f) {
    var filter = view.filters[f];
    return data.facetInfo[filter.key].label + ": " + labelOf(filter.key, filter.value);
  }

  function explainEmpty(view) {
    message.textContent = "";
    var intro = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = "No claim matches all of these filters together.";
    intro.appendChild(strong);
    intro.appendChild(document.createTextNode(" Widen the view:"));
    message.appendChild(intro);
    var list = document.createElement("ul");
    var bits = view.filters.map(function (_filter, f) { return { bit: 1 << f, name: filterName(view, f), clear: function () {
      var select = form.elements.namedItem(view.filters[f].key); select.value = ""; } }; });
    if (view.dateBit) { bits.push({ bit: view.dateBit, name: "the dates claimed", clear: function () { from.value = ""; until.value = ""; } }); }
    if (view.wordBit) { bits.push({ bit: view.wordBit, name: "the words “" + words.value.trim() + "”", clear: function () { words.value = ""; } }); }
    bits.forEach(function (item) {
      var left = 0;
      for (var row = 0; row < data.rows; row++) {
        if ((view.misses[row] & ~item.bit) === 0) { left++; }
      }
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "qc-widen";
      button.textContent = "Remove " + item.name;
      button.addEventListener("click", function () { item.clear(); state.page = 1; update(); });
      li.appendChild(button);
      li.appendChild(document.createTextNode(left ? " to see " + left.toLocaleString("en") + " claim" + (left === 1 ? "" : "s") :
        " (still none: other filters also leave them out)"));
      list.appendChild(li);
    });
    message.appendChild(list);
    var last = document.createElement("p");
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "qc-widen";
    clear.textContent = "Clear every filter";
    clear.addEventListener("click", function () { form.reset(); });
    last.appendChild(clear);
    last.appendChild(document.createTextNode(" to see all " + data.rows.toLocaleString("en") + " claims."));
    message.appendChild(last);
    message.hidden = false;
  }

  function showNotices() {
    if (!state.notices.length) { return; }
    var p = document.createElement("p");
    p.className = "qc-notice";
    p.textContent = state.notices.join(" ");
    message.appendChild(p);
    message.hidden = false;
  }

  function pageButton(text, page, label) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = text;
    if (label) { button.setAttribute("aria-label", label); }
    button.addEventListener("click", function () { state.page = page; update(); table.scrollIntoView(); });
    return button;
  }

  function showPager(total) {
    var pages = Math.max(1, Math.ceil(total / PER_PAGE));
    pager.textContent = "";
    if (pages > 1) {
      if (state.page > 1) { pager.appendChild(pageButton("← Previous", state.page - 1, "Previous page")); }
      pager.appendChild(document.createTextNode(" Page " + state.page.toLocaleString("en") + " of " +
        pages.toLocaleString("en") + " "));
      if (state.page < pages) { pager.appendChild(pageButton("Next →", state.page + 1, "Next page")); }
    }
    pager.hidden = pages <= 1;
  }

  function markSorted() {
    Object.keys(sortable).forEach(function (key) {
      var th = headers[sortable[key]];
      if (th) {
        th.setAttribute("aria-sort", state.sort === key ? (state.descending ? "descending" : "ascending") : "none");
      }
    });
  }

  function showStatic() {
    tableBox.hidden = false;
    body.textContent = "";
    staticRows.forEach(function (row) { body.appendChild(row); });
    message.hidden = true;
    message.textContent = "";
    pager.hidden = true;
    if (staticPager) { staticPager.hidden = false; }
    say("All " + Number(form.getAttribute("data-qc-total")).toLocaleString("en") + " claims, by date claimed");
    form.setAttribute("data-qc-shown", window.location.search);
  }

  var showing = Promise.resolve();

  function update() {
    var generation = ++state.generation;
    markSorted();
    writeAddress();
    if (isDefault() && !state.notices.length) {
      state.view = null;
      showStatic();
      if (data) { recount(compute(null)); }
      return showing;
    }
    showing = loadData().then(function () {
      return wordRows(queryWords());
    }).then(function (found) {
      if (generation !== state.generation) { return null; }
      var view = compute(found);
      recount(view);
      var matched = [];
      for (var row = 0; row < data.rows; row++) {
        if (view.misses[row] === 0) { matched.push(row); }
      }
      view.rows = ordered(matched);
      var pages = Math.max(1, Math.ceil(view.rows.length / PER_PAGE));
      state.page = Math.min(state.page, pages);
      writeAddress();
      var slice = view.rows.slice((state.page - 1) * PER_PAGE, state.page * PER_PAGE);
      return shownRows(slice).then(function (shown) {
        if (generation !== state.generation) { return; }
        body.textContent = "";
        slice.forEach(function (row, n) { body.appendChild(tableRow(row, shown[n])); });
        if (staticPager) { staticPager.hidden = true; }
        message.hidden = true;
        message.textContent = "";
        tableBox.hidden = !view.rows.length;  // no bare row of headings: the message says why, and how to widen
        if (!view.rows.length) { explainEmpty(view); }
        showNotices();
        showPager(view.rows.length);
        state.view = view;
        say((view.rows.length === data.rows ? "All " : view.rows.length.toLocaleString("en") + " of ") +
            data.rows.toLocaleString("en") + " claims" + (pages > 1 ? ", page " + state.page + " of " + pages : ""));
        form.setAttribute("data-qc-shown", window.location.search);  // the view on screen (tests wait for it)
      });
    }).catch(function (error) {
      say("The filters could not load the claims' data (" + error.message + "); the pages below still list every claim.");
      showStatic();
    });
    return showing;
  }

  // -- download this view ---------------------------------------------------------------------------------------
  var CSV_COLUMNS = ["id", "statement", "claimant", "claimant_name", "claimed", "on_record", "status", "question",
                     "answer", "events", "actors", "tags", "publishers", "sources", "url"];

  function record(row, shown) {
    var columns = data.columns, v = data.vocabularies;
    function keys(name, vocabulary) {
      var out = [];
      each(columns[name][row], function (value) { out.push(v[vocabulary][value][0]); });
      return out;
    }
    var question = columns.question[row];
    return {
      id: shown[0], statement: shown[1], claimant: v.actors[columns.claimant[row]][0],
      claimant_name: v.actors[columns.claimant[row]][1], claimed: shown[4] || null,
      on_record: v.record[columns.record[row]][0], status: v.status[columns.status[row]][0],
      question: question >= 0 ? v.questions[question][0] : null, answer: shown[5] || null,
      events: keys("event", "events"), actors: keys("actor", "actors"), tags: keys("tag", "tags"),
      publishers: (function () { var out = []; each(columns.publisher[row], function (p) { out.push(v.publishers[p][1]); }); return out; })(),
      sources: keys("source", "sources"), url: new URL(hrefOf("claim", shown[0]), window.location.href).href
    };
  }

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : Array.isArray(value) ? value.join(";") : String(value);
    if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; }  // never a spreadsheet formula (as data/claims.csv)
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  function download(kind) {
    var rows = state.view ? state.view.rows : null;
    var prepared = rows ? Promise.resolve(rows) : loadData().then(function () {
      var all = [];
      for (var row = 0; row < data.rows; row++) { all.push(row); }
      return all;
    });
    prepared.then(function (list) {
      if (list.length > DOWNLOAD_LIMIT) {
        say("This view has " + list.length.toLocaleString("en") + " claims; a download holds at most " +
            DOWNLOAD_LIMIT.toLocaleString("en") + ". Narrow the view, or take every claim from the open data page.");
        return null;
      }
      say("Preparing the download of " + list.length.toLocaleString("en") + " claims…");
      return shownRows(list).then(function (shown) {
        var records = list.map(function (row, n) { return record(row, shown[n]); });
        var text, type;
        if (kind === "json") {
          text = JSON.stringify(records, null, 1);
          type = "application/json";
        } else {
          text = [CSV_COLUMNS.join(",")].concat(records.map(function (item) {
            return CSV_COLUMNS.map(function (name) { return csvCell(item[name]); }).join(",");
          })).join("\r\n") + "\r\n";
          type = "text/csv";
        }
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
        link.download = "qantar-claims-view." + kind;
        document.body.appendChild(link);
        link.click();
        link.remove();
        window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
        say("Downloaded " + list.length.toLocaleString("en") + " claims as " + kind.toUpperCase() + ".");
      });
    }).catch(function (error) { say("The download could not be prepared (" + error.message + ")."); });
  }

  // -- wiring ---------------------------------------------------------------------------------------------------
  Object.keys(sortable).forEach(function (key) {
    var th = headers[sortable[key]];
    if (!th) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    button.title = "Sort by " + th.textContent.toLowerCase();
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      if (state.sort === key) {
        state.descending = !state.descending;
      } else {
        state.sort = key;
        state.descending = false;
      }
      state.page = 1;
      update();
    });
  });

  var typing = 0;
  form.addEventListener("change", function (event) {
    if (event.target === words) { return; }
    state.page = 1;
    state.notices = [];
    update();
  });
  form.addEventListener("input", function (event) {
    if (event.target !== words) { return; }
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { state.page = 1; update(); }, 250);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    state.sort = "";
    state.page = 1;
    state.notices = [];
    window.setTimeout(update, 0);  // after the form has cleared its fields
  });
  Array.prototype.forEach.call(form.querySelectorAll("[data-qc-download]"), function (button) {
    button.addEventListener("click", function () { download(button.getAttribute("data-qc-download")); });
  });
  window.addEventListener("popstate", function () { start(); });

  function start() {
    readAddress();
    var params = new URLSearchParams(window.location.search);
    var named = facetKeys.some(function (key) { return params.get(key); });
    if (named && !data) {  // resolve the names in the address against the vocabularies first
      loadData().then(function () { readAddress(); update(); }, function () { update(); });
    } else {
      update();
    }
  }

  form.hidden = false;
  if (filters && window.matchMedia("(max-width: 600px)").matches && !window.location.search) {
    filters.open = false;  // on a phone the table comes first; the filters open with a tap
  }
  start();
})();
