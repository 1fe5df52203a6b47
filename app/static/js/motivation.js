// SalesDojo motivation: the what-if slider asks the server to recompute the statement for each position
// (the calculator stays the one source of truth); filter selects with data-autosubmit submit their form.
(() => {
  if (window.salesDojoMotivation) return; // the widget and the page may both include this file
  window.salesDojoMotivation = true;

  const FIELDS = ["value_text", "achievement_text", "total_text", "delta_text", "explanation"];

  function setUp(box) {
    const select = box.querySelector("[data-whatif-kpi]");
    const range = box.querySelector("[data-whatif-range]");
    if (!select || !range) return;
    let timer = null;
    let sequence = 0;
    // The range snaps to its step (a fact of 33.33 shows at 33.5): until the slider is moved, ask for the exact
    // current fact, so the card opens with the real pay and a change of +0 ₽.
    let exact = select.selectedOptions[0] ? select.selectedOptions[0].dataset.value : null;

    async function recompute() {
      const mine = ++sequence;
      const params = new URLSearchParams({ key: select.value, value: exact !== null ? exact : range.value });
      const separator = box.dataset.url.includes("?") ? "&" : "?";
      try {
        const response = await fetch(box.dataset.url + separator + params, { headers: { Accept: "application/json" } });
        if (!response.ok || mine !== sequence) return;
        const data = await response.json();
        for (const name of FIELDS) {
          const target = box.querySelector(`[data-whatif-out="${name}"]`);
          if (target && data[name] !== undefined) target.textContent = data[name];
        }
        box.dataset.state = "ready";
      } catch (error) {
        box.dataset.state = "error";
      }
    }

    function schedule() {
      box.dataset.state = "busy";
      clearTimeout(timer);
      timer = setTimeout(recompute, 120);
    }

    function configure() {
      const option = select.selectedOptions[0];
      range.max = option.dataset.max;
      range.step = option.dataset.step;
      range.value = option.dataset.value;
      exact = option.dataset.value;
      schedule();
    }

    range.addEventListener("input", () => {
      exact = null;
      schedule();
    });
    select.addEventListener("change", configure);
    recompute();
  }

  // Scheme form: show only the fields the chosen formula and source use (all stay in the form when JS is off).
  function toggleSlot(slot) {
    const formula = slot.querySelector("[data-role=formula]");
    const source = slot.querySelector("[data-role=source]");
    slot.querySelectorAll("[data-show-formula]").forEach((el) => {
      el.hidden = formula && !el.dataset.showFormula.split(" ").includes(formula.value);
    });
    slot.querySelectorAll("[data-show-source]").forEach((el) => {
      el.hidden = source && !el.dataset.showSource.split(" ").includes(source.value);
    });
  }

  function start() {
    document.querySelectorAll("[data-whatif]").forEach(setUp);
    document.querySelectorAll("[data-kpi-slot]").forEach((slot) => {
      toggleSlot(slot);
      slot.addEventListener("change", () => toggleSlot(slot));
    });
    document.querySelectorAll("[data-autosubmit]").forEach((input) => {
      input.addEventListener("change", () => input.form && input.form.submit());
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
