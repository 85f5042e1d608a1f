import { describe, expect, it } from 'vitest';
import { placeToasts } from './toast';

// A 1366×768 window and a 300×50 stack of messages.
const W = 1366;
const H = 768;
const box = (left: number, top: number, right: number, bottom: number) => ({ left, top, right, bottom });

describe('where messages stand', () => {
  it('at the bottom right when nothing is there', () => {
    expect(placeToasts(300, 50, W, H, [box(20, 100, 400, 130)])).toEqual({ left: W - 16 - 300, top: H - 16 - 50 });
  });

  it('just above a button at the bottom right, never over it', () => {
    const remove = box(1250, 700, 1330, 730);
    const spot = placeToasts(300, 50, W, H, [remove])!;
    expect(spot.left).toBe(W - 16 - 300);
    expect(spot.top + 50).toBeLessThanOrEqual(remove.top);
  });

  it('up the right edge past a column of buttons, else on the left edge', () => {
    // "Remove" buttons on every row from the top to the bottom of the window, on the right.
    const column = Array.from({ length: 24 }, (_, i) => box(1250, 10 + i * 32, 1330, 36 + i * 32));
    const spot = placeToasts(300, 50, W, H, column)!;
    expect(spot).toEqual({ left: 16, top: H - 16 - 50 });
  });

  it('nowhere (null: the default place) when the window is full of controls', () => {
    expect(placeToasts(300, 50, W, H, [box(0, 0, W, H)])).toBeNull();
  });
});
