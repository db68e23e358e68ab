// Accessibilité (WCAG 2.1, critère 2.1.1) : une zone qui défile se parcourt au clavier. Material rend ainsi
// ses propres blocs de code (tabindex="0"), mais seulement après avoir mesuré chacun (ResizeObserver) : sur
// une longue page (la version imprimable en a des centaines), un lecteur, ou axe-core, qui passe avant en
// trouve qui ne sont pas encore atteignables. On les rend donc atteignables dès le chargement ; Material
// retire ensuite l'attribut de ceux qui ne défilent pas. On fait de même pour le code et les sorties des
// notebooks rendus par mkdocs-jupyter, et pour une formule plus large que la page.
function focusableScrollers(root) {
  root
    .querySelectorAll(
      ".md-typeset pre > code, .jupyter-wrapper .highlight-ipynb, .jupyter-wrapper .highlight > pre, .jupyter-wrapper .jp-OutputArea-output pre, " +
        ".md-typeset .arithmatex",
    )
    .forEach((zone) => {
      if (!zone.hasAttribute("tabindex")) zone.tabIndex = 0;
    });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(({ body }) => focusableScrollers(body)); // navigation instantanée de Material
} else {
  document.addEventListener("DOMContentLoaded", () => focusableScrollers(document.body));
}
