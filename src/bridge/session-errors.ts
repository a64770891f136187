// What can go wrong in a session, as plain errors; the client turns them into DynalignErrors
// that name the port and the fix.
import type { MessageKind } from './gen/messages.js';

/** No valid reply after the allowed resends. */
export class LinkLostError extends Error {
  constructor(
    readonly request: MessageKind,
    readonly attempts: number,
    readonly elapsedMs: number,
    /** True when the link went silent; false when every reply arrived damaged. */
    readonly silent: boolean,
  ) {
    super(
      `no valid reply to ${request} after ${attempts} tries in ${(elapsedMs / 1000).toFixed(1)} s`,
    );
  }
}

/** The port closed under us (device unplugged, pty gone). */
export class LinkClosedError extends Error {
  constructor() {
    super('the serial port closed');
  }
}

/** The other end answered, but not as a dynalign device does. */
export class NotADeviceError extends Error {
  constructor(readonly why: string) {
    super(why === 'echo' ? 'the port echoes our frames back' : why);
  }
}

/** The device speaks another protocol version. */
export class VersionMismatchError extends Error {
  constructor(readonly deviceVersion: number) {
    super(`device speaks protocol version ${deviceVersion}`);
  }
}

/** The device answered with ERROR. */
export class DeviceErrorReply extends Error {
  constructor(
    readonly code: number,
    readonly request: number,
    readonly arg0: number,
    readonly arg1: number,
  ) {
    super(`device error ${code} on request 0x${request.toString(16)} (${arg0}, ${arg1})`);
  }
}

/** A request kept arriving damaged: the caller should resend less data per frame. */
export class ShrinkSignal extends Error {
  constructor() {
    super('frames keep arriving damaged; use a smaller payload');
  }
}
