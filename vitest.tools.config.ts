import { defineConfig } from 'vitest/config';

/** Tests that need Debian tools (poppler-utils, qpdf, LibreOffice): run by `npm run test:tools`. */
export default defineConfig({
  test: {
    include: ['tests/tools/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
