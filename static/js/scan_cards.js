// "Scan cards": the phone's camera reads learners' cards (html5-qrcode, from npm) and each card is
// posted to the roll call's service (CSRF-protected); the answer is said on screen with a sound:
// a short high beep when marked present, a low double buzz when refused.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("scan-form");
  if (!form) return;
  const result = document.getElementById("scan-result");
  const log = document.getElementById("scan-log");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let audio = null;
  let last = { token: "", at: 0 };

  function tone(ok) {
    try {
      audio = audio || new AudioContext();
      const beeps = ok ? [[880, 0]] : [[220, 0], [220, 0.25]];
      beeps.forEach(([frequency, delay]) => {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.type = ok ? "sine" : "square";
        oscillator.frequency.value = frequency;
        gain.gain.value = 0.2;
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(audio.currentTime + delay);
        oscillator.stop(audio.currentTime + delay + (ok ? 0.15 : 0.2));
      });
    } catch (error) {
      // No sound on this browser: the message on screen says it.
    }
  }

  function say(ok, message) {
    result.className = `alert ${ok ? "alert-success" : "alert-danger"}`;
    result.textContent = message;
    const item = document.createElement("li");
    item.textContent = `${ok ? "✓" : "✗"} ${message}`;
    log.prepend(item);
    tone(ok);
  }

  async function send(token) {
    const body = new URLSearchParams({ token });
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": csrf },
        credentials: "same-origin",
      });
      const data = await response.json();
      say(data.ok, data.message);
    } catch (error) {
      say(false, form.dataset.networkError);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = document.getElementById("card-token").value.trim();
    if (token) send(token);
  });

  function scanned(token) {
    // The camera sees the same card many times a second: send each card once every 5 s.
    const now = Date.now();
    if (token === last.token && now - last.at < 5000) return;
    last = { token, at: now };
    send(token);
  }

  if (typeof Html5Qrcode === "undefined") return;
  const reader = new Html5Qrcode("card-reader");
  reader
    .start({ facingMode: "environment" }, { fps: 10, qrbox: 220 }, scanned, () => {})
    .catch(() => {
      result.className = "alert alert-warning";
      result.textContent = form.dataset.cameraError;
    });
});
