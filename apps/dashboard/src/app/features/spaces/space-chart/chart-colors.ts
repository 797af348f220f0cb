/**
 * uPlot paints on a canvas, which cannot read CSS variables, and the theme's colours are
 * `light-dark()` pairs. A probe element lets the browser resolve them for the current scheme.
 */
export function resolveColor(host: HTMLElement, cssVariable: string): string {
  const probe = host.ownerDocument.createElement('span');
  probe.style.color = `var(${cssVariable})`;
  probe.style.display = 'none';
  host.appendChild(probe);
  const color = host.ownerDocument.defaultView?.getComputedStyle(probe).color ?? '';
  probe.remove();
  return color;
}

export interface ChartColors {
  cpu: string;
  memory: string;
  upload: string;
  download: string;
  text: string;
  grid: string;
}

export function resolveChartColors(host: HTMLElement): ChartColors {
  return {
    cpu: resolveColor(host, '--hf-chart-cpu'),
    memory: resolveColor(host, '--hf-chart-memory'),
    upload: resolveColor(host, '--hf-chart-upload'),
    download: resolveColor(host, '--hf-chart-download'),
    text: resolveColor(host, '--mat-sys-on-surface-variant'),
    grid: resolveColor(host, '--mat-sys-outline-variant'),
  };
}
