// The `defender-errors/overlay` entry for browsers, bundlers and any
// runtime with fetch, for a translator's own files: the module is fetched
// beside this file (bundlers see the `new URL(…,
// import.meta.url)` and ship it as an asset).
import init from './core.js';
import { ready } from './state.js';

const utf8 = new TextDecoder();
function decode(memory, ptr, len) {
  return utf8.decode(new Uint8Array(memory.buffer, ptr, len));
}

ready(await init({ module_or_path: new URL('./core_bg.wasm', import.meta.url) }), decode);

export * from './overlay-api.js';
