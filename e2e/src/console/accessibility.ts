import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export interface AccessibilityViolation {
  id: string;
  impact: string;
  help: string;
  /** CSS selectors of the offending elements. */
  targets: string[];
}

interface AxeResults {
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
}

/** axe as the page has it once evaluated (the tests compile without the DOM's types); it checks the whole document. */
interface InPage {
  axe: { run(options: object): Promise<AxeResults> };
}

let axeSource: string | undefined;

/**
 * axe-core's serious and critical violations on the page as it is now. axe is evaluated in the page
 * rather than added as a `<script>` tag: the console's Content-Security-Policy (rightly) refuses
 * inline scripts, and the tests keep that policy in force.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AccessibilityViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const results = await page.evaluate(() => (globalThis as unknown as InPage).axe.run({ resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact as string, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
}
