import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the signalling server at /booth/.
export default defineConfig({
  base: '/booth/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
