// Search over the Pagefind indexes, shown in the theme's own search dialog.
// There is one index per year of documents (and one for speakers, events and lists), listed in
// pagefind/shards.json. A query asks the indexes in that order, newest year first, until it has
// a screenful of results; earlier years are searched when the reader asks. So the first search
// stays small however large the archive grows. Results link to the turn (the heading anchor)
// where the words were said.
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
  var instances = {};
  var serial = 0;
  var timer = null;
  var SHOWN = 5;  // documents per screenful, as in Pagefind's own interface: each costs a fetch of its record
  var PAGES = 3;  // speakers and events shown above the documents
  var state = null;  // the query being shown: { query, next shard, results shown, count, years }

  // Every index asks for the engine's WebAssembly under its own folder; the build keeps one copy
  // beside shards.json, fetched once and handed to each index that asks.
  var shardWasm = new RegExp("^" + bundle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "[^/]+/(wasm\\.[^/]+\\.pagefind)$");
  var realFetch = window.fetch.bind(window);
  var wasm = {};
  window.fetch = function (resource, options) {
    var url = typeof resource === "string" ? resource : resource && resource.url;
    var m = url && new URL(url, document.baseURI).href.match(shardWasm);
    if (!m) return realFetch(resource, options);
    if (!wasm[m[1]]) {
      wasm[m[1]] = realFetch(bundle + m[1]).then(function (r) {
        if (!r.ok) throw new Error("no search engine at " + bundle + m[1]);
        return r.arrayBuffer();
      });
      wasm[m[1]].catch(function () { delete wasm[m[1]]; });
    }
    return wasm[m[1]].then(function (bytes) { return new Response(bytes.slice(0)); });
  };

  function load() {
    if (!engine) {
      engine = Promise.all([
        import(bundle + "pagefind.js"),
        realFetch(bundle + "shards.json").then(function (r) {
          if (!r.ok) throw new Error("no index");
          return r.json();
        })
      ]).then(function (loaded) {
        // while the reader types: the engine and the first index's page list, which every search
        // needs (only the first: the indexes share the engine's WebAssembly glue, one at a time)
        instance(loaded[0], loaded[1].shards[0]).then(function (made) { return made.init(); }).catch(function () {});
        return { pagefind: loaded[0], shards: loaded[1].shards };
      });
      engine.catch(function () { meta.textContent = "Search is not available: the index was not built."; });
    }
    return engine;
  }

  function instance(pagefind, shard) {
    if (!instances[shard.path]) {
      // on the page's own thread: a worker would fetch the engine again for every index
      var made = pagefind.createInstance({ basePath: bundle + shard.path, noWorker: true });
      // result addresses start from the site's root, wherever the site is served from
      var root = new URL("../", bundle).pathname;
      instances[shard.path] = made.options({ excerptLength: 30, baseUrl: root }).then(function () { return made; });
    }
    return instances[shard.path];
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

  function link(url, heading, title, text, about) {
    var a = document.createElement("a");
    a.href = url;
    a.className = "md-search-result__link";
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var h = document.createElement(heading);
    h.textContent = title.replace(/\s*¶\s*$/, "");
    article.appendChild(h);
    if (about) {
      var p = document.createElement("p");
      p.className = "or-search-about";
      p.textContent = about;
      article.appendChild(p);
    }
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

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function summary() {
    meta.textContent = "";
    var years = state.searched.filter(function (x) { return /^\d{4}\/$/.test(x.path); })
      .map(function (x) { return x.label; });
    var text = plural(state.count, "matching document", "matching documents");
    if (state.count === 0) text = "No matching documents";
    if (years.length) text += " in " + (years.length === 1 ? years[0] : years[years.length - 1] + "–" + years[0]);
    if (state.pages) text += " · " + plural(state.pages, "speaker or event", "speakers and events");
    meta.appendChild(document.createTextNode(text));
    var rest = state.shards[state.next];
    if (!state.pending.length && !rest) return;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "or-search-more";
    more.textContent = state.pending.length ? "Show more" :
      /^\d{4}\/$/.test(rest.path) ? "Search " + rest.label + " and earlier" : "Search " + rest.label;
    more.addEventListener("click", function () {
      state.wanted = state.shown + SHOWN;
      more.disabled = true;
      step(state);
    });
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(more);
  }

  function item(page) {
    var entry = document.createElement("li");
    entry.className = "md-search-result__item";
    // the turns where most of the query's words were said come first
    var title = page.meta.title || page.url;
    // sections of the page (turns), not its own heading again
    var turns = (page.sub_results || []).filter(function (sub) {
      return sub.url.indexOf("#") !== -1 && sub.title.replace(/\s*¶\s*$/, "") !== title;
    })
      .map(function (sub, i) { return { sub: sub, i: i, hits: weight(sub) }; })
      .sort(function (a, b) { return b.hits - a.hits || a.i - b.i; })
      .map(function (x) { return x.sub; });
    entry.appendChild(link(page.url, "h1", title, turns.length ? "" : page.excerpt, page.meta.description));
    turns.slice(0, 3).forEach(function (sub) {
      entry.appendChild(link(sub.url, "h2", sub.title, sub.excerpt));
    });
    return entry;
  }

  // Show what the indexes already asked have found, then ask the next one, until a screenful of
  // documents is shown. The first index holds speakers and events: its best few come first.
  function step(s) {
    if (s !== state) return;
    if (s.shown >= s.wanted || (!s.pending.length && s.next >= s.shards.length)) {
      list.setAttribute("aria-busy", "false");
      summary();
      return;
    }
    list.setAttribute("aria-busy", "true");
    var found, documents = true;
    if (s.pending.length) {
      found = Promise.resolve(s.pending.splice(0, s.wanted - s.shown));
    } else {
      var shard = s.shards[s.next++];
      documents = shard.path !== "pages/";
      s.searched.push(shard);
      found = instance(s.pagefind, shard).then(function (pagefind) {
        return pagefind.search(s.query);
      }).then(function (search) {
        if (!documents) {
          s.pages = search.results.length;
          return search.results.slice(0, PAGES);
        }
        s.count += search.results.length;
        s.pending = search.results.slice();
        return s.pending.splice(0, s.wanted - s.shown);
      });
    }
    found.then(function (results) {
      return Promise.all(results.map(function (r) { return r.data(); }));
    }).then(function (data) {
      if (s !== state) return;
      data.forEach(function (page) { list.appendChild(item(page)); });
      if (documents) s.shown += data.length;
      summary();
      step(s);
    });
  }

  function run() {
    var query = input.value.trim();
    var mine = ++serial;
    list.textContent = "";
    list.setAttribute("aria-busy", "false");
    if (!query) {
      state = null;
      meta.textContent = "Type to start searching";
      return;
    }
    load().then(function (loaded) {
      if (mine !== serial) return;
      state = { query: query, pagefind: loaded.pagefind, shards: loaded.shards, next: 0, shown: 0,
                wanted: SHOWN, count: 0, pages: 0, searched: [], pending: [] };
      list.textContent = "";
      step(state);
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
