// Session failures as DynalignErrors (exit 2): each names the port, what happened and the fix.
import { DynalignError } from '../util/errors.js';
import {
  CONFIG_REASON,
  CONFIG_REASON_TEXT,
  ERROR_CODE,
  ERROR_TEXT,
  kindOf,
  PROTOCOL_VERSION,
} from './gen/messages.js';
import {
  DeviceErrorReply,
  LinkClosedError,
  LinkLostError,
  NotADeviceError,
  VersionMismatchError,
} from './session-errors.js';

const RETRY_FIX =
  'check the cable and that the device runs; the device keeps no half-done ' +
  'state, so running `dynalign deploy` again recovers it';

/** Turn an error thrown during a session into a DynalignError; others pass through. */
export function translateError(port: string, err: unknown, phase: 'hello' | 'session'): unknown {
  if (err instanceof DynalignError) return err;
  if (err instanceof LinkLostError) return linkLost(port, err, phase);
  if (err instanceof LinkClosedError) {
    return new DynalignError('E_LINK_CLOSED', 'the serial port closed during the session', {
      field: '--port',
      value: port,
      fix: RETRY_FIX,
      cause: err,
    });
  }
  if (err instanceof NotADeviceError) {
    return new DynalignError(
      'E_NOT_A_DEVICE',
      `the port does not speak the dynalign protocol: ${err.message}`,
      {
        field: '--port',
        value: port,
        fix: 'pass the serial port of the accelerator running the dynalign firmware',
        cause: err,
      },
    );
  }
  if (err instanceof VersionMismatchError) {
    return new DynalignError(
      'E_PROTOCOL_VERSION',
      `the device speaks protocol version ${err.deviceVersion}, ` +
        `this dynalign speaks ${PROTOCOL_VERSION}`,
      {
        field: '--port',
        value: port,
        fix:
          'flash firmware built from this dynalign (see firmware-bridge/README.md) or use the ' +
          `dynalign release that speaks protocol ${err.deviceVersion}`,
        cause: err,
      },
    );
  }
  if (err instanceof DeviceErrorReply) return deviceError(port, err);
  return err;
}

function linkLost(port: string, err: LinkLostError, phase: 'hello' | 'session'): DynalignError {
  const secs = (err.elapsedMs / 1000).toFixed(1);
  if (phase === 'hello') {
    return new DynalignError(
      'E_NO_DEVICE',
      `no dynalign device answered HELLO (${err.attempts} tries in ${secs} s)`,
      {
        field: '--port',
        value: port,
        fix:
          "check that this is the accelerator's serial port and that its firmware runs " +
          '(for the host build: `dynalign device serve --backend ref --link PATH`)',
        cause: err,
      },
    );
  }
  const how = err.silent ? 'the link went silent' : 'every reply arrived damaged';
  return new DynalignError(
    'E_LINK_LOST',
    `lost the link during ${err.request}: ${how} (${err.attempts} tries in ${secs} s)`,
    {
      field: '--port',
      value: port,
      fix: RETRY_FIX,
      cause: err,
    },
  );
}

function deviceError(port: string, e: DeviceErrorReply): DynalignError {
  const req = kindOf(e.request) ?? `0x${e.request.toString(16)}`;
  if (e.code === ERROR_CODE.TOO_LARGE) {
    return new DynalignError(
      'E_DEVICE_MEMORY',
      `the network (${e.arg0} bytes) is larger than the device memory (${e.arg1} bytes)`,
      {
        field: '--port',
        value: port,
        fix: 'use a smaller network or a board with more memory',
        cause: e,
      },
    );
  }
  if (e.code === ERROR_CODE.CONFIG) {
    const why = CONFIG_REASON_TEXT[e.arg0] ?? `reason ${e.arg0}`;
    const tooBig = [
      CONFIG_REASON.WMEM,
      CONFIG_REASON.NMEM,
      CONFIG_REASON.IMEM,
      CONFIG_REASON.LAYERS,
    ];
    return new DynalignError(
      tooBig.includes(e.arg0 as 7) ? 'E_DEVICE_MEMORY' : 'E_DEVICE_CONFIG',
      `the device rejected the configuration: ${why} (byte ${e.arg1})`,
      {
        field: '--port',
        value: port,
        fix: "recompile the model for this device's core (`dynalign device info`)",
        cause: e,
      },
    );
  }
  const text = ERROR_TEXT[e.code] ?? `code ${e.code}`;
  return new DynalignError(
    'E_DEVICE_ERROR',
    `the device refused ${req}: ${text} (${e.arg0}, ${e.arg1})`,
    {
      field: '--port',
      value: port,
      fix: 'this is a host/firmware mismatch or a firmware bug; report it with `--json` output',
      cause: e,
    },
  );
}
