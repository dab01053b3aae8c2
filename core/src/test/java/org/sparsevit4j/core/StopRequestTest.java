package org.sparsevit4j.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StopRequestTest {

    @Test
    void aRaisedRequestStopsTheNextPassAndTheWaiterSeesTheWorkUnwind() throws Exception {
        StopRequest stop = new StopRequest();
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                while (true) {
                    stop.check();
                    passes.incrementAndGet();
                    running.countDown();
                    Thread.sleep(5); // a pass
                }
            } catch (StopRequestedException | InterruptedException e) {
                // unwound between passes
            } finally {
                stop.workFinished();
            }
        });
        worker.start();
        running.await();
        assertTrue(stop.requestAndAwait(Duration.ofSeconds(30)), "the work did not unwind");
        worker.join(10_000);
        assertFalse(worker.isAlive(), "the worker kept running after the request");
        assertTrue(passes.get() >= 1);
        assertThrows(StopRequestedException.class, stop::check);
    }

    @Test
    void theWaitIsBoundedWhenTheWorkNeverEnds() throws Exception {
        StopRequest stop = new StopRequest();
        assertFalse(stop.requestAndAwait(Duration.ofMillis(50)));
        assertTrue(stop.requested());
    }

    @Test
    void withoutARequestCheckingIsFree() {
        StopRequest stop = new StopRequest();
        assertDoesNotThrow(stop::check);
        assertFalse(stop.requested());
    }
}
