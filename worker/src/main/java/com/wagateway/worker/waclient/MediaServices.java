package com.wagateway.worker.waclient;

import com.wagateway.worker.media.MediaObserver;

/** What the connector gives each session's client for media: sending (prepare + upload) and receiving (store). */
record MediaServices(MediaSender sender, MediaReception reception, MediaObserver observer) {}
