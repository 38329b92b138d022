/* ZorgSamen: small progressive enhancements. Everything works without this file.
   No inline scripts or styles anywhere (strict CSP); behaviour hangs on data-attributes. */
(function () {
  "use strict";

  // After an htmx swap: move focus to the new heading and announce it (aria-live).
  function focusNewContent(root) {
    var heading = root.querySelector("[data-focus]") || root.querySelector("h1, h2");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: false });
    }
    var announce = root.querySelector("[data-announce]");
    var announcer = document.getElementById("announcer");
    if (announcer) announcer.textContent = announce ? announce.textContent.trim() : (heading ? heading.textContent.trim() : "");
  }
  // <section data-page-title="...">: the document title of the screen a swap brought in.
  function takeTitle(root) {
    var titled = root.matches("[data-page-title]") ? root : root.querySelector("[data-page-title]");
    if (titled) document.title = titled.getAttribute("data-page-title");
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    // After an outerHTML swap the old target has left the page; the new content is event.target.
    if (target && !document.contains(target)) target = event.target;
    // A list that polls itself (data-no-focus) must not pull focus or speak every few seconds.
    if (target && target.hasAttribute && target.hasAttribute("data-no-focus")) return;
    if (target && target !== document.body && document.contains(target)) {
      takeTitle(target);
      focusNewContent(target);
    }
  });

  // <input data-reveals="ID" data-reveal-min="1">: show element ID while a value >= min is chosen.
  function updateReveal(input) {
    var target = document.getElementById(input.getAttribute("data-reveals"));
    if (!target || !input.checked) return;
    var min = Number(input.getAttribute("data-reveal-min") || "1");
    target.hidden = Number(input.value) < min;
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input && input.matches && input.matches("input[data-reveals]")) updateReveal(input);
  });

  // <button data-print>: print the page.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { event.preventDefault(); window.print(); }
  });

  /* --- feature sections below: keep each one self-contained --- */
  /* === First helper (eerste helper): count a video play once per page view; keep the title in step === */
  function firstHelperToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }
  // 'play' does not bubble, so listen in the capture phase; a swapped-in video is a new page view.
  document.addEventListener("play", function (event) {
    var video = event.target;
    if (!video.matches || !video.matches("video[data-fh-play]") || video.hasAttribute("data-fh-counted")) return;
    video.setAttribute("data-fh-counted", "");
    fetch(video.getAttribute("data-fh-play"), {
      method: "POST", credentials: "same-origin", keepalive: true,
      headers: { "X-CSRFToken": firstHelperToken() }
    }).catch(function () { /* a lost count is not worth bothering the viewer */ });
  }, true);

  /* --- screener: the print button only works with JavaScript, so it stays hidden without it --- */
  function screenerEnhance(root) {
    root.querySelectorAll("[data-print][hidden]").forEach(function (button) { button.hidden = false; });
  }
  document.addEventListener("DOMContentLoaded", function () { screenerEnhance(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail && event.detail.target) screenerEnhance(event.detail.target);
  });

  /* --- Screener, "niet nu": copy the private link (the field stays selectable without JavaScript) --- */
  function notnowEnhance(root) {
    if (!navigator.clipboard) return;
    root.querySelectorAll("[data-copy][hidden]").forEach(function (button) { button.hidden = false; });
  }
  document.addEventListener("DOMContentLoaded", function () { notnowEnhance(document); });
  document.addEventListener("htmx:afterSettle", function () { notnowEnhance(document); });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    field.select();
    navigator.clipboard.writeText(field.value).then(function () {
      var announcer = document.getElementById("announcer");
      if (announcer) announcer.textContent = button.getAttribute("data-copied") || "";
    }).catch(function () { /* the text stays selected: copying by hand still works */ });
  });

  /* --- Requests (issue 3): the request form swaps itself; employer field only when it matters --- */
  function requestEnhance() {
    var section = document.getElementById("request");
    if (!section) return;
    var employer = section.querySelector("[data-request-employer]");
    var chosen = section.querySelector("input[name='choice']:checked");
    // Without a choice, or for "employer" and "let us choose", the field stays; "region" hides it.
    if (employer) employer.hidden = !!chosen && chosen.value === "region";
  }
  document.addEventListener("DOMContentLoaded", requestEnhance);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.name === "choice" && event.target.closest("#request")) requestEnhance();
  });
  document.addEventListener("htmx:afterSettle", requestEnhance);

})();
