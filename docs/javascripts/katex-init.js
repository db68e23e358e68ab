// Rend les formules de pymdownx.arithmatex avec la copie locale de KaTeX (aucun CDN).
function renderFormulas(root) {
  renderMathInElement(root, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(({ body }) => renderFormulas(body)); // navigation instantanée de Material
} else {
  document.addEventListener("DOMContentLoaded", () => renderFormulas(document.body));
}
