// "Cite" for each turn and quote: a citation of that passage, with its permanent address,
// copied to the clipboard. Without JavaScript the page's own citation block still works.
(function () {
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
    var tools = heading.nextElementSibling;
    if (!tools || !tools.classList.contains("or-turn-tools")) {
      tools = document.createElement("p");
      tools.className = "or-turn-tools";
      heading.parentNode.insertBefore(tools, heading.nextSibling);
    }
    tools.insertBefore(button, tools.firstChild);
    var row = document.createElement("div");
    row.className = "or-turn-head";
    heading.parentNode.insertBefore(row, heading);
    row.appendChild(heading);
    row.appendChild(tools);
  });
})();
