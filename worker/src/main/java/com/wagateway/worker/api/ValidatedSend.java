package com.wagateway.worker.api;

import com.wagateway.worker.command.SendMessage.MediaRef;
import com.wagateway.worker.message.MessageType;

/** A send request that passed every rule, in the form the {@code SendMessage} command needs. */
record ValidatedSend(String to, MessageType type, String text, MediaRef media) {}
