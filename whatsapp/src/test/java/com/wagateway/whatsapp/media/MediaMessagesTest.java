package com.wagateway.whatsapp.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import org.junit.jupiter.api.Test;

class MediaMessagesTest {

    private static final byte[] KEY = new byte[32];
    private static final MediaHashes HASHES = new MediaHashes(new byte[] {1, 2}, new byte[] {3, 4}, 1234, 1250);

    private static UploadedMedia uploaded(MediaType type) {
        KEY[0] = 7;
        return new UploadedMedia(type, "https://mmg.example/v/x", "/v/t62/x?ccb=1", KEY, HASHES, 1_700_000_000L);
    }

    @Test
    void anImageCarriesEveryFieldTheReferenceSetsAndReadsBack() {
        Message m = MediaMessages.image(uploaded(MediaType.IMAGE), "image/jpeg", "look", 640, 480, new byte[] {9});
        var image = m.getImageMessage();
        assertThat(image.getUrl()).isEqualTo("https://mmg.example/v/x");
        assertThat(image.getDirectPath()).isEqualTo("/v/t62/x?ccb=1");
        assertThat(image.getMimetype()).isEqualTo("image/jpeg");
        assertThat(image.getFileSha256().toByteArray()).containsExactly(1, 2);
        assertThat(image.getFileEncSha256().toByteArray()).containsExactly(3, 4);
        assertThat(image.getFileLength()).isEqualTo(1234);
        assertThat(image.getMediaKey().byteAt(0)).isEqualTo((byte) 7);
        assertThat(image.getMediaKeyTimestamp()).isEqualTo(1_700_000_000L);
        assertThat(image.getCaption()).isEqualTo("look");
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        assertThat(image.getJpegThumbnail().toByteArray()).containsExactly(9);

        MediaInfo info = MediaMessages.read(m);
        assertThat(info.type()).isEqualTo(MediaType.IMAGE);
        assertThat(info.width()).isEqualTo(640);
        assertThat(info.caption()).isEqualTo("look");
        assertThat(info.fileLength()).isEqualTo(1234);
        assertThat(info.fileSha256()).containsExactly(1, 2);
    }

    @Test
    void videoAudioAndDocumentCarryTheirOwnFields() {
        var video = MediaMessages.video(uploaded(MediaType.VIDEO), "video/mp4", null, 12, 320, 240, null)
                .getVideoMessage();
        assertThat(video.getSeconds()).isEqualTo(12);
        assertThat(video.getWidth()).isEqualTo(320);
        assertThat(video.hasCaption()).isFalse();
        assertThat(video.hasJpegThumbnail()).isFalse();
        assertThat(video.getFileEncSha256().toByteArray()).containsExactly(3, 4);

        Message voice = MediaMessages.audio(uploaded(MediaType.AUDIO), "audio/ogg; codecs=opus", 3, true);
        assertThat(voice.getAudioMessage().getPtt()).isTrue();
        assertThat(voice.getAudioMessage().getSeconds()).isEqualTo(3);
        assertThat(voice.getAudioMessage().getDirectPath()).isEqualTo("/v/t62/x?ccb=1");
        assertThat(MediaMessages.read(voice).ptt()).isTrue();

        Message doc = MediaMessages.document(uploaded(MediaType.DOCUMENT), "application/pdf", "report.pdf", "Q3");
        assertThat(doc.getDocumentMessage().getFileName()).isEqualTo("report.pdf");
        assertThat(doc.getDocumentMessage().getCaption()).isEqualTo("Q3");
        assertThat(doc.getDocumentMessage().getMediaKeyTimestamp()).isEqualTo(1_700_000_000L);
        MediaInfo info = MediaMessages.read(doc);
        assertThat(info.type()).isEqualTo(MediaType.DOCUMENT);
        assertThat(info.fileName()).isEqualTo("report.pdf");
        assertThat(info.mimetype()).isEqualTo("application/pdf");
    }

    @Test
    void aMessageWithoutMediaOrWithoutAKeyHasNoMediaPart() {
        assertThat(MediaMessages.read(Message.newBuilder().setConversation("hi").build())).isNull();
        assertThat(MediaMessages.read(Message.newBuilder()
                .setImageMessage(Message.ImageMessage.newBuilder().setUrl("https://x")).build())).isNull();
    }
}
