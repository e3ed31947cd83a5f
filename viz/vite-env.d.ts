// Type declarations for Vite features the viewer uses (CSS imports, workers by URL).
/// <reference types="vite/client" />
