import { describe, expect, it } from 'vitest';
import { distanceFontPx, parseDistance, wallScale } from '../../../src/lib/wall-scale.ts';

describe('wall type scale', () => {
  it('keeps body text at 2.5 % of the screen height', () => {
    expect(wallScale(1080).minPx).toBe(27);
    expect(wallScale(720).minPx).toBe(18);
    expect(wallScale(1080).maxPx).toBeGreaterThan(wallScale(1080).minPx);
  });

  it('raises the minimum for a far back row by the 1/200 rule', () => {
    // 12 m on a 1.5 m screen: capitals 6 cm = 4 % of the height = 43 px at 1080p, font = cap / 0.7.
    expect(distanceFontPx(1080, 12)).toBeCloseTo((0.06 / 1.5) * 1080 / 0.7, 5);
    expect(wallScale(1080, 12).minPx).toBeCloseTo(61.7, 1);
    // A near back row never lowers it below the screen-height floor.
    expect(wallScale(1080, 2).minPx).toBe(27);
    expect(wallScale(1080, 12).maxPx).toBeGreaterThanOrEqual(wallScale(1080, 12).minPx);
  });

  it('reads ?distance= in metres and refuses nonsense', () => {
    expect(parseDistance('8')).toBe(8);
    expect(parseDistance('7,5')).toBe(7.5);
    expect(parseDistance('')).toBeNull();
    expect(parseDistance(null)).toBeNull();
    expect(parseDistance('0.2')).toBeNull();
    expect(parseDistance('1e9')).toBeNull();
    expect(parseDistance('far')).toBeNull();
  });
});
