/**
 * The server side of the protocol and the virtual phone: handshake outcome (registration or login),
 * pairing by QR and by code, the IQs after login, stream errors, hostile frames.
 */
package com.wagateway.emulator.protocol;
