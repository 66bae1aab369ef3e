package com.wagateway.emulator.http;

import com.wagateway.emulator.phone.MediaSend;
import com.wagateway.emulator.phone.PhoneOfflineException;
import com.wagateway.whatsapp.crypto.MediaType;
import java.util.Base64;
import com.wagateway.emulator.phone.VirtualPhones;
import com.wagateway.emulator.protocol.DeviceRef;
import com.wagateway.emulator.protocol.Directory;
import com.wagateway.emulator.store.GroupRecord;
import com.wagateway.emulator.store.GroupStore;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.whatsapp.jid.Jid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The admin API's messaging endpoints (docs/emulator.md): phones send and read, groups are created. */
public final class Messaging {

    private static final int MAX_TEXT = 65_536;

    private final VirtualPhones phones;
    private final GroupStore groups;
    private final Directory directory;
    private final PhoneStore store;
    private final long maxMediaBytes;

    public Messaging(VirtualPhones phones, GroupStore groups, Directory directory, PhoneStore store,
                     long maxMediaBytes) {
        this.maxMediaBytes = maxMediaBytes;
        this.phones = phones;
        this.groups = groups;
        this.directory = directory;
        this.store = store;
    }

    /**
     * {@code POST /phones/{number}/messages {"to","text"}} or, for media, {@code {"to","type","base64","mimetype",
     * "fileName","caption","ptt"}} → {@code {"id"}}.
     */
    ApiResponse send(String number, JsonNode body) {
        if (store.get(number).isEmpty()) {
            return ApiResponse.error(404, "no phone " + number);
        }
        String type = string(body, "type");
        if (type != null && !type.equals("text")) {
            return sendMedia(number, type, body);
        }
        String to = string(body, "to");
        String text = string(body, "text");
        if (to == null || text == null || to.isBlank()) {
            return ApiResponse.error(400, "to and text are required strings");
        }
        if (text.length() > MAX_TEXT) {
            return ApiResponse.error(400, "text is longer than " + MAX_TEXT + " characters");
        }
        try {
            String id = phones.sendText(number, to.startsWith("+") ? to.substring(1) : to, text);
            return ApiResponse.ok(Map.of("id", id));
        } catch (PhoneOfflineException e) {
            return ApiResponse.error(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(404, e.getMessage());
        }
    }

    private ApiResponse sendMedia(String number, String type, JsonNode body) {
        MediaType mediaType = switch (type) {
            case "image" -> MediaType.IMAGE;
            case "video" -> MediaType.VIDEO;
            case "audio" -> MediaType.AUDIO;
            case "document" -> MediaType.DOCUMENT;
            default -> null;
        };
        String to = string(body, "to");
        String base64 = string(body, "base64");
        if (mediaType == null) {
            return ApiResponse.error(400, "type must be text, image, video, audio or document");
        }
        if (to == null || to.isBlank() || base64 == null) {
            return ApiResponse.error(400, "to and base64 are required strings");
        }
        byte[] plaintext;
        try {
            plaintext = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(400, "base64 is not base64: " + e.getMessage());
        }
        if (plaintext.length == 0 || plaintext.length > maxMediaBytes) {
            return ApiResponse.error(400, "the file must be 1.." + maxMediaBytes + " bytes");
        }
        String mimetype = string(body, "mimetype");
        String caption = string(body, "caption");
        JsonNode ptt = body.get("ptt");
        MediaSend request = new MediaSend(mediaType, plaintext,
                mimetype == null || mimetype.isBlank() ? MediaSend.defaultMimetype(mediaType) : mimetype,
                mediaType == MediaType.DOCUMENT ? string(body, "fileName") : null,
                mediaType == MediaType.AUDIO ? null : caption, ptt != null && ptt.asBoolean(false));
        try {
            String id = phones.sendMedia(number, to.startsWith("+") ? to.substring(1) : to, request);
            return ApiResponse.ok(Map.of("id", id));
        } catch (PhoneOfflineException e) {
            return ApiResponse.error(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(404, e.getMessage());
        }
    }

    /** {@code GET /phones/{number}/messages}. */
    ApiResponse messages(String number) {
        if (store.get(number).isEmpty()) {
            return ApiResponse.error(404, "no phone " + number);
        }
        return ApiResponse.ok(phones.messages(number));
    }

    /** {@code POST /phones/{number}/read {"messageIds":[…]}} → {@code {"read":[…]}} (the ids it knew). */
    ApiResponse read(String number, JsonNode body) {
        if (store.get(number).isEmpty()) {
            return ApiResponse.error(404, "no phone " + number);
        }
        JsonNode ids = body.get("messageIds");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return ApiResponse.error(400, "messageIds must be a non-empty array of strings");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isString()) {
                return ApiResponse.error(400, "messageIds must be strings");
            }
            list.add(id.asString());
        }
        try {
            return ApiResponse.ok(Map.of("read", phones.read(number, list)));
        } catch (PhoneOfflineException e) {
            return ApiResponse.error(409, e.getMessage());
        }
    }

    /**
     * {@code POST /phones/{number}/offline} and {@code …/online}: while offline the phone's stanzas are held in
     * its queue and it sends nothing; back online it processes them in order before this answers.
     */
    ApiResponse presence(String number, boolean online) {
        if (store.get(number).isEmpty()) {
            return ApiResponse.error(404, "no phone " + number);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phoneNumber", number);
        if (online) {
            int delivered = phones.online(number);
            out.put("online", true);
            out.put("delivered", delivered);
        } else {
            phones.offline(number);
            out.put("online", false);
        }
        return ApiResponse.ok(out);
    }

    /** For the phone's JSON: whether it is online. */
    boolean online(String number) {
        return phones.isOnline(number);
    }

    /** {@code POST /groups {"subject","participants":[numbers]}} → 201 with the group. */
    ApiResponse createGroup(JsonNode body) {
        String subject = string(body, "subject");
        JsonNode participants = body.get("participants");
        if (subject == null || subject.isBlank() || participants == null || !participants.isArray()
                || participants.isEmpty()) {
            return ApiResponse.error(400, "subject and a non-empty participants array are required");
        }
        LinkedHashSet<String> members = new LinkedHashSet<>();
        for (JsonNode p : participants) {
            String value = p.isString() ? p.asString() : null;
            if (value == null) {
                return ApiResponse.error(400, "participants are phone numbers (strings)");
            }
            Jid jid = value.contains("@") ? Jid.tryParse(value) : Jid.tryParse((value.startsWith("+")
                    ? value.substring(1) : value) + "@s.whatsapp.net");
            Optional<String> number = directory.account(jid).map(r -> r.phoneNumber());
            if (number.isEmpty()) {
                return ApiResponse.error(404, "no phone " + value);
            }
            members.add(number.get());
        }
        List<String> list = List.copyOf(members);
        GroupRecord group = groups.create(subject, list.getFirst(), list);
        return new ApiResponse(201, groupJson(group));
    }

    ApiResponse group(String jid) {
        Jid parsed = Jid.tryParse(jid.contains("@") ? jid : jid + "@g.us");
        return (parsed == null ? Optional.<GroupRecord>empty() : groups.get(parsed.user()))
                .map(g -> ApiResponse.ok(groupJson(g)))
                .orElseGet(() -> ApiResponse.error(404, "no group " + jid));
    }

    /** {@code POST /faults {"tamper":{"phone","deviceJid"}}}: corrupts the phone's next ciphertext to that device. */
    Optional<ApiResponse> tamper(JsonNode tamper, Map<String, Object> out) {
        String phone = string(tamper, "phone");
        String deviceJid = string(tamper, "deviceJid");
        if (phone == null || deviceJid == null) {
            return Optional.of(ApiResponse.error(400, "tamper needs phone and deviceJid"));
        }
        if (store.get(phone).isEmpty()) {
            return Optional.of(ApiResponse.error(404, "no phone " + phone));
        }
        Optional<DeviceRef> device = directory.device(Jid.tryParse(deviceJid));
        if (device.isEmpty()) {
            return Optional.of(ApiResponse.error(404, "no device " + deviceJid));
        }
        phones.tampering().arm(phone, device.get());
        out.put("tamper", Map.of("phone", phone, "deviceJid", directory.jid(device.get(), false).toString()));
        return Optional.empty();
    }

    private Map<String, Object> groupJson(GroupRecord group) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jid", group.jid());
        out.put("subject", group.subject());
        out.put("creator", directory.userJid(group.creator(), false).toString());
        out.put("creation", group.creation().getEpochSecond());
        List<Map<String, String>> participants = new ArrayList<>();
        for (String member : group.members()) {
            participants.add(Map.of("jid", directory.userJid(member, false).toString(),
                    "lid", directory.userJid(member, true).toString()));
        }
        out.put("participants", participants);
        return out;
    }

    private static String string(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
