// evalsite preview: reloads the page when a new version of the report is
// served, and shows the problems of a failed rebuild over every page.
// Injected by `evalsite serve` only; never part of a built site.
(function () {
  "use strict";
  var me = document.currentScript;
  var site = (me && me.getAttribute("data-evalsite-site")) || "";
  var base = "/__evalsite/";
  var source = null;
  var wait = 500;
  var checking = false;
  var again = false;

  // Asks the server for the latest build: reload when it serves a different
  // version of the site than this page came from; otherwise show or hide the
  // problems of the latest build.
  function check() {
    if (checking) { again = true; return; }
    checking = true;
    fetch(base + "status", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.site && status.site !== site) {
          location.reload();
        } else if (status.ok) {
          hide();
        } else {
          show(status);
        }
      })
      .catch(function () { /* the server is restarting: the events stream will retry */ })
      .then(function () {
        checking = false;
        if (again) { again = false; check(); }
      });
  }

  function hide() {
    var overlay = document.getElementById("evalsite-overlay");
    if (overlay) { overlay.parentNode.removeChild(overlay); }
  }

  function element(tag, css, text) {
    var node = document.createElement(tag);
    if (css) { node.style.cssText = css; }
    if (text) { node.textContent = text; }
    return node;
  }

  function place(problem) {
    if (!problem.file) { return "the project"; }
    var at = problem.file;
    if (problem.line) { at += ":" + problem.line + ":" + problem.column; }
    return at;
  }

  // Everything shown comes from the server as data and is set as text, never
  // as markup.
  function show(status) {
    var overlay = document.getElementById("evalsite-overlay");
    if (!overlay) {
      overlay = element("div",
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;" +
        "padding:2rem;background:rgba(24,24,27,0.97);color:#f4f4f5;" +
        "font:16px/1.5 system-ui,sans-serif;text-align:left");
      overlay.id = "evalsite-overlay";
      overlay.setAttribute("role", "alert");
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var errors = status.diagnostics.filter(function (d) { return d.severity === "error"; });
    overlay.appendChild(element("h2", "margin:0 0 0.5rem;font-size:1.4rem;color:#fca5a5",
      "The report could not be rebuilt (" + errors.length +
      (errors.length === 1 ? " problem)" : " problems)")));
    overlay.appendChild(element("p", "margin:0 0 1rem",
      site ? "You are looking at the last version that built. Fix the problem and save: this page will update by itself."
           : "Nothing has built yet. Fix the problem and save: this page will update by itself."));
    var list = element("ol", "margin:0;padding-left:1.5rem");
    status.diagnostics.forEach(function (problem) {
      var item = element("li", "margin:0 0 1rem");
      item.className = "evalsite-problem";
      item.appendChild(element("div",
        "font-family:ui-monospace,monospace;color:#93c5fd", place(problem)));
      item.appendChild(element("div",
        "font-weight:600;color:" + (problem.severity === "error" ? "#fca5a5" : "#fde68a"),
        problem.severity + " [" + problem.code + "]: " + problem.message));
      if (problem.fix) { item.appendChild(element("div", "", "How to fix it: " + problem.fix)); }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = element("button", "margin-top:1rem;font:inherit;padding:0.3rem 0.8rem",
      "Hide until the next save");
    close.type = "button";
    close.addEventListener("click", hide);
    overlay.appendChild(close);
  }

  // One events stream per visible tab; hidden tabs let theirs go, so that
  // many open tabs do not use up the browser's connections to the server.
  function connect() {
    if (source || document.hidden) { return; }
    var stream = new EventSource(base + "events");
    source = stream;
    stream.addEventListener("open", function () { wait = 500; check(); });
    stream.addEventListener("reload", check);
    stream.addEventListener("error", function () {
      if (stream.readyState === EventSource.CLOSED && source === stream) {
        source = null;
        setTimeout(connect, wait);
        wait = Math.min(wait * 2, 5000);
      }
    });
  }

  function disconnect() {
    if (source) { source.close(); source = null; }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { disconnect(); } else { connect(); }
  });
  connect();
  check();
})();
