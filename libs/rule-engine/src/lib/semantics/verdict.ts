import type { Verdict } from '../model';

/**
 * The one verdict rule (SEMANTICS.md "Rules"): PASSED when passRate ≥ MOSTLY/100. The comparison is done
 * on integers so that `MOSTLY 99.5%` with 995 of 1000 rows passing is exactly at the boundary.
 */
export function verdictOf(
  rowsChecked: number,
  failedCount: number,
  mostly?: string,
  datasetLevel = false,
): { passRate: number; verdict: Exclude<Verdict, 'ERROR'> } {
  const passRate = datasetLevel
    ? 1 - Math.min(failedCount, 1)
    : rowsChecked === 0
      ? 1
      : (rowsChecked - failedCount) / rowsChecked;
  const [whole, frac = ''] = (mostly ?? '100').split('.');
  const scale = 10n ** BigInt(frac.length);
  const m = BigInt(whole + frac);
  // Dataset-level rules have a 0/1 pass rate; treat them as one "row" for the comparison.
  const rows = BigInt(datasetLevel ? 1 : rowsChecked);
  const passed = datasetLevel ? BigInt(1 - Math.min(failedCount, 1)) : BigInt(rowsChecked - failedCount);
  const ok = rows === 0n ? true : passed * 100n * scale >= m * rows;
  return { passRate, verdict: ok ? 'PASSED' : 'FAILED' };
}
