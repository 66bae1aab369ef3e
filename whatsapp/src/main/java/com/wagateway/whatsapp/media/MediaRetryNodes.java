package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MediaRetryProtos.MediaRetryNotification;
import java.util.List;

/**
 * The media-retry stanzas. Request (Baileys {@code encryptMediaRetryRequest}):
 * {@code <receipt id to=<own user> type="server-error"><encrypt><enc_p/><enc_iv/></encrypt><rmr jid from_me
 * [participant]/></receipt>}. Answer (Baileys {@code decodeMediaRetryNode}): {@code <notification type="mediaretry"
 * id><rmr …/>} with either {@code <encrypt><enc_p/><enc_iv/></encrypt>} or {@code <error code/>}.
 */
public final class MediaRetryNodes {

    private MediaRetryNodes() {
    }

    /**
     * @param me          the own account (any device form; normalized to the user here)
     * @param chat        the message's chat
     * @param participant the sender in a group, else null
     */
    public static Node request(String messageId, byte[] mediaKey, byte[] iv, Jid me, Jid chat, boolean fromMe,
                               Jid participant) {
        byte[] sealed = MediaRetryCrypto.encryptRequest(messageId, mediaKey, iv);
        Attributes.Builder rmr = Attributes.builder().put("jid", chat.toString())
                .put("from_me", Boolean.toString(fromMe));
        if (participant != null) {
            rmr.put("participant", participant.toString());
        }
        return Node.of("receipt", Attributes.of("id", messageId, "to", me.toNormalizedUser().toString(),
                "type", "server-error"), List.of(
                Node.of("encrypt", Attributes.empty(), List.of(
                        Node.of("enc_p", Attributes.empty(), sealed),
                        Node.of("enc_iv", Attributes.empty(), iv))),
                Node.of("rmr", rmr.build())));
    }

    /**
     * The new direct path from a {@code mediaretry} notification.
     *
     * @throws MediaTransferException ({@link MediaTransferException.Reason#RETRY_FAILED}) for an {@code <error>}
     *                                answer, a missing ciphertext, one that does not decrypt, or a result other than
     *                                SUCCESS
     */
    public static String directPath(Node notification, byte[] mediaKey) throws MediaTransferException {
        String id = notification.attr("id");
        Node error = notification.child("error");
        if (error != null) {
            throw new MediaTransferException(MediaTransferException.Reason.RETRY_FAILED,
                    "phone could not re-upload the media (error " + error.attr("code") + ")");
        }
        Node encrypt = notification.child("encrypt");
        Node encP = encrypt == null ? null : encrypt.child("enc_p");
        Node encIv = encrypt == null ? null : encrypt.child("enc_iv");
        byte[] ciphertext = encP == null ? null : encP.contentBytes();
        byte[] iv = encIv == null ? null : encIv.contentBytes();
        if (id == null || ciphertext == null || iv == null) {
            throw new MediaTransferException(MediaTransferException.Reason.RETRY_FAILED,
                    "media-retry answer without ciphertext");
        }
        MediaRetryNotification answer = MediaRetryCrypto.decryptNotification(ciphertext, iv, mediaKey, id);
        if (answer.getResult() != MediaRetryNotification.ResultType.SUCCESS) {
            throw new MediaTransferException(MediaTransferException.Reason.RETRY_FAILED,
                    "phone could not re-upload the media (" + answer.getResult() + ")");
        }
        if (!answer.hasDirectPath() || !answer.getDirectPath().startsWith("/")) {
            throw new MediaTransferException(MediaTransferException.Reason.RETRY_FAILED,
                    "media-retry answer has no direct path");
        }
        return answer.getDirectPath();
    }
}
