// "Listen" on a theory test question: reads the question and its options aloud with the
// browser's own speech synthesis. Each part is read in its own language (the `lang` of the
// element or of the nearest one around it): a question with no translation in the attempt's
// language is shown, and read, in its original language, while "True" and "False" are in the
// attempt's. Nothing is sent anywhere and nothing is installed; where the browser has no voice
// for one of those languages the button stays hidden.
(() => {
  const button = document.querySelector("[data-listen]");
  if (!button || !("speechSynthesis" in window)) return;
  const synth = window.speechSynthesis;
  const label = button.innerHTML;
  const base = (tag) => (tag || "").toLowerCase().replace("_", "-").split("-")[0];

  const parts = () =>
    Array.from(document.querySelectorAll("[data-speak]"))
      .map((element) => ({
        text: element.textContent.trim(),
        language: base(element.closest("[lang]")?.lang || document.documentElement.lang || "en"),
      }))
      .filter((part) => part.text);

  const voiceFor = (language) =>
    synth.getVoices().find((voice) => base(voice.lang) === language);

  const showIfVoices = () => {
    const needed = new Set(parts().map((part) => part.language));
    if ([...needed].every(voiceFor)) button.classList.remove("d-none");
  };

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
    parts().forEach((part, index, all) => {
      const utterance = new SpeechSynthesisUtterance(part.text);
      const voice = voiceFor(part.language);
      utterance.lang = voice ? voice.lang : part.language;
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9;
      if (index === all.length - 1) utterance.onend = reset;
      synth.speak(utterance);
    });
    button.textContent = button.dataset.stop || "Stop";
    button.setAttribute("aria-pressed", "true");
  });

  showIfVoices();
  synth.addEventListener?.("voiceschanged", showIfVoices);
})();
