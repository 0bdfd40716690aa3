// Respondent pages: skip logic inside a part, and progress kept in the browser.
// The pages work without this file: the server applies skip logic and keeps
// the answers of earlier parts in the signed form state.
"use strict";

(function () {
  const PREFIX = "collectief-survey-";

  function checkedValues(form, name) {
    const values = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) {
        return;
      }
      if (input.value) {
        values.push(input.value);
      }
    });
    return values;
  }

  function applySkipLogic(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (block) {
      const wanted = block.dataset.showValues.split(" ");
      const chosen = checkedValues(form, block.dataset.showIf);
      const show = chosen.some(function (value) { return wanted.indexOf(value) !== -1; });
      block.hidden = !show;
      block.querySelectorAll("input, textarea, select").forEach(function (input) {
        input.disabled = !show;
      });
    });
  }

  function storageKey(form) {
    return PREFIX + form.dataset.survey;
  }

  function read(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Private mode or full storage: the survey still works.
    }
  }

  function fieldValues(form) {
    const fields = {};
    form.querySelectorAll("input, textarea, select").forEach(function (input) {
      if (!/^q\d+$/.test(input.name)) {
        return;
      }
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) {
        return;
      }
      (fields[input.name] = fields[input.name] || []).push(input.value);
    });
    return fields;
  }

  function save(form) {
    const state = form.querySelector('input[name="state"]').value;
    write(storageKey(form), { state: state, fields: fieldValues(form), saved: Date.now() });
  }

  function restore(form, saved) {
    if (!saved || saved.state !== form.querySelector('input[name="state"]').value) {
      return;
    }
    if (Object.keys(fieldValues(form)).length) {
      return; // the server already filled in answers
    }
    Object.keys(saved.fields || {}).forEach(function (name) {
      const values = saved.fields[name];
      form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
        if (input.type === "radio" || input.type === "checkbox") {
          input.checked = values.indexOf(input.value) !== -1;
        } else {
          input.value = values[0] || "";
        }
      });
    });
  }

  function offerResume(form, saved) {
    const panel = document.querySelector("[data-resume]");
    const current = form.querySelector('input[name="state"]').value;
    if (!panel || !saved || !saved.state || saved.state === current || form.dataset.step !== "1") {
      return;
    }
    panel.querySelector('input[name="state"]').value = saved.state;
    panel.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    const clear = document.querySelector("[data-clear-survey]");
    if (clear) {
      try {
        window.localStorage.removeItem(PREFIX + clear.dataset.clearSurvey);
      } catch (error) {
        // nothing to clear
      }
    }
    const preview = document.querySelector("form[data-preview]");
    if (preview) {
      // The builder's preview: the same skip logic, but nothing is kept in the browser.
      applySkipLogic(preview);
      preview.addEventListener("change", function () {
        applySkipLogic(preview);
      });
      return;
    }
    const form = document.querySelector("form[data-survey]");
    if (!form) {
      return;
    }
    const saved = read(storageKey(form));
    restore(form, saved);
    offerResume(form, saved);
    applySkipLogic(form);
    form.addEventListener("change", function () {
      applySkipLogic(form);
      save(form);
    });
    form.addEventListener("input", function () {
      save(form);
    });
    form.addEventListener("submit", function () {
      save(form);
    });
  });
})();
