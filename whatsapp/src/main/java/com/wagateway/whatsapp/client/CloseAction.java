package com.wagateway.whatsapp.client;

/** What the client does after a connection ended, by {@link CloseReason}. One row each; see {@code CloseReasons}. */
public enum CloseAction {
    /** Restart required after pairing (515): reconnect at once with the login payload, not a drop. */
    RESTART,
    /** Connection lost, closed or timed out, server unavailable: reconnect with backoff. */
    RECONNECT,
    /** The device link is gone (device_removed, login refused 401): credentials are worthless, no reconnect. */
    LOGGED_OUT,
    /** Another connection took this device over (conflict/replaced): stop, no reconnect loop. */
    REPLACED,
    /** The server refused the announced client version (405 / outdated): keep credentials, retry slowly. */
    CLIENT_OUTDATED,
    /** Every pairing ref expired unscanned: stop; a new start shows fresh QRs. */
    QR_EXPIRED,
    /** Stopped by the application (disconnect, logout): nothing more happens. */
    CLOSED_BY_CLIENT,
    /** Cannot work and retrying will not help (bad server certificate, banned, corrupt credentials). */
    FATAL
}
