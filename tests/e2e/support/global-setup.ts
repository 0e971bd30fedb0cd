// Before the browser tests: a clean artifacts/screenshots and axe report, so what they hold after a
// run is that run's.
import { mkdirSync, rmSync } from "node:fs";

export default function globalSetup(): void {
  rmSync("artifacts/screenshots", { recursive: true, force: true });
  rmSync("artifacts/axe-report.txt", { force: true });
  mkdirSync("artifacts/screenshots", { recursive: true });
}
