// SalesDojo skills pages: selects marked data-autosubmit submit their form; [data-print] opens the print dialog;
// [data-edit-toggle] shows the inline edit row of a sheet line.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
    target.form.submit();
  }
});
document.addEventListener("click", (event) => {
  const button = event.target.closest ? event.target.closest("[data-print]") : null;
  if (button) {
    event.preventDefault();
    window.print();
  }
  const toggle = event.target.closest ? event.target.closest("[data-edit-toggle]") : null;
  if (toggle) {
    event.preventDefault();
    const row = document.getElementById(toggle.dataset.editToggle);
    if (row) {
      row.hidden = !row.hidden;
    }
  }
});
