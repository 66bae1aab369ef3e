/** The emulator's persistent state: server keys, phones and devices, pre-keys, offline queues, as atomic JSON files. */
package com.wagateway.emulator.store;
