// Copies the data files the compiled service reads next to it in dist/, so dist/ runs without src/.
import { cpSync } from 'node:fs';

cpSync('src/places/data', 'dist/src/places/data', { recursive: true });
