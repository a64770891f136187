// h5wasm, loaded once (its WebAssembly module must be ready before any file is opened).
import h5wasm from 'h5wasm/node';

let ready: Promise<typeof h5wasm> | undefined;

/** The h5wasm module after its WebAssembly has started. */
export function loadH5(): Promise<typeof h5wasm> {
  ready ??= h5wasm.ready.then(() => h5wasm);
  return ready;
}
