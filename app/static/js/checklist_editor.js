// SalesDojo trainer tools: YAML validated as you type, detector fields by kind, labelling keys, run polling.
(function () {
  "use strict";
  const csrf = () => (document.querySelector("input[name=csrf_token]") || {}).value || "";

  // --- YAML view: debounced validation against the server (same parser as publishing) -------------------
  const yamlForm = document.getElementById("yaml-form");
  const area = document.getElementById("yaml-text");
  const list = document.getElementById("yaml-errors");
  const badge = document.getElementById("yaml-status");
  function jumpTo(line) {
    if (!area || !line) return;
    const lines = area.value.split("\n");
    const start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1] || "").length);
    area.scrollTop = Math.max(0, (line - 3) * parseFloat(getComputedStyle(area).lineHeight || "18"));
  }
  function showErrors(errors) {
    list.replaceChildren();
    errors.forEach((e) => {
      const li = document.createElement("li");
      li.className = "mb-2";
      if (e.line) {
        const a = document.createElement("a");
        a.href = "#";
        a.dataset.line = e.line;
        a.textContent = list.dataset.line + " " + e.line;
        li.append(a, " ");
      }
      if (e.item) {
        const b = document.createElement("strong");
        b.textContent = e.item;
        li.append(b, " ");
      }
      const code = document.createElement("code");
      code.textContent = e.field || "";
      li.append(code, " — " + e.message);
      list.append(li);
    });
    badge.className = "badge " + (errors.length ? "text-bg-danger" : "text-bg-success");
    badge.textContent = errors.length ? list.dataset.count + errors.length : list.dataset.ok;
  }
  if (yamlForm && area && list) {
    let timer = null;
    let seq = 0;
    area.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const mine = ++seq;
        try {
          const response = await fetch(yamlForm.dataset.validateUrl, {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
            body: JSON.stringify({ yaml_text: area.value }),
          });
          if (response.ok && mine === seq) showErrors((await response.json()).errors || []);
        } catch (_err) { /* offline: the server checks again on save */ }
      }, 450);
    });
    list.addEventListener("click", (event) => {
      const link = event.target.closest("a[data-line]");
      if (link) { event.preventDefault(); jumpTo(parseInt(link.dataset.line, 10)); }
    });
    area.addEventListener("keydown", (event) => {
      if (event.key === "Tab") {
        event.preventDefault();
        const { selectionStart: s, selectionEnd: e } = area;
        area.setRangeText("  ", s, e, "end");
      }
    });
  }

  // --- item form: show only the fields of each detector's kind; custom N/A rule ------------------------
  function syncDetector(card) {
    const select = card.querySelector("[data-kind-select]");
    if (!select) return;
    card.querySelectorAll("[data-kinds]").forEach((el) => {
      el.hidden = !el.dataset.kinds.split(" ").includes(select.value);
    });
  }
  document.querySelectorAll("[data-detector]").forEach((card) => {
    syncDetector(card);
    const select = card.querySelector("[data-kind-select]");
    if (select) select.addEventListener("change", () => syncDetector(card));
  });
  const naRule = document.querySelector("select[name=na_rule]");
  const naCustom = document.querySelector("[data-show-when='na_rule=custom']");
  if (naRule && naCustom) {
    const sync = () => { naCustom.hidden = naRule.value !== "custom"; };
    naRule.addEventListener("change", sync);
    sync();
  }

  // --- labelling: digits pick a label, S skips ----------------------------------------------------------
  const labelling = document.querySelector("[data-labelling]");
  if (labelling) {
    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (["INPUT", "TEXTAREA", "SELECT"].includes((event.target.tagName || "").toUpperCase())) return;
      const key = event.key.toLowerCase() === "ы" ? "s" : event.key.toLowerCase();
      const button = labelling.querySelector(`button[data-key="${CSS.escape(key)}"]`);
      if (button) { event.preventDefault(); button.click(); }
    });
  }

  // --- background runs: reload the page when the run is over --------------------------------------------
  const poll = document.querySelector("[data-poll-url]");
  if (poll) {
    const tick = async () => {
      if (poll.dataset.pollReload) { window.location.reload(); return; }
      try {
        const response = await fetch(poll.dataset.pollUrl, { headers: { Accept: "application/json" } });
        const data = await response.json();
        if (data.finished) { window.location.reload(); return; }
      } catch (_err) { /* try again */ }
      setTimeout(tick, 1500);
    };
    setTimeout(tick, poll.dataset.pollReload ? 2500 : 1500);
  }
})();
