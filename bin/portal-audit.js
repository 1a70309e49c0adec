#!/usr/bin/env node
// Launcher only: the CLI lives in dist/cli (built from src/ by `npm install` / `npm run build`).
import('../dist/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/main.js')) {
    console.error('portal-audit chưa được build / is not built: run `npm install` (or `npm run build`) first.');
  } else {
    console.error(err);
  }
  process.exit(3);
});
