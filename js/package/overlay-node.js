// The `defender-errors/overlay` entry for Node, for a translator's own
// files: the module is read from the package's folder,
// and text is read out of its memory with Buffer, Node's fastest decoder.
import { readFileSync } from 'node:fs';
import { initSync } from './core.js';
import { ready } from './state.js';

let view;
function decode(memory, ptr, len) {
  if (view?.buffer !== memory.buffer) view = Buffer.from(memory.buffer);
  return view.utf8Slice(ptr, ptr + len);
}

ready(initSync({ module: readFileSync(new URL('./core_bg.wasm', import.meta.url)) }), decode);

export * from './overlay-api.js';
