package com.wagateway.worker.media.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaExtensionsTest {

    @Test
    void knownTypesAliasesAndParametersGetTheirExtensionOthersBin() {
        assertThat(MediaExtensions.forMimetype("image/jpeg")).isEqualTo("jpg");
        assertThat(MediaExtensions.forMimetype("image/JPG")).isEqualTo("jpg");
        assertThat(MediaExtensions.forMimetype("audio/ogg; codecs=opus")).isEqualTo("ogg");
        assertThat(MediaExtensions.forMimetype("video/mp4")).isEqualTo("mp4");
        assertThat(MediaExtensions.forMimetype("application/pdf")).isEqualTo("pdf");
        assertThat(MediaExtensions.forMimetype("application/x-unknown")).isEqualTo("bin");
        assertThat(MediaExtensions.forMimetype(null)).isEqualTo("bin");
    }
}
