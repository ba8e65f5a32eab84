#!/usr/bin/env node
// The command-line planner. `npm run build` bundles src/local/planner/ into dist/.
try {
  require('../dist/peer-coaching.cjs');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('peer-coaching.cjs')) {
    console.error('peer-coaching: not built yet. Run `npm run build` first.');
    process.exit(1);
  }
  throw error;
}
