import { describe, expect, it } from 'vitest';
import { DELEGATION_PALETTE, OBSERVER_COLOR, SECRETARIAT_COLOR } from './delegation-color';
import {
  DARK_HEADER,
  DARK_INK,
  LIGHT_INK,
  MIN_DARK_CONTRAST,
  MIN_TEXT_CONTRAST,
  WHITE,
  assignDelegationColor,
  contrastRatio,
  inkOn,
  isLegibleDelegationColor,
  legibleColorForHue,
  relativeLuminance,
} from './legible-color';

describe('contrast math (WCAG 2)', () => {
  it('gives the known extremes and reference values', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 10);
    // #767676 is the classic lightest grey with 4.5:1 on white.
    expect(contrastRatio('#767676', WHITE)).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', WHITE)).toBeLessThan(4.5);
  });

  it('is symmetric and refuses what is not #rrggbb', () => {
    expect(contrastRatio('#1f5fbf', WHITE)).toBe(contrastRatio(WHITE, '#1f5fbf'));
    expect(() => relativeLuminance('red')).toThrow();
    expect(isLegibleDelegationColor('#fff')).toBe(false);
  });
});

describe('legible delegation colours', () => {
  it('refuses pale colours (unreadable on white) and near-black ones (invisible on the header)', () => {
    expect(isLegibleDelegationColor('#f1c40f')).toBe(false);
    expect(isLegibleDelegationColor('#0b1020')).toBe(false);
    expect(isLegibleDelegationColor('#c0392b')).toBe(true);
    // Dark navy: fine on white, lost on the header.
    expect(isLegibleDelegationColor('#283593')).toBe(false);
  });

  it('finds a legible colour for every hue', () => {
    for (let hue = 0; hue < 360; hue += 7) {
      const color = legibleColorForHue(hue);
      expect(contrastRatio(color, WHITE)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      expect(contrastRatio(color, DARK_HEADER)).toBeGreaterThanOrEqual(MIN_DARK_CONTRAST);
    }
  });

  it('assigns unused colours, each legible on white (≥ 4.5:1) and on the dark header (≥ 3:1)', () => {
    const taken: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const color = assignDelegationColor(taken);
      expect(taken).not.toContain(color);
      expect(contrastRatio(color, WHITE)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(color, DARK_HEADER)).toBeGreaterThanOrEqual(3);
      taken.push(color);
    }
  });

  it('prefers a free palette colour', () => {
    const first = DELEGATION_PALETTE.find((c) => isLegibleDelegationColor(c));
    expect(assignDelegationColor([])).toBe(first);
    expect(assignDelegationColor([first!])).not.toBe(first);
  });
});

describe('text on delegation colours (inkOn)', () => {
  it('keeps at least 4.5:1 on every colour of the palette, the secretariat and observers', () => {
    for (const color of [...DELEGATION_PALETTE, SECRETARIAT_COLOR, OBSERVER_COLOR]) {
      expect(contrastRatio(color, inkOn(color)), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('writes dark on light colours and white on dark ones', () => {
    expect(inkOn('#b7950b')).toBe(DARK_INK);
    expect(inkOn('#ef6c00')).toBe(DARK_INK);
    expect(inkOn('#1f5fbf')).toBe(LIGHT_INK);
    expect(inkOn('not a colour')).toBe(LIGHT_INK);
  });
});

describe('every colour a delegation can have keeps its text legible', () => {
  // The demo's colours (server/seed/seed-demo.ts takes the palette in order), the colours
  // assigned to new delegations one after another, and the fallback hues.
  const assigned: string[] = [];
  for (let i = 0; i < 40; i += 1) assigned.push(assignDelegationColor(assigned));
  const hues = Array.from({ length: 36 }, (_, i) => legibleColorForHue(i * 10));
  const all = [...DELEGATION_PALETTE, ...assigned, ...hues, SECRETARIAT_COLOR, OBSERVER_COLOR];

  it('writes codes and names on the colour (chips, author tags, caret labels) at 4.5:1 or more', () => {
    for (const color of all) expect(contrastRatio(color, inkOn(color)), color).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });

  it('draws assigned colours as text at 4.5:1 on white and as marks at 3:1 on the dark header', () => {
    for (const color of [...assigned, ...hues]) {
      expect(contrastRatio(color, WHITE), color).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      expect(contrastRatio(color, DARK_HEADER), color).toBeGreaterThanOrEqual(MIN_DARK_CONTRAST);
    }
  });

  it('keeps the header text (white) at 4.5:1 on the dark header beside any swatch', () => {
    expect(contrastRatio(WHITE, DARK_HEADER)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(contrastRatio(WHITE, '#14213d')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });
});
