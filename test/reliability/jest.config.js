/** @type {import('jest').Config} */
// `npm run test:reliability`: the fault and fuzz tests of test/reliability (slow; not part of `npm test`).
const base = require('../../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/test/reliability/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 180_000,
  // The tests stop servers, kill processes and load the machine's two cores: one file at a time keeps them honest.
  maxWorkers: 1,
};
