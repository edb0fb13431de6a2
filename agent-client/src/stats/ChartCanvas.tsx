import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
Chart.defaults.font.size = 14;
Chart.defaults.color = '#1c1f24';

/**
 * Colour-blind-safe series colours (Okabe–Ito, without the light yellow), all at least 3:1
 * against white.
 */
export const seriesColours = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#000000', '#8a6a00', '#56748f'] as const;

const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

/**
 * A Chart.js chart. The canvas is an image to assistive technology, named by `label` (a short
 * summary); every chart also has a table of its figures next to it (see ChartFigure).
 */
export function ChartCanvas({ config, label }: { config: ChartConfiguration; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...config,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        ...(reducedMotion() ? { animation: false } : {}),
        ...config.options,
      },
    } as ChartConfiguration);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="stats-chart__canvas">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
