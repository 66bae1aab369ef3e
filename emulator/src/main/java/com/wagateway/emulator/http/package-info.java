/** Jetty core hosting: the {@code /ws/chat} WebSocket and the admin JSON API on one port, and fault state. */
package com.wagateway.emulator.http;
