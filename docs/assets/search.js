/* Qantar Claims: Material's search box, answered by Pagefind's chunked index.

   Material's search sends each query to a Web Worker (lunr over one index of the whole site) and renders
   the results it gets back. This script stands in for that worker, with the same messages, so Material's
   search box, keyboard shortcuts, result list and highlighting stay as they are, while the answers come
   from Pagefind: the browser fetches only the index chunks for the words typed, and one small fragment
   per result shown.

   - No keystroke is lost: the box is ready at once; a query typed while the index loads is answered when
     it has loaded (only the latest query is answered).
   - Each result shows the claim's statement, its claimant, its sources and its status (fields the build
     wrote into the index, scripts/qantar/search_index.py).
   - Cyrillic and Latin spellings meet: each query word is folded with the build's rules
     (pagefind/qantar-folding.json), after Russian words lose their inflectional ending.
   - From file:// (the offline copy), where nothing may be fetched, each bundle file comes from a script the
     build wrote beside it (pagefind/inline/), loaded with a script element.
   No request leaves the site. */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;   // Material's search worker messages
  var SHOWN = 10;                                      // results whose fragment is fetched and rendered
  var offline = window.location.protocol === "file:";

  function config() {
    var element = document.getElementById("__config");
    return element ? JSON.parse(element.textContent) : { base: ".", features: [], translations: {} };
  }

  function bundleUrl() {
    return new URL("pagefind/", new URL(config().base + "/", window.location.href)).href;
  }

  /* -- file:// : every bundle file from its inlined script --------------------------------------- */

  var inlined = {};
  function loadInlined(relative, base) {
    if (!inlined[relative]) {
      inlined[relative] = new Promise(function (resolve, reject) {
        var files = window.__qantarSearchFiles = window.__qantarSearchFiles || {};
        if (files[relative]) { resolve(files[relative]); return; }
        var script = document.createElement("script");
        script.src = base + "inline/" + relative.split("/").join("__") + ".js";
        script.onload = function () { files[relative] ? resolve(files[relative]) : reject(new Error(relative)); };
        script.onerror = function () { reject(new Error("cannot load " + relative)); };
        document.head.appendChild(script);
      }).then(function (encoded) {
        var text = atob(encoded), bytes = new Uint8Array(text.length);
        for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
        return bytes;
      });
    }
    return inlined[relative];
  }

  function offlineFetch(base) {
    var original = window.fetch ? window.fetch.bind(window) : null;
    window.fetch = function (input, init) {
      var address = typeof input === "string" ? input : input.url;
      var absolute = new URL(address, window.location.href).href;
      if (absolute.indexOf(base) === 0) {
        return loadInlined(absolute.slice(base.length).split(/[?#]/)[0], base).then(function (bytes) {
          return new Response(bytes, { status: 200 });
        });
      }
      return original ? original(input, init) : Promise.reject(new Error("no fetch"));
    };
  }

  /* -- the query: words folded as the build folded the pages ------------------------------------ */

  function folder(rules) {
    var cyrillic = rules.cyrillic, letters = rules.latin_letters, latinRules = rules.latin_rules;
    var endings = rules.russian_endings;
    function latin(word) {
      var out = "", lower = word.toLowerCase();
      for (var i = 0; i < lower.length; i++) {
        var c = lower[i];
        c = letters.hasOwnProperty(c) ? letters[c] : c;
        out += cyrillic.hasOwnProperty(c) ? cyrillic[c] : c;
      }
      return out.normalize("NFKD").replace(/\p{M}/gu, "");
    }
    function fold(word) {
      var spelled = latin(word);
      for (var i = 0; i < latinRules.length; i++) { spelled = spelled.split(latinRules[i][0]).join(latinRules[i][1]); }
      return spelled.replace(/(.)\1+/gu, "$1");
    }
    function stem(word) {
      var lower = word.toLowerCase();
      if (!/[\u0400-\u04ff]/.test(lower)) { return lower; }
      for (var k = 0; k < rules.kazakh_letters.length; k++) {
        if (lower.indexOf(rules.kazakh_letters[k]) !== -1) { return lower; }   // Kazakh: no Russian endings
      }
      for (var i = 0; i < endings.length; i++) {
        var ending = endings[i];
        if (lower.length > ending.length && lower.slice(-ending.length) === ending) {
          var kept = lower.slice(0, -ending.length);
          var least = (ending === "ов" || ending === "ев") ? rules.surname_stem : rules.min_stem;
          if (kept.length >= least) { return kept; }
        }
      }
      return lower;
    }
    return {
      fold: fold,
      query: function (text) {
        var words = text.match(/[\p{L}\p{N}]+/gu) || [];
        return words.map(function (word) { return /\p{L}/u.test(word) ? fold(stem(word)) : word; });
      }
    };
  }

  /* -- rendering, in Material's result markup ------------------------------------------------------ */

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function marked(text, folded, fold) {   // escape, and mark each word whose key starts with a query word's
    return String(text).split(/([\p{L}\p{N}]+)/u).map(function (part, i) {
      if (i % 2 === 1 && folded.some(function (q) { return q.length > 1 && fold(part).indexOf(q) === 0; })) {
        return "<mark>" + escapeHtml(part) + "</mark>";
      }
      return escapeHtml(part);
    }).join("");
  }

  function excerptOf(data, folded, fold) {
    if (/<mark>/.test(data.excerpt || "")) { return data.excerpt; }   // Pagefind's, already escaped
    var words = String(data.content || "").split(/\s+/);
    var at = words.findIndex(function (word) {
      var parts = word.match(/[\p{L}\p{N}]+/gu) || [];
      return parts.some(function (p) { return folded.some(function (q) { return fold(p).indexOf(q) === 0; }); });
    });
    var start = Math.max(0, at - 12);
    return marked(words.slice(start, start + 30).join(" "), folded, fold);
  }

  function recordLine(meta) {
    var parts = [];
    if (meta.claimant) { parts.push("<strong>Claimant</strong> " + escapeHtml(meta.claimant)); }
    if (meta.sources) { parts.push("<strong>Sources</strong> " + escapeHtml(meta.sources)); }
    if (meta.status) {
      var key = String(meta.status).toLowerCase().replace(/[^a-z]+/g, "-");
      parts.push('<span class="qc-badge qc-' + key + '">' + escapeHtml(meta.status) + "</span>");
    }
    return parts.length ? '<p class="qc-search-record">' + parts.join(" · ") + "</p>" : "";
  }

  function item(data, index, folded, fold, words) {
    var meta = data.meta || {};
    var excerpt = excerptOf(data, folded, fold);
    var seen = {}, terms = {};
    (excerpt.match(/<mark>[^<]*<\/mark>/g) || []).forEach(function (mark) {
      var word = mark.replace(/<\/?mark>/g, "").replace(/&[a-z#0-9]+;/g, "").replace(/[^\p{L}\p{N}\s-]/gu, "").trim();
      if (word && !seen[word.toLowerCase()]) { seen[word.toLowerCase()] = true; terms[word] = true; }
    });
    if (!Object.keys(terms).length) { words.forEach(function (w) { terms[w] = true; }); }
    return [{
      location: data.url,
      title: marked(meta.title || data.url, folded, fold),
      text: "<p>" + excerpt + "</p>" + recordLine(meta),
      score: SHOWN - index,
      terms: terms
    }];
  }

  /* -- the worker Material talks to ------------------------------------------------------------------ */

  var loading = null;  // Pagefind and the folding rules, loaded once, on the first query
  var timings = [];    // per answered query: Pagefind's search, then the fragments of the results shown

  function SearchWorker() {
    this._target = document.createElement("div");
    this._latest = null;
    var self = this;
    window.setTimeout(function () { self._reply({ type: READY }); }, 0);
  }

  SearchWorker.prototype._reply = function (data) {
    var event = new MessageEvent("message", { data: data });
    this._target.dispatchEvent(event);
    if (typeof this.onmessage === "function") { this.onmessage(event); }
  };

  SearchWorker.prototype._load = function () {
    if (!loading) {
      var base = bundleUrl();
      if (offline) { offlineFetch(base); }
      var module = offline
        ? loadInlined("pagefind.js", base).then(function (bytes) {
            var source = URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
            return import(source);
          })
        : import(base + "pagefind.js");
      var rules = fetch(base + "qantar-folding.json").then(function (response) { return response.json(); });
      loading = Promise.all([module, rules]).then(function (loaded) {
        var pagefind = loaded[0];
        return pagefind.options({ basePath: base, noWorker: offline, excerptLength: 30 })
          .then(function () { return pagefind.init(); })
          .then(function () { return { pagefind: pagefind, words: folder(loaded[1]) }; });
      });
    }
    return loading;
  };

  SearchWorker.prototype._search = function (query) {
    var self = this;
    return this._load().then(function (engine) {
      if (self._latest !== query) { return null; }            // a newer query came while loading
      var words = query.match(/[\p{L}\p{N}]+/gu) || [];
      var folded = engine.words.query(query);
      if (!folded.length) { return { items: [] }; }
      var asked = performance.now();
      return engine.pagefind.search(folded.join(" ")).then(function (found) {
        if (self._latest !== query) { return null; }
        var results = found.results, searched = performance.now();
        return Promise.all(results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (data) {
          timings.push({ query: query, search_ms: searched - asked, fragments_ms: performance.now() - searched });
          return {
            items: data.map(function (d, i) { return item(d, i, folded, engine.words.fold, words); }),
            total: results.length
          };
        });
      });
    });
  };

  SearchWorker.prototype.postMessage = function (message) {
    var self = this;
    if (!message || message.type !== QUERY) { return; }       // SETUP carries Material's index: not needed
    var query = String(message.data || "").trim();
    this._latest = query;
    if (!query) { self._reply({ type: RESULT, data: { items: [] } }); return; }
    this._search(query).then(function (result) {
      if (result === null || self._latest !== query) { return; }
      self._reply({ type: RESULT, data: { items: result.items } });
      if (result.total > result.items.length) { self._count(result.total, result.items.length); }
    }, function (error) {
      if (window.console) { window.console.warn("search:", error); }
      if (self._latest === query) { self._reply({ type: RESULT, data: { items: [] } }); }
    });
  };

  SearchWorker.prototype._count = function (total, shown) {     // Material counts the items it was given
    var meta = document.querySelector(".md-search-result__meta");
    var text = (config().translations || {})["search.result.other"] || "# matching documents";
    if (meta) { meta.textContent = text.replace("#", total) + " (the first " + shown + " shown)"; }
  };

  SearchWorker.prototype.addEventListener = function (type, listener, options) {
    this._target.addEventListener(type, listener, options);
  };
  SearchWorker.prototype.removeEventListener = function (type, listener, options) {
    this._target.removeEventListener(type, listener, options);
  };
  SearchWorker.prototype.terminate = function () {};

  var NativeWorker = window.Worker;
  function isMaterialSearchWorker(url) {
    return /\/workers\/search\.[^/]*\.js(\?.*)?$/.test(String(url));
  }
  window.Worker = function (url, options) {
    if (isMaterialSearchWorker(url)) { return new SearchWorker(); }
    return new NativeWorker(url, options);
  };
  window.Worker.prototype = NativeWorker ? NativeWorker.prototype : {};
  window.qantarSearch = {   // for tests and the benchmark
    all: function (query) {   // every result address for a query
      var worker = new SearchWorker();
      return worker._load().then(function (engine) {
        return engine.pagefind.search(engine.words.query(query).join(" ")).then(function (found) {
          return Promise.all(found.results.map(function (r) { return r.data(); }));
        }).then(function (data) { return data.map(function (d) { return d.url; }); });
      });
    },
    timings: timings,
    keys: function (query) {   // the words Pagefind is asked for
      return new SearchWorker()._load().then(function (engine) { return engine.words.query(query); });
    }
  };
})();
