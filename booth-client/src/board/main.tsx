import '@etapiste/shared/strict-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BoardApp } from './BoardApp.tsx';
import './board.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from board.html');
createRoot(root).render(
  <StrictMode>
    <BoardApp />
  </StrictMode>,
);
