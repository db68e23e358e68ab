// Démo de la page TensorFlow.js : le modèle converti (graph model) prédit dans le navigateur du lecteur.
// Ne fait rien sur une page sans élément #demo-tfjs. Tout est chargé depuis le site lui-même, à partir de
// l'adresse de ce script (…/javascripts/demo-tfjs.js), quelle que soit la profondeur de la page et le
// constructeur du site (MkDocs ou Zensical) : tf.min.js (docs/assets/tfjs/, copié de node_modules par
// scripts/setup.sh), la feuille de style de la démo, et le modèle et les images de test publiés par le
// snippet snippets/tfjs/conversion.py (docs/fichiers/tfjs/conversion/). Aucune requête ne quitte le site.
// L'état de la démo est écrit dans des attributs data-* que tests/test_tfjs.py lit.
(function () {
  "use strict";

  const root = document.getElementById("demo-tfjs");
  const script = document.currentScript;
  if (!root || !script || root.dataset.etat) {
    return;  // pas de démo sur cette page, ou déjà lancée (script inclus deux fois)
  }
  root.dataset.etat = "chargement";
  const site = new URL("..", script.src);  // la racine du site
  const resolve = (path) => new URL(path, site).href;
  const status = root.querySelector(".demo-tfjs-etat");
  const gallery = root.querySelector(".demo-tfjs-images");
  const board = root.querySelector(".demo-tfjs-dessin canvas");
  const drawnOutput = root.querySelector(".demo-tfjs-dessin-probas");
  const clearButton = root.querySelector(".demo-tfjs-effacer");

  const SIZE = 28; // Fashion-MNIST : 28 × 28 pixels, objet clair sur fond noir, valeurs 0 à 255
  const decimal = (value, digits) => value.toFixed(digits).replace(".", ",");

  function fail(error) {
    root.dataset.etat = "erreur";
    status.textContent = "La démo n'a pas pu démarrer\u00a0: " + (error && error.message ? error.message : error);
  }

  // tf.min.js (1,4 Mo) n'est chargé que sur la page qui contient la démo.
  function load(tag, attributes) {
    return new Promise((resolveLoad, reject) => {
      const element = Object.assign(document.createElement(tag), attributes);
      element.onload = resolveLoad;
      element.onerror = () => reject(new Error((attributes.src || attributes.href) + " introuvable"));
      document.head.appendChild(element);
    });
  }

  // Une image 28 × 28 (tableau de 784 valeurs 0–255) dessinée dans un petit canevas.
  function thumbnail(pixels) {
    const canvas = document.createElement("canvas");
    canvas.width = SIZE;
    canvas.height = SIZE;
    const context = canvas.getContext("2d");
    const image = context.createImageData(SIZE, SIZE);
    pixels.forEach((value, i) => {
      image.data.set([value, value, value, 255], 4 * i);
    });
    context.putImageData(image, 0, 0);
    return canvas;
  }

  // --8<-- [start:predire]
  // Probabilités pour un lot d'images : tableau de tableaux de 784 valeurs.
  async function predict(model, batch) {
    const x = tf.tensor4d(batch.flat(), [batch.length, SIZE, SIZE, 1]);
    const y = model.predict(x);
    const probs = await y.array();
    x.dispose(); // un tenseur occupe la mémoire de la carte graphique (WebGL) jusqu'à dispose()
    y.dispose();
    return probs;
  }
  // --8<-- [end:predire]

  const argmax = (row) => row.indexOf(Math.max(...row));

  function showTestImages(data, probs) {
    let maxGap = 0;
    data.pixels.forEach((pixels, i) => {
      const k = argmax(probs[i]);
      const gap = Math.max(...probs[i].map((p, j) => Math.abs(p - data.keras[i][j])));
      maxGap = Math.max(maxGap, gap);
      const figure = document.createElement("figure");
      figure.className = "demo-tfjs-image" + (k === data.etiquettes[i] ? "" : " demo-tfjs-erreur");
      figure.dataset.index = data.indices[i];
      figure.dataset.probas = JSON.stringify(probs[i]);
      figure.title = "Cliquer pour copier l'image dans la zone de dessin";
      figure.appendChild(thumbnail(pixels));
      const caption = document.createElement("figcaption");
      caption.innerHTML = "<span>image " + data.indices[i] + "\u00a0: " + data.classes[data.etiquettes[i]] + "</span>"
        + "<strong>" + data.classes[k] + " " + decimal(probs[i][k], 3) + "</strong>"
        + "<span>Keras\u00a0: " + data.classes[argmax(data.keras[i])] + " "
        + decimal(Math.max(...data.keras[i]), 3) + "</span>";
      figure.appendChild(caption);
      figure.addEventListener("click", () => copyToBoard(figure.querySelector("canvas")));
      // Au clavier aussi (WCAG 2.1.1) : chaque image est un bouton, Entrée ou Espace la copie.
      figure.tabIndex = 0;
      figure.setAttribute("role", "button");  // son nom accessible : le texte de sa légende (WCAG 2.5.3)
      figure.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          copyToBoard(figure.querySelector("canvas"));
        }
      });
      gallery.appendChild(figure);
    });
    return maxGap;
  }

  // --- zone de dessin : 280 × 280 à l'écran, réduite à 28 × 28 pour le modèle ---
  const pen = board.getContext("2d");
  const small = document.createElement("canvas");
  small.width = SIZE;
  small.height = SIZE;
  const smallContext = small.getContext("2d", {willReadFrequently: true});

  function clearBoard() {
    pen.fillStyle = "#000";
    pen.fillRect(0, 0, board.width, board.height);
    drawnOutput.innerHTML = "";
    delete board.dataset.probas;
  }

  function copyToBoard(source) {
    pen.imageSmoothingEnabled = false;
    pen.drawImage(source, 0, 0, board.width, board.height);
    pen.imageSmoothingEnabled = true;
    board.dispatchEvent(new Event("dessin"));
  }

  // --8<-- [start:pixels]
  // Le dessin (280 × 280) réduit à 28 × 28, puis un seul canal : le rouge (le trait est blanc, R = G = B).
  function boardPixels() {
    smallContext.imageSmoothingEnabled = true;
    smallContext.imageSmoothingQuality = "high";
    smallContext.drawImage(board, 0, 0, SIZE, SIZE);
    const rgba = smallContext.getImageData(0, 0, SIZE, SIZE).data;
    return Array.from({length: SIZE * SIZE}, (_, i) => rgba[4 * i]);
  }
  // --8<-- [end:pixels]

  function showDrawn(classes, row) {
    const order = row.map((p, j) => [p, j]).sort((a, b) => b[0] - a[0]).slice(0, 3);
    drawnOutput.innerHTML = "";
    for (const [p, j] of order) {
      const item = document.createElement("li");
      item.innerHTML = "<span>" + classes[j] + "</span><meter min='0' max='1' value='" + p + "'></meter>"
        + "<span>" + decimal(p, 3) + "</span>";
      drawnOutput.appendChild(item);
    }
    board.dataset.probas = JSON.stringify(row);
  }

  function enableDrawing(model, classes) {
    let drawing = false;
    const point = (event) => {
      const box = board.getBoundingClientRect();
      return [(event.clientX - box.left) * board.width / box.width,
              (event.clientY - box.top) * board.height / box.height];
    };
    pen.lineCap = "round";
    pen.lineJoin = "round";
    pen.lineWidth = 22;
    pen.strokeStyle = "#fff";
    board.addEventListener("pointerdown", (event) => {
      drawing = true;
      board.setPointerCapture(event.pointerId);
      const [x, y] = point(event);
      pen.beginPath();
      pen.moveTo(x, y);
      pen.lineTo(x, y);
      pen.stroke();
    });
    board.addEventListener("pointermove", (event) => {
      if (!drawing) {
        return;
      }
      const [x, y] = point(event);
      pen.lineTo(x, y);
      pen.stroke();
    });
    const stop = () => {
      if (drawing) {
        drawing = false;
        board.dispatchEvent(new Event("dessin"));
      }
    };
    board.addEventListener("pointerup", stop);
    board.addEventListener("pointercancel", stop);
    board.addEventListener("dessin", async () => {
      const [row] = await predict(model, [boardPixels()]);
      showDrawn(classes, row);
    });
    clearButton.addEventListener("click", clearBoard);
  }

  async function main() {
    status.textContent = "Chargement de TensorFlow.js et du modèle…";
    clearBoard();
    load("link", {rel: "stylesheet", href: resolve("stylesheets/demo-tfjs.css")}).catch(() => {});
    if (typeof tf === "undefined") {
      await load("script", {src: resolve("assets/tfjs/tf.min.js")});
    }
    // --8<-- [start:chargement]
    const [model, data] = await Promise.all([
      tf.loadGraphModel(resolve(root.dataset.modele)), // model.json, puis ses fichiers de poids
      fetch(resolve(root.dataset.images)).then((response) => {
        if (!response.ok) {
          throw new Error(response.url + " : " + response.status);
        }
        return response.json();
      }),
    ]);
    const probs = await predict(model, data.pixels);
    // --8<-- [end:chargement]
    const maxGap = showTestImages(data, probs);
    enableDrawing(model, data.classes);
    root.dataset.backend = tf.getBackend();
    root.dataset.ecart = String(maxGap);
    root.dataset.etat = "pret";
    // \u00a0 : espace insécable (typographie française)
    status.textContent = "TensorFlow.js " + tf.version.tfjs + ", moteur «\u00a0" + tf.getBackend()
      + "\u00a0»\u00a0: " + data.pixels.length + " images de test classées par votre navigateur\u00a0; "
      + "plus grand écart avec les probabilités de Keras\u00a0: " + maxGap.toExponential(1).replace(".", ",") + ".";
  }

  main().catch(fail);
})();
