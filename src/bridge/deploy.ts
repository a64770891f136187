// `dynalign deploy`: quantise for the fpga core, check the device can hold it, upload it.
import type { IrModel } from '../ir/model.js';
import type { TargetOptions } from '../../targets/fpga/src/prepare.js';
import { DeviceClient } from './client.js';
import type { DeviceInfo } from './info.js';
import { buildDeployment, checkFits, type Deployment } from './program.js';
import type { LinkStats } from './session.js';

export interface DeployOptions {
  port: string;
  baudRate?: number;
  timeoutMs?: number;
  retries?: number;
  /** fpga target options (--weight-bits, --input-scale, ...). */
  targetOptions?: TargetOptions;
  onProgress?: (done: number, total: number) => void;
}

export interface DeployReport {
  port: string;
  device: DeviceInfo;
  blobBytes: number;
  /** The CRC-32 the blob carries in its last 4 bytes (its identity, README §5). */
  configCrc32: number;
  layers: number;
  inputs: number;
  outputs: number;
  uploadMs: number;
  link: LinkStats;
}

/** Upload a model; returns the open client (for runs) with what happened. */
export async function deployModel(
  model: IrModel,
  o: DeployOptions,
): Promise<{ client: DeviceClient; deployment: Deployment; report: DeployReport }> {
  const deployment = buildDeployment(model, o.targetOptions);
  const client = await DeviceClient.connect(o.port, o);
  try {
    // Start from a clean device whatever a cut link left behind, then upload.
    checkFits(deployment, client.info);
    const t0 = performance.now();
    await client.reset(1);
    const loaded = await client.upload(deployment.blob, o.onProgress);
    const report: DeployReport = {
      port: o.port,
      device: client.info,
      blobBytes: deployment.blob.length,
      configCrc32: new DataView(deployment.blob.buffer, deployment.blob.byteOffset).getUint32(
        deployment.blob.length - 4,
        true,
      ),
      layers: loaded.layers,
      inputs: loaded.inputs,
      outputs: loaded.outputs,
      uploadMs: performance.now() - t0,
      link: { ...client.stats },
    };
    return { client, deployment, report };
  } catch (err) {
    await client.close();
    throw err;
  }
}
