/** The virtual phones: device 0 of every account, real Signal devices running in-process. */
package com.wagateway.emulator.phone;
