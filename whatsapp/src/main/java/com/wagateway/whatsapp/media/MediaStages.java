package com.wagateway.whatsapp.media;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hands a transfer's blocking steps to the media executor. That executor's queue is bounded
 * ({@code MediaExecutor.bounded}): when it refuses a step the transfer fails as
 * {@link MediaTransferException.Reason#TOO_BUSY} and whatever the step would have consumed (an open response body,
 * a blob file) is released at once instead of leaking with the dropped task.
 */
final class MediaStages {

    private MediaStages() {
    }

    static <R> CompletableFuture<R> supply(Supplier<R> step, Executor executor) {
        try {
            return CompletableFuture.supplyAsync(step, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(tooBusy());
        }
    }

    /** {@code step(value)} on the executor; if it refuses, {@code discard(value)} and TOO_BUSY. */
    static <T, R> CompletableFuture<R> apply(T value, Function<T, R> step, Consumer<T> discard, Executor executor) {
        try {
            return CompletableFuture.supplyAsync(() -> step.apply(value), executor);
        } catch (RejectedExecutionException e) {
            discard.accept(value);
            return CompletableFuture.failedFuture(tooBusy());
        }
    }

    static MediaTransferException tooBusy() {
        return new MediaTransferException(MediaTransferException.Reason.TOO_BUSY,
                "too many media transfers at once: the media executor's queue is full");
    }
}
