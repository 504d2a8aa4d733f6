// Files dragged over a whole page: a highlight while they hover (`active`) and the DataTransfer handed over on
// drop. Only drags that carry files count (dragged text or links pass through). Leaving is decided by where
// the pointer went, not by counting enter/leave pairs: crossing a child fires leave on the parent, and a
// drag that began elsewhere may never have sent the page its first dragenter.
import { ref, type Ref } from 'vue';

export interface PageDrop {
  /** True while files are dragged over the page. */
  active: Ref<boolean>;
  onDragenter(event: DragEvent): void;
  onDragover(event: DragEvent): void;
  onDragleave(event: DragEvent): void;
  onDrop(event: DragEvent): void;
}

/**
 * `accept` says whether drops are taken at all (checked on every event); `take` gets the drop's
 * DataTransfer and must read it synchronously (the browser empties it when the handler returns).
 * Bind the four handlers on the element that is the page.
 */
export function usePageDrop(accept: () => boolean, take: (data: DataTransfer) => void): PageDrop {
  const active = ref(false);
  const carriesFiles = (event: DragEvent): boolean => accept() && Array.from(event.dataTransfer?.types ?? []).includes('Files');
  function hovering(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault(); // without it the browser would open the file instead of dropping it here
    event.dataTransfer!.dropEffect = 'copy';
    active.value = true;
  }
  return {
    active,
    onDragenter: hovering,
    onDragover: hovering,
    onDragleave(event) {
      // Visible part of the page: its box clipped to the window (Chromium reports 0, 0 when a drag leaves it).
      const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
      const [x, y] = [event.clientX, event.clientY];
      const inside = x > Math.max(box.left, 0) && x < Math.min(box.right, window.innerWidth) && y > Math.max(box.top, 0) && y < Math.min(box.bottom, window.innerHeight);
      if (!inside) active.value = false; // the pointer left the page: onto the sidebar, or out of the window
    },
    onDrop(event) {
      active.value = false;
      if (!carriesFiles(event)) return;
      event.preventDefault();
      take(event.dataTransfer!);
    },
  };
}
