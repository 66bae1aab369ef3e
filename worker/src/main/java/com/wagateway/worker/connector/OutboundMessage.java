package com.wagateway.worker.connector;

import com.wagateway.worker.message.MessageType;

/**
 * One message to send. {@code to} is a JID ({@code <digits>@s.whatsapp.net} when the caller gave digits).
 * {@code mediaUrl}, {@code filename} and {@code caption} are null for text.
 */
public record OutboundMessage(String messageId, String to, MessageType type, String text, String mediaUrl,
                              String filename, String caption) {}
