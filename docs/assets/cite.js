// "Cite" for each turn and quote: a citation of that passage, with its permanent address,
// copied to the clipboard. Without JavaScript the page's own citation block still works.
(function () {
  // "Report a problem" beside each turn's "Cite": GitHub's correction form, filled in with the
  // document, the turn's permanent address, its speaker and its words, read from the turn
  // itself (#or-report holds what the turns share, once). Long words are cut as settings.fit
  // cuts them. Without JavaScript the page's own "Report a problem" remains.
  var encode = function (s) {
    return encodeURIComponent(s).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  };
  var fit = function (text, room) {
    if (encode(text).length <= room) return text;
    var budget = room - encode(" …").length, used = 0, end = 0, part = /\S+|\s+/g, m;
    while ((m = part.exec(text))) {
      used += encode(m[0]).length;
      if (used > budget) break;
      if (/\S/.test(m[0])) end = part.lastIndex;
    }
    return end ? text.slice(0, end) + " …" : "…";
  };
  var toolsOf = function (heading) {
    var tools = heading.nextElementSibling;
    if (!tools || !tools.classList.contains("or-turn-tools")) {
      tools = document.createElement("p");
      tools.className = "or-turn-tools";
      heading.parentNode.insertBefore(tools, heading.nextSibling);
    }
    return tools;
  };
  var shared = document.getElementById("or-report");
  if (shared) {
    document.querySelectorAll("h3[id^='t-']").forEach(function (heading) {
      var tools = toolsOf(heading);
      var who = heading.querySelector("a:not(.headerlink)");
      var name = (who ? who.textContent : "").trim();
      var words = [];
      for (var p = tools.nextElementSibling; p && p.tagName === "P"; p = p.nextElementSibling) {
        if (p.querySelector(":scope > .or-quoted")) continue; // "Quoted in …": ours, not spoken
        var copy = p.cloneNode(true);
        copy.querySelectorAll(".or-label").forEach(function (label) { label.remove(); });
        words.push(copy.textContent.trim());
      }
      var href = shared.getAttribute("data-form") +
        "&title=" + encode(shared.getAttribute("data-title") + ", " + heading.id) +
        "&document=" + encode(shared.getAttribute("data-document")) +
        "&permalink=" + encode(shared.getAttribute("data-page") + "#" + heading.id) +
        "&speaker=" + encode(name) + "&text=";
      var room = parseInt(shared.getAttribute("data-max"), 10) - href.length;
      var link = document.createElement("a");
      link.className = "or-report";
      link.rel = "nofollow";
      link.href = href + encode(fit(words.join("\n\n"), room));
      link.setAttribute("aria-label", "Report a problem with " + name + ", " + heading.id);
      link.textContent = "Report a problem";
      tools.appendChild(link);
    });
  }
  var box = document.getElementById("or-cite");
  if (!box) return;
  var data = JSON.parse(box.getAttribute("data-cite"));
  var today = new Date().toISOString().slice(0, 10);
  box.querySelectorAll("code").forEach(function (code) {
    code.textContent = code.textContent.split("RETRIEVED").join(today);
  });
  var base = data.plain.replace(/ On the Record, \S+ \(retrieved RETRIEVED\)\.$/, "");
  document.querySelectorAll("h3[id^='t-'], h3[id^='q-']").forEach(function (heading) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "or-cite-turn md-button";
    button.textContent = "Cite";
    var who = heading.querySelector("a:not(.headerlink)");
    var name = (who ? who.textContent : heading.textContent).trim();
    button.setAttribute("aria-label", "Cite " + name + ", " + heading.id + ": copy a citation");
    button.addEventListener("click", function () {
      var url = location.origin + location.pathname + "#" + heading.id;
      var text = name + ", in " + base + " On the Record, " + url + " (retrieved " + today + ").";
      var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Cite"; }, 2000); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { window.prompt("Copy this citation:", text); });
      } else {
        window.prompt("Copy this citation:", text);
      }
    });
    // the button leads the turn's tools ("Report a problem", its correction marks: in the
    // page without JavaScript), on the heading's line: a row around both, the heading unchanged
    var tools = toolsOf(heading);
    tools.insertBefore(button, tools.firstChild);
    var row = document.createElement("div");
    row.className = "or-turn-head";
    heading.parentNode.insertBefore(row, heading);
    row.appendChild(heading);
    row.appendChild(tools);
  });
})();
