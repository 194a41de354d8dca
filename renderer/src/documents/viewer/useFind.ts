import { useCallback, useEffect, useState } from 'react';
import type { TextContent } from 'pdfjs-dist/types/src/display/api';
import { buildPageText, type FindHit, findInPages } from './find';

export interface FindState {
  query: string;
  setQuery(query: string): void;
  hits: FindHit[];
  /** Index into `hits`, or -1. */
  current: number;
  busy: boolean;
  step(direction: 1 | -1): void;
}

/** Find across all pages: the text is fetched once per page, matching waits for typing to pause. */
export function useFind(
  pageCount: number,
  textContent: (pageIndex: number) => Promise<TextContent>,
  currentPage: number,
  goToHit: (hit: FindHit) => void,
): FindState {
  const [query, setQuery] = useState('');
  // Results remember the query they answer; a newer query shows as busy until its own arrive.
  const [result, setResult] = useState<{ query: string; hits: FindHit[] }>({ query: '', hits: [] });
  const [current, setCurrent] = useState(-1);
  const empty = query.trim() === '';
  const hits = empty ? NO_HITS : result.hits;
  const busy = !empty && result.query !== query;

  useEffect(() => {
    if (query.trim() === '' || pageCount === 0) return;
    let live = true;
    const timer = setTimeout(() => {
      void Promise.all(
        Array.from({ length: pageCount }, (_, i) =>
          textContent(i).then(
            (c) => buildPageText(c.items.filter((item) => 'str' in item)),
            () => undefined,
          ),
        ),
      ).then((pages) => {
        if (!live) return;
        const found = findInPages(pages, query);
        setResult({ query, hits: found });
        // Start from the page the reader is on, as a reader would expect.
        const first = found.findIndex((h) => h.pageIndex >= currentPage);
        const start = found.length === 0 ? -1 : first === -1 ? 0 : first;
        setCurrent(start);
        const hit = found[start];
        if (hit) goToHit(hit);
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // currentPage and goToHit are read when a search starts; a scroll must not re-run it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, pageCount, textContent]);

  const step = useCallback(
    (direction: 1 | -1) => {
      if (hits.length === 0) return;
      const next = (current + direction + hits.length) % hits.length;
      setCurrent(next);
      const hit = hits[next];
      if (hit) goToHit(hit);
    },
    [hits, current, goToHit],
  );

  return { query, setQuery, hits, current: empty ? -1 : current, busy, step };
}

const NO_HITS: FindHit[] = [];
