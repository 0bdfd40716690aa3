// Presentation mode of samen duiden: keyboard next/previous and full screen.
// Every page works without this file: the links do the same.
"use strict";

function presentLink(selector) {
  const link = document.querySelector(selector);
  if (link) {
    window.location.assign(link.href);
  }
}

function inField(target) {
  return target.closest("input, textarea, select, [contenteditable]");
}

function toggleFullscreen() {
  if (document.fullscreenElement) {
    document.exitFullscreen();
  } else if (document.documentElement.requestFullscreen) {
    document.documentElement.requestFullscreen().catch(function () {});
  }
}

document.addEventListener("keydown", function (event) {
  if (event.altKey || event.ctrlKey || event.metaKey || inField(event.target)) {
    return;
  }
  if (event.key === "ArrowRight" || event.key === "PageDown") {
    event.preventDefault();
    presentLink("[data-present-next]");
  } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
    event.preventDefault();
    presentLink("[data-present-prev]");
  } else if (event.key === "f" || event.key === "F") {
    toggleFullscreen();
  }
});

document.addEventListener("DOMContentLoaded", function () {
  const button = document.querySelector("[data-fullscreen]");
  if (button && document.fullscreenEnabled) {
    button.hidden = false;
    button.addEventListener("click", toggleFullscreen);
  }
});
