// Jest runs the ES-module sources as ES modules (node --experimental-vm-modules, set by the npm
// scripts), so the @actions/* packages, which ship ESM only, load exactly as in the bundle.
const tsJest = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: tsJest,
  testEnvironment: 'node',
};
const e2e = { ...common, testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'] };
export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    // Every end-to-end test on both engines (__tests__/support/engine-under-test.ts): Debian's 20.10
    // at the default socket, and the harness's Docker 29 with the containerd image store.
    { ...e2e, displayName: 'e2e' },
    { ...e2e, displayName: 'e2e-docker29', setupFiles: ['<rootDir>/__tests__/support/on-docker29.ts'] },
  ],
  // e2e files build on a real engine; this bounds a hung one.
  testTimeout: 180000,
};
