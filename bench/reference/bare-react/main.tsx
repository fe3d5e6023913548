// The reference the renderer's bundle is measured against: React 19 rendering one heading.
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root') as HTMLElement).render(<h1>Timbang</h1>);
