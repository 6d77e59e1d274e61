#!/usr/bin/env node
// `perp` CLI: registers tsx so the TypeScript sources run as they are, then hands over to main.
require("tsx/cjs");
const { main } = require("../src/cli/main.ts");
main(process.argv).then((code) => process.exit(code));
