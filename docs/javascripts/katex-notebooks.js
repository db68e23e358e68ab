// Formules des cellules Markdown des notebooks rendus (mkdocs-jupyter) : $…$ et $$…$$, avec la copie locale
// de KaTeX, comme le reste du site (nbconvert chargerait MathJax depuis un CDN ; scripts/notebook_pages.py
// l'en empêche).
function renderNotebookFormulas(root) {
  root.querySelectorAll(".jupyter-wrapper .jp-RenderedMarkdown").forEach((cell) =>
    renderMathInElement(cell, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
      ],
      throwOnError: false,
    }),
  );
}
if (typeof document$ !== "undefined") {
  document$.subscribe(({ body }) => renderNotebookFormulas(body));
} else {
  document.addEventListener("DOMContentLoaded", () => renderNotebookFormulas(document.body));
}
