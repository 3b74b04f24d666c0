// The API docs page (api/swagger_ui.html): Swagger UI draws a parameter's enum <select> and its
// try-it-out inputs without a label; each gets its parameter's name, as Swagger UI redraws them.
// The skip link moves the focus itself: Swagger UI's hash handling keeps the browser from doing it.
(function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  if (!root) return;
  const unnamed = "tr[data-param-name] select:not([aria-label]), tr[data-param-name] input:not([aria-label]), "
    + "tr[data-param-name] textarea:not([aria-label])";
  const name = function () {
    root.querySelectorAll(unnamed).forEach(function (control) {
      control.setAttribute("aria-label", control.closest("tr[data-param-name]").getAttribute("data-param-name"));
    });
  };
  new MutationObserver(name).observe(root, { childList: true, subtree: true });
  const skip = document.querySelector(".skip-link");
  if (skip) skip.addEventListener("click", function () { root.focus(); });
})();
