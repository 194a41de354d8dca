import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '../../../renderer/src/i18n';
import { PdfViewer } from '../../../renderer/src/documents/viewer/PdfViewer';
import '../../../renderer/src/styles.css';
import { FIXTURE_URL, liveCanvases, until } from './bench-api';

const painted = (n: number) =>
  document.querySelector(`.pdf-page[data-page-index="${n - 1}"] canvas[data-painted]`) !== null;

let setPage: (page: number) => void = () => undefined;

function Harness({ data }: { data: Uint8Array }) {
  const [page, setPageState] = useState<number | undefined>(undefined);
  setPage = setPageState;
  return (
    <div style={{ height: '100vh' }}>
      <PdfViewer data={data} page={page} />
    </div>
  );
}

async function main() {
  await setupI18n();
  const data = new Uint8Array(await (await fetch(FIXTURE_URL)).arrayBuffer());
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  window.bench = {
    firstPaint: null,
    pageCount: 0,
    goTo: async (n) => {
      setPage(n - 1);
      await until(() => painted(n));
    },
    liveCanvases,
  };
  createRoot(root).render(<Harness data={data} />);
  await until(() => painted(1));
  window.bench.firstPaint = performance.now();
  window.bench.pageCount = document.querySelectorAll('.pdf-page').length;
}

void main();
