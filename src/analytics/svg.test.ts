import { describe, expect, it } from 'vitest';
import { barChart, escapeXml, funnel } from './svg.js';

const heights = (svg: string) => [...svg.matchAll(/<rect class="bar" [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
const widths = (svg: string) => [...svg.matchAll(/<rect class="step" [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('svg charts', () => {
  it('escapes text for elements and both kinds of quoted attributes', () => {
    expect(escapeXml(`<a href="x" onload='y'>&`)).toBe('&lt;a href=&quot;x&quot; onload=&#39;y&#39;&gt;&amp;');
  });

  it('draws bars in proportion to the largest value, one per series and category', () => {
    const svg = barChart({
      title: 'Sessions',
      description: 'per day',
      categories: ['12-01', '12-02'],
      series: [
        { name: 'started', values: [10, 5] },
        { name: 'completed', values: [4, 0] },
      ],
    });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img" viewBox="0 0 720 260"/);
    expect(svg).toContain('<title id="t">Sessions</title><desc id="d">per day</desc>');
    const [a = 0, b = 0, c = 0, d = 0] = heights(svg);
    expect([a, b, c, d].map((h) => Math.round((h / a) * 10) / 10)).toEqual([1, 0.4, 0.5, 0]);
    expect(svg).toContain('<title>12-01, started: 10</title>');
  });

  it('keeps markup out of labels and numbers only in geometry, whatever the data', () => {
    const svg = barChart({
      title: '</title><script>alert(1)</script>',
      description: 'x" onmouseover="alert(1)',
      categories: ['<img src=x onerror=alert(1)>'],
      series: [{ name: '"><script>', values: [Number.NaN] }],
    });
    expect(svg).not.toMatch(/<script|<img|onmouseover="/);
    expect(heights(svg)).toEqual([0]);
  });

  it('draws a funnel relative to its first step', () => {
    const svg = funnel({ title: 'Funnel', description: 'steps', steps: [{ label: 'name', value: 8 }, { label: 'birth_date', value: 6 }, { label: 'place', value: 2 }] });
    const [first = 0, second = 0, third = 0] = widths(svg);
    expect(Math.round((second / first) * 100)).toBe(75);
    expect(Math.round((third / first) * 100)).toBe(25);
    expect(svg).toContain('6 (75%)');
    expect(funnel({ title: 'Empty', description: 'none', steps: [] })).toContain('No data yet');
  });
});
