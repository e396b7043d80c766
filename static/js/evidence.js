// Evidence on the practical assessment record page: photos made smaller on the phone as they are
// chosen (photos.js), a thumbnail of each file chosen (a PDF shows an icon and its name), and
// files too large or too many said in plain words before anything is sent, so that nothing typed
// is lost to a "too large" page. The server checks again.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  const form = document.getElementById("record-form");
  if (!form) return;
  const problemsBox = document.getElementById("upload-problems");
  const inputs = Array.from(form.querySelectorAll("input[data-evidence-input]"));
  const shown = new Map(); // input -> object URLs of its thumbnails, freed when replaced

  function preview(input) {
    const list = form.querySelector(`[data-preview-for="${input.id}"]`);
    if (!list) return;
    (shown.get(input) || []).forEach((url) => URL.revokeObjectURL(url));
    const urls = [];
    list.replaceChildren();
    Array.from(input.files).forEach((file) => {
      const item = document.createElement("li");
      item.className = "evidence-thumb border rounded p-1 text-center small";
      if (file.type.startsWith("image/")) {
        const url = URL.createObjectURL(file);
        urls.push(url);
        const img = document.createElement("img");
        img.src = url;
        img.alt = "";
        img.width = 96;
        img.height = 96;
        item.append(img);
      } else {
        const icon = document.createElement("span");
        icon.className = "evidence-file-icon";
        icon.setAttribute("aria-hidden", "true");
        icon.textContent = "PDF";
        item.append(icon);
      }
      const name = document.createElement("span");
      name.className = "d-block text-truncate";
      name.textContent = file.name;
      item.append(name);
      if (file.size > Number(input.dataset.maxBytes)) {
        item.classList.add("border-danger");
        const warning = document.createElement("span");
        warning.className = "d-block text-danger fw-semibold";
        warning.textContent = form.dataset.tooBigShort;
        item.append(warning);
      }
      list.append(item);
    });
    shown.set(input, urls);
  }

  function problems() {
    const found = [];
    let count = 0;
    inputs.forEach((input) => {
      const max = Number(input.dataset.maxBytes);
      Array.from(input.files).forEach((file) => {
        count += 1;
        if (file.size > max) {
          found.push([input.id, form.dataset.tooBig.replace("%(name)s", file.name)]);
        }
      });
    });
    const maxFiles = Number(inputs.length ? inputs[0].dataset.maxFiles : 0);
    if (maxFiles && count > maxFiles) {
      found.push([
        inputs[0].id,
        form.dataset.tooMany.replace("%(count)s", String(count)).replace("%(max)s", String(maxFiles)),
      ]);
    }
    return found;
  }

  function say(found) {
    const list = problemsBox.querySelector("ul");
    list.replaceChildren();
    found.forEach(([id, message]) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `#${id}`;
      link.className = "alert-link";
      link.textContent = message;
      item.append(link);
      list.append(item);
    });
    problemsBox.classList.toggle("d-none", found.length === 0);
  }

  const shrinking = new Set(); // photos being made smaller: the form waits for them
  inputs.forEach((input) =>
    input.addEventListener("change", async () => {
      if (self.lmsPhotos) {
        const work = self.lmsPhotos.shrinkInput(input);
        shrinking.add(work);
        try {
          await work;
        } finally {
          shrinking.delete(work);
        }
      }
      preview(input);
      say(problems());
    }),
  );
  form.addEventListener("submit", async (event) => {
    if (shrinking.size && !event.defaultPrevented) {
      // Pressed while the photos were being made smaller: sent once they are.
      event.preventDefault();
      await Promise.allSettled(Array.from(shrinking));
      form.requestSubmit(event.submitter || undefined);
      return;
    }
    const found = problems();
    say(found);
    if (found.length) {
      event.preventDefault();
      problemsBox.focus();
    }
  });
});
