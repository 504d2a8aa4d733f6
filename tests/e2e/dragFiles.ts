// Drags real files and folders from disk onto a page, through Chromium's own drag-and-drop pipeline (CDP
// Input.dispatchDragEvent), as an OS file manager would: the page gets a trusted DragEvent whose
// DataTransfer holds real File objects and real FileSystem entries (webkitGetAsEntry, readEntries), not
// objects the test made up.
import type { CDPSession, Page } from '@playwright/test';

export interface FileDrag {
  /** Moves the drag over (x, y) in CSS pixels of the viewport: dragenter, then dragover. */
  hover(x: number, y: number): Promise<void>;
  /** Drops where it last hovered. */
  drop(): Promise<void>;
  /** Ends the drag without dropping (the pointer left the window, or Escape). */
  cancel(): Promise<void>;
}

type DragData = { items: Array<{ mimeType: string; data: string }>; files?: string[]; dragOperationsMask: number };

/** Starts a drag of `paths` (absolute; folders included) or, with `text`, of plain text and no files. */
export async function startFileDrag(page: Page, what: { paths: string[] } | { text: string }): Promise<FileDrag> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const data: DragData = 'paths' in what ? { items: [], files: what.paths, dragOperationsMask: 1 } : { items: [{ mimeType: 'text/plain', data: what.text }], dragOperationsMask: 1 };
  let at = { x: 0, y: 0 };
  let entered = false;
  return {
    async hover(x, y) {
      at = { x, y };
      if (!entered) await cdp.send('Input.dispatchDragEvent', { type: 'dragEnter', ...at, data });
      entered = true;
      await cdp.send('Input.dispatchDragEvent', { type: 'dragOver', ...at, data });
    },
    async drop() {
      await cdp.send('Input.dispatchDragEvent', { type: 'drop', ...at, data });
      await cdp.detach();
    },
    async cancel() {
      await cdp.send('Input.dispatchDragEvent', { type: 'dragCancel', ...at, data });
      await cdp.detach();
    },
  };
}
