// Progressive enhancements for the public pages. Without this file every page still works:
// the filter form submits and the pagination links page.
(function () {
  "use strict";

  // A poster that fails to load gives way to its placeholder (the title's initials). The
  // Content-Security-Policy allows no onerror attribute, so one listener catches the error
  // events of every image: load errors do not bubble, but they pass the capture phase. This
  // file is loaded in <head> without defer, so the listener is there before the first <img>.
  function showPlaceholder(img) {
    var placeholder = img.nextElementSibling;
    if (placeholder && placeholder.classList.contains("placeholder")) {
      placeholder.hidden = false;
      img.remove();
    }
  }
  document.addEventListener("error", function (event) {
    if (event.target.tagName === "IMG" && event.target.closest(".artwork")) {
      showPlaceholder(event.target);
    }
  }, true);

  function enhanceForm(form) {
    // Leave empty fields out of the URL, so a shared link says only what was chosen.
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) {
        if (!field.value) { field.disabled = true; }
      });
    });
    // Choosing a filter or an order applies it at once.
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { form.requestSubmit(); });
    });
    // Boxes of a filter that takes several values apply when their list is closed: by its
    // summary, Escape, or a click or focus outside it. The summary names what is ticked.
    var refocus = null;
    try {
      refocus = sessionStorage.getItem("catalog-focus");
      sessionStorage.removeItem("catalog-focus");
    } catch (e) {}
    form.querySelectorAll("fieldset.multiple details").forEach(function (details) {
      if (refocus && details.parentNode.id === refocus) {
        details.querySelector("summary").focus({ preventScroll: true });
      }
      var summary = details.querySelector("summary");
      var changed = false;
      function close() { details.open = false; }
      details.addEventListener("change", function () {
        changed = true;
        var ticked = Array.prototype.map.call(
          details.querySelectorAll("input:checked"), function (box) { return box.value; });
        summary.textContent = ticked.length ? ticked.join(", ") : "Any";
      });
      details.addEventListener("toggle", function () {
        if (!details.open && changed) {
          // The new page puts the keyboard back on this summary (see below).
          try { sessionStorage.setItem("catalog-focus", details.parentNode.id); } catch (e) {}
          form.requestSubmit();
        }
      });
      details.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && details.open) {
          close();
          summary.focus();
        }
      });
      document.addEventListener("click", function (event) {
        if (details.open && !details.contains(event.target)) { close(); }
      });
      details.addEventListener("focusout", function (event) {
        if (details.open && event.relatedTarget && !details.contains(event.relatedTarget)) {
          close();
        }
      });
    });
  }

  // "Show more" appends the next page in place; the link still works as plain paging.
  function enhancePagination(nav) {
    var next = nav.querySelector("a[data-more]");
    var results = document.querySelector(".results");
    if (!next || !results) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "more";
    button.textContent = "Show more";
    nav.parentNode.insertBefore(button, nav);
    button.addEventListener("click", function () {
      button.disabled = true;
      button.textContent = "Loading…";
      fetch(next.href, { headers: { "Accept": "text/html" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var items = page.querySelector(".results");
          var first = null;
          Array.prototype.forEach.call(items ? items.children : [], function (item) {
            var node = document.importNode(item, true);
            results.appendChild(node);
            first = first || node;
          });
          if (first) {
            var link = first.querySelector("a");
            if (link) { link.focus({ preventScroll: true }); }
          }
          var newNav = page.querySelector(".pagination");
          button.remove();
          if (newNav) {
            nav.replaceWith(document.importNode(newNav, true));
            enhancePagination(document.querySelector(".pagination"));
          } else {
            nav.remove();
          }
        })
        .catch(function () {
          // Plain paging still works.
          window.location.href = next.href;
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // Images the browser gave up on before this ran (from its cache of failures).
    document.querySelectorAll(".artwork img").forEach(function (img) {
      if (img.complete && img.naturalWidth === 0 && img.getAttribute("src")) { showPlaceholder(img); }
    });
    document.querySelectorAll("form.controls").forEach(enhanceForm);
    var nav = document.querySelector(".pagination");
    if (nav) { enhancePagination(nav); }
  });
})();
