// Photos made smaller on the phone before they are sent (docs/offline.md): at most MAX_SIDE pixels
// on the longest side, as JPEG, well under the server's 10 MB limit. A phone's camera makes
// photos of 3 to 12 MB; a trainer on prepaid data sends about 0.3 MB each instead. Used by the
// practical record page when photos are chosen (evidence.js) and by the queue of writes made
// without a signal (offline.js). Anything else (a PDF, a GIF, a picture this browser cannot
// read, or one the JPEG would not make smaller) is sent as it is, and the server checks it.
self.lmsPhotos = {
  MAX_SIDE: 1600,

  async smaller(file) {
    if (!file.type.startsWith("image/") || file.type === "image/gif") return file;
    let bitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch {
      return file;
    }
    const scale = Math.min(1, self.lmsPhotos.MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise((done) => canvas.toBlob(done, "image/jpeg", 0.85));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], `${file.name.replace(/\.[^.]*$/, "")}.jpg`, { type: "image/jpeg" });
  },

  // The files of a file input, each photo made smaller; the input keeps its originals where
  // this browser cannot set a file input's files.
  async shrinkInput(input) {
    const files = Array.from(input.files);
    if (!files.length || typeof DataTransfer === "undefined") return;
    const made = await Promise.all(files.map((file) => self.lmsPhotos.smaller(file)));
    if (made.every((file, i) => file === files[i])) return;
    const current = Array.from(input.files);
    if (current.length !== files.length || current.some((file, i) => file !== files[i])) {
      return; // chosen again meanwhile: that choice is made smaller in its turn
    }
    try {
      const transfer = new DataTransfer();
      made.forEach((file) => transfer.items.add(file));
      input.files = transfer.files;
    } catch {
      // An older browser: the originals go, and the server's 10 MB check applies.
    }
  },
};
