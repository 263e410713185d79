#!/usr/bin/env node
// The CLI ships prebuilt in dist/ (built by `npm install` through the prepare script).
require('../dist/cli.js')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code), () => process.exit(2));
