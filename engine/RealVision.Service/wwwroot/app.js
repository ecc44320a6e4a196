// The RealVision web page: uploads a model to POST ws/tasks, polls the task until it ends, then
// downloads the G-code and draws one layer of it in a canvas. URLs are relative to the page, so the
// page also works under a path prefix such as /v1/.
"use strict";

const elements = {
  form: document.getElementById("slice-form"),
  key: document.getElementById("key"),
  file: document.getElementById("file"),
  printer: document.getElementById("printer"),
  format: document.getElementById("format"),
  status: document.getElementById("status"),
  taskId: document.getElementById("task-id"),
  progress: document.getElementById("progress"),
  message: document.getElementById("message"),
  summary: document.getElementById("summary"),
  download: document.getElementById("download"),
  previewPanel: document.getElementById("preview-panel"),
  layer: document.getElementById("layer"),
  layerLabel: document.getElementById("layer-label"),
  canvas: document.getElementById("preview"),
};

let layers = [];

elements.key.value = sessionStorage.getItem("realvision-key") || "";
elements.key.addEventListener("change", () => {
  sessionStorage.setItem("realvision-key", elements.key.value);
  loadInfo();
});
elements.form.addEventListener("submit", (event) => {
  event.preventDefault();
  slice().catch((error) => showError(error.message));
});
elements.layer.addEventListener("input", () => drawLayer(Number(elements.layer.value)));
if (elements.key.value) {
  loadInfo();
}

function headers() {
  return { "Ocp-Apim-Subscription-Key": elements.key.value.trim() };
}

async function call(url, options = {}) {
  const response = await fetch(url, { ...options, headers: { ...headers(), ...(options.headers || {}) } });
  if (!response.ok) {
    let text = await response.text();
    try {
      const body = JSON.parse(text);
      text = `${body.errorCode || response.status}: ${body.message || text}`;
    } catch (ignored) {
      // Not JSON: show the text as it came.
    }
    throw new Error(text);
  }
  return response;
}

async function loadInfo() {
  try {
    const info = await (await call("ws/info")).json();
    fillSelect(elements.printer, info.printers.map((p) => p.name));
    fillSelect(elements.format, info.outputFormats.map((f) => f.name));
  } catch (error) {
    showError(`Could not read the service information: ${error.message}`);
  }
}

function fillSelect(select, values) {
  while (select.options.length > 1) {
    select.remove(1);
  }
  for (const value of values) {
    select.add(new Option(value, value));
  }
}

function showError(text) {
  elements.message.textContent = text;
  elements.status.textContent = "error";
}

async function slice() {
  elements.message.textContent = "";
  elements.summary.textContent = "";
  elements.download.hidden = true;
  elements.previewPanel.hidden = true;
  const file = elements.file.files[0];
  if (!file) {
    throw new Error("Choose a workspace (.rvwj) or STL file first.");
  }
  sessionStorage.setItem("realvision-key", elements.key.value);

  const form = new FormData();
  form.append("file", file, file.name);
  if (elements.printer.value) {
    form.append("printerModel", elements.printer.value);
  }
  if (elements.format.value) {
    form.append("outputFormat", elements.format.value);
  }
  elements.status.textContent = "uploading";
  let task = await (await call("ws/tasks", { method: "POST", body: form })).json();
  elements.taskId.textContent = task.taskId;

  while (!["completed", "failed", "cancelled"].includes(task.status)) {
    showProgress(task);
    await new Promise((resolve) => setTimeout(resolve, 200));
    task = await (await call(`ws/tasks/${task.taskId}`)).json();
  }
  showProgress(task);
  if (task.status !== "completed") {
    throw new Error(`${task.errorCode || task.status}: ${task.errorMessage || "the task did not complete"}`);
  }

  const info = task.printingInformation;
  elements.summary.textContent =
    `${info.layers} layers, about ${Math.round(info.time / 60)} min, ${(info.length / 1000).toFixed(2)} m of filament, ${info.weight} g`;
  const result = await call(`ws/tasks/${task.taskId}/download`);
  const text = await result.text();
  const blob = new Blob([text], { type: "text/plain" });
  elements.download.href = URL.createObjectURL(blob);
  elements.download.download = task.fileName;
  elements.download.hidden = false;
  showPreview(text);
}

function showProgress(task) {
  elements.status.textContent = task.status;
  elements.progress.value = Math.max(0, task.progress);
}

// Splits G-code into layers at ";LAYER:" comments and collects the extruding and travel moves of each.
function parseGcode(text) {
  const parsed = [];
  let current = null;
  let x = 0, y = 0, e = 0;
  let absolutePositions = true, absoluteExtrusion = true;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith(";LAYER:")) {
      current = { index: parsed.length, extrusions: [], travels: [] };
      parsed.push(current);
      continue;
    }
    const code = line.split(";")[0].trim();
    if (!code) {
      continue;
    }
    const words = code.split(/\s+/);
    const command = words[0].toUpperCase();
    if (command === "G90") { absolutePositions = true; continue; }
    if (command === "G91") { absolutePositions = false; continue; }
    if (command === "M82") { absoluteExtrusion = true; continue; }
    if (command === "M83") { absoluteExtrusion = false; continue; }
    if (command === "G92") {
      for (const word of words.slice(1)) {
        if (word[0].toUpperCase() === "E") { e = Number(word.slice(1)); }
      }
      continue;
    }
    if (command !== "G0" && command !== "G1") {
      continue;
    }
    let nx = x, ny = y, extruded = 0;
    for (const word of words.slice(1)) {
      const axis = word[0].toUpperCase();
      const value = Number(word.slice(1));
      if (axis === "X") { nx = absolutePositions ? value : x + value; }
      if (axis === "Y") { ny = absolutePositions ? value : y + value; }
      if (axis === "E") {
        extruded = absoluteExtrusion ? value - e : value;
        e = absoluteExtrusion ? value : e + value;
      }
    }
    if (current && (nx !== x || ny !== y)) {
      (extruded > 0 ? current.extrusions : current.travels).push([x, y, nx, ny]);
    }
    x = nx;
    y = ny;
  }
  return parsed.filter((layer) => layer.extrusions.length > 0);
}

function showPreview(text) {
  layers = parseGcode(text);
  if (layers.length === 0) {
    showError("The result has no layers to preview.");
    return;
  }
  elements.previewPanel.hidden = false;
  elements.layer.max = String(layers.length - 1);
  elements.layer.value = "0";
  drawLayer(0);
}

function drawLayer(index) {
  const layer = layers[index];
  const context = elements.canvas.getContext("2d");
  const { width, height } = elements.canvas;
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);

  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x1, y1, x2, y2] of layer.extrusions) {
    minX = Math.min(minX, x1, x2); maxX = Math.max(maxX, x1, x2);
    minY = Math.min(minY, y1, y2); maxY = Math.max(maxY, y1, y2);
  }
  const margin = 20;
  const scale = Math.min((width - 2 * margin) / Math.max(maxX - minX, 1), (height - 2 * margin) / Math.max(maxY - minY, 1));
  // G-code Y grows towards the back of the bed; canvas Y grows downwards.
  const toCanvas = (px, py) => [margin + (px - minX) * scale, height - margin - (py - minY) * scale];

  context.lineWidth = 1;
  context.strokeStyle = "rgba(200, 60, 60, 0.25)";
  strokeSegments(context, layer.travels, toCanvas);
  context.lineWidth = Math.max(1, 0.4 * scale);
  context.strokeStyle = "#1d6fb8";
  strokeSegments(context, layer.extrusions, toCanvas);
  elements.layerLabel.textContent = `${index + 1} of ${layers.length}`;
  elements.canvas.dataset.drawnLayer = String(index);
  elements.canvas.dataset.segments = String(layer.extrusions.length);
}

function strokeSegments(context, segments, toCanvas) {
  context.beginPath();
  for (const [x1, y1, x2, y2] of segments) {
    const [ax, ay] = toCanvas(x1, y1);
    const [bx, by] = toCanvas(x2, y2);
    context.moveTo(ax, ay);
    context.lineTo(bx, by);
  }
  context.stroke();
}
