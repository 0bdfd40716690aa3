// Sociale kaart: the filters fold behind one "Filters" button on a phone (a
// <details>, which works without this script); on a wide screen open them.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 60rem)").matches) {
    return;
  }
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    details.open = true;
  });
})();
