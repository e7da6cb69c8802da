// The one classic script of the rdzl-graph query page: Oxigraph (WebAssembly) and the YASQE editor.
//
// Built by build.sh with esbuild into rdzl_graph/site/vendor/rdzl-browser.js (IIFE, no modules),
// so that it runs from file:// where ES modules and fetch() of the .wasm file are refused
// (origin 'null'). The WebAssembly binary is inlined: gzip-compressed, then base64 (esbuild's
// "binary" loader), and inflated in the browser with DecompressionStream.
//
// Exposes window.RdzlBrowser = { ready, oxigraph, Yasqe, times }:
//   ready    a Promise that resolves to the initialised oxigraph module;
//   oxigraph the module's exports (Store, namedNode, literal, ...), usable once `ready` resolved;
//   Yasqe    the editor class, with every autocompleter that calls another site removed;
//   times    ms since navigation when this script had run, the wasm was inflated, instantiated.
import * as oxigraph from "oxigraph/web.js";
import initOxigraph from "oxigraph/web.js";
import wasmGzip from "./build/web_bg.wasm.gz";
import Yasqe from "@zazuko/yasqe";
import "@zazuko/yasqe/build/yasqe.min.css";

// No completion that reaches the network: LOV (class, property) and prefix.cc (prefixes) are
// removed; the page registers its own prefix completer from the project's prefix table.
for (const name of ["class", "property", "prefixes"]) {
  delete Yasqe.Autocompleters[name];
}
Yasqe.defaults.autocompleters = ["variables"];
Yasqe.defaults.prefixCcApi = null;
Yasqe.defaults.persistenceId = null;
Yasqe.defaults.consumeShareLink = null;
Yasqe.defaults.createShareableLink = null;
Yasqe.defaults.createShortLink = undefined;
Yasqe.defaults.showQueryButton = false;
if (Yasqe.defaults.requestConfig) {
  Yasqe.defaults.requestConfig.endpoint = "";
}

async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Milliseconds since the page's navigation at each step (for bench/ and the curious).
const times = { evaluated: performance.now() };
const ready = inflate(wasmGzip)
  .then((wasm) => {
    times.inflated = performance.now();
    return initOxigraph({ module_or_path: wasm });
  })
  .then(() => {
    times.instantiated = performance.now();
    return oxigraph;
  });

window.RdzlBrowser = { ready, oxigraph, Yasqe, times };
