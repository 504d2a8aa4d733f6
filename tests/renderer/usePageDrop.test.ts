// The page-wide drop target with fake drag events: only drags carrying files light it up and are taken,
// moving across the page's children keeps it lit (leave is judged by where the pointer went), leaving onto
// the sidebar or out of the window (Chromium reports 0, 0) turns it off, and a drop hands over the data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usePageDrop } from '../../src/renderer/src/components/datasets/usePageDrop';

const pageBox = { left: 184, right: 1440, top: 0, bottom: 2400 }; // taller than the window: it scrolls
const page = { getBoundingClientRect: () => pageBox };

function dragEvent(types: string[], x = 700, y = 400): DragEvent & { prevented: boolean } {
  const event = {
    prevented: false,
    clientX: x,
    clientY: y,
    currentTarget: page,
    dataTransfer: { types, dropEffect: 'none' },
    preventDefault() {
      event.prevented = true;
    },
  };
  return event as unknown as DragEvent & { prevented: boolean };
}

describe('usePageDrop', () => {
  beforeEach(() => {
    (globalThis as { window?: unknown }).window = { innerWidth: 1440, innerHeight: 900 };
  });
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it('lights up for files only, stays lit across children, and hands the drop over', () => {
    const taken: unknown[] = [];
    const drop = usePageDrop(() => true, (data) => taken.push(data));
    const text = dragEvent(['text/plain']);
    drop.onDragenter(text);
    drop.onDragover(text);
    expect(drop.active.value).toBe(false);
    expect(text.prevented).toBe(false); // the browser keeps its own handling of dragged text

    const over = dragEvent(['Files']);
    drop.onDragover(over); // no dragenter first: a drag that began over a child still counts
    expect(drop.active.value).toBe(true);
    expect(over.prevented).toBe(true);
    expect(over.dataTransfer!.dropEffect).toBe('copy');
    drop.onDragleave(dragEvent(['Files'], 500, 300)); // leaving the panel for the list: still on the page
    expect(drop.active.value).toBe(true);

    const dropped = dragEvent(['Files']);
    drop.onDrop(dropped);
    expect(drop.active.value).toBe(false);
    expect(dropped.prevented).toBe(true);
    expect(taken).toEqual([dropped.dataTransfer]);
    drop.onDrop(dragEvent(['text/plain']));
    expect(taken).toHaveLength(1);
  });

  it('goes dark when the pointer leaves for the sidebar or the window, also below the fold', () => {
    const drop = usePageDrop(() => true, () => undefined);
    for (const [x, y] of [[60, 400], [0, 0], [700, 1200]]) {
      drop.onDragover(dragEvent(['Files']));
      expect(drop.active.value).toBe(true);
      drop.onDragleave(dragEvent(['Files'], x, y));
      expect(drop.active.value, `left at ${x}, ${y}`).toBe(false);
    }
  });

  it('takes nothing where the shell cannot use a drop', () => {
    const taken: unknown[] = [];
    const drop = usePageDrop(() => false, (data) => taken.push(data));
    const event = dragEvent(['Files']);
    drop.onDragover(event);
    drop.onDrop(event);
    expect(drop.active.value).toBe(false);
    expect(event.prevented).toBe(false);
    expect(taken).toEqual([]);
  });
});
