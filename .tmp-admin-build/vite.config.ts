import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the signalling server at /agent/.
export default defineConfig({
  base: '/agent/',
  plugins: [react()],
  // One bundle (React, mediasoup-client, zod) of ~570 kB, loaded once and cached.
  build: { outDir: '/tmp/admin-build-dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
});
