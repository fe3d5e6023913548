import type * as PdfjsModule from 'pdfjs-dist';

type Pdfjs = typeof PdfjsModule;
let pdfjs: Promise<Pdfjs> | undefined;

/** Where the build puts pdf.js's fonts, character maps and image decoders. */
export const ASSETS = '/pdfjs';

/** pdf.js is large: loaded when the first PDF is opened (or a page is about to need it), never with the first screen. */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([library, worker]) => {
    library.GlobalWorkerOptions.workerSrc = worker.default;
    return library;
  });
  return pdfjs;
}

/** The options every document is opened with. */
export const DOCUMENT_OPTIONS = {
  standardFontDataUrl: `${ASSETS}/standard_fonts/`,
  cMapUrl: `${ASSETS}/cmaps/`,
  cMapPacked: true,
  wasmUrl: `${ASSETS}/wasm/`,
  verbosity: 0,
} as const;
