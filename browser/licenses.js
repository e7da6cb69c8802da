// Write LICENSE-<package>.txt for every package inside the bundle and VERSIONS.txt (package,
// version, licence; sha256 of each built file) into the folder given as the only argument.
// Packages that ship no licence file in their npm tarball get the text kept in licenses/.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const out = process.argv[2];
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const BUNDLED_ROOTS = ["oxigraph", "@zazuko/yasqe"];

function info(name) {
  const entry = lock.packages["node_modules/" + name];
  if (!entry) throw new Error(`${name} is not in package-lock.json`);
  return entry;
}

// The roots and their production dependencies, transitively (yasqe's build inlines them).
const seen = new Set();
const todo = [...BUNDLED_ROOTS];
while (todo.length) {
  const name = todo.shift();
  if (seen.has(name)) continue;
  seen.add(name);
  todo.push(...Object.keys(info(name).dependencies || {}));
}
const packages = [...seen].sort();

function licenceText(name) {
  const dir = path.join("node_modules", name);
  const own = fs.readdirSync(dir).filter((f) => /^(licen[cs]e|copying)/i.test(f)).sort();
  if (own.length) return own.map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n\n");
  const kept = path.join("licenses", name.replace("/", "+") + ".txt");
  if (!fs.existsSync(kept)) throw new Error(`${name} ships no licence file and ${kept} is missing`);
  return fs.readFileSync(kept, "utf8");
}

const lines = ["# The vendored query engine and editor of the site, built by browser/build.sh.",
  `# esbuild ${info("esbuild").version}; node ${process.version}. Columns: kind, name, version or sha256, licence.`];
for (const file of ["rdzl-browser.js", "rdzl-browser.css"]) {
  const bytes = fs.readFileSync(path.join(out, file));
  const sha = crypto.createHash("sha256").update(bytes).digest("hex");
  lines.push(["file", file, sha, `${bytes.length} bytes`].join("\t"));
}
for (const name of packages) {
  const entry = info(name);
  lines.push(["package", name, entry.version, entry.license || "see licence file"].join("\t"));
  const file = "LICENSE-" + name.replace("@", "").replace("/", "-") + ".txt";
  fs.writeFileSync(path.join(out, file), `${name} ${entry.version} (${entry.license})\n\n${licenceText(name)}`);
}
fs.writeFileSync(path.join(out, "VERSIONS.txt"), lines.join("\n") + "\n");
