import { defineConfig } from 'vitest/config';

// Browser journeys: one real backend per file, real Chromium, run one file at a time; and unit
// specs of the app's plain logic (src/**/*.spec.ts), which need neither.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts', 'src/**/*.spec.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The UI answers after a real request; on a loaded CI machine that can take more than a second.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
