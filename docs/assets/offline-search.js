/* Qantar Claims, offline copy only: lets Material's search run from file://.

   Browsers refuse to start a Web Worker from a file:// address, so search would never load. Opened from
   the file system, this replaces Worker with a hidden frame that runs the same worker script: messages go
   back and forth as they would with a worker, and the worker's importScripts loads each script in turn.
   Material's search worker looks for window.IFrameWorker to know it runs this way. On a web server it does
   nothing. */
(function () {
  "use strict";
  if (window.location.protocol !== "file:") {
    return;
  }

  function FrameWorker(url) {
    var target = document.createElement("div");
    var frame = document.createElement("iframe");
    var self = this;
    this._target = target;
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("title", "search");
    (document.body || document.documentElement).appendChild(frame);
    var scope = frame.contentWindow;
    var document_ = frame.contentDocument;

    scope.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (previous, address) {
        return previous.then(function () {
          return new Promise(function (resolve, reject) {
            var script = document_.createElement("script");
            script.src = address;
            script.onload = resolve;
            script.onerror = function () { reject(new Error("cannot load " + address)); };
            document_.head.appendChild(script);
          });
        });
      }, Promise.resolve());
    };
    scope.postMessage = function (data) {
      window.setTimeout(function () {
        var event = new MessageEvent("message", { data: data });
        target.dispatchEvent(event);
        if (typeof self.onmessage === "function") { self.onmessage(event); }
      }, 0);
    };

    this._scope = scope;
    this._ready = new Promise(function (resolve, reject) {
      var script = document_.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = reject;
      document_.head.appendChild(script);
    });
  }

  FrameWorker.prototype.postMessage = function (data) {
    var scope = this._scope;
    this._ready.then(function () {
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    });
  };
  FrameWorker.prototype.addEventListener = function (type, listener, options) {
    this._target.addEventListener(type, listener, options);
  };
  FrameWorker.prototype.removeEventListener = function (type, listener, options) {
    this._target.removeEventListener(type, listener, options);
  };
  FrameWorker.prototype.terminate = function () {};

  window.IFrameWorker = FrameWorker;
  window.Worker = FrameWorker;
})();
