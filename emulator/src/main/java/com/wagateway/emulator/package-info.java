/** A local WhatsApp server with virtual phones: the peer of end-to-end tests, load runs and phone-less trials. */
package com.wagateway.emulator;
