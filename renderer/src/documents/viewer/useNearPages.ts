import { type RefObject, useEffect, useState } from 'react';

/**
 * Indices of the `[data-page-index]` children of `root` within `margin` of its visible box,
 * tracked with an IntersectionObserver so only those pages hold canvases.
 */
export function useNearPages(
  root: RefObject<HTMLElement | null>,
  pageCount: number,
  margin: string,
): ReadonlySet<number> {
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set([0]));
  useEffect(() => {
    const el = root.current;
    if (!el || pageCount === 0) return;
    const current = new Set<number>();
    const observer = new IntersectionObserver(
      (entries) => {
        let changed = false;
        for (const entry of entries) {
          const index = Number((entry.target as HTMLElement).dataset.pageIndex);
          if (entry.isIntersecting && !current.has(index)) {
            current.add(index);
            changed = true;
          } else if (!entry.isIntersecting && current.delete(index)) changed = true;
        }
        if (changed) setNear(new Set(current));
      },
      { root: el, rootMargin: margin },
    );
    el.querySelectorAll<HTMLElement>('[data-page-index]').forEach((page) => observer.observe(page));
    return () => observer.disconnect();
  }, [root, pageCount, margin]);
  return near;
}
