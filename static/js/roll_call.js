// The roll call on a phone: the summary above the save button kept up to date as the trainer
// taps ("11 present, 1 late, 1 absent"). Without JavaScript the summary says what was last shown
// by the server (the message after saving gives the counts again).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".roll-call-form");
  if (!form) return;
  const summary = document.getElementById("roll-summary");
  // The order of the parts, as the server says them (assessments/attendance/summary.py).
  const ORDER = ["present", "late", "excused", "absent", "not_marked"];

  function part(key, count) {
    const template = summary.getAttribute(`data-${key}-${count === 1 ? "one" : "other"}`);
    return template.replace("%(count)s", String(count));
  }

  function refresh() {
    const counts = Object.fromEntries(ORDER.map((key) => [key, 0]));
    form.querySelectorAll(".roll-row:not([disabled])").forEach((row) => {
      const checked = row.querySelector("input[type=radio]:checked");
      counts[checked ? checked.value : "not_marked"] += 1;
    });
    const parts = ORDER.filter((key) => counts[key]).map((key) => part(key, counts[key]));
    summary.textContent = parts.length ? parts.join(", ") : summary.dataset.empty;
  }

  form.addEventListener("change", refresh);
  // A page restored from the back-forward cache keeps the taps of before: say what is checked.
  window.addEventListener("pageshow", refresh);
  refresh();
});
