import '@etapiste/shared/strict-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startRing, stopRing } from './ring-tone.ts';
import { useInterpreterStore } from './store/index.ts';
import '@etapiste/shared/react/staff-console.css';
import './styles.css';

// The ring sounds while a request rings here, and stops the moment the last ring stops.
useInterpreterStore.subscribe((state) => (state.offers.length > 0 && state.session === null ? startRing() : stopRing()));

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
