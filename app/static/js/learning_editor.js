// SalesDojo lesson editor: live preview. The text is posted (with the CSRF token) to the preview endpoint,
// which returns sanitized HTML rendered by the server's Markdown renderer.
(() => {
  const root = document.querySelector("[data-lesson-editor]");
  if (!root) return;
  const input = root.querySelector("[data-editor-input]");
  const preview = root.querySelector("[data-preview]");
  const status = root.querySelector("[data-preview-status]");
  const tokenInput = input.form && input.form.querySelector("input[name=csrf_token]");
  let timer = null;
  let sequence = 0;

  async function refresh() {
    const mine = ++sequence;
    status.textContent = "…";
    try {
      const response = await fetch(root.dataset.previewUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": tokenInput ? tokenInput.value : ""},
        body: JSON.stringify({text: input.value}),
      });
      if (!response.ok) throw new Error(String(response.status));
      const data = await response.json();
      if (mine === sequence) {
        preview.innerHTML = data.html;  // sanitized on the server (nh3)
        status.textContent = "";
      }
    } catch (error) {
      if (mine === sequence) status.textContent = "⚠ " + error.message;
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
})();
