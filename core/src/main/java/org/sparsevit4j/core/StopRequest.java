package org.sparsevit4j.core;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stop asked for from outside the process (SIGINT, SIGTERM), honoured between passes of the
 * model instead of in the middle of one.
 *
 * <p>Why: on a signal the JVM runs its shutdown hooks and then calls {@code exit()}, which runs
 * libtorch's C++ static destructors while the thread doing a pass is still inside libtorch. Its next
 * call into a destroyed object is a SIGSEGV: the crash log of 2026-11-28 ({@code
 * at::accelerator::getAccelerator}, reached from autograd's backward, whose hooks object the
 * destructors had freed) came from a demo stopped this way, and SIGTERM during {@code
 * train-supernet} reproduced it in 2 of 6 tries. So the process's shutdown hook raises this
 * request and waits until the work has left libtorch: every pass calls {@link #checkpoint()} as it
 * starts and unwinds with {@link StopRequestedException}, closing its native scopes while libtorch
 * is intact; the entry point reports {@link #workFinished()} and the hook lets the exit proceed.
 *
 * <p>One instance per process ({@link #PROCESS}); tests make their own.
 */
public final class StopRequest {

    /** The request that {@link #checkpoint()} looks at, raised by the command line's shutdown hook. */
    public static final StopRequest PROCESS = new StopRequest();

    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Throws {@link StopRequestedException} if a stop was asked for: called where a pass starts. */
    public static void checkpoint() {
        PROCESS.check();
    }

    /** Throws {@link StopRequestedException} if this request was raised. */
    public void check() {
        if (requested) {
            throw new StopRequestedException("stopped on request (SIGINT or SIGTERM) before the next pass");
        }
    }

    public boolean requested() {
        return requested;
    }

    /** Raises the request: every later {@link #check()} throws. */
    public void request() {
        requested = true;
    }

    /** The work has ended (normally or by unwinding): a waiting hook may let the process exit. */
    public void workFinished() {
        finished.countDown();
    }

    /**
     * Raises the request and waits until the work has finished or {@code patience} has passed.
     *
     * @return whether the work finished in time
     */
    public boolean requestAndAwait(Duration patience) throws InterruptedException {
        request();
        return finished.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Installs a JVM shutdown hook that, on a signal, raises the request, says so through
     * {@code say}, and holds the exit until the work has finished (at most {@code patience}: a pass
     * that never ends must not keep the process alive).
     */
    public void installShutdownHook(Duration patience, Consumer<String> say) {
        Thread hook = new Thread(() -> {
            if (finished.getCount() == 0) {
                return; // an ordinary exit: the work is over, nothing is in flight
            }
            say.accept("sparsevit: stopping after the current pass (at most " + patience.toSeconds()
                    + " s); what was saved can be resumed with --resume");
            try {
                if (!requestAndAwait(patience)) {
                    say.accept("sparsevit: the current pass did not end within " + patience.toSeconds() + " s; exiting");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sparsevit-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }
}
