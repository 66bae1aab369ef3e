package com.wagateway.worker.waclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientRuntimeResourcesTest {

    @Test
    void clientWorkRunsOnItsOwnPoolSoBlockedTasksDoNotStallTheTimers() throws Exception {
        try (ClientRuntimeResources resources = new ClientRuntimeResources(2, 8)) {
            assertThat(resources.runtime().tasks()).isNotSameAs(resources.runtime().scheduler());
            // eight tasks blocked at once (as eight sessions waiting on fsync): all run, and a timer still fires
            CountDownLatch allStarted = new CountDownLatch(8);
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                resources.runtime().tasks().execute(() -> {
                    allStarted.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(allStarted.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> timer = new CompletableFuture<>();
            resources.runtime().scheduler().schedule(() -> timer.complete(Thread.currentThread().getName()), 10,
                    TimeUnit.MILLISECONDS);
            assertThat(timer.get(5, TimeUnit.SECONDS)).startsWith("wa-client-timer-");
            release.countDown();
            CompletableFuture<String> task = new CompletableFuture<>();
            resources.runtime().tasks().execute(() -> task.complete(Thread.currentThread().getName()));
            assertThat(task.get(5, TimeUnit.SECONDS)).startsWith("wa-client-task-");
        }
    }

    @Test
    void zeroTaskThreadsRunsTheClientWorkOnTheTimerThreadsAsBefore() {
        try (ClientRuntimeResources resources = new ClientRuntimeResources(2, 0)) {
            assertThat(resources.runtime().tasks()).isSameAs(resources.runtime().scheduler());
        }
    }
}
