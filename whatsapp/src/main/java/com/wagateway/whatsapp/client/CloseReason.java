package com.wagateway.whatsapp.client;

/**
 * Why a connection ended: the action to take, the status code as WhatsApp clients know it (Baileys'
 * DisconnectReason numbers where one exists, 0 otherwise) and a sentence safe to show users and logs.
 */
public record CloseReason(CloseAction action, int code, String description) {}
