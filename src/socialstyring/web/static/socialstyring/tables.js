// A table wider than the page scrolls inside its .table-wrap. Keyboard users can scroll it
// with the arrow keys only when the wrapper takes focus (WCAG 2.1.1), so a wrapper that
// overflows joins the tab order, named after its table's caption; one that fits does not.
(function () {
  "use strict";
  function update() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var caption = wrap.querySelector("caption");
        wrap.tabIndex = 0;
        if (caption && caption.textContent.trim()) {
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-label", caption.textContent.trim());
        }
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  update();
  window.addEventListener("resize", update);
})();
