export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Least-squares slope of y over x (units of y per unit of x). */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  if (points.length < 2) return 0;
  const mx = mean(points.map((point) => point.x));
  const my = mean(points.map((point) => point.y));
  const numerator = points.reduce((sum, point) => sum + (point.x - mx) * (point.y - my), 0);
  const denominator = points.reduce((sum, point) => sum + (point.x - mx) ** 2, 0);
  return denominator === 0 ? 0 : numerator / denominator;
}
