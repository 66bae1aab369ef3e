package com.wagateway.emulator.http;

import com.wagateway.emulator.protocol.ChatServer;
import com.wagateway.emulator.protocol.ClientConnection;
import com.wagateway.emulator.protocol.ConnectionRegistry;
import com.wagateway.emulator.protocol.DeviceRef;
import com.wagateway.emulator.protocol.HostileFrame;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The admin API's {@code /faults} (docs/emulator.md): connection refusals and drops, hostile frames, withheld or
 * refused acks, ciphertext tampering for a phone, and the media faults ({@link MediaAdmin}).
 */
final class FaultsAdmin {

    private final PhoneStore phones;
    private final ConnectionRegistry registry;
    private final ChatServer chat;
    private final Faults faults;
    private final RandomSource random;
    private final Messaging messaging;
    private final MediaAdmin media;

    FaultsAdmin(PhoneStore phones, ConnectionRegistry registry, ChatServer chat, Faults faults, RandomSource random,
                Messaging messaging, MediaAdmin media) {
        this.phones = phones;
        this.registry = registry;
        this.chat = chat;
        this.faults = faults;
        this.random = random;
        this.messaging = messaging;
        this.media = media;
    }

    /** {@code POST /faults}: arms what the body names; 400 for a malformed part, 404 for an unknown target. */
    ApiResponse post(JsonNode body) {
        try {
            return arm(body);
        } catch (BadRequest e) {
            return ApiResponse.error(400, e.getMessage());
        }
    }

    private ApiResponse arm(JsonNode body) throws BadRequest {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode refuse = body.get("refuseForSeconds");
        if (refuse != null && !refuse.isNull()) {
            if (!refuse.isNumber() || refuse.asDouble() < 0 || refuse.asDouble() > 86_400) {
                throw new BadRequest("refuseForSeconds must be a number 0..86400");
            }
            faults.refuseFor(Duration.ofMillis(Math.round(refuse.asDouble() * 1000)));
            out.put("refusingUntil", faults.refuseUntil().toString());
        }
        JsonNode drop = body.get("dropConnections");
        if (drop != null && drop.asBoolean(false)) {
            List<ClientConnection> all = registry.all();
            all.forEach(ClientConnection::abort);
            out.put("dropped", all.size());
        }
        String hostile = BadRequest.text(body, "hostile");
        if (hostile != null) {
            HostileFrame kind = HostileFrame.of(hostile).orElseThrow(() -> new BadRequest(
                    "hostile must be garbage-frame, undecodable-node, oversized-node or unexpected-stanza"));
            String deviceJid = BadRequest.text(body, "deviceJid");
            if (deviceJid == null) {
                throw new BadRequest("hostile needs deviceJid");
            }
            Jid jid = Jid.tryParse(deviceJid);
            String key = jid == null ? deviceJid : jid.user() + ":" + jid.device() + "@s.whatsapp.net";
            Optional<ClientConnection> target = registry.device(key);
            if (target.isEmpty() || !kind.sendTo(target.get(), random)) {
                return ApiResponse.error(404, "device " + deviceJid + " is not connected");
            }
            out.put("sent", kind.wireName());
            out.put("deviceJid", key);
        }
        JsonNode withhold = body.get("withholdAcks");
        if (withhold != null && !withhold.isNull()) {
            String deviceJid = BadRequest.text(withhold, "deviceJid");
            JsonNode count = withhold.get("count");
            JsonNode deliver = withhold.get("deliver");
            if (deviceJid == null || (count != null && (!count.isInt() || count.asInt() < 1 || count.asInt() > 10_000))
                    || (deliver != null && !deliver.isBoolean())) {
                throw new BadRequest("withholdAcks needs deviceJid, optional count 1..10000 and deliver true/false");
            }
            Optional<DeviceRef> device = companion(deviceJid);
            if (device.isEmpty()) {
                return ApiResponse.error(404, "no companion device " + deviceJid);
            }
            int n = count == null ? 1 : count.asInt();
            boolean route = deliver == null || deliver.asBoolean();
            chat.ackFaults().withhold(device.get(), n, route);
            out.put("withholdAcks", Map.of("deviceJid", deviceJid, "count", n, "deliver", route));
        }
        JsonNode nack = body.get("nackMessages");
        if (nack != null && !nack.isNull()) {
            String deviceJid = BadRequest.text(nack, "deviceJid");
            JsonNode count = nack.get("count");
            String error = BadRequest.text(nack, "error");
            if (deviceJid == null || error == null || !error.matches("[1-9][0-9]{2}")
                    || (count != null && (!count.isInt() || count.asInt() < 1 || count.asInt() > 10_000))) {
                throw new BadRequest("nackMessages needs deviceJid, error (a 3-digit code) and optional count 1..10000");
            }
            Optional<DeviceRef> device = companion(deviceJid);
            if (device.isEmpty()) {
                return ApiResponse.error(404, "no companion device " + deviceJid);
            }
            int n = count == null ? 1 : count.asInt();
            chat.ackFaults().nack(device.get(), n, error);
            out.put("nackMessages", Map.of("deviceJid", deviceJid, "count", n, "error", error));
        }
        JsonNode tamper = body.get("tamper");
        if (tamper != null && !tamper.isNull()) {
            Optional<ApiResponse> refused = messaging.tamper(tamper, out);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        for (String field : List.of("mediaExpire", "mediaTamper", "mediaUploadFailure")) {
            JsonNode spec = body.get(field);
            if (spec == null || spec.isNull()) {
                continue;
            }
            if (!spec.isObject()) {
                throw new BadRequest(field + " must be an object");
            }
            Optional<ApiResponse> refused = switch (field) {
                case "mediaExpire" -> media.expire(spec, out);
                case "mediaTamper" -> media.tamper(spec, out);
                default -> media.uploadFailure(spec, out);
            };
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        if (out.isEmpty()) {
            throw new BadRequest("give dropConnections, refuseForSeconds, hostile, withholdAcks, nackMessages, tamper, "
                    + "mediaExpire, mediaTamper and/or mediaUploadFailure");
        }
        return ApiResponse.ok(out);
    }

    /** A linked companion device (not a phone) by its PN or LID device JID. */
    private Optional<DeviceRef> companion(String deviceJid) {
        Jid jid = Jid.tryParse(deviceJid);
        String owner = jid == null ? null : Jid.LID.equals(jid.server())
                ? phones.byLid(jid.user()).map(PhoneRecord::phoneNumber).orElse(null) : jid.user();
        if (owner == null || jid.device() == 0
                || phones.get(owner).map(r -> r.device(jid.device()) == null).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(new DeviceRef(owner, jid.device()));
    }

    /** {@code GET /faults}. */
    Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("refusing", faults.refusing());
        out.put("refusingUntil", faults.refuseUntil().toString());
        out.put("media", media.faultState());
        return out;
    }
}
