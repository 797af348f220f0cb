import type uPlot from 'uplot';

let loading: Promise<typeof uPlot> | null = null;

/**
 * uPlot (and its stylesheet, in the chart component's styles) is fetched the first time a
 * chart opens, never with the initial page.
 */
export function loadUplot(): Promise<typeof uPlot> {
  loading ??= import('uplot').then(
    (module) => module.default,
    (error: unknown) => {
      // A failed chunk (say, after a redeploy) may load on the next try.
      loading = null;
      throw error;
    },
  );
  return loading;
}
