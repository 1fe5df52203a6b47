// Call scripts: highlight the stage being read in the navigator, print on demand.
(() => {
  const links = new Map();
  document.querySelectorAll("[data-stage-link]").forEach((link) => links.set(link.dataset.stageLink, link));
  const sections = document.querySelectorAll("section.script-stage[data-stage]");
  if (links.size && sections.length && "IntersectionObserver" in window) {
    const visible = new Set();
    const observer = new IntersectionObserver((entries) => {
      entries.forEach((entry) => {
        if (entry.isIntersecting) visible.add(entry.target.dataset.stage);
        else visible.delete(entry.target.dataset.stage);
      });
      const first = [...sections].find((s) => visible.has(s.dataset.stage));
      links.forEach((link, stage) => link.classList.toggle("active", first !== undefined && stage === first.dataset.stage));
    }, { rootMargin: "-80px 0px -55% 0px" });
    sections.forEach((section) => observer.observe(section));
  }
  // A branch named in the address (#branch-12) opens by itself, so a shared link lands on the answer.
  const hash = /^#branch-\d+$/.test(window.location.hash) ? window.location.hash : "";
  const target = hash && document.querySelector(`${hash}.accordion-collapse`);
  if (target && window.bootstrap) window.bootstrap.Collapse.getOrCreateInstance(target).show();
  document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
})();
