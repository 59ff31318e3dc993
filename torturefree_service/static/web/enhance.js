// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
  // Long work (submit runs every check): say so, and stop a second click.
  document.querySelectorAll("form[data-progress]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var note = document.createElement("p");
      note.className = "busy"; note.setAttribute("role", "status");
      note.textContent = form.getAttribute("data-progress");
      form.appendChild(note);
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    });
  });
  // Refusal reasons: ticking one adds its standard wording to the text, once.
  document.querySelectorAll("form[data-wording]").forEach(function (form) {
    var text = form.querySelector("textarea[name=text]");
    form.querySelectorAll("input[data-wording]").forEach(function (box) {
      box.addEventListener("change", function () {
        var words = box.getAttribute("data-wording");
        if (!text || !words || !box.checked || text.value.indexOf(words) !== -1) { return; }
        text.value = text.value ? text.value.replace(/\s+$/, "") + "\n\n" + words : words;
      });
    });
  });
  // Printing: a screening hit's "Why this score" prints open (the print style does this where
  // browsers allow styling a closed <details>); closed again afterwards as the reader left it.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.why:not([open])").forEach(function (d) {
      d.open = true; opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  // Move focus to an error summary so screen readers hear what to fix.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
