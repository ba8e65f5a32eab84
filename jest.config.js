// One jest project per test layer (see README "Tests"). Type checking is done by `npm run typecheck`
// over every tsconfig, so ts-jest only transpiles here.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.node.json', diagnostics: false }],
};
const layer = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  ...extra,
});

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000, // the browser layer starts Chromium; others finish far inside it
  maxWorkers: 2, // the machine (and CI) has 2 cores; jest's default leaves one idle
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    layer('core'),
    layer('emulation'),
    layer('gas'),
    layer('bundle'),
    layer('planner'),
    layer('simulate'),
    layer('browser'),
  ],
};
