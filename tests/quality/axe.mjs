// Runs axe-core in headless Chromium (driven by playwright-core) on the given
// HTML files, each in the light and dark colour schemes and in forced
// colours, and prints {"file [mode]": [violations...]} as JSON on stdout.
// Usage: node axe.mjs CHROMIUM_PATH FILE...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [executablePath, ...files] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const results = {};
try {
  const page = await browser.newPage();
  // Every page in the light and the dark colour scheme, and in forced colours.
  const modes = [
    ["", { colorScheme: "light", forcedColors: "none" }],
    [" [dark]", { colorScheme: "dark", forcedColors: "none" }],
    [" [forced-colors]", { colorScheme: "light", forcedColors: "active" }],
  ];
  for (const file of files) for (const [suffix, mode] of modes) {
    await page.emulateMedia(mode);
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ content: axeSource });
    const r = await page.evaluate(async () =>
      await window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      }));
    results[file + suffix] = r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
    }));
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 1));
