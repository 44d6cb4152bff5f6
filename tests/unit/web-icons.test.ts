// The first screen's icons are drawn light (web/components/icon.tsx) from lucide-preact's own
// drawings: this holds what that relies on — an icon component is a plain function that hands
// lucide's Icon the drawing — and that the light icon is lucide's SVG.
import { describe, expect, it } from 'vitest';
import type { VNode } from 'preact';
import { Fuel, Clock } from 'lucide-preact';
import { iconData, light } from '../../web/components/icon';

type Svg = VNode<Record<string, unknown> & { children: VNode<Record<string, unknown>>[] }>;

describe('light icons', () => {
  it('read the drawing from a lucide-preact icon', () => {
    const d = iconData(Fuel);
    expect(d.name).toBe('fuel');
    expect(d.node.length).toBeGreaterThan(0);
    for (const [tag, attrs] of d.node) {
      expect(tag).toBe('path');
      expect(typeof attrs.d).toBe('string');
    }
  });

  it("draw lucide's SVG: its attributes, classes and elements", () => {
    const svg = light(Clock)({ size: 18, class: 'icon', 'aria-hidden': 'true' }) as Svg;
    expect(svg.type).toBe('svg');
    const { children, ...attrs } = svg.props;
    expect(attrs).toEqual({
      xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 24 24', width: 18, height: 18, fill: 'none', stroke: 'currentColor',
      'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', class: 'lucide lucide-clock icon', 'aria-hidden': 'true',
    });
    const { key: _key, ...circle } = iconData(Clock).node[0][1];
    expect(children.map((c) => c.type)).toEqual(iconData(Clock).node.map(([tag]) => tag));
    expect(children[0].props).toEqual(circle);
  });

  it('made once per icon, drawn at any size, hidden from screen readers', () => {
    const Icon = light(Fuel);
    const a = Icon({ size: 20 }) as Svg, b = Icon({ size: 24, class: 'x' }) as Svg;
    expect(a.props.children).toBe(b.props.children);
    expect([a.props.width, b.props.width, a.props.class, b.props.class]).toEqual([20, 24, 'lucide lucide-fuel', 'lucide lucide-fuel x']);
    expect(a.props['aria-hidden']).toBe('true'); // as lucide-preact, without an aria prop
  });
});
