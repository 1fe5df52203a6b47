// SalesDojo call page: audio player synced with the transcript, quotes that seek, "comment here",
// and live processing progress (polls calls.status). Vanilla JS, no dependencies.
(function () {
  "use strict";

  const audio = document.getElementById("call-audio");
  const lines = Array.from(document.querySelectorAll(".transcript-line"));
  const starts = lines.map((li) => parseFloat(li.dataset.start) || 0);
  let current = null;

  function clock(seconds) {
    const total = Math.max(0, Math.floor(seconds || 0));
    const m = Math.floor(total / 60);
    const s = String(total % 60).padStart(2, "0");
    return m + ":" + s;
  }

  // The line being spoken at time t: the last line that started at or before t (binary search).
  function lineAt(t) {
    let lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= t + 0.05) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found >= 0 ? lines[found] : null;
  }

  function highlight(line, scroll) {
    if (line === current) return;
    if (current) current.classList.remove("active");
    current = line;
    if (!line) return;
    line.classList.add("active");
    if (scroll) line.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function seek(seconds) {
    if (!audio) return;
    const target = Math.max(0, seconds);
    const go = () => {
      audio.currentTime = target;
      highlight(lineAt(target), true);
      const played = audio.play();
      if (played && played.catch) played.catch(() => {});  // autoplay may be refused; the seek still holds
    };
    if (audio.readyState >= 1) go(); else audio.addEventListener("loadedmetadata", go, { once: true });
  }

  if (audio) {
    audio.addEventListener("timeupdate", () => highlight(lineAt(audio.currentTime), !audio.paused));
    audio.addEventListener("seeked", () => highlight(lineAt(audio.currentTime), true));
  }

  lines.forEach((li) => {
    li.addEventListener("click", () => seek(parseFloat(li.dataset.start) || 0));
    li.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); seek(parseFloat(li.dataset.start) || 0); }
    });
  });

  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-seek]");
    if (link) {
      event.preventDefault();
      seek(parseFloat(link.dataset.seek) || 0);
      return;
    }
    const here = event.target.closest("[data-action='comment-here']");
    if (here && audio) {
      const t = audio.currentTime || 0;
      const field = document.getElementById("comment-at");
      const label = document.getElementById("comment-at-label");
      if (field) field.value = t.toFixed(2);
      if (label) label.textContent = clock(t);
      const text = here.form && here.form.querySelector("textarea");
      if (text) text.focus();
    }
  });

  // Live progress while the call is processed; reload once when it is done.
  const progress = document.getElementById("call-progress");
  if (progress && window.fetch) {
    const url = progress.dataset.statusUrl;
    const bar = progress.querySelector("[data-role=bar]");
    const percent = progress.querySelector("[data-role=percent]");
    const stage = progress.querySelector("[data-role=stage]");
    const poll = () => {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
        .then((data) => {
          bar.style.width = data.progress + "%";
          progress.querySelector("[role=progressbar]").setAttribute("aria-valuenow", data.progress);
          percent.textContent = data.progress + "%";
          if (data.stage) stage.textContent = data.stage;
          if (data.finished) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
        })
        .catch(() => window.setTimeout(poll, 5000));
    };
    window.setTimeout(poll, 1000);
  }
})();
