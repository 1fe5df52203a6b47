// SalesDojo exams: autosave every answer (fetch + CSRF header), a countdown that follows the server deadline,
// optional paging, and a confirmation before submitting. Without JavaScript the form still submits everything.
(function () {
  "use strict";
  const form = document.getElementById("exam-form");
  if (!form) return;
  const csrf = form.querySelector("input[name=csrf_token]").value;
  const status = document.getElementById("exam-save-status");
  const timer = document.getElementById("exam-timer");
  const answered = document.getElementById("exam-answered");
  const pending = new Map(); // slot id -> debounce timer
  let submitting = false;

  function fieldsOf(section) {
    const slot = section.dataset.slot;
    const prefix = "q" + slot;
    const fields = {};
    section.querySelectorAll("input, select, textarea").forEach((el) => {
      if (!el.name || el.name === prefix + "__present") return;
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      const key = el.name === prefix ? "" : el.name.slice(prefix.length + 1);
      (fields[key] = fields[key] || []).push(el.value);
    });
    return fields;
  }

  function isAnswered(section) {
    const fields = fieldsOf(section);
    return Object.values(fields).some((values) => values.some((v) => v.trim() !== ""));
  }

  function countAnswered() {
    const sections = form.querySelectorAll(".exam-question");
    let n = 0;
    sections.forEach((s) => { if (isAnswered(s)) n += 1; });
    if (answered) answered.textContent = n;
    return sections.length - n;
  }

  function say(text, cls) {
    if (!status) return;
    status.textContent = text;
    status.className = "small " + (cls || "text-secondary");
  }

  function timeUp() {
    if (submitting) return;
    submitting = true;
    say(form.dataset.msgTimeup, "text-danger fw-semibold");
    form.submit();
  }

  async function save(section) {
    pending.delete(section.dataset.slot);
    say(form.dataset.msgSaving);
    try {
      const response = await fetch(form.dataset.saveUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ slot: Number(section.dataset.slot), fields: fieldsOf(section) }),
        credentials: "same-origin",
        keepalive: true,
      });
      const data = await response.json().catch(() => ({}));
      if (response.status === 409 && data.closed) {
        timeUp();
        return;
      }
      if (!response.ok) throw new Error(data.error || response.statusText);
      const time = new Date(data.saved_at).toLocaleTimeString(document.documentElement.lang || undefined);
      say(form.dataset.msgSaved + " · " + time, "text-success");
      if (timer && typeof data.remaining === "number") startCountdown(data.remaining);
    } catch (error) {
      say(form.dataset.msgError, "text-danger");
    }
  }

  function schedule(section, delay) {
    const slot = section.dataset.slot;
    clearTimeout(pending.get(slot));
    pending.set(slot, setTimeout(() => save(section), delay));
  }

  form.addEventListener("change", (event) => {
    const section = event.target.closest(".exam-question");
    if (section) schedule(section, 50);
    countAnswered();
  });
  form.addEventListener("input", (event) => {
    const section = event.target.closest(".exam-question");
    if (section && (event.target.tagName === "TEXTAREA" || event.target.type === "text")) schedule(section, 800);
    countAnswered();
  });

  form.addEventListener("submit", (event) => {
    if (submitting) return;
    const left = countAnswered();
    const message = left > 0 ? form.dataset.msgUnanswered.replace("__N__", left) : form.dataset.msgConfirm;
    if (!window.confirm(message)) {
      event.preventDefault();
      return;
    }
    submitting = true;
    pending.forEach((t) => clearTimeout(t)); // the form carries every answer itself
  });

  // Countdown: the server says how many seconds are left; the deadline is enforced there, this only shows it.
  let countdown = null;
  function startCountdown(seconds) {
    const end = Date.now() + seconds * 1000;
    const value = timer.querySelector(".exam-timer-value");
    clearInterval(countdown);
    function tick() {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      value.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      timer.classList.toggle("text-bg-danger", left <= 60);
      timer.classList.toggle("text-bg-dark", left > 60);
      if (left <= 0) {
        clearInterval(countdown);
        timeUp();
      }
    }
    tick();
    countdown = setInterval(tick, 1000);
  }
  if (timer) startCountdown(Number(timer.dataset.remaining));

  // Paging: with per_page > 0 the questions are shown a page at a time (all of them stay in the form).
  const perPage = Number(form.dataset.perPage || 0);
  const sections = Array.from(form.querySelectorAll(".exam-question"));
  const pager = document.getElementById("exam-pager");
  if (perPage > 0 && sections.length > perPage && pager) {
    const pages = Math.ceil(sections.length / perPage);
    let page = 0;
    const show = () => {
      sections.forEach((s, i) => s.classList.toggle("d-none", Math.floor(i / perPage) !== page));
      document.getElementById("exam-page-number").textContent = page + 1;
      document.getElementById("exam-page-count").textContent = pages;
      pager.querySelector("[data-page-step='-1']").disabled = page === 0;
      pager.querySelector("[data-page-step='1']").disabled = page === pages - 1;
      window.scrollTo({ top: 0 });
    };
    pager.classList.remove("d-none");
    pager.classList.add("d-flex");
    pager.addEventListener("click", (event) => {
      const step = Number(event.target.dataset.pageStep || 0);
      if (step) {
        page = Math.min(pages - 1, Math.max(0, page + step));
        show();
      }
    });
    show();
  }
  countAnswered();
})();
