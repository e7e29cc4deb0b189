// The entry point for Node: the module is read from the package's folder.
import { readFileSync } from 'node:fs';
import { initSync } from './core.js';
import { ready } from './state.js';

initSync({ module: readFileSync(new URL('./core_bg.wasm', import.meta.url)) });
ready();

export * from './api.js';
