// Small progressive enhancements; every page works without this file.
"use strict";

function focusErrorSummary() {
  // NL Design System pattern: after a failed submit, move focus to the
  // summary of errors so keyboard and screen-reader users hear it first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
}

function confirmDangerousForms(event) {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
}

function printButtons(event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
}

document.addEventListener("DOMContentLoaded", focusErrorSummary);
document.addEventListener("submit", confirmDangerousForms);
document.addEventListener("click", printButtons);
document.addEventListener("htmx:afterSettle", focusErrorSummary);
