// Search over the Pagefind index, shown in the theme's own search dialog.
// Pagefind splits the index into small chunks: a query fetches only the chunks for its words,
// so the first search stays small however large the archive grows. Results link to the turn
// (the heading anchor) where the words were said.
(function () {
  "use strict";
  var dialog = document.querySelector("[data-onrecord-search]");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  var input = dialog.querySelector(".md-search__input");
  var form = dialog.querySelector("form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var bundle = new URL(dialog.getAttribute("data-onrecord-search"), document.baseURI).href;
  var engine = null;
  var serial = 0;
  var timer = null;
  var SHOWN = 10;

  function load() {
    if (!engine) {
      engine = import(bundle).then(function (pagefind) {
        // result addresses start from the site's root, wherever the site is served from
        var root = new URL("../", bundle).pathname;
        return pagefind.options({ excerptLength: 30, baseUrl: root }).then(function () { return pagefind; });
      });
      engine.catch(function () { meta.textContent = "Search is not available: the index was not built."; });
    }
    return engine;
  }

  // Pagefind's excerpts mark the matched words; everything else is rebuilt as plain text,
  // so no markup from the index can reach the page.
  function excerpt(html) {
    var p = document.createElement("p");
    var parsed = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html").body.firstChild;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function link(url, heading, title, text) {
    var a = document.createElement("a");
    a.href = url;
    a.className = "md-search-result__link";
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var h = document.createElement(heading);
    h.textContent = title.replace(/\s*¶\s*$/, "");
    article.appendChild(h);
    if (text) article.appendChild(excerpt(text));
    a.appendChild(article);
    a.addEventListener("click", close);
    return a;
  }

  function weight(sub) {
    var located = sub.weighted_locations || [];
    if (!located.length) return (sub.locations || []).length;
    return located.reduce(function (sum, l) { return sum + (l.balanced_score || l.weight || 1); }, 0);
  }

  function show(query, found, data) {
    list.textContent = "";
    if (!query) {
      meta.textContent = "Type to start searching";
      return;
    }
    var count = found.length;
    meta.textContent = count === 0 ? "No matching documents" :
      count === 1 ? "1 matching document" : count + " matching documents";
    data.forEach(function (page) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      // the turns where most of the query's words were said come first
      var turns = (page.sub_results || []).filter(function (sub) { return sub.url.indexOf("#") !== -1; })
        .map(function (sub, i) { return { sub: sub, i: i, hits: weight(sub) }; })
        .sort(function (a, b) { return b.hits - a.hits || a.i - b.i; })
        .map(function (x) { return x.sub; });
      item.appendChild(link(page.url, "h1", page.meta.title || page.url, turns.length ? "" : page.excerpt));
      turns.slice(0, 3).forEach(function (sub) {
        item.appendChild(link(sub.url, "h2", sub.title, sub.excerpt));
      });
      list.appendChild(item);
    });
  }

  function run() {
    var query = input.value.trim();
    var mine = ++serial;
    if (!query) { show("", [], []); return; }
    load().then(function (pagefind) {
      return pagefind.search(query).then(function (search) {
        var found = search.results;
        return Promise.all(found.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (data) {
          if (mine === serial) show(query, found, data);
        });
      });
    });
  }

  function open() {
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    input.focus();
  }

  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      load();
      setTimeout(function () { input.focus(); }, 0);
    } else {
      input.blur();
    }
  });
  input.addEventListener("focus", function () { if (!toggle.checked) open(); load(); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  form.addEventListener("reset", function () { setTimeout(run, 0); });

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  document.addEventListener("keydown", function (event) {
    var typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement ||
      (event.target && event.target.isContentEditable);
    if (!toggle.checked) {
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey &&
          (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        open();
      }
      return;
    }
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && all.length) {
      event.preventDefault();
      if (at <= 0) input.focus(); else all[at - 1].focus();
    }
  });
})();
