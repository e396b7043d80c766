// "Listen" on a theory test question: reads the question and its options aloud with the
// browser's own speech synthesis, in the language of the attempt. Nothing is sent anywhere and
// nothing is installed; where the browser has no voice for that language the button stays hidden.
(() => {
  const button = document.querySelector("[data-listen]");
  if (!button || !("speechSynthesis" in window)) return;
  const synth = window.speechSynthesis;
  const language = (button.dataset.lang || document.documentElement.lang || "en").toLowerCase();
  const label = button.innerHTML;

  const voiceFor = () =>
    synth.getVoices().find((voice) => voice.lang.toLowerCase().replace("_", "-").split("-")[0] === language.split("-")[0]);

  const showIfVoice = () => {
    if (voiceFor()) button.classList.remove("d-none");
  };

  const texts = () =>
    Array.from(document.querySelectorAll("[data-speak]"))
      .map((element) => element.textContent.trim())
      .filter(Boolean);

  const reset = () => {
    button.innerHTML = label;
    button.setAttribute("aria-pressed", "false");
  };

  button.addEventListener("click", () => {
    if (synth.speaking) {
      synth.cancel();
      reset();
      return;
    }
    const voice = voiceFor();
    texts().forEach((text, index, all) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = voice ? voice.lang : language;
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9;
      if (index === all.length - 1) utterance.onend = reset;
      synth.speak(utterance);
    });
    button.textContent = button.dataset.stop || "Stop";
    button.setAttribute("aria-pressed", "true");
  });

  showIfVoice();
  synth.addEventListener?.("voiceschanged", showIfVoice);
})();
