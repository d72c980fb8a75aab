// Copies the browser builds Hindsight serves from /vendor/ out of node_modules (no bundler: each is a ready-made file).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const target = process.argv[2] ?? "target/classes/static/vendor";
const files = {
  "vis-timeline/standalone/umd/vis-timeline-graph2d.min.js": "vis-timeline.min.js",
  "vis-timeline/styles/vis-timeline-graph2d.min.css": "vis-timeline.min.css",
  "echarts/dist/echarts.min.js": "echarts.min.js",
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
};
for (const [from, to] of Object.entries(files)) {
  const out = join(target, to);
  mkdirSync(dirname(out), { recursive: true });
  copyFileSync(join("node_modules", from), out);
}

// vis-timeline's standalone build injects its stylesheet through <style> elements, which our Content-Security-Policy
// refuses (style-src 'self'). We serve that stylesheet as a file, so its injector is switched off here. The pattern
// belongs to the pinned version; if an upgrade changes it, the build stops instead of shipping console errors.
const vis = join(target, "vis-timeline.min.js");
const injector = 'var i=e.insertAt;if(t&&"undefined"!=typeof document)';
const code = readFileSync(vis, "utf8");
if (!code.includes(injector)) {
  console.error("vendor: vis-timeline's style injector was not found; check scripts/vendor.mjs against the pinned version");
  process.exit(1);
}
writeFileSync(vis, code.replace(injector, 'var i=e.insertAt;if(false)'));
console.log(`vendor: copied ${Object.keys(files).length} files to ${target}`);
