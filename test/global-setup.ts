import { execFileSync } from 'node:child_process';

// CLI tests spawn the package's bin (the bundle, dist/bundle/cli.js): build once before the suite.
// Type errors are reported by the separate typecheck step of .ci/run; emitting here keeps the suite
// independent of it.
export default function setup(): void {
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { stdio: 'pipe' });
  } catch {
    // tsc exits non-zero on type errors but still emits; the typecheck step fails the build.
  }
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'pipe' });
}
