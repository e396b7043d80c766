// "Mark all present" on the roll call: ticks Present for every learner. Without JavaScript the
// button stays hidden and each learner is marked one by one.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-mark-all]");
  if (!button) return;
  button.classList.remove("d-none");
  button.addEventListener("click", () => {
    const value = button.dataset.markAll;
    document.querySelectorAll(`.roll-row input[type=radio][value="${value}"]`).forEach((input) => {
      input.checked = true;
    });
  });
});
