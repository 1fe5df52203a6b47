// SalesDojo calls, part B: list selection for rescoring, live status of unfinished calls and rescoring runs,
// and the "mark a library fragment" helpers on the call page. Vanilla JS, no dependencies.
(function () {
  "use strict";

  function clock(seconds) {
    const total = Math.max(0, Math.floor(seconds || 0));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, "0");
    return h ? h + ":" + String(m).padStart(2, "0") + ":" + s : m + ":" + s;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)));
  }

  // --- call list: tick calls, rescore the selection ---------------------------------------------------
  const form = document.getElementById("calls-form");
  const bar = document.getElementById("rescore-bar");
  function selected() {
    return form ? Array.from(form.querySelectorAll("input[name=call_id]:checked")) : [];
  }
  function refreshBar() {
    if (!bar) return;
    const n = selected().length;
    bar.hidden = n === 0;
    const label = bar.querySelector("[data-role=selected-count]");
    if (label) label.textContent = n ? "✓ " + n : "";
  }
  if (form) {
    form.addEventListener("change", (event) => {
      const all = event.target.closest("[data-action=select-all]");
      if (all) {
        form.querySelectorAll("input[name=call_id]").forEach((box) => { box.checked = all.checked; });
      }
      refreshBar();
    });
    refreshBar();
  }

  // --- call list: rows still being processed update themselves; the page reloads when one is done ------
  const pending = Array.from(document.querySelectorAll("tr[data-status-url]"));
  if (pending.length && window.fetch) {
    const poll = () => {
      Promise.all(pending.map((row) => getJSON(row.dataset.statusUrl).then((data) => {
        const stage = row.querySelector("[data-role=stage]");
        const fill = row.querySelector("[data-role=bar]");
        if (stage && data.stage) stage.textContent = data.stage;
        if (fill) fill.style.width = data.progress + "%";
        return data.finished;
      }).catch(() => false))).then((done) => {
        if (done.some(Boolean) && selected().length === 0) { window.location.reload(); return; }
        window.setTimeout(poll, 3000);
      });
    };
    window.setTimeout(poll, 2000);
  }

  // --- rescoring run page: live progress ---------------------------------------------------------------
  const run = document.getElementById("rescore-progress");
  if (run && run.dataset.statusUrl && window.fetch) {
    const poll = () => {
      getJSON(run.dataset.statusUrl).then((data) => {
        run.querySelector("[data-role=run-bar]").style.width = data.progress + "%";
        run.querySelector("[data-role=run-percent]").textContent = data.progress + "%";
        if (data.finished) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
      }).catch(() => window.setTimeout(poll, 5000));
    };
    window.setTimeout(poll, 1000);
  }

  // --- call page: library fragment from the player's current moment, tag suggestions -------------------
  document.addEventListener("click", (event) => {
    const timeButton = event.target.closest("[data-library-time]");
    if (timeButton) {
      const audio = document.getElementById("call-audio");
      const input = document.getElementById(timeButton.dataset.libraryTime);
      if (audio && input) input.value = clock(audio.currentTime);
      return;
    }
    const tagButton = event.target.closest("[data-library-tag]");
    if (tagButton && tagButton.form) {
      const input = tagButton.form.querySelector("input[name=tags]");
      const tags = input.value.split(",").map((t) => t.trim()).filter(Boolean);
      if (!tags.includes(tagButton.dataset.libraryTag)) tags.push(tagButton.dataset.libraryTag);
      input.value = tags.join(", ");
    }
  });
})();
