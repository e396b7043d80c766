// The trainer's check-in code: a "Full screen" button where the browser allows it. htmx renews
// the code itself (assessments/includes/checkin_code.html).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("checkin-fullscreen");
  const screen = document.getElementById("checkin-screen");
  if (!button || !screen || !document.fullscreenEnabled) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else screen.requestFullscreen();
  });
});
