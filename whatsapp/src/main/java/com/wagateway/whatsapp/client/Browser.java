package com.wagateway.whatsapp.client;

/** How the companion presents itself (Baileys' {@code browser} triple, fact sheet §4.2, §6). */
public record Browser(String os, String name, String osVersion) {

    /** Baileys 7.x default: {@code Browsers.macOS('Chrome')}. */
    public static final Browser DEFAULT = new Browser("Mac OS", "Chrome", "14.4.1");
}
