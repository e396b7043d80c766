"""The European Learning Model (ELM 3) export of a certificate: `rules` says which mandatory
micro-credential field is missing, `document` builds the unsigned JSON-LD, `views` serves it to
administrators. See docs/certificates.md."""
