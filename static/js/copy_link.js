// "Copy link" buttons: copy the text of the field named by data-copy-target, and say so on the
// button for a moment. Without the clipboard API (an old phone, plain HTTP) the field is
// selected instead, for the person to copy.
document.querySelectorAll("[data-copy-target]").forEach((button) => {
  button.addEventListener("click", async () => {
    const field = document.getElementById(button.dataset.copyTarget);
    const label = button.textContent;
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = button.dataset.copiedLabel;
      setTimeout(() => { button.textContent = label; }, 2000);
    } catch (error) {
      // The field stays selected.
    }
  });
});
