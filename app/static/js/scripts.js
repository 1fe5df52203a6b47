// Call scripts: highlight the stage being read in the navigator, print on demand.
(() => {
  // The sticky navigator and the scroll targets sit below the site's navbar, whose height depends on the width.
  const navbar = document.querySelector("nav.navbar");
  const navHeight = () => (navbar ? navbar.offsetHeight : 64);
  const setOffset = () => document.documentElement.style.setProperty("--nav-h", `${navHeight()}px`);
  setOffset();
  window.addEventListener("resize", setOffset);
  const links = new Map();
  document.querySelectorAll("[data-stage-link]").forEach((link) => links.set(link.dataset.stageLink, link));
  const sections = [...document.querySelectorAll("section.script-stage[data-stage]")];
  if (links.size && sections.length) {
    // The stage being read is the last one whose top has passed just below the navbar.
    let queued = false;
    const update = () => {
      queued = false;
      const line = navHeight() + 40;
      let current = sections[0];
      sections.forEach((section) => {
        if (section.getBoundingClientRect().top <= line) current = section;
      });
      links.forEach((link, stage) => link.classList.toggle("active", stage === current.dataset.stage));
    };
    window.addEventListener("scroll", () => {
      if (!queued) {
        queued = true;
        window.requestAnimationFrame(update);
      }
    }, { passive: true });
    update();
  }
  // A branch named in the address (#branch-12) opens by itself, so a shared link lands on the answer.
  const hash = /^#branch-\d+$/.test(window.location.hash) ? window.location.hash : "";
  const target = hash && document.querySelector(`${hash}.accordion-collapse`);
  if (target && window.bootstrap) window.bootstrap.Collapse.getOrCreateInstance(target).show();
  document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
})();
