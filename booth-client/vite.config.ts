import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

// Served by the signalling server at /booth/: the kiosk (index.html) and the queue board (board.html).
export default defineConfig({
  base: '/booth/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The kiosk bundle (React, mediasoup-client, zod) is ~570 kB, loaded once and cached.
    chunkSizeWarningLimit: 800,
    rollupOptions: { input: { index: page('index.html'), board: page('board.html') } },
  },
});
