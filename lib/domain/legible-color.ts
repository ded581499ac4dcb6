/**
 * Delegation colours that stay legible where Accord shows them: as text and as chips
 * with white text on white pages (WCAG text contrast, at least 4.5:1 against white), and
 * as swatches on the dark header (`--ink-900`, at least 3:1, WCAG's contrast for
 * graphical objects). Both bounds fit in one band of luminance, so a colour is chosen
 * in it: from the palette first, then by hue, darkening or lightening until it fits.
 */
import { DELEGATION_PALETTE } from './delegation-color';

/** The dark header's background (`--ink-900` in app/globals.css). */
export const DARK_HEADER = '#0e1a30';
export const WHITE = '#ffffff';
/** Minimum contrast of the colour against white (text and white-on-colour chips). */
export const MIN_TEXT_CONTRAST = 4.5;
/** Minimum contrast of the colour against the dark header (swatches, graphical objects). */
export const MIN_DARK_CONTRAST = 3;

const HEX = /^#[0-9a-f]{6}$/i;

export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  if (!isHexColor(hex)) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio between two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export const LIGHT_INK = WHITE;
export const DARK_INK = '#000000';

/**
 * The text colour to write on a delegation's colour: white or black, whichever contrasts
 * more, so a chip or caret label in any colour (including older, lighter ones chosen
 * before the legibility rule) keeps at least 4.5:1. Anything not `#rrggbb` gets white.
 */
export function inkOn(background: string): string {
  if (!isHexColor(background)) return LIGHT_INK;
  return contrastRatio(background, LIGHT_INK) >= contrastRatio(background, DARK_INK) ? LIGHT_INK : DARK_INK;
}

/** Whether a colour is legible on white (≥ 4.5:1) and visible on the dark header (≥ 3:1). */
export function isLegibleDelegationColor(hex: string): boolean {
  return isHexColor(hex) && contrastRatio(hex, WHITE) >= MIN_TEXT_CONTRAST && contrastRatio(hex, DARK_HEADER) >= MIN_DARK_CONTRAST;
}

function hslToHex(h: number, s: number, l: number): string {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  const hex = (x: number) =>
    Math.round(x * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}

/** A legible colour of this hue (degrees), searching lightness from the middle of the band outwards. */
export function legibleColorForHue(hue: number, saturation = 0.7): string {
  for (let step = 0; step <= 60; step += 1) {
    for (const l of [0.4 - step * 0.005, 0.4 + step * 0.005]) {
      const candidate = hslToHex(((hue % 360) + 360) % 360, saturation, l);
      if (isLegibleDelegationColor(candidate)) return candidate;
    }
  }
  return '#1f5fbf';
}

/**
 * A colour for a new delegation: the first legible palette colour nobody uses, else a
 * legible colour of a hue spread away from those taken (golden-angle steps).
 */
export function assignDelegationColor(taken: readonly string[]): string {
  const used = new Set(taken.map((c) => c.toLowerCase()));
  const free = DELEGATION_PALETTE.find((c) => !used.has(c) && isLegibleDelegationColor(c));
  if (free) return free;
  for (let i = 0; i < 360; i += 1) {
    const candidate = legibleColorForHue((used.size + i) * 137.508);
    if (!used.has(candidate)) return candidate;
  }
  return legibleColorForHue(used.size * 137.508);
}
