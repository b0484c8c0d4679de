// Search over the archive's own index (site/search-index/, written by onrecord/search.py): one ranking
// over every document. Three parts share the engine below:
//   - the header's search dialog (the theme's markup): the best turns as you type, and a link to
//   - the search page (search/?q=…&speaker=…&year=…&kind=…&event=…&sort=…&page=…): every result,
//     filters with their counts, sort, a shareable address that works with back and forward;
//   - on a page opened from a result (?hl=…#t-007): the query's words marked in that turn.
// Ranking: the phrase in order (all its pairs of consecutive words in one unit) above all the
// words, above some of them; within a rank, rarer words count more, then the newest first.
// "Quoted phrases" must be there exactly. Function words ("of", "the") are never marked.
// Everything from the index or the data reaches the page as text (textContent, text nodes
// around <mark> elements), never as HTML.
(function () {
  "use strict";
  var dialog = document.querySelector("[data-onrecord-search]");
  if (!dialog) return;
  var bundle = new URL(dialog.getAttribute("data-onrecord-search"), document.baseURI).href;
  var root = new URL("../", bundle).href;  // the site's root: the index is at search/

  // ------------------------------------------------------------------ words, as the index has them

  // Keep in step with `tokens` in onrecord/search.py.
  var WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
  function tokens(text) {
    var t = String(text).normalize("NFKD").toLowerCase().replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019]/g, "'");
    return (t.match(WORD) || []).map(function (w) { return /'s$/.test(w) ? w.slice(0, -2) : w; });
  }

  var CRC = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();
  var encoder = new TextEncoder();
  function crc32(text) {  // zlib.crc32 of the UTF-8 bytes
    var bytes = encoder.encode(text), c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }
  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  // ------------------------------------------------------------------ fetching the index

  var fetched = {};
  function json(url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("search: " + url + " answered " + r.status);
        return r.json();
      });
      fetched[url].catch(function () { delete fetched[url]; });
    }
    return fetched[url];
  }
  function part(path) { return json(bundle + path); }

  var index = null;
  function load() {
    if (!index) {
      index = part("index.json").then(function (ix) {
        var starts = new Int32Array(ix.units.length + 1);
        for (var d = 0; d < ix.units.length; d++) starts[d + 1] = starts[d] + ix.units[d];
        var docYear = new Array(ix.units.length);
        ix.years.forEach(function (run, i) {
          var end = i + 1 < ix.years.length ? ix.years[i + 1][1] : ix.units.length;
          for (var d = run[1]; d < end; d++) docYear[d] = run[0];
        });
        var stop = {};
        ix.stop.forEach(function (w) { stop[w] = true; });
        return { ix: ix, starts: starts, total: starts[ix.units.length], docYear: docYear, stop: stop };
      });
      index.catch(function () { index = null; });
    }
    return index;
  }

  function docOf(x, unit) {  // the document holding a unit: binary search over the starts
    var lo = 0, hi = x.ix.units.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (x.starts[mid] <= unit) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function undelta(gaps) {
    var out = new Array(gaps.length), sum = 0;
    for (var i = 0; i < gaps.length; i++) { sum += gaps[i]; out[i] = sum; }
    return out;
  }
  function common(x, kind, key) { return x.ix.common[kind + ":" + key]; }
  // The units holding a word ("w") or a pair of words ("p"), ascending.
  function postings(x, kind, key) {
    var h = crc32(key);
    if (common(x, kind, key) !== undefined) return part("common/" + kind + "-" + pad(h.toString(16), 8) + ".json").then(undelta);
    var folder = kind === "w" ? "words" : "pairs";
    return part(folder + "/" + pad(h % x.ix.buckets[folder], 4) + ".json").then(function (bucket) {
      return Object.prototype.hasOwnProperty.call(bucket, key) ? undelta(bucket[key]) : [];
    });
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }
  function all(lists) {
    if (!lists.length) return null;
    lists = lists.slice().sort(function (a, b) { return a.length - b.length; });
    return lists.reduce(intersect);
  }

  // ------------------------------------------------------------------ queries

  // "quoted parts" are phrases that must be there exactly; the rest are words (an unclosed quote
  // while typing quotes to the end)
  function parse(query) {
    var phrases = [], rest = [];
    String(query).replace(/"([^"]*)"?|([^"]+)/g, function (m, quoted, plain) {
      if (quoted !== undefined) {
        var t = tokens(quoted);
        if (t.length) phrases.push(t);
      } else {
        rest.push(plain);
      }
      return m;
    });
    return { phrases: phrases, words: tokens(rest.join(" ")) };
  }

  function pairsOf(x, words) {
    var out = [];
    for (var i = 0; i + 1 < words.length; i++) {
      if (!(x.stop[words[i]] && x.stop[words[i + 1]])) out.push(words[i] + " " + words[i + 1]);
    }
    return unique(out);
  }
  function byCount(x, kind) {
    return function (a, b) { return (common(x, kind, a) || 0) - (common(x, kind, b) || 0); };
  }

  // Units that hold every pair of a phrase (two function words together are not indexed)
  function phrase(x, words, exact) {
    var pairs = pairsOf(x, words);
    if (!pairs.length) {  // one word, or function words only ("to be or not to be")
      if (words.length < 2 && !exact) return Promise.resolve(null);
      return Promise.all(unique(words).map(function (w) { return postings(x, "w", w); })).then(all);
    }
    return Promise.all(pairs.map(function (p) { return postings(x, "p", p); })).then(all);
  }

  // The longest run of the query's words, in its order, in a text
  function longestRun(text, words) {
    var t = tokens(text), best = 0;
    for (var i = 0; i < t.length; i++) {
      for (var j = 0; j < words.length; j++) {
        var n = 0;
        while (i + n < t.length && j + n < words.length && t[i + n] === words[j + n]) n++;
        if (n > best) best = n;
      }
    }
    return best;
  }
  var CHECKED = 8;  // phrase matches read to see how much of the phrase each holds, in order
  // Holding every pair of a phrase is not holding the phrase: "the independence" and
  // "independence of" can be apart. The best few phrase matches are read, and ranked by the
  // longest run of the query they hold (their text is fetched to show them anyway).
  function refine(result) {
    var words = result.parsed.words, top = result.ranked.filter(function (r) { return r.score >= 3e4; }).slice(0, CHECKED);
    if (words.length < 3 || top.length < 2) return Promise.resolve(result);
    return Promise.all(top.map(function (r) { return describe(result.x, r.unit, result.query); })).then(function (found) {
      top.forEach(function (r, i) { r.score += 100 * longestRun(found[i].text, words); });
      result.ranked.sort(function (a, b) { return b.score - a.score || a.unit - b.unit; });
      return result;
    });
  }

  function search(query) {
    return load().then(function (x) {
      var q = parse(query);
      var content = unique(q.words.filter(function (w) { return !x.stop[w]; }));
      var rare = content.filter(function (w) { return common(x, "w", w) === undefined; });
      // the words looked up: the rarer ones; a query of common words only, its two rarest
      var looked = rare.length ? rare : (content.length ? content : unique(q.words)).slice().sort(byCount(x, "w")).slice(0, 2);
      return Promise.all([
        Promise.all(q.phrases.map(function (p) { return phrase(x, p, true); })),
        q.words.length > 1 ? phrase(x, q.words, false) : Promise.resolve(null),
        Promise.all(looked.map(function (w) { return postings(x, "w", w); }))
      ]).then(function (found) {
        var required = all(found[0]), inPhrase = found[1], lists = found[2];
        // per unit: the rarity of the words it holds, and how many (arrays: a common word is in
        // a hundred thousand units)
        var score = new Float64Array(x.total), hits = new Uint8Array(x.total), touched = [];
        lists.forEach(function (units) {
          var idf = Math.log(1 + x.total / (units.length + 0.5));
          for (var i = 0; i < units.length; i++) {
            var u = units[i];
            if (!hits[u]) touched.push(u);
            score[u] += idf;
            hits[u]++;
          }
        });
        var tier = new Uint8Array(x.total);
        (inPhrase || []).forEach(function (u) { tier[u] = 3; });
        var candidates;
        if (q.words.length) {
          candidates = (inPhrase || []).slice();
          touched.forEach(function (u) {
            if (hits[u] === lists.length && !tier[u]) { tier[u] = 2; candidates.push(u); }
          });
          if (!candidates.length) {  // none has them all: those with some
            candidates = touched;
            touched.forEach(function (u) { tier[u] = 1; });
          }
          if (required) {
            var need = new Set(required);
            candidates = candidates.filter(function (u) { return need.has(u); });
            if (!candidates.length && !touched.length) candidates = required;
          }
        } else {
          candidates = required || [];
        }
        var quotedOnly = required && !q.words.length;
        var ranked = candidates.map(function (u) {
          return { unit: u, score: (quotedOnly ? 3 : tier[u] || 1) * 1e4 + score[u] };
        });
        ranked.sort(function (a, b) { return b.score - a.score || a.unit - b.unit; });
        var marks = content.length ? content : [];
        q.phrases.forEach(function (p) { p.forEach(function (w) { if (!x.stop[w] && marks.indexOf(w) < 0) marks.push(w); }); });
        return refine({ x: x, query: query, parsed: q, ranked: ranked, marks: marks, content: content });
      });
    });
  }

  // Speakers and events whose name the query is (all its words in the name, and at least half of
  // the name's words in the query): shown beside the results, never above them.
  function names(result) {
    var x = result.x, words = result.content;
    if (!words.length || result.parsed.phrases.length) return Promise.resolve({ speakers: [], events: [] });
    return Promise.all(["s", "e"].map(function (kind) {
      return Promise.all(words.map(function (w) { return postings(x, "w", kind + ":" + w); })).then(all);
    })).then(function (found) {
      if (!found[0].length && !found[1].length) return { speakers: [], events: [] };
      return part("names.json").then(function (n) {
        function good(entry) {
          var own = unique(tokens(entry[1]).filter(function (w) { return !x.stop[w]; }));
          var covered = own.filter(function (w) { return words.indexOf(w) >= 0; }).length;
          return own.length && covered * 2 >= own.length;
        }
        return {
          speakers: found[0].map(function (i) { return n.speakers[i]; }).filter(good).slice(0, 5),
          events: found[1].map(function (i) { return n.events[i]; }).filter(good)
            .sort(function (a, b) { return String(b[2]).localeCompare(String(a[2])); }).slice(0, 5)
        };
      });
    });
  }

  // ------------------------------------------------------------------ filters

  function facets() {
    return Promise.all([load(), part("facets.json"), part("names.json")]).then(function (got) {
      var x = got[0], f = got[1], n = got[2];
      var speakerNo = {}, eventNo = {};
      n.speakers.forEach(function (s, i) { speakerNo[s[0]] = i; });
      n.events.forEach(function (e, i) { eventNo[e[0]] = i; });
      return { x: x, f: f, names: n, speakerNo: speakerNo, eventNo: eventNo };
    });
  }
  var LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  // A unit's values: speaker number (-1: none), year (null: undated), kind number, event number (-1)
  function values(F, unit) {
    var x = F.x, d = docOf(x, unit), s = F.f.speaker[d], letter = s[1].charAt(unit - x.starts[d]);
    return { doc: d, speaker: letter === "." ? -1 : s[0][LETTERS.indexOf(letter)],
             year: x.docYear[d], kind: +F.f.kind.charAt(d), event: F.f.event[d] - 1 };
  }
  var FACETS = ["speaker", "year", "kind", "event"];
  // The filters of an address, as numbers to compare with `values`; unknown values match nothing
  function wanted(F, params) {
    var w = {};
    if (params.get("speaker")) w.speaker = F.speakerNo[params.get("speaker")] !== undefined ? F.speakerNo[params.get("speaker")] : -2;
    if (params.get("year")) w.year = params.get("year") === "undated" ? null : +params.get("year");
    if (params.get("kind")) w.kind = F.x.ix.kinds.indexOf(params.get("kind"));
    if (params.get("event")) {
      var e = params.get("event");
      w.event = e === "none" ? -1 : F.eventNo[e] !== undefined ? F.eventNo[e] : -2;
    }
    return w;
  }
  // The units that pass every filter, and for each facet the count of each value among the units
  // that pass all the other filters (so a reader sees what choosing that value would give)
  function narrow(F, ranked, w) {
    var kept = [], counts = { speaker: new Map(), year: new Map(), kind: new Map(), event: new Map() };
    ranked.forEach(function (r) {
      var v = values(F, r.unit), fails = 0, failed = null;
      FACETS.forEach(function (k) { if (k in w && v[k] !== w[k]) { fails++; failed = k; } });
      if (!fails) kept.push(r);
      FACETS.forEach(function (k) {
        if (fails === 0 || (fails === 1 && failed === k)) {
          if (k !== "speaker" || v.speaker >= 0) counts[k].set(v[k], (counts[k].get(v[k]) || 0) + 1);
        }
      });
    });
    return { kept: kept, counts: counts };
  }
  function sorted(F, ranked, how) {
    if (how !== "newest" && how !== "oldest") return ranked;
    var x = F ? F.x : null;
    return ranked.slice().sort(function (a, b) {
      if (how === "newest") return a.unit - b.unit;  // units are numbered newest document first
      var da = docOf(x, a.unit), db = docOf(x, b.unit);
      return db - da || a.unit - b.unit;
    });
  }

  // ------------------------------------------------------------------ what a result shows

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];
  function humanDate(iso, year) {
    if (iso) {
      var p = iso.split("-");
      return (+p[2]) + " " + MONTHS[+p[1] - 1] + " " + p[0];
    }
    return year ? year + " (day not stated)" : "date not stated";
  }

  // A result: its address, who said it, when, the document's title and the unit's text
  function describe(x, unit, query) {
    var d = docOf(x, unit), k = unit - x.starts[d];
    return part("docs/" + pad(Math.floor(d / 64), 4) + ".json").then(function (block) {
      var entry = block[d % 64], id = entry[0], anchor = entry[1][k];
      return json(root + "data/transcripts/" + id + ".json").then(function (doc) {
        var who = {};
        (doc.speakers || []).forEach(function (s) { who[s.id] = s.name; });
        var found = { title: doc.title, date: humanDate(doc.date, x.docYear[d]), kind: doc.source_kind,
                      url: root + doc.url + "?hl=" + encodeURIComponent(query) };
        if (anchor.slice(0, 2) === "t-" || anchor.slice(0, 2) === "q-") {
          found.url += "#" + anchor;
          var item = (anchor.charAt(0) === "t" ? doc.turns : doc.quotes || []).filter(function (t) { return t.id === anchor; })[0];
          found.text = item ? item.text : "";
          found.speaker = item ? (who[item.speaker] || item.speaker) : "";
          return found;
        }
        if (anchor === "") {
          found.text = doc.title;
          found.speaker = "Title";
          return found;
        }
        return part("articles/" + id + ".json").then(function (paragraphs) {
          found.text = paragraphs[+anchor.slice(2) - 1] || "";
          found.speaker = "News article";
          return found;
        });
      });
    });
  }

  // The words of a text, each with where it is: a phrase is found in order; a word is marked
  // unless it is a function word.
  function runs(text) {
    var out = [], re = /[\p{L}\p{N}\p{M}'\u2019]+/gu, m;
    while ((m = re.exec(text))) {
      var t = tokens(m[0]);
      if (t.length) out.push({ start: m.index, end: m.index + m[0].length, word: t[0] });
    }
    return out;
  }
  function spans(text, parsed, marks) {
    var r = runs(text), out = [], i, j;
    var phrases = parsed.phrases.slice();
    if (parsed.words.length > 1) phrases.push(parsed.words);
    var taken = new Array(r.length);
    phrases.forEach(function (p) {
      for (i = 0; i + p.length <= r.length; i++) {
        for (j = 0; j < p.length && r[i + j].word === p[j]; j++);
        if (j === p.length && !taken[i]) {
          for (j = 0; j < p.length; j++) taken[i + j] = true;
          out.push([r[i].start, r[i + p.length - 1].end, true]);
        }
      }
    });
    r.forEach(function (w, n) { if (!taken[n] && marks.indexOf(w.word) >= 0) out.push([w.start, w.end, false]); });
    return out.sort(function (a, b) { return a[0] - b[0]; });
  }
  function marked(text, found) {
    var p = document.createDocumentFragment(), at = 0;
    found.forEach(function (s) {
      if (s[0] < at) return;
      if (s[0] > at) p.appendChild(document.createTextNode(text.slice(at, s[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s[0], s[1]);
      p.appendChild(mark);
      at = s[1];
    });
    if (at < text.length) p.appendChild(document.createTextNode(text.slice(at)));
    return p;
  }
  // The sentence of the text that best matches: a phrase in it counts most, then its words.
  function excerpt(text, result) {
    var sentences = String(text).split(/(?<=[.!?…])\s+|\n+/).filter(Boolean);
    var best = sentences[0] || "", bestScore = -1;
    sentences.forEach(function (s) {
      var found = spans(s, result.parsed, result.marks);
      var score = found.reduce(function (n, f) { return n + (f[2] ? 100 : 1); }, 0);
      if (score > bestScore) { best = s; bestScore = score; }
    });
    var words = best.split(/\s+/);
    if (words.length > 45) {  // a long sentence: the part around its first match
      var found = spans(best, result.parsed, result.marks);
      var at = found.length ? best.slice(0, found[0][0]).split(/\s+/).length - 1 : 0;
      var from = Math.max(0, at - 15);
      best = (from ? "… " : "") + words.slice(from, from + 40).join(" ") + (from + 40 < words.length ? " …" : "");
    }
    return marked(best, spans(best, result.parsed, result.marks));
  }
  // A quoted phrase must be in the text exactly (the index finds its pairs of words)
  function exact(text, parsed) {
    var t = tokens(text);
    return parsed.phrases.every(function (p) {
      for (var i = 0; i + p.length <= t.length; i++) {
        for (var j = 0; j < p.length && t[i + j] === p[j]; j++);
        if (j === p.length) return true;
      }
      return false;
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // `want` results described, in order from `start`, those that fail an exact phrase left out
  // (and the next ones read instead, up to a limit: a phrase of function words only, "of the",
  // is found through its words)
  function described(result, order, start, want) {
    var out = [], at = start, limit = start + Math.max(want * 10, 60);
    function more() {
      if (out.length >= want || at >= order.length || at >= limit) return Promise.resolve(out);
      var slice = order.slice(at, at + want - out.length);
      at += slice.length;
      return Promise.all(slice.map(function (r) { return describe(result.x, r.unit, result.query); })).then(function (list) {
        list.forEach(function (d) { if (exact(d.text, result.parsed)) out.push(d); });
        return more();
      });
    }
    return more();
  }
  // A quoted phrase of function words only is found through its words: its count is a bound
  function approximate(result) {
    var x = result.x;
    return result.parsed.phrases.some(function (p) { return p.length > 1 && !pairsOf(x, p).length; });
  }
  function counted(result, n, one, many) {
    return (approximate(result) && n ? "at most " : "") + plural(n, one, many);
  }

  // One result: the document's title, who and when, the sentence. In the dialog the whole of it
  // is the link (the theme's layout); on the search page the title is.
  function resultItem(d, result, classes) {
    var li = el("li", classes.item);
    var a = el("a", classes.link);
    a.href = d.url;
    var box = el("article", classes.article);
    var title = el("h2", classes.title);
    if (classes.whole) title.textContent = d.title; else { a.textContent = d.title; title.appendChild(a); }
    box.appendChild(title);
    box.appendChild(el("p", "or-search-about", [d.speaker, d.date, d.kind].filter(Boolean).join(" · ")));
    var p = el("p", "or-search-excerpt");
    p.appendChild(excerpt(d.text, result));
    box.appendChild(p);
    if (classes.whole) { a.appendChild(box); li.appendChild(a); } else li.appendChild(box);
    return li;
  }

  function nameLinks(found) {
    var box = el("p", "or-search-names");
    found.speakers.forEach(function (s) {
      var a = el("a", null, s[1]);
      a.href = root + "speakers/" + s[0] + "/";
      box.appendChild(document.createTextNode(box.childNodes.length ? " · Speaker: " : "Speaker: "));
      box.appendChild(a);
    });
    found.events.forEach(function (e) {
      var a = el("a", null, e[1]);
      a.href = root + "events/" + e[0] + "/";
      box.appendChild(document.createTextNode(box.childNodes.length ? " · Event: " : "Event: "));
      box.appendChild(a);
    });
    return box.childNodes.length ? box : null;
  }

  function plural(n, one, many) { return n.toLocaleString("en") + " " + (n === 1 ? one : many); }
  function pageAddress(params) { return root + "search/" + (params.toString() ? "?" + params.toString() : ""); }

  // ------------------------------------------------------------------ the header dialog

  var toggle = document.getElementById("__search");
  var input = dialog.querySelector(".md-search__input");
  var form = dialog.querySelector("form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var SHOWN = 6;
  var serial = 0, timer = null;
  var DIALOG = { item: "md-search-result__item", link: "md-search-result__link",
                 article: "md-search-result__article md-typeset", title: "or-search-title", whole: true };

  function run() {
    var query = input.value.trim(), mine = ++serial;
    var after = dialog.querySelector(".or-search-names");
    if (after) after.remove();
    if (!query) {
      list.textContent = "";
      list.removeAttribute("data-query");
      list.setAttribute("aria-busy", "false");
      meta.textContent = "Type to start searching";
      return;
    }
    list.setAttribute("aria-busy", "true");
    search(query).then(function (result) {
      if (mine !== serial) return null;
      return Promise.all([described(result, result.ranked, 0, SHOWN), names(result)]).then(function (got) {
        if (mine !== serial) return;
        list.textContent = "";
        got[0].forEach(function (d) { list.appendChild(resultItem(d, result, DIALOG)); });
        meta.textContent = "";
        var n = result.ranked.length;
        meta.appendChild(document.createTextNode(n ? counted(result, n, "result", "results") : "No results"));
        var params = new URLSearchParams({ q: query });
        var more = el("a", "or-search-all", n ? "All results, filters and sort" : "Search page");
        more.href = pageAddress(params);
        more.addEventListener("click", close);
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(more);
        var found = nameLinks(got[1]);
        if (found) list.parentNode.appendChild(found);
        list.setAttribute("data-query", query);  // what the results are of (the benchmark waits for it)
        list.setAttribute("aria-busy", "false");
      });
    }).catch(function () {
      if (mine !== serial) return;
      list.setAttribute("aria-busy", "false");
      meta.textContent = "Search is not available: the index was not built.";
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

  if (toggle && input && form && meta && list) {
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
      timer = setTimeout(run, 80);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    form.addEventListener("reset", function () { setTimeout(run, 0); });
    list.addEventListener("click", function (event) { if (event.target.closest("a")) close(); });
    dialog.addEventListener("click", function (event) {
      if (event.target.closest(".or-search-names a")) close();
    });

    document.addEventListener("keydown", function (event) {
      var typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement ||
        event.target instanceof HTMLSelectElement || (event.target && event.target.isContentEditable);
      if (!toggle.checked) {
        if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey &&
            (event.key === "/" || event.key === "s" || event.key === "f")) {
          event.preventDefault();
          open();
        }
        return;
      }
      var links = Array.prototype.slice.call(dialog.querySelectorAll(".md-search-result a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "ArrowDown" && links.length) {
        event.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && links.length) {
        event.preventDefault();
        if (at <= 0) input.focus(); else links[at - 1].focus();
      }
    });
  }

  // ------------------------------------------------------------------ the search page

  var page = document.querySelector("[data-onrecord-search-page]");
  var PER_PAGE = 20;
  var PAGE = { item: "or-result", link: "or-result__link", article: "or-result__body", title: "or-result__title" };
  var LABELS = { speaker: "Speaker", year: "Year", kind: "Source", event: "Event" };

  function searchPage() {
    var box = page.querySelector("#or-search-q"), sort = page.querySelector("#or-search-sort");
    var status = page.querySelector(".or-search-status"), results = page.querySelector(".or-results");
    var filters = page.querySelector(".or-search-filters"), pager = page.querySelector(".or-search-pager");
    var side = page.querySelector(".or-search-side");
    var box2 = page.querySelector(".or-search-filterbox"), summary = box2.querySelector("summary");
    box2.open = window.matchMedia("(min-width: 60em)").matches;  // on a phone, closed above the results
    var pageSerial = 0, typing = null, title = document.title;

    function params() { return new URLSearchParams(location.search); }
    function go(next, replace) {
      var url = pageAddress(next);
      if (url !== location.href) history[replace ? "replaceState" : "pushState"](null, "", url);
      show();
    }
    function link(next, text, current) {
      var a = el("a", null, text);
      a.href = pageAddress(next);
      if (current) a.setAttribute("aria-current", "true");
      a.addEventListener("click", function (event) {
        if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        go(new URL(a.href).searchParams);
        var heading = page.querySelector(".or-search-status");
        if (heading) heading.focus({ preventScroll: true });
      });
      return a;
    }
    function without(p, keys) {
      var next = new URLSearchParams(p);
      keys.forEach(function (k) { next.delete(k); });
      return next;
    }

    function drawFilters(F, counts, p) {
      filters.textContent = "";
      var chosen = FACETS.filter(function (k) { return p.get(k); }).length;
      summary.textContent = "Filters" + (chosen ? " (" + chosen + " chosen)" : "");
      FACETS.forEach(function (k) {
        var entries = Array.from(counts[k].entries());
        if (!entries.length && !p.get(k)) return;
        if (k === "year") entries.sort(function (a, b) { return (b[0] || 0) - (a[0] || 0); });
        else entries.sort(function (a, b) { return b[1] - a[1] || String(label(F, k, a[0])).localeCompare(String(label(F, k, b[0]))); });
        var group = el("section", "or-facet");
        var id = "or-facet-" + k;
        var h = el("h2", null, LABELS[k]);
        h.id = id;
        group.setAttribute("aria-labelledby", id);
        group.appendChild(h);
        var ul = el("ul");
        var chosen = p.get(k);
        if (chosen) {
          var li = el("li", "or-facet-clear");
          li.appendChild(link(without(p, [k, "page"]), "Any " + LABELS[k].toLowerCase()));
          ul.appendChild(li);
        }
        entries.forEach(function (e, i) {
          var value = param(F, k, e[0]), next = without(p, ["page"]);
          next.set(k, value);
          var item = el("li");
          if (i >= 8 && value !== chosen) item.className = "or-facet-more";
          var a = link(next, label(F, k, e[0]), value === chosen);
          a.appendChild(el("span", "or-facet-count", " " + e[1].toLocaleString("en")));
          item.appendChild(a);
          ul.appendChild(item);
        });
        group.appendChild(ul);
        if (entries.length > 8) {
          var more = el("button", "or-facet-toggle", "Show all " + entries.length);
          more.type = "button";
          more.setAttribute("aria-expanded", "false");
          more.addEventListener("click", function () {
            var open = group.classList.toggle("or-facet-open");
            more.setAttribute("aria-expanded", open ? "true" : "false");
            more.textContent = open ? "Show fewer" : "Show all " + entries.length;
          });
          group.appendChild(more);
        }
        filters.appendChild(group);
      });
    }
    function label(F, k, v) {
      if (k === "speaker") return F.names.speakers[v] ? F.names.speakers[v][1] : "?";
      if (k === "event") return v < 0 ? "No event" : F.names.events[v][1];
      if (k === "kind") return F.x.ix.kinds[v];
      return v === null ? "undated" : String(v);
    }
    function param(F, k, v) {
      if (k === "speaker") return F.names.speakers[v][0];
      if (k === "event") return v < 0 ? "none" : F.names.events[v][0];
      if (k === "kind") return F.x.ix.kinds[v];
      return v === null ? "undated" : String(v);
    }

    function show() {
      var p = params(), query = (p.get("q") || "").trim(), mine = ++pageSerial;
      if (document.activeElement !== box) box.value = p.get("q") || "";
      sort.value = p.get("sort") || "";
      var chosen = FACETS.filter(function (k) { return p.get(k); });
      document.title = query ? "Search: " + query + " - " + title : title;
      if (!query && !chosen.length) {
        results.textContent = "";
        filters.textContent = "";
        pager.textContent = "";
        side.textContent = "";
        status.textContent = "Type words to search every transcript. \"Quotes\" find an exact phrase.";
        return;
      }
      results.setAttribute("aria-busy", "true");
      status.textContent = "Searching…";
      var everything = load().then(function (x) {
        // filters without words: every unit, newest first
        var ranked = [];
        for (var u = 0; u < x.total; u++) ranked.push({ unit: u, score: 0 });
        return { x: x, query: "", parsed: { phrases: [], words: [] }, ranked: ranked, marks: [], content: [] };
      });
      Promise.all([query ? search(query) : everything, facets()]).then(function (got) {
        if (mine !== pageSerial) return null;
        var result = got[0], F = got[1];
        var narrowed = narrow(F, result.ranked, wanted(F, p));
        var order = sorted(F, narrowed.kept, query ? p.get("sort") : (p.get("sort") || "newest"));
        var at = Math.max(0, (parseInt(p.get("page"), 10) || 1) - 1);
        return Promise.all([described(result, order, at * PER_PAGE, PER_PAGE), query ? names(result) : { speakers: [], events: [] }]).then(function (d) {
          if (mine !== pageSerial) return;
          results.textContent = "";
          results.start = at * PER_PAGE + 1;
          d[0].forEach(function (item) { results.appendChild(resultItem(item, result, PAGE)); });
          var how = { newest: "newest first", oldest: "oldest first" }[query ? p.get("sort") : (p.get("sort") || "newest")] || "relevance";
          var n = order.length;
          status.textContent = (n ? counted(result, n, "result", "results") : "No results") + (query ? " for “" + query + "”" : "") +
            (chosen.length ? " (" + chosen.map(function (k) { return LABELS[k].toLowerCase() + ": " + label(F, k, wanted(F, p)[k]); }).join(", ") + ")" : "") +
            (n ? " · " + (n > PER_PAGE ? "showing " + (at * PER_PAGE + 1) + "–" + Math.min(n, (at + 1) * PER_PAGE) + " · " : "") + "sorted by " + how : "");
          drawFilters(F, narrowed.counts, p);
          pager.textContent = "";
          if (at > 0) pager.appendChild(link((function () { var q = new URLSearchParams(p); q.set("page", at); return q; })(), "Previous"));
          if ((at + 1) * PER_PAGE < n) {
            if (at > 0) pager.appendChild(document.createTextNode(" · "));
            pager.appendChild(link((function () { var q = new URLSearchParams(p); q.set("page", at + 2); return q; })(), "Next"));
          }
          side.textContent = "";
          var found = nameLinks(d[1]);
          if (found) side.appendChild(found);
          results.setAttribute("aria-busy", "false");
        });
      }).catch(function () {
        results.setAttribute("aria-busy", "false");
        status.textContent = "Search is not available: the index was not built.";
      });
    }

    page.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(typing);
      var next = without(params(), ["page"]);
      next.set("q", box.value.trim());
      if (!box.value.trim()) next.delete("q");
      go(next);
    });
    box.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () {
        var next = without(params(), ["page"]);
        if (box.value.trim()) next.set("q", box.value.trim()); else next.delete("q");
        go(next, true);  // typing refines the same search: one history entry
      }, 250);
    });
    sort.addEventListener("change", function () {
      var next = without(params(), ["page", "sort"]);
      if (sort.value) next.set("sort", sort.value);
      go(next);
    });
    window.addEventListener("popstate", show);
    show();
  }
  if (page) searchPage();

  // ------------------------------------------------------------------ a page opened from a result

  // ?hl=<query>: mark its words in the turn the address names (or in the page's text)
  (function () {
    var query = new URLSearchParams(location.search).get("hl");
    var content = document.querySelector(".md-content article");
    if (!query || !content) return;
    var parsed = parse(query), stopFor = null;
    load().then(function (x) {
      stopFor = x.stop;
      var words = unique(parsed.words.concat([].concat.apply([], parsed.phrases)).filter(function (w) { return !stopFor[w]; }));
      var start = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      var region = [];
      if (start) {
        var el0 = start.parentElement && start.parentElement.classList.contains("or-turn-head") ? start.parentElement : start;
        for (var n = el0.nextElementSibling; n && !/^H[1-3]$/.test(n.tagName) && !n.classList.contains("or-turn-head"); n = n.nextElementSibling) region.push(n);
      } else {
        region = Array.prototype.slice.call(content.querySelectorAll("p"));
      }
      region.forEach(function (node) {
        var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT), texts = [], t;
        while ((t = walker.nextNode())) if (!t.parentElement.closest("mark, .or-label, script, .or-cite")) texts.push(t);
        texts.forEach(function (text) {
          var found = spans(text.data, parsed, words);
          if (found.length) text.parentNode.replaceChild(marked(text.data, found), text);
        });
      });
    }).catch(function () {});
  })();
})();
