package com.wagateway.whatsapp.jid;

/** What a JID addresses, decided by its server and user (fact sheet §5.7, §10.0). */
public enum JidKind {
    /** {@code @s.whatsapp.net} with no user: the server itself. */
    SERVER,
    /** A phone-number user or one of its devices ({@code s.whatsapp.net}, legacy {@code c.us}). */
    PHONE_USER,
    /** A LID identity or device ({@code lid}). */
    LID_USER,
    /** A hosted (Cloud API) phone-number device ({@code hosted}). */
    HOSTED_USER,
    /** A hosted LID device ({@code hosted.lid}). */
    HOSTED_LID_USER,
    GROUP,
    /** {@code status@broadcast}, the stories list. */
    STATUS_BROADCAST,
    BROADCAST,
    NEWSLETTER,
    CALL,
    BOT,
    /** A Messenger user ({@code msgr}, wire form FB_JID). */
    MESSENGER,
    /** An interop user ({@code interop}, wire form INTEROP_JID, user {@code integrator-user}). */
    INTEROP,
    /** Any other server. */
    OTHER
}
