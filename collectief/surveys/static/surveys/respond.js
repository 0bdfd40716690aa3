// Respondent pages: skip logic inside a part, and progress kept in the browser.
// The pages work without this file: the server applies skip logic and keeps
// the answers of earlier parts in the signed form state.
//
// Progress lives in sessionStorage, never localStorage: it is gone when the
// browser (tab) closes, so a shared computer in a buurthuis does not keep one
// person's half-finished answers for the next (issue 8). It is cleared as soon
// as the last part is sent, and again on the thank-you page.
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

  function store() {
    try {
      return window.sessionStorage;
    } catch (error) {
      return null; // storage switched off: the survey still works
    }
  }

  function forget(key) {
    try {
      const storage = store();
      if (storage) {
        storage.removeItem(key);
      }
    } catch (error) {
      // nothing to clear
    }
  }

  function forgetOldCopies() {
    // Earlier versions kept progress in localStorage, which outlives the
    // session. Remove whatever they left behind.
    try {
      const old = window.localStorage;
      for (let i = old.length - 1; i >= 0; i -= 1) {
        const key = old.key(i);
        if (key && key.indexOf(PREFIX) === 0) {
          old.removeItem(key);
        }
      }
    } catch (error) {
      // no access: nothing to clean
    }
  }

  function storageKey(form) {
    return PREFIX + form.dataset.survey;
  }

  function read(key) {
    try {
      const storage = store();
      return storage ? JSON.parse(storage.getItem(key) || "null") : null;
    } catch (error) {
      return null;
    }
  }

  function write(key, value) {
    try {
      const storage = store();
      if (storage) {
        storage.setItem(key, JSON.stringify(value));
      }
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
    forgetOldCopies();
    const clear = document.querySelector("[data-clear-survey]");
    if (clear) {
      forget(PREFIX + clear.dataset.clearSurvey);
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
    form.addEventListener("submit", function (event) {
      const back = event.submitter && event.submitter.hasAttribute("formaction");
      if (form.hasAttribute("data-last") && !back) {
        // Sending the answers: nothing stays behind in the browser.
        forget(storageKey(form));
      } else {
        save(form);
      }
    });
  });
})();
