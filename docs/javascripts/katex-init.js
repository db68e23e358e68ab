// Rend les formules avec la copie locale de KaTeX (aucun CDN) : celles de pymdownx.arithmatex, \(…\) et \[…\],
// puis celles des cellules Markdown des notebooks rendus par mkdocs-jupyter, $…$ et $$…$$ (nbconvert
// chargerait MathJax depuis un CDN ; scripts/notebook_pages.py l'en empêche).
const PAGE_DELIMITERS = [
  { left: "\\(", right: "\\)", display: false },
  { left: "\\[", right: "\\]", display: true },
];
const NOTEBOOK_DELIMITERS = [
  { left: "$$", right: "$$", display: true },
  { left: "$", right: "$", display: false },
];
function renderFormulas(root) {
  renderMathInElement(root, { delimiters: PAGE_DELIMITERS, throwOnError: false });
  root.querySelectorAll(".jupyter-wrapper .jp-RenderedMarkdown").forEach((cell) =>
    renderMathInElement(cell, { delimiters: NOTEBOOK_DELIMITERS, throwOnError: false }),
  );
}
if (typeof document$ !== "undefined") {
  document$.subscribe(({ body }) => renderFormulas(body)); // navigation instantanée de Material
} else {
  document.addEventListener("DOMContentLoaded", () => renderFormulas(document.body));
}
