import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the signalling server at /booth/.
export default defineConfig({
  base: '/booth/',
  plugins: [react()],
  // One bundle (React, mediasoup-client, zod) of ~570 kB, loaded once and cached.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
});
