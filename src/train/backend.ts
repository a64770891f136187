// TensorFlow.js backend: tfjs-node when it is installed and loads, else tfjs with the wasm backend.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export type Tf = typeof import('@tensorflow/tfjs');

export interface BackendInfo {
  backend: string;
  package: string;
  version: string;
  /** Why tfjs-node was not used, when it was not. */
  fallbackReason?: string;
}

let loaded: { tf: Tf; info: BackendInfo } | undefined;

/** Load TensorFlow.js once, preferring the native binding. */
export async function loadTf(): Promise<{ tf: Tf; info: BackendInfo }> {
  if (loaded) return loaded;
  let reason: string;
  try {
    const tf = require('@tensorflow/tfjs-node') as Tf;
    await tf.ready();
    loaded = {
      tf,
      info: {
        backend: tf.getBackend(),
        package: '@tensorflow/tfjs-node',
        version: tf.version.tfjs,
      },
    };
    return loaded;
  } catch (err) {
    reason = String((err as Error).message).split('\n')[0] ?? 'not installed';
  }
  const tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm');
  await tf.ready();
  loaded = {
    tf,
    info: {
      backend: tf.getBackend(),
      package: '@tensorflow/tfjs-backend-wasm',
      version: tf.version.tfjs,
      fallbackReason: reason,
    },
  };
  return loaded;
}
